"""Återkallelse (BEY-5) in the portal, for staff with the permission "Återkallelse"
(safety.trace_recall); anyone else gets 404. Every page or file that names recipients writes
one access-log row per recipient (ACC-8)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safety import selectors, services
from safety.forms import CloseRecallForm, RecallForm
from safety.models import Recall
from sesam.exceptions import SesamError
from sesam.lib.htmx import redirect_page
from sesam.lib.pdf import pdf_response
from sesam.lib.scoping import location_not_required
from sesam.lib.tabular import export_response
from sesam.services import log_accesses

PAGE_SIZE = 100
EXPORT_HEADER = [
    gettext_lazy("Individnummer"),
    gettext_lazy("Serienummer"),
    gettext_lazy("Status"),
    gettext_lazy("Plats"),
    gettext_lazy("Personnummer"),
    gettext_lazy("Mottagare"),
    gettext_lazy("Enhet"),
    gettext_lazy("Förskrivare"),
    gettext_lazy("Spärrad"),
]


def _allowed(request) -> None:
    if not request.user.has_perm("safety.trace_recall"):
        raise Http404


def _recall_or_404(request, recall_number) -> Recall:
    _allowed(request)
    return get_object_or_404(
        Recall.objects.select_related("article", "created_by"), number=recall_number
    )


def _log(request, rows, action, recall):
    log_accesses(
        by=request.user,
        service_location=request.service_location or None,
        recipients=[row.recipient for row in rows if row.recipient is not None],
        action=action,
        recall=recall.number,
    )


@location_not_required
@require_GET
def recall_list(request):
    _allowed(request)
    recalls = Recall.objects.select_related("article", "created_by")[:200]
    return render(request, "safety/recall_list.html", {"recalls": recalls})


@location_not_required
@require_http_methods(["GET", "POST"])
def recall_new(request):
    _allowed(request)
    form = RecallForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recall = services.create_recall(
                by=request.user,
                article=data["article_number"],
                serials=data["all_serials"],
                reason=data["reason"],
                key=data["key"],
            )
        except SesamError as error:
            form.add_error(None, str(error))
        else:
            return redirect_page(request, recall.get_absolute_url())
    status = 422 if form.is_bound else 200
    return render(request, "safety/recall_new.html", {"form": form}, status=status)


@location_not_required
@require_GET
def recall_detail(request, recall_number):
    recall = _recall_or_404(request, recall_number)
    page = Paginator(recall.items.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("sida"))
    rows = selectors.recall_rows(recall.items.filter(pk__in=[item.pk for item in page]))
    _log(request, rows, "recall_list", recall)
    context = {
        "recall": recall,
        "page": page,
        "rows": rows,
        "counts": selectors.recall_counts(recall),
        "events": recall.events.select_related("by"),
        "close_form": CloseRecallForm(),
    }
    return render(request, "safety/recall_detail.html", context)


@location_not_required
@require_GET
def recall_export(request, recall_number):
    recall = _recall_or_404(request, recall_number)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    rows = selectors.recall_rows(recall.items.all())
    _log(request, rows, "recall_export", recall)
    table = (
        [
            row.individual.number,
            row.individual.serial_number,
            row.individual.get_status_display(),
            row.place,
            row.recipient.personnummer_display if row.recipient else "",
            row.recipient.name if row.recipient else "",
            row.unit.name if row.unit else "",
            row.device.prescriber.full_name if row.device and row.device.prescriber else "",
            row.item.blocked,
        ]
        for row in rows
    )
    filters = [(_("Återkallelse"), recall.number), (_("Artikel"), str(recall.article))]
    return export_response(
        fmt, f"aterkallelse-{recall.number}", [str(h) for h in EXPORT_HEADER], table, filters
    )


@location_not_required
@require_GET
def recall_letters(request, recall_number):
    """One PDF: a letter per recipient; a protected identity gets no address (REC-5), the
    letter goes via Skatteverket (BEY-D222)."""
    recall = _recall_or_404(request, recall_number)
    letters = selectors.letter_rows(recall)
    _log(request, [row for _r, rows in letters for row in rows], "recall_letters", recall)
    context = {"recall": recall, "letters": letters, "number": recall.number}
    return pdf_response("safety/pdf/recall_letters.html", context, filename=f"brev-{recall.number}")


@location_not_required
@require_POST
def recall_notify(request, recall_number):
    recall = _recall_or_404(request, recall_number)
    units = services.notify_units(by=request.user, recall=recall)
    messages.success(request, _("Meddelande skickat till %(n)d enheter.") % {"n": units})
    return redirect_page(request, recall.get_absolute_url())


@location_not_required
@require_POST
def recall_release(request, recall_number):
    recall = _recall_or_404(request, recall_number)
    released = services.release_blocks(by=request.user, recall=recall)
    messages.success(request, _("Spärren hävd för %(n)d individer.") % {"n": released})
    return redirect_page(request, recall.get_absolute_url())


@location_not_required
@require_POST
def recall_close(request, recall_number):
    recall = _recall_or_404(request, recall_number)
    form = CloseRecallForm(request.POST)
    try:
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.close_recall(by=request.user, recall=recall, note=note)
    except SesamError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Återkallelsen är avslutad."))
    return redirect_page(request, recall.get_absolute_url())
