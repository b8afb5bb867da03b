"""Logggranskning (BEY-11, ACC-8): for staff with the review permission. Every page that shows
recipients writes the access log itself (the review leaves a trace)."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from logreview import selectors, services
from logreview.exceptions import ReviewError
from logreview.forms import ExtractForm, LogSearchForm, MarkForm, SampleForm
from logreview.models import AccessReview, AccessSample, SampledAccess
from sesam.lib.htmx import redirect_page, render_page
from sesam.lib.pdf import pdf_response
from sesam.lib.scoping import location_not_required
from sesam.lib.search import Paginator
from sesam.pages import TodoItem
from sesam.services import log_accesses, register_document

PERMISSION = "logreview.review_accesslog"


def _reviewer(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return request.user


def _log_shown(request, rows, action: str):
    """ACC-8: one access-log row per recipient the page shows."""
    shown = [SimpleNamespace(pk=r.recipient_id, personnummer=r.personnummer) for r in rows]
    if shown:
        log_accesses(
            by=request.user,
            service_location=request.service_location or None,
            recipients=shown,
            action=action,
        )


def review_todo(request) -> TodoItem | None:
    """Att göra → Logggranskning, for reviewers: sampled accesses not yet marked."""
    if not request.user.has_perm(PERMISSION):
        return None
    waiting = SampledAccess.objects.filter(reviews__isnull=True).count()
    return TodoItem(label=_("Logggranskning"), url=reverse("logreview:samples"), count=waiting)


@location_not_required
@require_GET
def search(request):
    _reviewer(request)
    form = LogSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        rows = selectors.search_log(
            start=data["fran"],
            end=data["till"],
            personnummer=data["personnummer"],
            user=data["anvandare"],
            service_location=data["tjanstestalle"],
        )
        page = Paginator(rows, 50).get_page(request.GET.get("sida"))
        _log_shown(request, page, "logreview_search")
        page.entries = [selectors.entry(row) for row in page]
    context = {"form": form, "page": page}
    return render_page(request, "logreview/search.html", context, partial="results")


@location_not_required
@require_GET
def extract_pdf(request):
    """Loggutdrag: the patient's extract as a PDF (PDL 8:5)."""
    reviewer = _reviewer(request)
    form = ExtractForm(request.GET)
    if not form.is_valid():
        return render(request, "logreview/extract_invalid.html", {"form": form}, status=422)
    data = form.cleaned_data
    entries = selectors.extract(
        personnummer=data["personnummer"], start=data["fran"], end=data["till"]
    )
    recipient = SimpleNamespace(
        pk=entries[0].recipient_id if entries else 0, personnummer=data["personnummer"]
    )
    if entries:
        _log_shown(request, [entries[0]], "logreview_extract_pdf")
    printed = register_document(
        by=reviewer,
        kind="access_log_extract",
        service_location=request.service_location or None,
        recipient=recipient if entries else None,
        reference=f"{data['fran']}–{data['till']}",
    )
    context = {**data, "entries": entries, "number": printed.number, "today": timezone.localdate()}
    return pdf_response(
        "logreview/pdf/extract.html", context, filename=f"loggutdrag-{printed.number}"
    )


@location_not_required
@require_http_methods(["GET", "POST"])
def samples(request):
    reviewer = _reviewer(request)
    form = SampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sample = services.draw_sample(
                by=reviewer,
                start=data["fran"],
                end=data["till"],
                size=data["antal"],
                seed=data["slumpfro"],
            )
        except ReviewError as error:
            form.add_error(None, str(error))
        else:
            return redirect_page(request, "logreview:sample", pk=sample.pk)
    status = 422 if request.method == "POST" else 200
    drawn = AccessSample.objects.select_related("by")[:20]
    return render(
        request, "logreview/samples.html", {"form": form, "samples": drawn}, status=status
    )


def _sample_rows(sample):
    latest = Prefetch("reviews", AccessReview.objects.select_related("by").order_by("-at", "-pk"))
    rows = list(
        sample.rows.select_related("access__user", "access__service_location").prefetch_related(
            latest
        )
    )
    for row in rows:
        row.entry = selectors.entry(row.access)
        row.latest = next(iter(row.reviews.all()), None)
    return rows


@location_not_required
@require_GET
def sample(request, pk):
    _reviewer(request)
    sample = get_object_or_404(AccessSample, pk=pk)
    rows = _sample_rows(sample)
    _log_shown(request, [row.access for row in rows], "logreview_sample")
    context = {"sample": sample, "rows": rows, "verdicts": AccessReview.Verdict.choices}
    return render(request, "logreview/sample.html", context)


@location_not_required
@require_POST
def mark(request, pk):
    reviewer = _reviewer(request)
    row = get_object_or_404(SampledAccess, pk=pk)
    form = MarkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.mark_access(
            by=reviewer, row=row, verdict=data["bedomning"], comment=data["kommentar"]
        )
        messages.success(request, _("Bedömningen är sparad."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    url = reverse("logreview:sample", args=[row.sample_id])
    return redirect_page(request, f"{url}#rad-{row.pk}")
