"""ACC-11: staff sign in through the region's identity provider (OpenID Connect).

mozilla-django-oidc does the protocol: the authorization code flow with state, nonce and
PKCE, the code exchanged at the token endpoint, the ID token's RS256 signature checked
against the provider's JWKS. Here sesam adds what the library leaves to its user:

- the provider's endpoints come from its discovery document (`SESAM_OIDC_ISSUER`);
- the ID token's issuer, audience, expiry and issue time are checked, and every JWT error
  is a refused sign-in (400), never a 500;
- the HSA-id claim finds the user; an unknown HSA-id, an inactive, dormant (ACC-10) or locked
  (ACC-1) account gets the page "Du saknar behörighet i Sesam" and no session;
- names and e-mail are refreshed from the claims, rights never (they stay in sesam);
- the assignment claim (a care unit's HSA-id) selects the service location;
- Logga ut also ends the session at the provider (RP-initiated logout).
"""

import functools
import logging
from urllib.parse import urlencode

import jwt
import requests
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
    get_next_url,
)

from sesam import services
from sesam.middleware import SESSION_KEY, SIGN_IN_KEY
from sesam.models import Membership, SignInMethod

log = logging.getLogger(__name__)

REFUSAL_ATTRIBUTE = "sesam_sign_in_refused"
# The session backend of a signed-in user, whichever way they signed in: the frame's user query.
SESSION_BACKEND = "sesam.backends.FrameBackend"


class ProviderUnavailable(Exception):
    """The identity provider's discovery document could not be read."""


def enabled() -> bool:
    return bool(settings.SESAM_OIDC_ISSUER)


@functools.cache
def _discover(url: str, issuer: str) -> dict:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(str(error)) from error
    if document.get("issuer") != issuer:
        raise ProviderUnavailable(f"discovery names issuer {document.get('issuer')!r}")
    return document


def provider() -> dict:
    """The provider's metadata (OpenID Connect Discovery), read once a process."""
    issuer = settings.SESAM_OIDC_ISSUER
    url = settings.SESAM_OIDC_DISCOVERY_URL or f"{issuer}/.well-known/openid-configuration"
    return _discover(url, issuer)


def _unavailable(request):
    log.exception("identity provider unavailable")
    context = {"reason": "unavailable"}
    return render(request, "registration/sign_in_refused.html", context, status=503)


class StrictIdToken:
    """The ID token checks of both sign-ins (staff ACC-11, patients BEY-15): the algorithm
    the client expects, the signature, and the claims the library leaves unchecked — iss,
    aud, exp, iat; any JWT error is a refusal (SuspiciousOperation), never a 500. A backend
    calls `use_provider` before the library runs."""

    issuer: str

    def use_provider(self, metadata: dict, *, issuer, client_id, client_secret, sign_algo):
        """The library's settings from the provider's discovery document and the client's."""
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_OP_USER_ENDPOINT = metadata.get("userinfo_endpoint")
        self.OIDC_RP_CLIENT_ID, self.OIDC_RP_CLIENT_SECRET = client_id, client_secret
        self.OIDC_RP_SIGN_ALGO, self.OIDC_RP_IDP_SIGN_KEY = sign_algo, None
        self.issuer = issuer

    def _verify_jws(self, payload, key):
        try:
            if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
                raise SuspiciousOperation("ID token: unexpected algorithm")
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=settings.SESAM_OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (jwt.InvalidTokenError, jwt.PyJWKError, KeyError) as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error


class HsaIdBackend(StrictIdToken, OIDCAuthenticationBackend):
    """Authenticates the callback of the authorization code flow; finds the user by HSA-id."""

    def __init__(self, *args, **kwargs):
        # The library reads its settings here; sesam reads them (and discovers the
        # endpoints) only when a callback arrives, so that a password login costs nothing.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not enabled() or "code" not in request.GET:
            return None
        if request.path != reverse("oidc_authentication_callback"):
            return None  # another sign-in's callback (the patient pages have their own)
        self.use_provider(
            provider(),
            issuer=settings.SESAM_OIDC_ISSUER,
            client_id=settings.OIDC_RP_CLIENT_ID,
            client_secret=settings.OIDC_RP_CLIENT_SECRET,
            sign_algo=settings.OIDC_RP_SIGN_ALGO,
        )
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        # The claims are those of the signed ID token.
        return payload

    def verify_claims(self, claims):
        if claims.get(settings.SESAM_OIDC_HSA_ID_CLAIM):
            return True
        setattr(self.request, REFUSAL_ATTRIBUTE, "unknown")
        return False

    def describe_user_by_claims(self, claims):
        return f"HSA-id {claims.get(settings.SESAM_OIDC_HSA_ID_CLAIM)}"

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(hsa_id=claims[settings.SESAM_OIDC_HSA_ID_CLAIM])

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None and not hasattr(self.request, REFUSAL_ATTRIBUTE):
            setattr(self.request, REFUSAL_ATTRIBUTE, "unknown")
        return user

    def create_user(self, claims):  # never: rights stay in sesam (ACC-11)
        return None

    def update_user(self, user, claims):
        refusal = self._refusal(user)
        if refusal:
            setattr(self.request, REFUSAL_ATTRIBUTE, refusal)
            return None
        full_name = claims.get("name") or " ".join(
            part for part in (claims.get("given_name"), claims.get("family_name")) if part
        )
        user = services.refresh_identity(by=user, full_name=full_name, email=claims.get("email"))
        user.sign_in_assignment = str(claims.get(settings.SESAM_OIDC_ASSIGNMENT_CLAIM) or "")
        return user

    def _refusal(self, user) -> str:
        if not user.is_active:
            return "inactive"
        if AxesProxyHandler.is_locked(self.request, {"username": user.username}):
            return "locked"
        if services.deactivate_if_dormant(user=user):
            return "dormant"
        return ""


@method_decorator(login_not_required, name="dispatch")
class SignInView(OIDCAuthenticationRequestView):
    """Logga in med SITHS: off to the provider with state, nonce and a PKCE challenge."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not enabled():
            return redirect("login")
        if request.user.is_authenticated:  # signed in already
            return redirect(get_next_url(request, "next") or "start")
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider()["authorization_endpoint"]
        except ProviderUnavailable:
            return _unavailable(request)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: a user with a session, or the refusal page and no session."""

    def get(self, request):
        try:
            return super().get(request)
        except ProviderUnavailable:
            return _unavailable(request)
        except requests.RequestException:
            # The token endpoint refused the code (used twice, a wrong PKCE verifier, …).
            log.warning("token request refused", exc_info=True)
            request.session.flush()
            context = {"reason": "failed"}
            return render(request, "registration/sign_in_refused.html", context, status=400)

    def login_failure(self):
        request = self.request
        if request.user.is_authenticated:
            # A stray callback (a bookmark, a link from elsewhere) leaves a session alone.
            return redirect("start")
        reason = getattr(request, REFUSAL_ATTRIBUTE, "")
        if not reason:  # the provider said no, or no sign-in was under way in this session
            reason = "cancelled" if request.GET.get("error") else "failed"
        request.session.flush()
        status = {"locked": 429, "cancelled": 400, "failed": 400}.get(reason, 403)
        return render(
            request, "registration/sign_in_refused.html", {"reason": reason}, status=status
        )

    def login_success(self):
        self.user.backend = SESSION_BACKEND
        response = super().login_success()
        assignment = getattr(self.user, "sign_in_assignment", "")
        self.request.session[SIGN_IN_KEY] = {
            "method": SignInMethod.SITHS,
            "assignment": assignment,
        }
        _choose_location(self.request, self.user, assignment)
        return response


def _choose_location(request, user, assignment: str) -> None:
    """The assignment's care unit is the active service location when it is one of the
    user's; otherwise the default, with a notice."""
    memberships = list(
        Membership.objects.filter(user=user).select_related("service_location").order_by("pk")
    )
    if not memberships:
        return
    chosen = next(
        (m for m in memberships if assignment and m.service_location.hsa_id == assignment), None
    )
    if chosen is not None:
        request.session[SESSION_KEY] = chosen.service_location_id
        return
    default = next((m for m in memberships if m.is_default), memberships[0])
    request.session[SESSION_KEY] = default.service_location_id
    messages.info(
        request,
        _(
            "Uppdraget du valde hör inte till något av dina tjänsteställen i Sesam. Du arbetar "
            "på %(name)s; byt tjänsteställe högst upp på sidan."
        )
        % {"name": default.service_location.name},
    )


def logout_url(request) -> str:
    """Where Logga ut goes: to the provider's end-session endpoint when this session signed
    in there (it then sends the browser back to the login page), else the login page."""
    login = request.build_absolute_uri(reverse("login"))
    id_token = request.session.get("oidc_id_token")
    if not (enabled() and id_token):
        return reverse("login")
    try:
        endpoint = provider().get("end_session_endpoint")
    except ProviderUnavailable:
        endpoint = None
    if not endpoint:
        return reverse("login")
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": login,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"


logout = OIDCLogoutView.as_view()


@login_not_required
@require_http_methods(["GET", "POST"])
def admin_login(request):
    """Django admin's login: the password form when password login is on, else the provider."""
    if settings.SESAM_PASSWORD_LOGIN:
        return admin.site.login(request)
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect("admin:index")
        return render(request, "403.html", status=403)
    if request.method == "POST":
        return render(request, "403.html", status=403)
    target = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('oidc_authentication_init')}?{urlencode({'next': target})}")
