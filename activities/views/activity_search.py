"""Sök → Aktivitet (ACT-10), Mina sidor → Mina aktiviteter (HOME-4), and the Aktiviteter tabs
of the recipient page (REC-6) and the individual page (IND-2), registered at ready()."""

from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from activities.forms.activity import SearchForm
from activities.models.activity import Activity
from activities.selectors import activity as selectors
from sesam.lib.scoping import location_ids
from sesam.lib.search import (
    ExportColumn,
    Paginator,
    SearchTab,
    escape,
    export_search,
    labels,
    number_in,
    render_quick,
    render_search,
)
from sesam.lib.sorting import sort_headers
from sesam.lib.urls import url_maker
from sesam.services import log_access, log_accesses

PAGE_SIZE = 50

COLUMNS = [
    ("nummer", gettext_lazy("Aktivitetsnummer")),
    ("registrerad", gettext_lazy("Registrerad")),
    ("bestallare", gettext_lazy("Beställare")),
    ("aktivitetstyp", gettext_lazy("Aktivitetstyp")),
    ("status", gettext_lazy("Status")),
    ("mottagare", gettext_lazy("Mottagare")),
]


def _log_rows(request, activities, action):
    """A list that names recipients writes one access-log row per recipient (ACC-8)."""
    recipients = [activity.recipient for activity in activities]
    if recipients:
        log_accesses(
            by=request.user,
            service_location=request.service_location or None,
            recipients=recipients,
            action=action,
        )


TAB = SearchTab(
    template="activities/activity_search.html",
    form=SearchForm,
    columns=COLUMNS,
    detail="activities:activity_detail",
    per_page=PAGE_SIZE,
)


@require_GET
def activity_search(request):
    """ACT-10: service location, Registrerad period, sortable columns, 50 a page; ?nummer= is
    Snabbsökning — a whole number opens the activity."""
    if "nummer" in request.GET:
        return render_quick(
            request,
            TAB,
            find=number_in(selectors.sent_activities(location_ids(request))),
            not_found=_(
                "Aktivitet %(number)s finns inte på dina tjänsteställen. Kontrollera numret."
            ),
        )
    return render_search(request, TAB, on_page=lambda form, page: _search_page(request, page))


def _search_page(request, page) -> dict:
    _log_rows(request, page.object_list, "activity_search")
    return {"rows_html": _rows_html(page.object_list)}


def _rows_html(activities) -> SafeString:
    """The result table's rows (QUA-D563), built here rather than cell by cell in the
    template (as Sök → Beställning's: the same markup, every value escaped)."""
    detail, recipient_url = url_maker("activities:activity_detail"), url_maker("recipients:detail")
    types, statuses = labels(Activity.Type.choices), labels(Activity.Status.choices)
    html = []
    for activity in activities:
        registered = activity.registered_at
        registered = timezone.localtime(registered).strftime("%Y-%m-%d %H:%M") if registered else ""
        recipient = activity.recipient
        html.append(
            "\n  <tr>\n"
            f'    <td><a href="{detail(activity.number)}">{escape(activity.number)}</a></td>\n'
            f'    <td class="nowrap">{registered}</td>\n'
            f"    <td>{escape(activity.orderer.full_name)}</td>\n"
            f"    <td>{escape(types.get(activity.type, activity.type))}</td>\n"
            f"    <td>{escape(statuses.get(activity.status, activity.status))}</td>\n"
            f'    <td><a href="{recipient_url(recipient.pk)}">{escape(recipient.name)}</a></td>\n'
            "  </tr>\n"
        )
    return mark_safe("".join(html) + "\n")  # noqa: S308 — every value is escaped above


def recipient_name(first_name, last_name) -> str:
    """A recipient's name as the lists show it (`Recipient.name`; under protected identity
    the name shows, never an address: REC-5)."""
    return f"{first_name} {last_name}"


@require_GET
def activity_search_export(request):
    """BEY-10: Sök → Aktivitet as CSV or Excel — every activity the search finds, the
    filters on screen; the rows name recipients: one access-log row each (ACC-8)."""
    types, statuses = labels(Activity.Type.choices), labels(Activity.Status.choices)
    columns = [
        ExportColumn(_("Aktivitetsnummer"), "number"),
        ExportColumn(_("Registrerad"), "registered_at"),
        ExportColumn(_("Beställare"), "orderer__full_name"),
        ExportColumn(_("Aktivitetstyp"), "type", types.get),
        ExportColumn(_("Status"), "status", statuses.get),
        ExportColumn(
            _("Mottagare"), ("recipient__first_name", "recipient__last_name"), recipient_name
        ),
    ]
    return export_search(request, TAB, "aktiviteter", columns, log_action="activity_export")


# --- Mina sidor → Mina aktiviteter (HOME-4) ----------------------------------------------

MY_COLUMNS = [
    ("nummer", gettext_lazy("Aktivitetsnummer")),
    ("registrerad", gettext_lazy("Registrerad")),
    ("aktivitetstyp", gettext_lazy("Aktivitetstyp")),
    ("status", gettext_lazy("Status")),
    ("mottagare", gettext_lazy("Mottagare")),
]


def my_activities_tab(request) -> tuple[str, dict]:
    """Mina aktiviteter: activities where the user is orderer or prescriber, sortable, 25 a
    page; ?aktivitet=<number> opens the side panel with Gå till aktivitetsdetaljer."""
    sort = selectors.SORTING.key(request.GET.get("sortera"))
    ids = location_ids(request)
    activities = selectors.my_activities(request.user, ids, sort=sort)
    page = Paginator(activities, 25).get_page(request.GET.get("sida"))
    _log_rows(request, page.object_list, "my_activities")
    panel = None
    number = request.GET.get("aktivitet", "")
    if number:
        try:
            panel = selectors.activity_detail(ids, number)
        except Activity.DoesNotExist:
            raise Http404 from None
        if request.user.pk not in (panel.orderer_id, panel.prescriber_id):
            raise Http404
        log_access(
            by=request.user,
            service_location=request.service_location or None,
            recipient=panel.recipient,
            action="my_activities_panel",
            activity=panel.number,
        )
    query = request.GET.copy()
    query.pop("aktivitet", None)
    context = {
        "page": page,
        "headers": sort_headers(request, MY_COLUMNS, sort),
        "panel": panel,
        "base_query": query.urlencode(),
    }
    return "activities/activity_my.html", context


# --- the Aktiviteter tabs of the recipient and the individual ----------------------------


def recipient_tab(request, recipient) -> tuple[str, dict]:
    """The recipient page's Aktiviteter tab; ?aktivitet=<number> opens the side panel (the
    page's own access-log row covers it)."""
    ids = location_ids(request)
    rows = list(selectors.recipient_activities(recipient, ids)[:200])
    panel = None
    number = request.GET.get("aktivitet", "")
    if number:
        try:
            panel = selectors.activity_detail(ids, number)
        except Activity.DoesNotExist:
            raise Http404 from None
        if panel.recipient_id != recipient.pk:
            raise Http404
    context = {
        "activities": rows,
        "show_recipient": False,
        "panel": panel,
        "tab_url": f"{recipient.get_absolute_url()}?flik=aktiviteter",
    }
    return "activities/activity_tab.html", context


def recipient_tab_count(request, recipient) -> int:
    """The count beside the recipient page's Aktiviteter tab, like the other tabs' (19.4)."""
    return selectors.recipient_activity_count(recipient, location_ids(request))


def individual_tab(request, individual) -> tuple[str, dict]:
    rows = list(selectors.individual_activities(individual, location_ids(request))[:200])
    _log_rows(request, rows, "individual_activities")
    return "activities/activity_tab.html", {"activities": rows, "show_recipient": True}
