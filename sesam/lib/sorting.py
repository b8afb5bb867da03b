"""Sortable table headers (ui.md: one column sorted at a time by clicking its header, again to
reverse, `aria-sort` on the sorted header). The sort travels in the URL (`?sortera=`, a "-"
prefix for descending), so it works without JavaScript and survives reload and Back."""


def sort_headers(request, columns, current: str, *, param: str = "sortera") -> list[dict]:
    """Headers of a table: for each (key, label) in `columns` — key None for a column that
    does not sort — the label, the URL that sorts by it (a new column ascending, the sorted
    one reversed; the page number is dropped) and its `aria-sort` value when sorted."""
    key, descending = current.removeprefix("-"), current.startswith("-")
    headers = []
    for column, label in columns:
        header = {"key": column, "label": label, "url": None, "aria_sort": None}
        if column:
            query = request.GET.copy()
            query.pop("sida", None)
            if column == key:
                header["aria_sort"] = "descending" if descending else "ascending"
                query[param] = column if descending else f"-{column}"
            else:
                query[param] = column
            header["url"] = f"{request.path}?{query.urlencode()}"
        headers.append(header)
    return headers
