from django.contrib.auth.backends import ModelBackend, UserModel

from sesam import frame
from sesam.lib.precompiled import Precompiled

# Building the frame's subqueries costs more than running them (about 1.6 ms against 0.5 ms).
_USER_WITH_FRAME = Precompiled(
    lambda pk: UserModel._default_manager.annotate(**frame.annotations()).filter(pk=pk)
)


class FrameBackend(ModelBackend):
    """Django's ModelBackend whose `get_user` (once a request, for `request.user`) also
    reads the top bar's counts (sesam.frame) in the same query."""

    def get_user(self, user_id):
        found = _USER_WITH_FRAME.run(UserModel._meta.pk.to_python(user_id))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
