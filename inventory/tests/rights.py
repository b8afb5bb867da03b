"""Prescribing rights as the demo has them (BEY-1): Audionom may prescribe ISO 22 in Hörsel,
except 22 06 21 (bone-anchored hearing aids)."""

from inventory.models import PrescribingRight
from inventory.tests.factories import IsoCodeFactory
from sesam.models import Profession


def audionom_rights(area, *users) -> Profession:
    """Audionom: 22 yes, 22 06 21 no, in `area`; `users` get the profession."""
    audionom, _ = Profession.objects.get_or_create(name="Audionom")
    PrescribingRight.objects.create(
        product_area=area, profession=audionom, iso_code=IsoCodeFactory(code="22", name="ISO 22")
    )
    PrescribingRight.objects.create(
        product_area=area,
        profession=audionom,
        iso_code=IsoCodeFactory(code="220621", name="Benförankrade hörapparater"),
        allowed=False,
    )
    for user in users:
        user.profession = audionom
        user.save(update_fields=["profession"])
    return audionom
