from django.utils.functional import SimpleLazyObject

from sesam.selectors import unread_count


def frame(request):
    """What the top bar needs on every page: the unread message count (HOME-1), read with
    the user (sesam.frame); lazy, as a partial has no top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {
        "unread_count": SimpleLazyObject(lambda: unread_count(user)),
        # "orders:detail" and "recipients:detail" are different pages (HOME-6).
        "page_name": match.view_name if match else "",
    }
