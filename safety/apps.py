from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    """Patient safety (BEY-5 recalls, BEY-9 deviations, BEY-14 register events): the top of
    the import order; the lower apps learn of it only through their registries."""

    name = "safety"
    verbose_name = _("Patientsäkerhet")

    def ready(self):
        from safety.help import HELP
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
