from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Beställningar")

    def ready(self):
        from orders.help import HELP
        from orders.selectors import CART_ANNOTATIONS
        from orders.tiles import unreceived_tile
        from orders.views.my_orders import my_orders_tab, receive_todo
        from sesam import frame, pages, tiles
        from sesam import help as sesam_help

        sesam_help.HELP.update(HELP)
        pages.register_tab("orders", my_orders_tab)
        pages.register_todo(receive_todo)
        tiles.register_tile(unreceived_tile)  # BEY-10
        for name, expression in CART_ANNOTATIONS.items():
            frame.register(name, expression)
