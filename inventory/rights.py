"""Prescribing rights (BEY-1): what a prescriber may prescribe, read once per request.

    rights = load_rights(prescriber)           # one query, whatever the page shows
    rights.refusal(article)                     # None, or the rule's reason in Swedish
    rights.refusals(articles)                   # {article id: reason} for a page of rows

The rule: a product area with no profession's rights configured is unrestricted. In a
configured area the longest ISO prefix among the prescriber's own exceptions decides; else the
longest among their profession's rows; no matching row means outside the rights. A row with
`allowed=False` carves a code (and all under it) out of a wider right."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, Expression, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import JSONObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inventory.models import Article, IsoCode, PrescribingRight
from sesam.models import User

OUTSIDE = gettext_lazy("Utanför din förskrivningsrätt")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    allowed: bool
    personal: bool


@dataclass
class Rights:
    active: bool  # False: nobody prescribes here (a refill, a user without prescribing right)
    area_names: dict[int, str] = field(default_factory=dict)  # the configured areas
    rules: dict[int, list[Rule]] = field(default_factory=dict)  # per area, this prescriber's
    profession: str = ""

    def is_restricted(self, product_area_id: int) -> bool:
        return self.active and product_area_id in self.area_names

    def refusal_for(self, *, product_area_id: int, iso_code: str) -> str | None:
        """The reason `iso_code` in the area is outside the rights, or None."""
        if not self.is_restricted(product_area_id):
            return None
        rules = [r for r in self.rules.get(product_area_id, []) if iso_code.startswith(r.code)]
        personal = [r for r in rules if r.personal]
        rule = max(personal or rules, key=lambda r: len(r.code), default=None)
        area = self.area_names[product_area_id]
        if rule is not None and rule.allowed:
            return None
        if rule is None:
            return _(
                "ISO %(code)s ingår inte i förskrivningsrätten för %(profession)s inom %(area)s."
            ) % {
                "code": display(iso_code),
                "profession": self._profession(),
                "area": area,
            }
        if rule.personal:
            return _("Du har ett undantag: ISO %(code)s %(name)s får du inte förskriva.") % {
                "code": display(rule.code),
                "name": rule.name,
            }
        return _("%(profession)s får inte förskriva ISO %(code)s %(name)s inom %(area)s.") % {
            "profession": self._profession(),
            "code": display(rule.code),
            "name": rule.name,
            "area": area,
        }

    def refusal(self, article: Article) -> str | None:
        if not self.is_restricted(article.product_area_id):
            return None
        return self.refusal_for(
            product_area_id=article.product_area_id, iso_code=article.iso_code.code
        )

    def refusals(self, articles: Iterable[Article]) -> dict[int, str]:
        """The page's articles outside the rights: at most one query (their ISO codes, only
        when some lie in a configured area and the codes were not joined already)."""
        restricted = [a for a in articles if self.is_restricted(a.product_area_id)]
        if not restricted:
            return {}
        codes = {a.iso_code_id: a.iso_code.code for a in restricted if _has_iso(a)}
        missing = {a.iso_code_id for a in restricted} - codes.keys()
        if missing:
            codes |= dict(IsoCode.objects.filter(pk__in=missing).values_list("pk", "code"))
        result = {}
        for article in restricted:
            reason = self.refusal_for(
                product_area_id=article.product_area_id, iso_code=codes[article.iso_code_id]
            )
            if reason:
                result[article.pk] = reason
        return result

    def _profession(self) -> str:
        return self.profession or _("din yrkesroll")


def _has_iso(article: Article) -> bool:
    return Article.iso_code.is_cached(article)


def display(code: str) -> str:
    return " ".join(code[i : i + 2] for i in range(0, len(code), 2))


def rights_rows(user: Expression, profession: Expression) -> ArraySubquery:
    """The configured areas' rows that concern a user, as one array of JSON objects: every
    profession's row (an area is configured when it has one), marked `mine` when it is the
    user's profession's, and the user's own exceptions. `user` and `profession` are
    expressions (OuterRef…), so that sesam.frame reads the rights with the user."""
    rows = PrescribingRight.objects.filter(Q(user__isnull=True) | Q(user=user)).annotate(
        mine=ExpressionWrapper(
            Q(profession_id=profession) | Q(user__isnull=False), output_field=BooleanField()
        )
    )
    return ArraySubquery(
        rows.values(
            json=JSONObject(
                area="product_area_id",
                area_name="product_area__name",
                code="iso_code__code",
                name="iso_code__name",
                profession="profession__name",
                personal=ExpressionWrapper(Q(user__isnull=False), output_field=BooleanField()),
                mine="mine",
                allowed="allowed",
            )
        )
    )


def user_rights_expression() -> ArraySubquery:
    """The frame's annotation `prescribing_rights`: the signed-in user's (inventory.apps)."""
    return rights_rows(OuterRef("pk"), OuterRef("profession_id"))


def from_rows(rows: list[dict] | None) -> Rights:
    """A prescriber's rights from their rows (`rights_rows`)."""
    rights = Rights(True)
    for row in rows or []:
        if isinstance(row, str):  # psycopg hands a jsonb[]'s elements over as text
            row = json.loads(row)
        if not row["personal"]:
            rights.area_names[row["area"]] = row["area_name"]
        if row["mine"]:
            rule = Rule(row["code"], row["name"], row["allowed"], row["personal"])
            rights.rules.setdefault(row["area"], []).append(rule)
            if not row["personal"]:
                rights.profession = row["profession"]
    return rights


def load_rights(prescriber: User | None, rows: list[dict] | None = None) -> Rights:
    """The prescriber's rights: from `rows` (read with the user by sesam.frame), from the
    signed-in user's frame annotation, or in one query. No prescriber (a refill, a user without
    prescribing right browsing) means nothing is marked."""
    if prescriber is None:
        return Rights(False)
    if rows is None:
        rows = getattr(prescriber, "prescribing_rights", None)
    if rows is None:
        rows = (
            User.objects.filter(pk=prescriber.pk)
            .annotate(rights=rights_rows(OuterRef("pk"), OuterRef("profession_id")))
            .values_list("rights", flat=True)
            .first()
        )
    return from_rows(rows)
