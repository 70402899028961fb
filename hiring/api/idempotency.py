"""`Idempotency-Key` on POST: a retried request gets the first answer, never a second posting.

The key is scoped to the company. The first request stores a row (unique per company and
key) before it runs, and its answer after; a retry with the same body replays that answer,
a retry while the first is still running gets 409, and the same key with another body 422.
Server errors are not stored, so that the client may retry them.
"""

import functools
import hashlib

from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hiring.integrations.idempotency import (
    idempotency_answer,
    idempotency_claim,
    idempotency_release,
)
from hiring.models import IdempotencyRecord

from .errors import Conflict, Unprocessable
from .principals import principal_of

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
KEY_TOO_LONG = f"{HEADER} may be at most {MAX_KEY_LENGTH} characters."
KEY_IN_USE = f"A request with this {HEADER} is still being processed; retry in a moment."
KEY_REUSED = f"This {HEADER} was used for a different request; use a new key for a new request."
REPLAYED_HEADER = "Idempotent-Replayed"


def request_hash(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(f"{method} {path}\0".encode())
    digest.update(body)
    return digest.hexdigest()


KEPT_HEADERS = ("ETag", "Location")


def idempotent(view_method):
    """Wrap a DRF view method that creates something."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        principal = principal_of(request)
        if not key or principal is None:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            raise ValidationError({HEADER: [KEY_TOO_LONG]})
        fingerprint = request_hash(request.method, request.path, request.body)
        record, claimed = idempotency_claim(
            company=principal.company,
            key=key,
            method=request.method,
            path=request.path,
            fingerprint=fingerprint,
        )
        if record.request_hash != fingerprint:
            raise Unprocessable(KEY_REUSED)
        if record.status_code is not None:
            return _replay(record)
        if not claimed:
            raise Conflict(KEY_IN_USE)
        try:
            response = view_method(self, request, *args, **kwargs)
        except Exception:
            idempotency_release(record=record)
            raise
        if response.status_code >= 500:
            idempotency_release(record=record)
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        idempotency_answer(
            record=record,
            status_code=response.status_code,
            response={"body": response.data, "headers": headers},
        )
        return response

    return wrapper


def _replay(record: IdempotencyRecord) -> Response:
    stored = record.response or {}
    response = Response(stored.get("body"), status=record.status_code)
    for name, value in (stored.get("headers") or {}).items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response
