from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = _("Artiklar och lager")

    def ready(self):
        from inventory.help import HELP
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
