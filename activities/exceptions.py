from sesam.exceptions import SesamError


class PickupRefused(SesamError):
    """A pickup-order rule (PU) refused an action; the Swedish message says why and what to do."""
