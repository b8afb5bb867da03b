"""Patient safety (BEY-5, BEY-9, BEY-14): recalls traced to individuals, patients and units;
deviation reports; population-register events. Numbers come from a series of their own
(`SafetyNumberSeries`), never the orders' weekly one."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inventory.models import Article, Individual
from sesam.models import User


class SafetyNumberSeries(models.Model):
    """The running numbers of recalls (key "AK" + YY) and deviations ("AV" + YY): numbers such
    as AK26-0001 (safety.services.numbers; BEY-D220). Letters first, so never one of the
    8-digit order/invoice numbers."""

    key = models.CharField(max_length=4, primary_key=True)
    last = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("nummerserie (patientsäkerhet)")
        verbose_name_plural = _("nummerserier (patientsäkerhet)")
        constraints = [
            models.CheckConstraint(
                condition=Q(last__gte=1, last__lte=9999),
                name="safety_safetynumberseries_four_digits",
            ),
        ]

    def __str__(self):
        return f"{self.key}: {self.last}"


class StatusEventFields(models.Model):
    """The fields of the house's coming abstract `sesam.StatusEvent`, so the safety events can
    subclass it later without a data migration: who, when, from, to, a note."""

    from_status = models.CharField(_("från"), max_length=20, blank=True)
    to_status = models.CharField(_("till"), max_length=20)
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class Recall(models.Model):
    """Återkallelse (BEY-5): an article's serial numbers (a list, ranges, lots) traced to every
    individual; the matches are kept as `RecallItem` rows, so the list, its export, the letters
    and the units' messages all read the same set."""

    class Status(models.TextChoices):
        OPEN = "open", _("Pågående")
        CLOSED = "closed", _("Avslutad")

    TRANSITIONS = {
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    number = models.CharField(_("återkallelsenummer"), max_length=12, unique=True)
    # The form's idempotency key: a double submit returns the recall the first one made.
    key = models.UUIDField(unique=True, editable=False)
    article = models.ForeignKey(
        Article, on_delete=models.PROTECT, related_name="+", verbose_name=_("artikel")
    )
    serials = models.TextField(
        _("serienummer"),
        help_text=_("Serienummer, intervall (FRÅN-TILL) och batcher (LOT:prefix) som angavs."),
    )
    reason = models.CharField(_("orsak"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrerad av")
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("återkallelse")
        verbose_name_plural = _("återkallelser")
        # BEY-5: the portal's recall pages ("Återkallelse"); given to staff by group or user.
        permissions = [("trace_recall", _("Återkallelse"))]

    def __str__(self):
        return f"{self.number} {self.article.number}"

    def get_absolute_url(self):
        return reverse("safety:recall_detail", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class RecallItem(models.Model):
    """One individual a recall hit, with its status when traced; `blocked` when the recall
    blocked it in stock, `notified_at` when its unit was sent the list."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="items")
    individual = models.ForeignKey(Individual, on_delete=models.PROTECT, related_name="+")
    status_when_traced = models.CharField(_("status vid spårning"), max_length=30)
    blocked = models.BooleanField(_("spärrad"), default=False)
    notified_at = models.DateTimeField(_("enhet underrättad"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("träff")
        verbose_name_plural = _("träffar")
        constraints = [
            models.UniqueConstraint(
                fields=["recall", "individual"], name="safety_recallitem_once_per_recall"
            ),
        ]

    def __str__(self):
        return f"{self.recall_id} {self.individual_id}"


class RecallEvent(StatusEventFields):
    """Every step of a recall (registered, units notified, blocks released, closed): who,
    when, the status before and after, what was done."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusEventFields.Meta):
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.recall_id} {self.from_status} → {self.to_status} {self.note}"
