from sesam.exceptions import SesamError


class ReviewError(SesamError):
    """A review step refused, with a Swedish message for the user."""
