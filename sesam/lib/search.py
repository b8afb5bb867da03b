"""One search for every search and list page (SRC-2, ACT-10, PU-8, HOME-4, ART-1, STK-1, IND-1,
REC-6): the criteria, the registered period, the Swedish labels, sorting and the paginator.

A search page is three parts, kept apart so that an export can reuse the first two as they are:

1. the criteria: a form (`CriteriaForm` for the Sök tabs: Tjänsteställe, Registrerad,
   sortera; bound from the request with its defaults by `CriteriaForm.from_request`);
2. the rows: `form.results(location_ids)` — the filtered, sorted queryset for a validated
   form, nothing about pages or HTML (an export streams it, `.iterator()`);
3. the page: `Paginator(results, per_page, rows=...)` and the template.

    form = OrderSearchForm.from_request(request)
    if form.is_valid():
        results = form.results(location_ids(request))
        page = Paginator(results, 50, rows=selectors.search_rows).get_page(request.GET.get("sida"))

Exports (BEY-10) reuse parts 1 and 2: the same form bound to the same query string, its
`results()` streamed through `export_rows` (`values_list` in chunks) to the one writer, with
`shown_filters(form)` above the header (`export`).

Sorting (ui.md): one column at a time, `?sortera=<key>` ascending, `-<key>` descending, a click
on the sorted header reverses it (`sesam.lib.sorting.sort_headers` makes the headers). Each
page declares its columns once as a `Sorting`; `Sorting.key` is the page's sort_key."""

import calendar
import datetime
import functools
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from django import forms
from django.core import paginator
from django.core.exceptions import ValidationError
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sesam.lib.access import log_listed
from sesam.lib.htmx import render_page
from sesam.lib.precompiled import Precompiled, counting
from sesam.lib.scoping import location_ids
from sesam.lib.sorting import sort_headers
from sesam.lib.tabular import export_response

# --- the registered period (SRC-2, ACT-10, PU-8) --------------------------------------------

# key in the URL → (label, days back, calendar months back)
PERIODS = {
    "idag": (_("Idag"), 0, 0),
    "7-dagar": (_("7 dagar"), 7, 0),
    "30-dagar": (_("30 dagar"), 30, 0),
    "3-manader": (_("3 månader"), 0, 3),
    "12-manader": (_("12 månader"), 0, 12),
    # BEY-10: the start page's tiles count all the work waiting, however old (HOME-D481)
    "alla": (_("Alla"), None, None),
}
DEFAULT_PERIOD = "30-dagar"


def period_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, *_rest) in PERIODS.items()]


def period_start(key: str, *, today: datetime.date | None = None) -> datetime.datetime | None:
    """The first moment of the period, local time: today's midnight for Idag, else the same
    day N days or calendar months back (clamped to the month's last day); None for Alla."""
    today = today or timezone.localdate()
    _label, days, months = PERIODS[key]
    if days is None:
        return None
    day = today - datetime.timedelta(days=days)
    if months:
        month_index = today.year * 12 + today.month - 1 - months
        year, month = divmod(month_index, 12)
        month += 1
        day = datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def registered_in(
    queryset: QuerySet, field_name: str, period: str | datetime.datetime | None
) -> QuerySet:
    """The rows whose `field_name` lies in the period (all of them for Alla): a period's key,
    or its first moment as `CriteriaForm.since` gives it (None for Alla)."""
    start = period_start(period) if isinstance(period, str) else period
    return queryset if start is None else queryset.filter(**{f"{field_name}__gte": start})


# --- labels and rows ------------------------------------------------------------------------


def escape(value) -> str:
    """As django.utils.html.escape (the same five characters), without its lazy wrapper: rows
    built in Python (a template's loop over 50 rows cost more than the page's SQL) call it
    for every cell."""
    return html.escape(str(value))


def labels(choices) -> dict:
    """A choices field's stored value → its Swedish label (for rows built in Python)."""
    return {value: str(label) for value, label in choices}


def label_order(field_name: str, choices) -> Case:
    """Sort a choices field by its Swedish label, not by its stored value."""
    ranked = sorted(choices, key=lambda choice: str(choice[1]))
    return Case(
        *[
            When(**{field_name: value}, then=Value(rank))
            for rank, (value, _label) in enumerate(ranked)
        ],
        output_field=IntegerField(),
    )


# --- sorting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sorting:
    """A page's sortable columns: key in the URL → a field name or a callable that returns the
    expression (called per query: labels follow the active language). `allowed` narrows the
    columns for one page (None: all); `then` breaks ties; the keys in `never_null` are sorted
    without NULLS LAST, so that a descending index (NULLS FIRST) gives the order and LIMIT
    stops early (QUA-D13) — only for columns that are never NULL in the rows searched."""

    columns: Mapping[str, str | Callable]
    default: str = "-registrerad"
    then: tuple = ("-pk",)
    never_null: frozenset[str] = field(default_factory=frozenset)
    allowed: tuple[str, ...] | None = None

    def only(self, *keys: str) -> "Sorting":
        return replace(self, allowed=keys)

    def key(self, value: str | None) -> str:
        """A known sort key (with "-" for descending) or the default."""
        if value and value.removeprefix("-") in (self.allowed or self.columns):
            return value
        return self.default

    def expression(self, column: str):
        spec = self.columns[column]
        return F(spec) if isinstance(spec, str) else spec()

    def order_by(self, queryset: QuerySet, value: str | None) -> QuerySet:
        key = self.key(value)
        column = key.removeprefix("-")
        expression = self.expression(column)
        nulls = {} if column in self.never_null else {"nulls_last": True}
        order = expression.desc(**nulls) if key.startswith("-") else expression.asc(**nulls)
        return queryset.order_by(order, *self.then)


# --- the criteria ---------------------------------------------------------------------------


class NumberField(forms.CharField):
    """An 8-digit order, activity, pickup or purchase order number (ORD-10, one number
    series); spaces and hyphens are ignored."""

    default_error_messages = {
        "required": _("Ange numret."),
        "invalid": _("Ange hela numret: 8 siffror, t.ex. 26480017."),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=40, **kwargs)

    def clean(self, value):
        value = re.sub(r"[\s-]", "", super().clean(value) or "")
        if not re.fullmatch(r"[0-9]{8}", value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class QuickSearchForm(forms.Form):
    """Snabbsökning (SRC-1, ACT-10, PU-8): the whole number opens the thing."""

    nummer = NumberField(label=_("Nummer"))


def quick_search(request, find: Callable[[str], str | None], not_found: str):
    """Snabbsökning of a Sök tab: (form, number, status). `find` gives the number of what to
    open (at the user's locations) or None; then the form carries `not_found` (with
    %(number)s) and the status is 404; a number that is not one is 422."""
    quick = QuickSearchForm(request.GET)
    if not quick.is_valid():
        return quick, None, 422
    found = find(quick.cleaned_data["nummer"])
    if found:
        return quick, found, 200
    quick.add_error("nummer", not_found % {"number": quick.cleaned_data["nummer"]})
    return quick, None, 404


class CriteriaForm(forms.Form):
    """The criteria every Sök tab shares: Tjänsteställe (the user's; "Alla mina
    tjänsteställen" when they have more than one), Registrerad (a period) and the sort.
    A subclass adds its own fields and sets `sorting` and `select`."""

    ALL = "alla"
    sorting: Sorting

    tjanstestalle = forms.ChoiceField(label=_("Tjänsteställe"))
    registrerad = forms.ChoiceField(label=_("Registrerad"), choices=period_choices)
    sortera = forms.CharField(required=False, max_length=20)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(location.pk), location.name) for location in locations]
        if len(choices) > 1:
            choices.append((self.ALL, _("Alla mina tjänsteställen")))
        self.fields["tjanstestalle"].choices = choices
        for name in ("tjanstestalle", "registrerad"):
            self.fields[name].error_messages["invalid_choice"] = _("Välj ett av alternativen.")

    @classmethod
    def from_request(cls, request, **kwargs):
        """Bound to the query string, with what is not in it at its default (the active
        service location, the default period); None when the user has no service location
        (nothing to search, ACC-4)."""
        if request.service_location is None:
            return None
        params = request.GET.copy()
        params.setdefault("tjanstestalle", str(request.service_location.pk))
        params.setdefault("registrerad", DEFAULT_PERIOD)
        return cls(params, locations=list(request.service_locations), **kwargs)

    @classmethod
    def blank(cls, request, **kwargs):
        """The form as a page without criteria shows it (beside a Snabbsökning)."""
        return cls(
            locations=list(request.service_locations),
            initial={"registrerad": DEFAULT_PERIOD},
            **kwargs,
        )

    def location_ids(self, all_ids: list[int]) -> list[int]:
        chosen = self.cleaned_data["tjanstestalle"]
        return all_ids if chosen == self.ALL else [int(chosen)]

    @property
    def since(self) -> datetime.datetime:
        return period_start(self.cleaned_data["registrerad"])

    @property
    def sort(self) -> str:
        return self.sorting.key(self.cleaned_data.get("sortera"))

    # the selector: (location_ids, *, period, sort) -> the filtered, sorted queryset;
    # a subclass sets it as staticmethod(selectors.search_x), or overrides `query`
    select: Callable[..., QuerySet]

    def query(self, ids: list[int], since: datetime.datetime | None) -> QuerySet:
        """The rows of these locations registered since `since` (None: every age), filtered
        by the form's other criteria and sorted; `ids` and `since` each reach the SQL as
        one parameter (a list as `= ANY`), so that `first_page` can precompile it."""
        return self.select(ids, period=since, sort=self.sort)

    def results(self, all_location_ids: list[int]) -> QuerySet:
        """The filtered, sorted rows of a valid form (at the locations of `all_location_ids`
        the form chose): what the page shows a page of and an export streams."""
        return self.query(self.location_ids(all_location_ids), self.since)

    def first_page(self, all_location_ids: list[int], size: int, fetch=None) -> list:
        """Page 1 of `results()` and one row more (what `Paginator(first=…)` takes), as
        `fetch(queryset)` reads them (e.g. `.values(…)`), by a precompiled query."""
        fetch = fetch or _as_is
        return self._run(all_location_ids, ("page", size, fetch), lambda q: fetch(q)[: size + 1])

    def count(self, all_location_ids: list[int]) -> int:
        """How many rows `results()` has, by a precompiled query."""
        return self._run(all_location_ids, ("count",), counting)[0]

    def _run(self, all_location_ids, what: tuple, finish: Callable) -> list:
        """`finish(results())` by a query compiled once a process for each shape of the
        criteria (QUA-D562): the sort, whether there is a period, one location or several,
        the form's own criteria and the language; the locations and the period's start are
        its values."""
        criteria = tuple(
            (name, value)
            for name, value in sorted(self.cleaned_data.items())
            if name not in ("tjanstestalle", "registrerad", "sortera")
        )
        ids, since = self.location_ids(all_location_ids), self.since
        one = len(ids) == 1  # `= %s` for one location, `= ANY(%s)` for more (arrays.one_of)
        # the language too: a sort by a choice's label ranks the labels when it is built
        shape = (type(self), self.sort, since is None, one, criteria, get_language(), *what)
        compiled = _PRECOMPILED.get(shape)
        if compiled is None:
            form = self

            def build(locations, start=None):
                return finish(form.query([locations] if one else locations, start))

            types = (int if one else list,) + (() if since is None else (datetime.datetime,))
            compiled = _PRECOMPILED[shape] = Precompiled(build, types=types)
        values = (ids[0] if one else ids,) + (() if since is None else (since,))
        return compiled.run(*values)


def _as_is(queryset):
    return queryset


_PRECOMPILED: dict[tuple, Precompiled] = {}  # CriteriaForm._run: one per shape


# --- the paginator --------------------------------------------------------------------------


class Paginator(paginator.Paginator):
    """Django's Paginator, with three things every list needs:

    - page 1 fetches one row more than a page: when that many do not come back, their number
      is the count and no COUNT is made (most searches fit on one page); otherwise the rows
      fetched are the page and only the count is asked;
    - `count_cap` (ART-1): the COUNT stops after that many rows (`SELECT count(*) FROM
      (… LIMIT n)`), and `capped` says there are more ("fler än 1 000 träffar"). Counting
      every hit of a broad search costs more than the page; the user narrows it instead. A
      later page counts far enough to know whether there is a next one;
    - `rows`: a function that turns a page's slice (a queryset) into the rows the template
      shows (e.g. values with URLs and labels, built once a page).

    A known count (a tab's count read with others) is given as `count=`; `first=` reads page
    1 and one row more another way (`CriteriaForm.first_page`, precompiled)."""

    def __init__(
        self,
        object_list,
        per_page,
        *,
        rows: Callable[[Iterable], list] | None = None,
        count_cap: int | None = None,
        count: int | None = None,
        first: Callable[[], list] | None = None,
        counter: Callable[[], int] | None = None,
        **kwargs,
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.rows, self.count_cap, self.capped = rows, count_cap, False
        self.first, self.counter = first, counter
        if count is not None:
            self.count = count

    @functools.cached_property
    def count(self) -> int:
        return self.counter() if self.counter else super().count

    def _check_object_list_is_ordered(self):
        """A lazy object list (`render_search`) is a search's results, always sorted: not
        built only to be checked."""
        if not isinstance(self.object_list, SimpleLazyObject):
            super()._check_object_list_is_ordered()

    def get_page(self, number):
        try:
            number = int(number or 1)
        except (TypeError, ValueError):
            number = 1  # Django shows page 1 for a page number that is not one
        counted = "count" in self.__dict__
        if number == 1 and not self.orphans and (self.first is not None or not counted):
            if self.first is not None:
                fetched = self.first()
            else:
                fetched = self._read(self.object_list[: self.per_page + 1])
            if counted:  # a count given: page 1 is what was read (an empty page too)
                return self._get_page(fetched[: self.per_page], 1, self)
            if len(fetched) <= self.per_page:
                self.count = len(fetched)
                if fetched or self.allow_empty_first_page:
                    return self._get_page(fetched, 1, self)
            else:
                self._capped_count(number)
                return self._get_page(fetched[: self.per_page], 1, self)
        self._capped_count(number)
        page = super().get_page(number)
        page.object_list = self._read(page.object_list)
        return page

    def _read(self, object_list) -> list:
        return self.rows(object_list) if self.rows else list(object_list)

    def _capped_count(self, number: int) -> None:
        """With a cap, count at most as far as the cap or the page asked (and one more)."""
        if self.count_cap is None or "count" in self.__dict__:
            return
        limit = max(self.count_cap, number * self.per_page) + 1
        rows = self.object_list
        if isinstance(rows, QuerySet):
            rows = rows.order_by()  # which rows are counted does not matter: no sort
        counted = rows[:limit].count()
        self.count = counted
        self.capped = counted == limit and counted > self.count_cap


# --- a Sök tab ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchTab:
    """A Sök tab (SRC, ACT-10, PU-8): its template (with a `results` partial), criteria form,
    sortable columns ((key, label) for `sort_headers`), page size, what a row reads and how
    the read rows are dressed for the table, and the URL name of what a Snabbsökning number
    opens."""

    template: str
    form: type[CriteriaForm]
    columns: list
    detail: str
    per_page: int = 50
    fetch: Callable[[QuerySet], QuerySet] | None = None  # what a row reads, e.g. .values(…)
    dress: Callable[[list], list] | None = None  # the read rows as the table shows them

    def rows(self, page) -> list:
        """A page's slice of `form.results()` as the table shows it."""
        return self.dressed(list(self.fetch(page) if self.fetch else page))

    def dressed(self, fetched: list) -> list:
        return self.dress(fetched) if self.dress else fetched


def render_search(request, tab: SearchTab, *, on_page: Callable | None = None):
    """The tab's search: the criteria from the query string (with their defaults), a page of
    `form.results()`, the headers; under HTMX only the results. `on_page(form, page)` may
    add to the context (and log the recipients the page names, ACC-8). 422 for criteria that
    are not valid; a user without a service location sees the form's notice (ACC-4)."""
    form = tab.form.from_request(request)
    context = {"form": form, "quick": QuickSearchForm(), "page": None}
    status = 200
    if form is not None and not form.is_valid():
        status = 422
    elif form is not None:
        ids = location_ids(request)
        paginator = Paginator(
            SimpleLazyObject(lambda: form.results(ids)),  # built for later pages only
            tab.per_page,
            rows=tab.rows,
            first=lambda: tab.dressed(form.first_page(ids, tab.per_page, tab.fetch)),
            counter=lambda: form.count(ids),
        )
        page = paginator.get_page(request.GET.get("sida"))
        context |= {"page": page, "headers": sort_headers(request, tab.columns, form.sort)}
        if on_page:
            context |= on_page(form, page) or {}
    return render_page(request, tab.template, context, partial="results", status=status)


def number_in(queryset: QuerySet) -> Callable[[str], str | None]:
    """Snabbsökning's `find` for a tab whose rows carry the number: the number when a row of
    `queryset` (the user's locations' rows) has it."""
    return lambda number: number if queryset.filter(number=number).exists() else None


def render_quick(request, tab: SearchTab, *, find: Callable[[str], str | None], not_found: str):
    """Snabbsökning (?nummer=): the whole number opens what `find` finds at the user's
    locations (redirect to `tab.detail`); else the tab with the message (404, or 422 for a
    number that is not one)."""
    quick, number, status = quick_search(request, find, not_found)
    if number:
        return redirect(tab.detail, number=number)
    context = {"form": tab.form.blank(request), "quick": quick, "page": None}
    return render_page(request, tab.template, context, status=status)


# --- exports (BEY-10) -----------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_CHUNK = 2000  # rows fetched a time from the server-side cursor


def export_format(request) -> str | None:
    """`?format=csv|xlsx` of an export link (csv without it); None for anything else."""
    fmt = request.GET.get("format", "csv")
    return fmt if fmt in EXPORT_FORMATS else None


def shown_filters(form, *, exclude=("sortera",)) -> list[tuple[str, object]]:
    """BEY-10: the criteria of a bound, valid form as the page shows them — (label, value)
    pairs, a choice by its Swedish label, a checkbox as Ja/Nej — for the first rows of an
    export. Hidden fields and `exclude` (not on screen as a criterion) are left out."""
    pairs = []
    for name, criterion in form.fields.items():
        if name in exclude or criterion.widget.is_hidden:
            continue
        value = form.cleaned_data.get(name)
        if isinstance(criterion, forms.BooleanField):
            value = _("Ja") if value else _("Nej")
        elif isinstance(criterion, forms.ChoiceField):
            choices = {str(key): label for key, label in criterion.choices}
            value = choices.get(str(value), value)
        pairs.append((str(criterion.label), "" if value is None else str(value)))
    return pairs


@dataclass(frozen=True)
class ExportColumn:
    """A column of an export: its heading, the `values_list` path(s) it reads and how the
    value(s) become the cell (`show`; the value as it is without one: dates, numbers and
    amounts stay typed for the xlsx writer)."""

    label: str
    field: str | tuple[str, ...]
    show: Callable | None = None


def export_rows(queryset: QuerySet, columns: Iterable[ExportColumn]):
    """The rows of `queryset` as cells: one `values_list` read through a server-side cursor in
    chunks — constant memory and a constant number of queries however many rows."""
    columns = list(columns)
    fields, spans = [], []
    for column in columns:
        paths = column.field if isinstance(column.field, tuple) else (column.field,)
        spans.append((len(fields), len(paths), column.show, isinstance(column.field, tuple)))
        fields += paths
    for values in queryset.values_list(*fields).iterator(chunk_size=EXPORT_CHUNK):
        row = []
        for start, size, show, many in spans:
            part = values[start : start + size]
            if show is None:
                row.append(part[0])
            else:
                row.append(show(*part) if many else show(part[0]))
        yield row


def export(fmt: str, name: str, queryset: QuerySet, columns, filters=()):
    """BEY-10: the download of a list — every row of `queryset` (the page's own, all pages)
    as CSV (streamed) or xlsx, the filters on screen above the header. The file is named
    after the list and today's date."""
    columns = list(columns)
    filename = f"{name}-{timezone.localdate().isoformat()}"
    header = [str(column.label) for column in columns]
    return export_response(fmt, filename, header, export_rows(queryset, columns), filters)


def bad_export_format():
    """The answer to an export link with a format that is none (400, in Swedish)."""
    return HttpResponseBadRequest(
        _("Välj exportformat CSV eller Excel (format=csv eller format=xlsx).").encode(),
        content_type="text/plain; charset=utf-8",
    )


def invalid_criteria(form):
    """The answer to an export link whose criteria are not valid (422, the form's messages)."""
    text = " ".join(str(error) for errors in form.errors.values() for error in errors)
    return HttpResponse(text.encode(), status=422, content_type="text/plain; charset=utf-8")


def export_search(request, tab: SearchTab, name: str, columns, *, log_action: str | None = None):
    """A Sök tab's export (BEY-10): its form from the same query string (with the page's
    defaults), its `results()` at the user's locations — every page —, the filters on
    screen. `log_action`: the rows name recipients, one access-log row each (ACC-8)."""
    fmt = export_format(request)
    if fmt is None:
        return bad_export_format()
    form = tab.form.from_request(request)
    if form is None:
        raise Http404  # no service location: nothing to search (ACC-4)
    if not form.is_valid():
        return invalid_criteria(form)
    results = form.results(location_ids(request))
    if log_action:
        log_listed(request, results, log_action)
    return export(fmt, name, results, columns, shown_filters(form))


def changelist_filters(changelist, request) -> list[tuple[str, object]]:
    """BEY-10 in admin: the filters of a changelist as it shows them — the search, each list
    filter in use with its chosen value, the date drill-down — as (label, value) pairs."""
    pairs = []
    if changelist.query:
        pairs.append((str(_("Sök")), changelist.query))
    for spec in changelist.filter_specs:
        if not getattr(spec, "used_parameters", None):
            continue
        chosen = [str(c["display"]) for c in spec.choices(changelist) if c.get("selected")]
        if chosen:
            pairs.append((str(spec.title).capitalize(), ", ".join(chosen)))
    field = changelist.date_hierarchy
    if field:
        parts = [request.GET.get(f"{field}__{part}", "") for part in ("year", "month", "day")]
        if parts[0]:
            day = "-".join(p.zfill(2) if i else p for i, p in enumerate(parts) if p)
            label = changelist.model._meta.get_field(field).verbose_name
            pairs.append((str(label).capitalize(), day))
    return pairs
