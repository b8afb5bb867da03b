"""ACC-4: every detail URL of a Lund object answers 404 to annan (Helsingborg), for GET and
POST. The URLs come from the resolver; each kwarg is filled from the map of Lund keys in
conftest.py, so a new view with a known kwarg name is covered without editing this file."""

import itertools
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import Client
from django.urls import resolve

from inventory.models import Individual
from tests.security.forms import forms_of, links_of
from tests.security.walk import routes

# Region-wide data (not a location's): the recipient and their devices in the user's
# product areas (REC-D3, REC-6), articles and the catalogue, news, the user's own details.
REGION_WIDE = {
    "recipients:detail",
    "recipients:device",
    "recipients:field",
    "recipients:loan_agreement",
    "recipients:loan_agreement_pdf",
    "recipients:device_list_pdf",
    "recipients:devices_export",  # BEY-10: the Hjälpmedel tab as a file, region-wide as it
    "inventory:article_detail",
    "inventory:article_balance",
    "inventory:catalogue_node",
    "orders:line_dialog",
    "orders:add_suggestion",  # BEY-12: a region-wide article into the user's own cart
    "news_detail",
    "profile_field",
    # Starting work for a recipient at one's own location, and reporting a recipient's fitting
    # (BIL-5): recipients are region-wide; what is made belongs to the user's location.
    "recipients:return",
    "recipients:fitting_completed",
    "activities:activity_start",
    "activities:activity_from_individual",
    "activities:pickup_start",
}
# Staff pages that no location owns: Logggranskning (BEY-11) is for reviewers only (403 for
# everyone else, tested in logreview/tests).
STAFF_PAGES = {"logreview:sample", "logreview:mark"}
# Hjälpmedel's pages behind a permission (BEY-5 Återkallelse): 404 to every user without it,
# so the sweep walks them; the "owner" who opens them is staff.
STAFF_ONLY = {
    "safety:recall_detail",
    "safety:recall_export",
    "safety:recall_letters",
    "safety:recall_notify",
    "safety:recall_release",
    "safety:recall_close",
}
# Removing a line that is not in the user's cart gets the answer of a line already removed
# (a double click): back to the user's own cart with a refusal. Nothing is shown or done.
REFUSED_TO_OWN_CART = {"orders:remove_line": "/bestallning/varukorg/"}


# BEY-15: the patient pages answer staff with the patients' sign-in page; a patient's own
# session sees another patient's ids as 404 (tests/security/test_patient_session.py).
PATIENT_PAGES = "patients:"


def _detail_routes():
    return [
        route for route in routes() if route.kwargs and not route.name.startswith(PATIENT_PAGES)
    ]


def _paths(route, region, extra=None):
    keys = {**region["keys"], **region.get("route_keys", {}).get(route.name, {})}
    for name, values in (extra or {}).items():
        keys[name] = [*keys.get(name, []), *values]
    unknown = [name for name in route.kwargs if name not in keys]
    assert not unknown, f"{route.name}: kwarg {unknown} unknown — add it to the map in conftest.py"
    names = list(route.kwargs)
    for values in itertools.product(*(keys[name] for name in names)):
        yield route.path(dict(zip(names, values, strict=True)))


def test_acc_4_every_detail_url_of_a_lund_object_is_404_for_another_location(
    client_as, lund_region, other_location_user
):
    client = client_as(other_location_user)
    leaks = []
    for route in _detail_routes():
        paths = list(_paths(route, lund_region))
        if route.name in REGION_WIDE | STAFF_PAGES:
            continue
        for path in paths:
            # 405 (a method the view does not take) is answered before any lookup.
            answers = {client.get(path).status_code, client.post(path, {}).status_code}
            if route.name in REFUSED_TO_OWN_CART:
                answers = {404 if a == 302 else a for a in answers}
                assert client.post(path, {}).url == REFUSED_TO_OWN_CART[route.name]
            if not answers <= {404, 405} or 404 not in answers:
                leaks.append(f"{route.name} {path}: {sorted(answers)}")
    assert not leaks, "\n".join(leaks)
    assert lund_region["cart_line"].__class__.objects.filter(pk=lund_region["cart_line"].pk)


def test_acc_4_the_map_holds_real_lund_keys_the_owner_can_open(
    client, lund_region, prescriber, staff
):
    """Each swept pattern opens (not 404) for audionom (staff for STAFF_ONLY) with some key of
    the map, so the sweep above tests real objects, not keys that exist nowhere."""
    for route in _detail_routes():
        if route.name in REGION_WIDE | STAFF_PAGES:
            continue
        client.force_login(staff if route.name in STAFF_ONLY else prescriber)
        answers = [client.get(path).status_code for path in _paths(route, lund_region)]
        assert any(status != 404 for status in answers), f"{route.name}: {answers}"


def test_acc_4_an_unknown_kwarg_name_asks_to_be_added_to_the_map():
    route = next(r for r in _detail_routes())
    with pytest.raises(AssertionError, match="add it to the map"):
        list(_paths(route, {"keys": {}}))


# --- ACC-6: no POST changes another location's object ---------------------------------------

# Not found, or refused with a reason on a page the user may read (Retur till leverantör of
# a central individual: 409); never a 2xx/3xx, and (below) nothing changed.
REFUSED = {403, 404, 405, 409}
FILLER = "SWEEP123"  # a value every text field of the portal takes (a number, a name …)
SKIP_LINKS = ("/logga-ut/", "/admin/")
CSRF = "csrfmiddlewaretoken"  # the test client does not check it


def _owner_forms(region, owner) -> dict[str, list[dict]]:
    """route name → the data of each POST form the owner is offered for it: every form on the
    owner's pages of the swept URLs and on the pages they link to (the SIP editor, Byte av
    individnummer …), each empty field filled with a value the form would take."""
    client, seen, pages, found = Client(), set(), [], {}
    client.force_login(owner)
    for route in _detail_routes():
        pages += list(_paths(route, region, region["write_keys"]))
    while pages:
        path = pages.pop()
        if path in seen or path.startswith(SKIP_LINKS) or ".pdf" in path:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        if len(seen) < 400:  # one level of links is enough; keep the walk bounded
            pages += [link for link in links_of(path, response.text) if link not in seen]
        for form in forms_of(path, response.text):
            if form.method != "post":
                continue
            fields = form.fields.items()
            data = {n: (v or [FILLER])[0] or FILLER for n, v in fields if n != CSRF}
            name = resolve(urlsplit(form.action).path).view_name
            if data not in found.setdefault(name, []):
                found[name].append(data)
    return found


def _snapshot():
    """Every table's row count and every individual's number, SIP number and place."""
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"sesam", "inventory", "recipients", "orders", "activities"}
        and model._meta.model_name != "accesslog"  # reads are logged
    }
    individuals = set(
        Individual.objects.values_list("pk", "number", "sip_number", "warehouse", "status")
    )
    return counts, individuals


def test_acc_6_no_post_to_any_url_changes_another_locations_object(
    client_as, lund_region, other_location_user, prescriber
):
    """Every POST route of the resolver, with each Lund key and each key annan may see but
    not change, gets an empty POST and each form the owner is offered for that route (with
    values it would take): refused (404, 405 or a 403/409 with the reason), nothing changes."""
    offered = _owner_forms(lund_region, prescriber)
    assert offered.get("inventory:individual_change_number"), sorted(offered)
    client, before, leaks = client_as(other_location_user), _snapshot(), []
    for route in _detail_routes():
        if route.name in REGION_WIDE:
            continue
        for path in _paths(route, lund_region, lund_region["write_keys"]):
            for data in [{}, *offered.get(route.name, [])]:
                response = client.post(path, data)
                status = response.status_code
                if route.name in REFUSED_TO_OWN_CART and status == 302:
                    status = 404 if response.url == REFUSED_TO_OWN_CART[route.name] else 302
                if status not in REFUSED:
                    leaks.append(f"{route.name} {path} {data}: {status}")
    assert not leaks, "\n".join(leaks)
    assert _snapshot() == before
