from django.utils.translation import gettext_lazy as _

from sesam.exceptions import SesamError


class RecipientError(SesamError):
    """A recipient rule refused an action; the Swedish message is shown as is."""


class RecipientInactive(RecipientError):
    """REC-3: activities, pickup orders and new orders are refused for an inactive recipient."""

    def __init__(self):
        super().__init__(str(_("Mottagaren är inte aktiv – kontakta Hjälpmedel")))


class DeviceUnavailable(RecipientError):
    """A device is no longer delivered to the recipient (returned or taken back already)."""

    def __init__(self, device=None):
        if device is None:
            super().__init__(
                str(
                    _(
                        "Ett av hjälpmedlen är redan återlämnat eller inte längre utlämnat. "
                        "Ladda om sidan och försök igen."
                    )
                )
            )
            return
        name = device.article.name
        if device.individual_id:
            name = f"{name} ({_('individ')} {device.individual.number})"
        super().__init__(  # what changed since the page was loaded (issue 19.5)
            str(
                _(
                    "%(device)s är inte längre utlämnat till mottagaren (status nu: %(status)s) "
                    "– det ändrades efter att sidan laddades. Ladda om sidan och försök igen."
                )
                % {"device": name, "status": device.get_status_display()}
            )
        )


class ReturnRefused(RecipientError):
    """RET-1…RET-4: a return (or a scrapping) is not allowed; the message says why."""
