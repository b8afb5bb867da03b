"""Logggranskning (BEY-11, ACC-8): random samples of the access log drawn for review, and the
reviewers' marks. Both are append-only, like the log itself (migration 0002)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sesam.models import AccessLog, User


class AccessSample(models.Model):
    """A sample of the accesses of a period, drawn reproducibly from its seed (selectors.draw)."""

    MAX_SIZE = 500

    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till"))
    size = models.PositiveIntegerField(_("antal"))
    seed = models.BigIntegerField(_("slumpfrö"))
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("dragen av")
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("stickprov")
        verbose_name_plural = _("stickprov")
        permissions = [("review_accesslog", _("Logggranskning: granska åtkomstloggen"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="logreview_accesssample_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(size__gte=1, size__lte=500), name="logreview_accesssample_size"
            ),
        ]

    def __str__(self):
        return f"{self.period_start}–{self.period_end} ({self.size})"


class SampledAccess(models.Model):
    """One access in a sample, in the order it is reviewed (flagged ones first)."""

    sample = models.ForeignKey(AccessSample, on_delete=models.PROTECT, related_name="rows")
    access = models.ForeignKey(AccessLog, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()
    flagged = models.BooleanField(
        _("flaggad"),
        help_text=_(
            "Mottagaren har ingen beställning, aktivitet eller hämtorder vid "
            "användarens tjänsteställen och inget hjälpmedel därifrån."
        ),
    )

    class Meta:
        ordering = ["sample", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "access"], name="logreview_sampledaccess_once"
            ),
            models.UniqueConstraint(
                fields=["sample", "position"], name="logreview_sampledaccess_position"
            ),
        ]

    def __str__(self):
        return f"{self.sample_id}:{self.position}"


class AccessReview(models.Model):
    """A reviewer's mark on a sampled access. A later mark on the same access stands beside
    the earlier one (append-only); the newest is the access's verdict."""

    class Verdict(models.TextChoices):
        REVIEWED = "reviewed", _("Granskad")
        QUESTIONED = "questioned", _("Ifrågasatt")

    row = models.ForeignKey(SampledAccess, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(_("bedömning"), max_length=20, choices=Verdict.choices)
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)
    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("granskad av")
    )
    at = models.DateTimeField(_("tid"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("granskning")
        verbose_name_plural = _("granskningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="reviewed") | ~Q(comment=""),
                name="logreview_accessreview_questioned_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} {self.at:%Y-%m-%d}"
