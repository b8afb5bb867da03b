from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = _("Artiklar och lager")

    def ready(self):
        from inventory.help import HELP
        from inventory.rights import user_rights_expression
        from inventory.tiles import below_minimum_tile
        from inventory.views import stocktake_todo
        from sesam import frame, pages, tiles
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
        pages.register_todo(stocktake_todo)
        tiles.register_tile(below_minimum_tile)  # BEY-10
        frame.register("prescribing_rights", user_rights_expression)  # BEY-1
