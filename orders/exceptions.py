from sesam.exceptions import SesamError


class OrderRefused(SesamError):
    """A rule refused an order action; the message says which and what to do."""
