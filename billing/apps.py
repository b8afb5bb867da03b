from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Fakturering")

    def ready(self):
        from billing.tiles import charges_tile
        from sesam import tiles

        tiles.register_tile(charges_tile)  # BEY-10
