"""Articles, suppliers, the ISO catalogue, warehouses, stock and individuals."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sesam.models import ServiceLocation


class Warehouse(models.Model):
    """A stock location (lager/förråd). 70 is central, 750 the purchasing pseudo-warehouse."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Centrallager")
        PURCHASING = "purchasing", _("Inköpslager")
        LOCAL = "local", _("Eget förråd")
        INVESTIGATION = "investigation", _("Utredningslager")

    number = models.CharField(_("nummer"), max_length=10, unique=True)
    name = models.CharField(_("namn"), max_length=120)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    shows_balance = models.BooleanField(
        _("visar saldo"), default=True, help_text=_("750 visar aldrig saldo (ART-4).")
    )
    service_location = models.OneToOneField(
        ServiceLocation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="warehouse",
        verbose_name=_("tjänsteställe"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("lager")
        verbose_name_plural = _("lager")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="local", service_location__isnull=False)
                | (~Q(kind="local") & Q(service_location__isnull=True)),
                name="inventory_warehouse_local_has_location",
            ),
            models.CheckConstraint(
                condition=~Q(kind="purchasing") | Q(shows_balance=False),
                name="inventory_warehouse_purchasing_hides_balance",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"
