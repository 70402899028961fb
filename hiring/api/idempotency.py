"""`Idempotency-Key` on POST: a retried request gets the first answer, never a second posting.

The key is scoped to the company. The first request stores a row (unique per company and
key) before it runs, and its answer after; a retry with the same body replays that answer,
a retry while the first is still running gets 409, and the same key with another body 422.
Server errors are not stored, so that the client may retry them.
"""

import datetime
import functools
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

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
        record, claimed = _claim(principal.company, key, request, fingerprint)
        if record.request_hash != fingerprint:
            raise Unprocessable(KEY_REUSED)
        if record.status_code is not None:
            return _replay(record)
        if not claimed:
            raise Conflict(KEY_IN_USE)
        try:
            response = view_method(self, request, *args, **kwargs)
        except Exception:
            record.delete()
            raise
        if response.status_code >= 500:
            record.delete()
            return response
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        IdempotencyRecord.objects.filter(pk=record.pk).update(
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


def _claim(company, key: str, request, fingerprint: str) -> tuple[IdempotencyRecord, bool]:
    """The record for this key, and whether this request just created it."""
    ttl = datetime.timedelta(seconds=settings.ROLEKIT_API_IDEMPOTENCY_SECONDS)
    # Expired answers are forgotten: the company's old rows go as its next key comes in.
    IdempotencyRecord.objects.filter(company=company, created_at__lt=timezone.now() - ttl).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                company=company,
                key=key,
                request_hash=fingerprint,
                method=request.method,
                path=request.path[:500],
            )
        return record, True
    except IntegrityError:
        return IdempotencyRecord.objects.get(company=company, key=key), False
