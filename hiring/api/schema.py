"""OpenAPI details shared by every endpoint: the error shape and its examples, the error
responses each kind of endpoint can give, and the long description of the API."""

from django.template.loader import render_to_string
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from hiring import exports

from .conditional import ETAG_PATTERN


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable: `invalid`, `not_found`…")
    message = serializers.CharField(help_text="A sentence for people.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field, by dotted path (`skills.2.skill`); empty otherwise.",
    )


def _example(name: str, code: str, message: str, fields: dict | None = None) -> OpenApiExample:
    return OpenApiExample(
        name, value={"code": code, "message": message, "fields": fields or {}}, response_only=True
    )


ERRORS = {
    400: (
        "The request is malformed or a field is invalid.",
        _example(
            "Invalid field",
            "invalid",
            "Some fields are invalid; see `fields`.",
            {"skills.2.skill": ["Unknown skill 'kubernetes-9'; GET /api/v1/skills/ lists …"]},
        ),
    ),
    401: (
        "No API key, or an unknown or revoked one.",
        _example("Unknown key", "authentication_failed", "This API key is unknown or revoked."),
    ),
    403: (
        "The key's scope or role does not allow this.",
        _example(
            "Read-only key",
            "permission_denied",
            "This API key is read-only; use a key with the write scope.",
        ),
    ),
    404: (
        "No such object in your company (other companies' objects are never shown).",
        _example(
            "Not found",
            "not_found",
            "Nothing here: the address is wrong, or the object belongs to another company.",
        ),
    ),
    409: (
        "The posting's state does not allow this, or the same Idempotency-Key is in use.",
        _example("Wrong state", "conflict", "A posting that is draft cannot be published."),
    ),
    412: (
        "If-Match names an older version: someone else changed the posting.",
        _example(
            "Stale version",
            "precondition_failed",
            "This posting is now at version 5; your If-Match names another version. …",
        ),
    ),
    413: (
        "The request body is over 256 KB.",
        _example(
            "Too large", "payload_too_large", "The request body is 300,000 bytes; the limit is …"
        ),
    ),
    415: (
        "The body is not `application/json`.",
        _example(
            "Wrong type",
            "unsupported_media_type",
            'Unsupported media type "text/plain" in request.',
        ),
    ),
    422: (
        "The Idempotency-Key was used for another request, or an export cannot be made.",
        _example(
            "Key reused",
            "unprocessable",
            "This Idempotency-Key was used for a different request; use a new key …",
        ),
    ),
    428: (
        "If-Match is missing: updates must name the version they are based on.",
        _example(
            "If-Match missing",
            "precondition_required",
            "Send If-Match with the ETag of the posting you read (GET it first); …",
        ),
    ),
    429: (
        "Too many requests for this key; wait the seconds in `Retry-After`.",
        _example(
            "Throttled", "throttled", "Request was throttled. Expected available in 12 seconds."
        ),
    ),
}


def error_response(status: int) -> OpenApiResponse:
    description, example = ERRORS[status]
    return OpenApiResponse(ErrorSerializer, description=description, examples=[example])


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """Error responses for `@extend_schema(responses={...})`."""
    return {status: error_response(status) for status in statuses}


ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    location=OpenApiParameter.HEADER,
    response=[200, 201],
    description='The version of the object, e.g. `W/"42-3"`; send it as If-Match to update.',
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": ETAG_PATTERN},
    location=OpenApiParameter.HEADER,
    required=True,
    description='The ETag you last read, e.g. `W/"42-3"`. Missing: 428; stale: 412.',
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match",
    {"type": "string", "pattern": ETAG_PATTERN},
    location=OpenApiParameter.HEADER,
    description="Optional: refuse the action (412) if the posting changed since this ETag.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    location=OpenApiParameter.HEADER,
    description="An ETag you already have: 304 Not Modified when it is still current.",
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    location=OpenApiParameter.HEADER,
    description="A unique string (e.g. a UUID) per create: a retry with the same key and "
    "body returns the first answer instead of creating twice.",
)


class AutoSchema(openapi.AutoSchema):
    """Adds the error responses every endpoint of its kind can give, so none is forgotten:
    from its permissions, its path, its body, its query and its headers. A view lists only
    the ones its own rules add (409 for a posting's state, 422 for an export too large)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in self._default_errors():
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(
                    error_response(status), str(status), direction=direction
                )
        return dict(sorted(responses.items()))

    def _default_errors(self) -> list[int]:
        parameters = {(p["in"], p["name"].lower()): p for p in self._get_parameters()}
        statuses = []
        if not any(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            statuses += [401, 403, 429]
        else:
            statuses += [429]
        if "{" in self.path:
            statuses.append(404)
        if self.method in ("POST", "PUT", "PATCH"):
            statuses += [400, 413, 415]
        elif (
            self.view.filter_backends
            or self._is_list_view()
            or any(place == "query" for place, _ in parameters)
        ):
            statuses.append(400)
        if_match = parameters.get(("header", "if-match"))
        if if_match is not None:
            statuses += [400, 412]  # malformed; names an older version
            if if_match.get("required"):
                statuses.append(428)
        if ("header", "idempotency-key") in parameters:
            statuses += [409, 422]  # the key's first request still runs; reused for another
        return statuses


def postprocess(result, generator, request, public):
    """Add the API's long description (templates/api/description.md), and the export
    formats the exports package has now."""
    result["info"]["description"] = render_to_string("api/description.md")
    for item in result["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", ()) if isinstance(operation, dict) else ():
                if parameter["in"] == "path" and parameter["name"] == "format":
                    parameter["schema"]["enum"] = sorted(exports.FORMATS)
    return result
