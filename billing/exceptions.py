from sesam.exceptions import SesamError


class BillingError(SesamError):
    """A billing rule refused an action; the Swedish message is shown as is."""
