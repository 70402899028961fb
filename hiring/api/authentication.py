"""`Authorization: Bearer rk_<prefix>_<secret>` for integrations; sessions for the browsable API."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from hiring.integrations.keys import api_key_authenticate

MALFORMED_HEADER = "Send the key as 'Authorization: Bearer rk_<prefix>_<secret>'."
INVALID_KEY = "This API key is unknown or revoked."


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED_HEADER)
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(MALFORMED_HEADER) from None
        key = api_key_authenticate(token=token)
        if key is None:
            raise exceptions.AuthenticationFailed(INVALID_KEY)
        return key.user, key

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return 'Bearer realm="rolekit"'


class SessionAuthentication(authentication.SessionAuthentication):
    """Django's session (with CSRF on writes), for people trying the browsable API."""


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "hiring.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "rk_<prefix>_<secret>",
            "description": "A company API key, created in the admin and shown once.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "hiring.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
