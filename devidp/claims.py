"""The claims in the ID token, named as Inera's IdP names them (sesam's defaults)."""

from oauth2_provider.oauth2_validators import OAuth2Validator

PERSONAL_IDENTITY_NUMBER = "https://id.oidc.se/claim/personalIdentityNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "employeeHsaId": "openid",
        "healthCareUnitHsaId": "openid",
        "healthCareUnitName": "openid",
        PERSONAL_IDENTITY_NUMBER: "openid",
        "acr": "openid",
    }

    def get_additional_claims(self, request):
        person = request.user.person
        claims = {
            "name": person.name,
            "given_name": person.given_name,
            "family_name": person.family_name,
        }
        if person.kind == person.Kind.CITIZEN:
            return {**claims, PERSONAL_IDENTITY_NUMBER: person.personnummer, "acr": LOA3}
        return {
            **claims,
            "email": person.email,
            "employeeHsaId": person.hsa_id,
            "healthCareUnitHsaId": person.chosen_unit,
            "healthCareUnitName": person.unit_name(person.chosen_unit),
        }
