"""Delivering events: each delivery is attempted in order per posting, under a lease so
that two workers never send it together, and retried with backoff while the receiver is
down. `deliver_webhook` is the background task; enqueuing it and the attempts it runs
live together, so that neither has to import the other."""

import datetime
import http.client
import logging
import time
from dataclasses import dataclass

from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from ..models import WebhookAttempt, WebhookDelivery
from . import transport
from .signing import body_of, sign

logger = logging.getLogger(__name__)

# Seconds to wait before each retry (Standard Webhooks' schedule): about 28 hours in all.
RETRY_DELAYS = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600)
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS)
# Receivers answer these 4xx when they are busy, not when they refuse the event.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})
# How long an attempt holds a delivery, so that two workers never send it together.
LEASE = datetime.timedelta(minutes=2)
USER_AGENT = "rolekit-webhooks/1"
ENDPOINT_DISABLED = "Not sent: the endpoint was disabled."


@task()
def deliver_webhook(delivery_id: int) -> int:
    """Send one webhook delivery, and the ones queued behind it for the same posting."""
    return delivery_run(delivery_id=delivery_id)


def enqueue(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    """Hand a delivery to the task backend; if that fails it stays due for the command."""
    task = deliver_webhook
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # `manage.py deliver_webhooks` sends it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(delivery_id)
    except Exception:
        logger.exception("Could not enqueue webhook delivery %s; it stays due.", delivery_id)


@dataclass(frozen=True)
class Outcome:
    status_code: int | None = None
    excerpt: str = ""
    error: str = ""
    duration_ms: int = 0
    retry: bool = False

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


SENT, FAILED, RETRYING, SKIPPED = "sent", "failed", "retrying", "skipped"


def delivery_run(*, delivery_id: int, now: datetime.datetime | None = None) -> int:
    """Send a delivery if it is due and first in its posting's line, then the ones behind
    it; returns how many were settled (delivered or given up)."""
    now = now or timezone.now()
    settled = 0
    current: int | None = delivery_id
    while current is not None:
        result = _attempt(current, now)
        if result not in (SENT, FAILED):
            break
        settled += 1
        current = _next_in_line(current, now)
    return settled


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 5000) -> int:
    """Send every delivery that is due and first in its line (what the command runs)."""
    now = now or timezone.now()
    heads: dict[tuple[int, str], tuple[int, datetime.datetime]] = {}
    pending = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING).order_by("id")
    for pk, endpoint_id, key, due in pending.values_list(
        "pk", "endpoint_id", "ordering_key", "next_attempt_at"
    )[:limit]:
        heads.setdefault((endpoint_id, key), (pk, due))
    return sum(delivery_run(delivery_id=pk, now=now) for pk, due in heads.values() if due <= now)


def delivery_redeliver(*, delivery: WebhookDelivery, now=None) -> WebhookDelivery:
    """Send an event again now, whatever happened before (the admin's action); it does not
    wait in line, and a failure is recorded without scheduling retries."""
    now = now or timezone.now()
    was_pending = delivery.status == WebhookDelivery.Status.PENDING
    outcome = _send(delivery)
    _record(delivery, outcome, now)
    delivery.attempt_count += 1
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    if outcome.ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    delivery.save()
    if outcome.ok and was_pending:
        # It was holding up the events behind it: send those now.
        following = _next_in_line(delivery.pk, now)
        if following is not None:
            delivery_run(delivery_id=following, now=now)
    return delivery


def _next_in_line(delivery_id: int, now: datetime.datetime) -> int | None:
    endpoint_id, key = WebhookDelivery.objects.values_list("endpoint_id", "ordering_key").get(
        pk=delivery_id
    )
    return (
        WebhookDelivery.objects.filter(
            endpoint_id=endpoint_id,
            ordering_key=key,
            status=WebhookDelivery.Status.PENDING,
            pk__gt=delivery_id,
            next_attempt_at__lte=now,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _attempt(delivery_id: int, now: datetime.datetime) -> str:
    pending = WebhookDelivery.objects.filter(
        pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
    )
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    if not pending.filter(free).update(locked_until=now + LEASE):
        return SKIPPED  # not due, settled already, or another worker holds it
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    ahead = WebhookDelivery.objects.filter(
        endpoint_id=delivery.endpoint_id,
        ordering_key=delivery.ordering_key,
        status=WebhookDelivery.Status.PENDING,
        pk__lt=delivery.pk,
    )
    if ahead.exists():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(locked_until=None)
        return SKIPPED  # sent once the events before it are settled
    if not delivery.endpoint.active:
        outcome = Outcome(error=ENDPOINT_DISABLED)
    else:
        outcome = _send(delivery)
        _record(delivery, outcome, now)
    delivery.attempt_count += 1
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    delivery.locked_until = None
    if outcome.ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        result = SENT
    elif outcome.retry and delivery.attempt_count < MAX_ATTEMPTS:
        delay = RETRY_DELAYS[delivery.attempt_count - 1]
        delivery.next_attempt_at = now + datetime.timedelta(seconds=delay)
        result = RETRYING
    else:
        delivery.status = WebhookDelivery.Status.FAILED
        result = FAILED
    if result != RETRYING:
        delivery.next_attempt_at = None
    delivery.save()
    if result == RETRYING:
        enqueue(delivery.pk, run_after=delivery.next_attempt_at)
    return result


def _record(delivery: WebhookDelivery, outcome: Outcome, now: datetime.datetime) -> None:
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempts.count() + 1,
        started_at=now,
        duration_ms=outcome.duration_ms,
        status_code=outcome.status_code,
        response_excerpt=outcome.excerpt,
        error=outcome.error,
    )


def _send(delivery: WebhookDelivery) -> Outcome:
    body = body_of(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            secret=delivery.endpoint.secret,
            msg_id=delivery.event_id,
            timestamp=timestamp,
            body=body,
        ),
    }
    started = time.perf_counter()
    try:
        status, excerpt = transport.post(delivery.endpoint.url, body=body, headers=headers)
    except transport.RefusedAddress as exc:
        return Outcome(error=str(exc), duration_ms=_ms(started))
    except (OSError, http.client.HTTPException, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        return Outcome(error=error, duration_ms=_ms(started), retry=True)
    retry = not (200 <= status < 300) and (
        status >= 500 or status < 400 or status in RETRYABLE_CLIENT_ERRORS
    )
    return Outcome(status_code=status, excerpt=excerpt, duration_ms=_ms(started), retry=retry)


def _ms(started: float) -> int:
    return int((time.perf_counter() - started) * 1000)
