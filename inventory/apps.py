from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = _("Artiklar och lager")

    def ready(self):
        from inventory.help import HELP
        from inventory.views import stocktake_todo
        from sesam import help as sesam_help
        from sesam import pages

        sesam_help.HELP.update(HELP)
        pages.register_todo(stocktake_todo)
