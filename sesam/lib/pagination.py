"""Pagination without a COUNT for a first page that holds every row."""

from django.core import paginator


class Paginator(paginator.Paginator):
    """Django's Paginator, but page 1 fetches one row more than a page: when that many do
    not come back, their number is the count and the COUNT query is skipped (a search
    with fewer hits than a page is one query, not two); otherwise the rows fetched are the
    page and only the count is asked. Other pages as Django's."""

    def get_page(self, number):
        try:
            first = int(number or 1) == 1
        except (TypeError, ValueError):
            first = True  # Django shows page 1 for a page number that is not one
        if not first or self.orphans or "count" in self.__dict__:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.count = len(rows)
            if not rows and not self.allow_empty_first_page:
                return super().get_page(number)
        return self._get_page(rows[: self.per_page], 1, self)
