from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesamConfig(AppConfig):
    name = "sesam"
    verbose_name = _("Sesam")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sesam.middleware import stamp_session_at_login

        user_logged_in.connect(stamp_session_at_login, dispatch_uid="sesam_session_stamp")

        from sesam import frame
        from sesam.selectors import has_service_location_expression, unread_count_expression

        frame.register("unread_count", unread_count_expression)
        frame.register("has_service_location", has_service_location_expression)
