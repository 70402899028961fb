"""One error shape everywhere: `{"code", "message", "fields"}`.

`code` is a stable machine-readable string, `message` a sentence for people, and `fields`
maps a field's dotted path (`skills.2.skill`) to its messages. The handler below turns
every exception a view raises into that shape, including the services' errors, so that
nothing a client sends produces a 500 with an HTML page.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from hiring.postings.errors import NotAllowedError, PostingError, StaleVersionError

logger = logging.getLogger(__name__)

INVALID_FIELDS = "Some fields are invalid; see `fields`."
NOT_FOUND = "Nothing here: the address is wrong, or the object belongs to another company."
SERVER_ERROR = "Something went wrong on our side; it was logged. Try again later."


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = "Send If-Match with the ETag you last read."


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "The object changed since you read it."


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"
    default_detail = "The request body is too large."


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "The request conflicts with the object's state."


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "unprocessable"
    default_detail = "The request is well formed but cannot be processed."


CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def flatten(detail, path: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as `{"dotted.path": [messages]}`."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "__all__") else str(key)
            out.update(flatten(value, f"{path}.{name}" if path and name else path or name))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {path: [str(item) for item in detail]} if detail else {}
        out = {}
        for index, item in enumerate(detail):
            if item:
                out.update(flatten(item, f"{path}.{index}" if path else str(index)))
        return out
    return {path: [str(detail)]}


def _validation_response(detail) -> Response:
    fields = flatten(detail)
    general = fields.pop("", None)
    message = " ".join(general) if general else INVALID_FIELDS
    if general and fields:
        message = f"{message} {INVALID_FIELDS}"
    return Response(error_body("invalid", message, fields), status=400)


def exception_handler(exc, context):
    """DRF's handler (for headers such as Retry-After and WWW-Authenticate), reshaped."""
    if isinstance(exc, StaleVersionError):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, NotAllowedError):
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, PostingError):
        exc = Conflict(str(exc))
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return _validation_response(detail)
    if isinstance(exc, exceptions.ValidationError):
        return _validation_response(exc.detail)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in the API", exc_info=exc)
        return Response(error_body("server_error", SERVER_ERROR), status=500)
    if isinstance(exc, Http404):
        response.data = error_body("not_found", NOT_FOUND)
        return response
    if isinstance(exc, DjangoPermissionDenied):
        response.data = error_body(
            "permission_denied", str(exceptions.PermissionDenied.default_detail)
        )
        return response
    code = next((c for cls, c in CODES.items() if isinstance(exc, cls)), None)
    if code is None:
        code = getattr(exc, "default_code", "error")
    message = str(exc.detail) if not isinstance(exc.detail, dict | list) else str(exc)
    response.data = error_body(code, message)
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any /api/ address that matches no endpoint: the same JSON 404 as a missing object."""
    return JsonResponse(error_body("not_found", NOT_FOUND), status=404)
