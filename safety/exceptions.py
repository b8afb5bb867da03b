from sesam.exceptions import SesamError


class SafetyRefused(SesamError):
    """A recall, deviation report or register import was refused; the message says why."""
