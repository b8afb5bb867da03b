from django.contrib.auth.backends import ModelBackend, UserModel

from sesam import frame


class FrameBackend(ModelBackend):
    """Django's ModelBackend whose `get_user` (once a request, for `request.user`) also
    reads the top bar's counts (sesam.frame) in the same query."""

    def get_user(self, user_id):
        user = UserModel._default_manager.annotate(**frame.annotations()).filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
