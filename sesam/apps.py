from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SesamConfig(AppConfig):
    name = "sesam"
    verbose_name = _("Sesam")
