class SesamError(Exception):
    """A domain rule refused an action. The message is Swedish and shown to the user as is."""
