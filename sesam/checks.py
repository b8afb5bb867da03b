"""ACC-11: a configuration in which nobody can sign in is an error; password login in
production is a deploy warning."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security)
def sign_in_check(app_configs, **kwargs):
    errors = []
    if not (settings.SESAM_PASSWORD_LOGIN or settings.SESAM_OIDC_ISSUER):
        errors.append(
            Error(
                "Nobody can sign in: set SESAM_OIDC_ISSUER (the region's identity provider) "
                "or, for a demo, SESAM_PASSWORD_LOGIN=true.",
                id="sesam.E001",
            )
        )
    if settings.SESAM_OIDC_ISSUER and not (
        settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET
    ):
        errors.append(
            Error("Set SESAM_OIDC_CLIENT_ID and SESAM_OIDC_CLIENT_SECRET.", id="sesam.E002")
        )
    return errors


@register(Tags.security, deploy=True)
def password_login_deploy_check(app_configs, **kwargs):
    if settings.SESAM_PASSWORD_LOGIN:
        return [
            Warning(
                "SESAM_PASSWORD_LOGIN is on: in production staff sign in through the identity "
                "provider only (ACC-11).",
                id="sesam.W001",
            )
        ]
    return []
