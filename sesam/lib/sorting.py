"""Sortable table headers (ui.md: one column sorted at a time by clicking its header, again to
reverse, `aria-sort` on the sorted header). The sort travels in the URL (`?sortera=`, a "-"
prefix for descending), so it works without JavaScript and survives reload and Back."""

from django.http import QueryDict


def sort_state(column: str, current: str, *, descending_first=()) -> tuple[str | None, str]:
    """One sortable column: its `aria-sort` value (None when another column is sorted) and the
    sort a click on it asks for (the sorted column reversed; another ascending, or descending
    when it is in `descending_first`, such as a date)."""
    key, descending = current.removeprefix("-"), current.startswith("-")
    if column == key:
        return ("descending" if descending else "ascending"), column if descending else f"-{column}"
    return None, f"-{column}" if column in descending_first else column


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
            header["aria_sort"], params[param] = sort_state(
                column, current, descending_first=descending_first
            )
            header["url"] = f"{path or request.path}?{params.urlencode()}"
        headers.append(header)
    return headers
