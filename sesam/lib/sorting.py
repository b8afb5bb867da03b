"""Sortable table headers (ui.md: one column sorted at a time by clicking its header, again to
reverse, `aria-sort` on the sorted header). The sort travels in the URL (`?sortera=`, a "-"
prefix for descending), so it works without JavaScript and survives reload and Back."""

from django.http import QueryDict


def sort_headers(
    request,
    columns,
    current: str,
    *,
    param: str = "sortera",
    path: str | None = None,
    query: dict | None = None,
    descending_first=(),
) -> list[dict]:
    """Headers of a table: for each (key, label) in `columns` — key None for a column that
    does not sort — the label, the URL that sorts by it (a new column ascending, or descending
    for the keys in `descending_first` such as a date; the sorted one reversed; the page
    number is dropped) and its `aria-sort` value when sorted. The URLs go to `path` (default:
    this page) and keep `query` (default: this request's query)."""
    key, descending = current.removeprefix("-"), current.startswith("-")
    base = QueryDict(mutable=True)
    if query is None:
        base.update(request.GET)
    else:
        base.update(query)
    base.pop("sida", None)
    headers = []
    for column, label in columns:
        header = {"key": column, "label": label, "url": None, "aria_sort": None}
        if column:
            params = base.copy()
            if column == key:
                header["aria_sort"] = "descending" if descending else "ascending"
                params[param] = column if descending else f"-{column}"
            else:
                params[param] = f"-{column}" if column in descending_first else column
            header["url"] = f"{path or request.path}?{params.urlencode()}"
        headers.append(header)
    return headers
