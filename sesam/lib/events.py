"""The one shape of a status change (who, when, from, to, a note), shared by the orders',
activities', pickup orders' and charges' histories. Each app's event subclasses it with the
foreign key to what moved and names the status enums its labels come from; the allowed moves
sit beside each status enum (`TRANSITIONS`) and are read by the service that moves it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusEvent(models.Model):
    from_status = models.CharField(_("från"), max_length=20, blank=True)
    to_status = models.CharField(_("till"), max_length=20)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    # None for the system (the nightly billing run, a scale loader).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("av"),
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    # The status enums (TextChoices) whose Swedish labels the history shows, first match wins.
    statuses: tuple = ()

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.from_label or '–'} → {self.to_label}"

    @classmethod
    def status_label(cls, value: str) -> str:
        """The Swedish label of a status value (the history shows labels, never values)."""
        for choices in cls.statuses:
            if value in choices.values:
                return choices(value).label
        return value

    @property
    def from_label(self) -> str:
        return self.status_label(self.from_status) if self.from_status else ""

    @property
    def to_label(self) -> str:
        return self.status_label(self.to_status)
