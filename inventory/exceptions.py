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


class IndividualNumberTaken(SesamError):
    """IND-4, RCV-4: individual numbers are unique."""

    def __init__(self, number: str):
        self.number = number
        super().__init__(
            _("Individnumret %(number)s finns redan. Ange ett annat individnummer.")
            % {"number": number}
        )


class SipNumberTaken(SesamError):
    """IND-3: a SIP number belongs to one individual."""

    def __init__(self, sip_number: str):
        self.sip_number = sip_number
        super().__init__(
            _("SIP-numret %(sip)s används redan av en annan individ. Kontrollera numret.")
            % {"sip": sip_number}
        )


class IndividualChanged(SesamError):
    """Compare-and-set lost: someone else changed the individual in between."""

    def __init__(self, *, field: str = "", old: str = "", now: str = ""):
        if not field:
            super().__init__(
                _("Individen har just ändrats av någon annan. Ladda om sidan och försök igen.")
            )
            return
        super().__init__(  # what changed (issue 19.5)
            _(
                "Individen har just ändrats av någon annan: %(field)s är nu %(now)s (var "
                "%(old)s när sidan laddades). Ladda om sidan och försök igen."
            )
            % {"field": field, "now": now or "–", "old": old or "–"}
        )


class NotAnIndividualArticle(SesamError):
    def __init__(self, article):
        self.article = article
        super().__init__(_("Artikel %(number)s är inte individmärkt.") % {"number": article.number})


class SupplierReturnRefused(SesamError):
    """RET-6, ACC-6: the individual may not be returned to its supplier by this user now."""


class StocktakeRefused(SesamError):
    """STK-3: a stocktake cannot be started, counted or finished now; the message says why."""


class StocktakeFinished(StocktakeRefused):
    """STK-3: a stocktake is finished once; a second finish (or a late save) is refused."""

    def __init__(self, stocktake):
        self.stocktake = stocktake
        super().__init__(
            _("Inventering %(number)s är redan slutförd.") % {"number": stocktake.number}
        )
