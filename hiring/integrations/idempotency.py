"""The answers kept for `Idempotency-Key`s: claimed by the first request that sends a key,
filled in with its answer, forgotten when it failed or expired."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hiring.models import Company, IdempotencyRecord


def idempotency_claim(
    *, company: Company, key: str, method: str, path: str, fingerprint: str
) -> tuple[IdempotencyRecord, bool]:
    """The record for this key, and whether this request just created it."""
    ttl = datetime.timedelta(seconds=settings.ROLEKIT_API_IDEMPOTENCY_SECONDS)
    # Expired answers are forgotten: the company's old rows go as its next key comes in.
    IdempotencyRecord.objects.filter(company=company, created_at__lt=timezone.now() - ttl).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                company=company, key=key, request_hash=fingerprint, method=method, path=path[:500]
            )
        return record, True
    except IntegrityError:
        return IdempotencyRecord.objects.get(company=company, key=key), False


def idempotency_answer(*, record: IdempotencyRecord, status_code: int, response: dict) -> None:
    """Keep the answer a retry with the same key gets."""
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        status_code=status_code, response=response
    )


def idempotency_release(*, record: IdempotencyRecord) -> None:
    """Forget a claim whose request failed, so that a retry runs it again."""
    record.delete()
