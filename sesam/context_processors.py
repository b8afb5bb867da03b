from django.utils.functional import SimpleLazyObject


def frame(request):
    """What the top bar needs on every page: the unread message count (HOME-1). Lazy, so
    that an HTMX partial, which has no top bar, does not count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {
        "unread_count": SimpleLazyObject(lambda: user.inbox.filter(read_at__isnull=True).count()),
        # "orders:detail" and "recipients:detail" are different pages (HOME-6).
        "page_name": match.view_name if match else "",
    }
