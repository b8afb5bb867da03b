from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesamConfig(AppConfig):
    name = "sesam"
    verbose_name = _("Sesam")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sesam import checks  # noqa: F401  (registers the sign-in checks)
        from sesam.middleware import record_password_sign_in, stamp_session_at_login

        user_logged_in.connect(stamp_session_at_login, dispatch_uid="sesam_session_stamp")
        user_logged_in.connect(record_password_sign_in, dispatch_uid="sesam_sign_in_method")

        from sesam import frame
        from sesam.selectors import has_service_location_expression, unread_count_expression

        frame.register("unread_count", unread_count_expression)
        frame.register("has_service_location", has_service_location_expression)
