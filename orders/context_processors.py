from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from orders.models import Order
from orders.selectors import cart_summary


def cart(request):
    """The cart in the top bar (HOME-1): Varukorg, or Pågående beställning / Pågående
    lagerpåfyllnad with its line count. Lazy: only a template that shows it asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"cart": SimpleLazyObject(lambda: _cart(user))}


def _cart(user):
    draft = cart_summary(user)
    if draft is None:
        return None
    label = (
        _("Pågående lagerpåfyllnad")
        if draft.kind == Order.Kind.REFILL
        else _("Pågående beställning")
    )
    return {"label": label, "line_count": draft.line_count, "url": reverse("orders:cart")}
