"""The house rules that a new view or a new history would otherwise drift from (style.md):
every routed view declares its methods, and every status history has the one event shape."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from activities.models import ActivityEvent, PatientRequestEvent, PickupEvent
from billing.models import ChargeEvent
from orders.models import OrderEvent
from sesam.lib.events import StatusEvent

PROJECT_APPS = ("sesam", "inventory", "recipients", "orders", "activities", "billing")


def _routed_views(resolver=None, namespaces=()):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routed_views(pattern, (*namespaces, pattern.namespace))
        elif isinstance(pattern, URLPattern) and "admin" not in namespaces:
            yield pattern


def _declares_methods(view) -> bool:
    """Wrapped by require_GET/require_POST/require_http_methods at some level (Django's
    decorator keeps the allowed list in its closure as `request_method_list`)."""
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_every_routed_view_declares_its_methods():
    undeclared = [
        f"{pattern.callback.__module__}.{pattern.callback.__name__} ({pattern.name})"
        for pattern in _routed_views()
        if pattern.callback.__module__.split(".")[0] in PROJECT_APPS
        and not hasattr(pattern.callback, "view_class")  # a class view declares by handlers
        and not _declares_methods(pattern.callback)
    ]
    assert undeclared == []


def test_the_method_check_sees_a_view_without_a_declaration():
    def bare(request):
        return None

    assert not _declares_methods(bare)


@pytest.mark.parametrize(
    "model", [OrderEvent, ActivityEvent, PickupEvent, ChargeEvent, PatientRequestEvent]
)
def test_every_status_history_has_the_one_event_shape(model):
    assert issubclass(model, StatusEvent)
    names = {"from_status", "to_status", "note", "by", "at"}
    assert {f.name for f in model._meta.fields} >= names
