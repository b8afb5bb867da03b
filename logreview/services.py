"""Writes of Logggranskning (BEY-11): drawing a sample and marking what was reviewed."""

import datetime
import secrets

from django.db import transaction

from logreview import selectors
from logreview.exceptions import ReviewError
from logreview.models import AccessReview, AccessSample, SampledAccess
from sesam.models import User


def draw_sample(
    *,
    by: User,
    start: datetime.date,
    end: datetime.date,
    size: int,
    seed: int | None = None,
) -> AccessSample:
    """Draws `size` accesses of the period (flagged ones first) and keeps them with the seed,
    so the review works on a fixed list and the draw can be repeated."""
    if end < start:
        raise ReviewError("Perioden slutar före den börjar.")
    if not 1 <= size <= AccessSample.MAX_SIZE:
        raise ReviewError(f"Ett stickprov har 1–{AccessSample.MAX_SIZE} åtkomster.")
    seed = secrets.randbelow(2**31) if seed is None else seed
    with transaction.atomic():
        sample = AccessSample.objects.create(
            period_start=start, period_end=end, size=size, seed=seed, by=by
        )
        drawn = selectors.draw(start=start, end=end, size=size, seed=seed)
        SampledAccess.objects.bulk_create(
            SampledAccess(sample=sample, access_id=pk, position=i, flagged=flag)
            for i, (pk, flag) in enumerate(drawn, start=1)
        )
    return sample


def mark_access(*, by: User, row: SampledAccess, verdict: str, comment: str = "") -> AccessReview:
    """Granskad or Ifrågasatt (with a comment) on one sampled access; a new mark stands beside
    the earlier ones, the newest counts."""
    comment = comment.strip()
    if verdict == AccessReview.Verdict.QUESTIONED and not comment:
        raise ReviewError("Skriv varför åtkomsten ifrågasätts.")
    return AccessReview.objects.create(row=row, verdict=verdict, comment=comment[:500], by=by)
