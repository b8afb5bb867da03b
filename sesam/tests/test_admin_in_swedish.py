"""Issue 19.1: every admin of the portal reads in Swedish — column headers and change-page
labels are given Swedish words (never the English fallback Django makes of a field's name),
statuses and events show their choice's label (never the stored code), and "Visa på webbplats"
is offered only where staff can open the page (UI-D181, UI-D182)."""

from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.db import models
from django.test import RequestFactory

# Words that are the same in Swedish and English code.
SAME_IN_SWEDISH = {"status", "personnummer", "id"}
# Free-text codes that are not statuses: the access log's action (an audit code, searched as is).
# Free text or codes a reader needs as they are: the access log's action, a recall's reason.
CODE_COLUMNS_ALLOWED = {("sesam", "accesslog", "action"), ("safety", "recall", "reason")}
CODE_NAMES = {"status", "from_status", "to_status", "kind", "type", "action", "reason"}


def _admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()]


def _columns(model_admin, request):
    """(model, admin, name) of every list column, change-page field and inline column."""
    names = [n for n in model_admin.get_list_display(request) if n != "action_checkbox"]
    names += list(model_admin.get_readonly_fields(request))
    yield from ((model_admin.model, model_admin, n) for n in names)
    for inline in model_admin.get_inline_instances(request):
        for name in inline.get_fields(request):
            yield inline.model, inline, name


def _sweep(staff):
    request = RequestFactory().get("/admin/")
    request.user = staff
    for _model, model_admin in _admins():
        yield from _columns(model_admin, request)


def _english_fallback(name, label):
    return label.lower() == name.replace("_", " ").lower() and name not in SAME_IN_SWEDISH


def test_ui_every_admin_column_has_a_swedish_header(staff):
    english = []
    for model, model_admin, name in _sweep(staff):
        if not isinstance(name, str):
            continue
        label = str(label_for_field(name, model, model_admin))
        if _english_fallback(name, label):
            english.append(f"{model._meta.label}.{name}: {label!r}")
    assert not english, "English headers in admin:\n" + "\n".join(sorted(set(english)))


def test_ui_no_admin_shows_a_stored_status_code(staff):
    raw = []
    for model, _model_admin, name in _sweep(staff):
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue  # a display method: it chooses its words itself
        key = (model._meta.app_label, model._meta.model_name, name)
        if (
            name in CODE_NAMES
            and isinstance(field, models.CharField)
            and not field.choices
            and key not in CODE_COLUMNS_ALLOWED
        ):
            raw.append(".".join(key))
    assert not raw, "columns showing stored codes, not words: " + ", ".join(sorted(set(raw)))


def test_ui_no_admin_offers_visa_pa_webbplats(staff):
    """The portal's pages work in a service location, and Hjälpmedel's staff have none
    (ACC-D105): a "Visa på webbplats" link would lead to the no-location page. Återkallelse is
    the staff's own page (it needs no location), so a recall keeps its link."""
    offered = {
        model
        for model, model_admin in _admins()
        if model_admin.view_on_site and hasattr(model, "get_absolute_url")
    }
    from safety.models import Recall

    assert offered == {Recall}


def test_ui_staff_without_location_get_the_clear_page_not_the_recipient(client_as, staff):
    from recipients.tests.factories import RecipientFactory

    response = client_as(staff).get(RecipientFactory().get_absolute_url())
    assert response.status_code == 403 and "kontakta Hjälpmedel" in response.text
