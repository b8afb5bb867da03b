from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = _("Artiklar och lager")

    def ready(self):
        from inventory.help import HELP
        from inventory.rights import user_rights_expression
        from inventory.selectors import article_columns_expression, product_area_ids_expression
        from inventory.tiles import below_minimum_tile
        from inventory.views import stocktake_todo
        from sesam import frame, pages, tiles
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
        pages.register_todo(stocktake_todo)
        tiles.register_tile(below_minimum_tile)  # BEY-10
        frame.register("prescribing_rights", user_rights_expression)  # BEY-1
        # Sök artikel's per-user lookups, read with the user (QUA-D540)
        frame.register("article_column_keys", article_columns_expression)  # ART-5
        frame.register("product_area_ids", product_area_ids_expression)  # ART-1
