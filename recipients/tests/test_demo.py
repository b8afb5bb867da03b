"""demo-data.md: the demo recipients, idempotent, with official test numbers only."""

import random
from pathlib import Path

from recipients import demo
from recipients.models import Recipient

TEST_NUMBERS = Path(__file__).resolve().parents[2] / "tests/data/skatteverket-testpersonnummer.txt"


def test_demo_recipients_are_created_once(db):
    demo.seed(rng=random.Random(1))
    demo.seed(rng=random.Random(2))
    assert Recipient.objects.count() == 6
    key = demo.KEY_RECIPIENTS
    assert Recipient.objects.get(personnummer=key["adult"]).name == "Tolvan Tolvansson"
    assert not Recipient.objects.get(personnummer=key["child"]).is_adult
    assert Recipient.objects.get(personnummer=key["elderly"]).personnummer.startswith("194")
    assert Recipient.objects.get(personnummer=key["protected"]).protected_identity
    assert not Recipient.objects.get(personnummer=key["inactive"]).is_active
    assert Recipient.objects.get(personnummer=key["out_of_region"]).home_region == "Region Halland"


def test_demo_numbers_are_official_test_numbers():
    official = set(TEST_NUMBERS.read_text().split())
    # 191212121212 (Tolvan Tolvansson) is fixed by demo-data.md: Skatteverket's classic example.
    for key, number in demo.KEY_RECIPIENTS.items():
        assert number in official or number == "191212121212", key
