from django.utils.translation import gettext as _

from sesam.exceptions import SesamError


class InsufficientStock(SesamError):
    """A withdrawal or allocation would take more than the warehouse has free (ORD-12)."""

    def __init__(self, *, article, warehouse, available: int):
        self.article, self.warehouse, self.available = article, warehouse, max(available, 0)
        super().__init__(
            _("Det finns bara %(available)s st kvar av %(article)s på lager %(warehouse)s.")
            % {"available": self.available, "article": article.name, "warehouse": warehouse.number}
        )


class IndividualUnavailable(SesamError):
    """An individual is no longer where the action expects it (delivered, moved)."""
