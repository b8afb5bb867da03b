"""ACC-4: every detail URL of a Lund object answers 404 to annan (Helsingborg), for GET and
POST. The URLs come from the resolver; each kwarg is filled from the map of Lund keys in
conftest.py, so a new view with a known kwarg name is covered without editing this file."""

import itertools

import pytest

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
    "inventory:article_detail",
    "inventory:article_balance",
    "inventory:catalogue_node",
    "orders:line_dialog",
    "news_detail",
    "profile_field",
    # Starting work for a recipient at one's own location, and reporting a recipient's fitting
    # (BIL-5): recipients are region-wide; what is made belongs to the user's location.
    "recipients:return",
    "recipients:fitting_completed",
    "activities:start",
    "activities:from_individual",
    "activities:pickup_start",
}
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


def _detail_routes():
    return [route for route in routes() if route.kwargs]


def _paths(route, region):
    keys = {**region["keys"], **region.get("route_keys", {}).get(route.name, {})}
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
        if route.name in REGION_WIDE:
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
        if route.name in REGION_WIDE:
            continue
        client.force_login(staff if route.name in STAFF_ONLY else prescriber)
        answers = [client.get(path).status_code for path in _paths(route, lund_region)]
        assert any(status != 404 for status in answers), f"{route.name}: {answers}"


def test_acc_4_an_unknown_kwarg_name_asks_to_be_added_to_the_map():
    route = next(r for r in _detail_routes())
    with pytest.raises(AssertionError, match="add it to the map"):
        list(_paths(route, {"keys": {}}))
