"""ACC-11: the demo users and service locations carry the HSA-ids that the development IdP
(devidp/) knows; the IdP is never part of the production package or image."""

import random
import tomllib

from sesam import demo
from sesam.demo_identities import CARE_UNITS, STAFF
from sesam.models import ServiceLocation, User
from sesam.tests.test_deploy import ROOT


def test_acc_11_demo_users_and_locations_have_the_idps_hsa_ids(db):
    demo.seed(rng=random.Random(1))
    users = dict(User.objects.values_list("username", "hsa_id"))
    assert users == {username: person[0] for username, person in STAFF.items()}
    locations = dict(ServiceLocation.objects.values_list("code", "hsa_id"))
    assert locations == {code: unit[0] for code, unit in CARE_UNITS.items() if code in locations}


def test_acc_11_the_development_idp_is_never_packaged():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(pattern.startswith("devidp") for pattern in included)
    assert "devidp" not in (ROOT / "Dockerfile").read_text()
    assert "oauth-toolkit" not in " ".join(pyproject["project"]["dependencies"])
