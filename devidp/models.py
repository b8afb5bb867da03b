from django.conf import settings
from django.db import models


class Person(models.Model):
    """A demo identity: a member of staff (HSA-id, SITHS, medarbetaruppdrag) or a citizen
    (personnummer, BankID-like level of assurance)."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Personal"
        CITIZEN = "citizen", "Invånare"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    given_name = models.CharField(max_length=60)
    family_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    hsa_id = models.CharField(max_length=44, blank=True)
    personnummer = models.CharField(max_length=12, blank=True)
    # [[care unit HSA-id, name], …]: the medarbetaruppdrag offered at sign-in.
    assignments = models.JSONField(default=list, blank=True)
    # The one chosen at the last sign-in; the ID token carries it.
    chosen_unit = models.CharField(max_length=44, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def unit_name(self, hsa_id: str) -> str:
        return next((name for unit, name in self.assignments if unit == hsa_id), "")
