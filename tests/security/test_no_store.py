"""quality.md (ACC-D100): every response to a signed-in user — pages, partials, PDFs, exports,
admin — carries `Cache-Control: no-store`, so patient data stays out of browser and proxy
caches. Sweeps every URL of the resolver (filled from the Lund map); admin's views are
never cached by Django already."""

from tests.security.test_other_location import _paths
from tests.security.walk import routes

SKIP = {"logout"}  # would end the session the sweep runs in


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_acc_8_every_portal_response_to_a_signed_in_user_is_no_store(
    client_as, prescriber, lund_region
):
    client, missing, checked = client_as(prescriber), [], 0
    for route in routes():
        if route.name in SKIP or route.name == "login":
            continue
        for path in _paths(route, lund_region) if route.kwargs else [route.path({})]:
            response = client.get(path)
            checked += 1
            if not _no_store(response):
                missing.append(f"{route.name} {path}: {response.status_code}")
    assert checked > 50 and not missing, "\n".join(missing)
