from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from oauth2_provider.models import Application

from devidp.models import Person
from sesam.demo_identities import CARE_UNITS, CITIZENS, STAFF, STRANGER

CLIENT_ID = "sesam"
CLIENT_SECRET = "sesam-development-secret"
DEFAULT_REDIRECT_URIS = [
    "http://127.0.0.1:8000/oidc/callback/",
    "http://localhost:8000/oidc/callback/",
]
# BEY-15: the patient pages are a client of their own (in production the region's e-service
# platform for citizens), with its callback beside the portal's: /patient/oidc/callback/.
PATIENT_CLIENT_ID = "sesam-patient"
PATIENT_CLIENT_SECRET = "sesam-patient-development-secret"
STAFF_CALLBACK, PATIENT_CALLBACK = "/oidc/callback/", "/patient/oidc/callback/"


class Command(BaseCommand):
    help = "Seeds the demo people and sesam's client (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", dest="redirect_uris")

    @transaction.atomic
    def handle(self, *args, redirect_uris=None, **options):
        redirect_uris = redirect_uris or DEFAULT_REDIRECT_URIS
        logout_uris = [uri.replace(STAFF_CALLBACK, "/logga-in/") for uri in redirect_uris]
        patient_uris = [uri.replace(STAFF_CALLBACK, PATIENT_CALLBACK) for uri in redirect_uris]
        Application.objects.update_or_create(
            client_id=PATIENT_CLIENT_ID,
            defaults={
                "name": "Sesam – Mina hjälpmedel",
                "client_secret": PATIENT_CLIENT_SECRET,
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": " ".join(patient_uris),
                "post_logout_redirect_uris": " ".join(
                    uri.replace(PATIENT_CALLBACK, "/patient/logga-in/") for uri in patient_uris
                ),
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": True,
            },
        )
        Application.objects.update_or_create(
            client_id=CLIENT_ID,
            defaults={
                "name": "Sesam",
                "client_secret": CLIENT_SECRET,
                "client_type": Application.CLIENT_CONFIDENTIAL,
                "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
                "redirect_uris": " ".join(redirect_uris),
                "post_logout_redirect_uris": " ".join(logout_uris),
                "algorithm": Application.RS256_ALGORITHM,
                "skip_authorization": True,
            },
        )
        people = [
            (hsa_id, given, family, email, units)
            for hsa_id, given, family, email, units in [*STAFF.values(), STRANGER]
        ]
        for position, (hsa_id, given, family, email, units) in enumerate(people):
            assignments = [list(CARE_UNITS[unit]) for unit in units]
            self._person(
                hsa_id,
                position,
                kind=Person.Kind.STAFF,
                given_name=given,
                family_name=family,
                email=email,
                hsa_id=hsa_id,
                assignments=assignments,
            )
        for position, (personnummer, given, family) in enumerate(CITIZENS):
            self._person(
                personnummer,
                position,
                kind=Person.Kind.CITIZEN,
                given_name=given,
                family_name=family,
                personnummer=personnummer,
            )
        self.stdout.write(
            f"devidp: {Person.objects.count()} demo people, "
            f"clients {CLIENT_ID!r} and {PATIENT_CLIENT_ID!r}"
        )

    def _person(self, username, position, **fields):
        user, _ = get_user_model().objects.get_or_create(username=username)
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Person.objects.update_or_create(user=user, defaults={**fields, "position": position})
