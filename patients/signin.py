"""BEY-15: patients sign in through the region's e-service platform for citizens (BankID),
an OpenID Connect provider, with a client of their own (`SESAM_PATIENT_OIDC_*`).

mozilla-django-oidc does the protocol as for staff (sesam.signin): the authorization code
flow with state, nonce and PKCE, the ID token's RS256 signature checked against the
provider's JWKS; its issuer, audience, expiry and issue time are checked here. Then:

- the level of assurance (`acr`) must be one of `SESAM_PATIENT_ACR_VALUES` (BankID: LoA 3);
- the personnummer claim must be a valid personnummer or samordningsnummer;
- adults only: from `SESAM_PATIENT_MIN_AGE` (18), computed from the personnummer — a child
  gets a page saying that a guardian's access is not offered;
- a personnummer that is no recipient in sesam gets "Vi hittar inga hjälpmedel för dig";
- otherwise the patient's own session (patients.middleware) holds the recipient: no Django
  user, no staff session. A refusal leaves no session.
"""

import logging
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from recipients.models import Recipient
from sesam.lib import personnummer as pnr
from sesam.middleware import REFRESHED_KEY
from sesam.signin import ProviderUnavailable, StrictIdToken, _discover

log = logging.getLogger(__name__)

# The patient's session: {"recipient": id, "personnummer": …} (patients.pages reads it).
PATIENT_KEY = "sesam_patient"
ID_TOKEN_KEY = "oidc_id_token"  # where mozilla-django-oidc keeps it (the provider's logout)


def enabled() -> bool:
    return bool(settings.SESAM_PATIENT_OIDC_ISSUER and settings.SESAM_PATIENT_OIDC_CLIENT_ID)


def provider() -> dict:
    """The citizens' provider's metadata (discovery), read once a process."""
    issuer = settings.SESAM_PATIENT_OIDC_ISSUER
    url = settings.SESAM_PATIENT_OIDC_DISCOVERY_URL or f"{issuer}/.well-known/openid-configuration"
    return _discover(url, issuer)


def _setting(attr, *args):
    """mozilla-django-oidc's settings, with the patient client's own callback and scopes."""
    own = {
        "OIDC_AUTHENTICATION_CALLBACK_URL": "patients:oidc_callback",
        "OIDC_RP_SCOPES": settings.SESAM_PATIENT_OIDC_SCOPES,
        "OIDC_STORE_ID_TOKEN": True,
    }
    return own[attr] if attr in own else import_from_settings(attr, *args)


def _refused(request, reason: str, *, status: int, id_token: str = ""):
    """A refusal page; the patient's session (a sign-in under way) ends."""
    request.session.flush()
    context = {"reason": reason, "provider_logout": _provider_logout(request, id_token)}
    return render(request, "patients/refused.html", context, status=status)


class CitizenBackend(StrictIdToken, OIDCAuthenticationBackend):
    """The code exchanged for the ID token, whose claims are the answer (no Django user)."""

    get_settings = staticmethod(_setting)

    def __init__(self):
        self.use_provider(
            provider(),
            issuer=settings.SESAM_PATIENT_OIDC_ISSUER,
            client_id=settings.SESAM_PATIENT_OIDC_CLIENT_ID,
            client_secret=settings.SESAM_PATIENT_OIDC_CLIENT_SECRET,
            sign_algo="RS256",
        )
        self.UserModel = None

    def get_or_create_user(self, access_token, id_token, payload):
        return payload  # the signed ID token's claims


def _unavailable(request):
    log.exception("the citizens' identity provider is unavailable")
    return _refused(request, "unavailable", status=503)


@method_decorator(login_not_required, name="dispatch")
class SignInView(OIDCAuthenticationRequestView):
    """Logga in med BankID: off to the provider with state, nonce, PKCE and the levels of
    assurance asked for."""

    get_settings = staticmethod(_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not enabled():
            return redirect("patients:sign_in")
        if signed_in(request):
            return redirect("patients:home")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider()["authorization_endpoint"]
        except ProviderUnavailable:
            return _unavailable(request)
        self.OIDC_RP_CLIENT_ID = settings.SESAM_PATIENT_OIDC_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request):
        return {"acr_values": " ".join(settings.SESAM_PATIENT_ACR_VALUES)}


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the patient's session, or a refusal page and no session."""

    def get(self, request):
        try:
            return self._answer(request)
        except ProviderUnavailable:
            return _unavailable(request)
        except requests.RequestException:
            # The token endpoint refused the code (used twice, a wrong PKCE verifier, …).
            log.warning("patient token request refused", exc_info=True)
            return _refused(request, "failed", status=400)
        except SuspiciousOperation as error:
            log.warning("patient sign-in refused: %s", error)
            return _refused(request, "failed", status=400)

    def _answer(self, request):
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        flow = states.pop(state, None)
        request.session["oidc_states"] = states  # a state is spent once, also by an error
        if request.GET.get("error"):
            return _refused(request, "cancelled", status=400)
        if flow is None or not request.GET.get("code"):
            return _refused(request, "failed", status=400)
        claims = CitizenBackend().authenticate(
            request, nonce=flow["nonce"], code_verifier=flow.get("code_verifier")
        )
        if not claims:
            return _refused(request, "failed", status=400)
        return self._sign_in(request, claims)

    def _sign_in(self, request, claims: dict):
        id_token = request.session.get(ID_TOKEN_KEY, "")
        if claims.get("acr") not in settings.SESAM_PATIENT_ACR_VALUES:
            return _refused(request, "assurance", status=403, id_token=id_token)
        try:
            number = pnr.normalise(claims.get(settings.SESAM_PATIENT_PNR_CLAIM) or "")
        except ValidationError:
            return _refused(request, "failed", status=400, id_token=id_token)
        if pnr.age_on(number, timezone.localdate()) < settings.SESAM_PATIENT_MIN_AGE:
            return _refused(request, "child", status=403, id_token=id_token)
        recipient = Recipient.objects.filter(personnummer=number).only("pk").first()
        if recipient is None:
            return _refused(request, "unknown", status=200, id_token=id_token)
        next_url = request.session.get("oidc_login_next")
        request.session.cycle_key()  # a new session id at sign-in (no fixation)
        request.session[PATIENT_KEY] = {"recipient": recipient.pk, "personnummer": number}
        request.session[REFRESHED_KEY] = int(time.time())
        request.session.pop("oidc_login_next", None)
        return redirect(next_url or "patients:home")


def signed_in(request) -> bool:
    return PATIENT_KEY in request.session


def _provider_logout(request, id_token: str) -> str:
    """The provider's end-session URL for this ID token (back to the patients' sign-in
    page), or "" when there is none."""
    if not (enabled() and id_token):
        return ""
    try:
        endpoint = provider().get("end_session_endpoint")
    except ProviderUnavailable:
        return ""
    if not endpoint:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("patients:sign_in")),
            "client_id": settings.SESAM_PATIENT_OIDC_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"


@login_not_required
@require_POST
def sign_out(request):
    """Logga ut: the patient's session ends here and at the provider."""
    id_token = request.session.get(ID_TOKEN_KEY, "")
    request.session.flush()
    return redirect(_provider_logout(request, id_token) or "patients:sign_in")
