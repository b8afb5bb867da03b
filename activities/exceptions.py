from sesam.exceptions import SesamError


class PickupRefused(SesamError):
    """A pickup-order rule (PU) refused an action; the Swedish message says why and what to do."""


class ActivityRefused(SesamError):
    """An activity rule refused an action; the Swedish message is shown as is."""


class ActivityConflict(ActivityRefused):
    """Someone else changed the activity first (compare-and-set lost): answer 409."""


class PatientRequestRefused(SesamError):
    """A patient's request (BEY-15) was refused: the Swedish message says why, in plain words."""
