"""Webhooks: events about a company's postings, signed Standard-Webhooks style, delivered in
order per posting by a background task and retried with backoff for about a day.

`emit()` is what `services` calls once a change is committed. It stores one
`WebhookDelivery` per subscribed endpoint and enqueues `tasks.deliver_webhook`. A delivery
whose receiver is down is retried on `RETRY_DELAYS`; with a task backend that can defer
(`run_after`) the retry is enqueued, otherwise `manage.py deliver_webhooks` (run from cron)
sends what is due. Later events for the same posting wait behind an undelivered one, so a
receiver that comes back gets every event once, in order.
"""

import base64
import contextlib
import datetime
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from .models import JobPosting, WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

POSTING_PUBLISHED = "posting.published"
POSTING_UPDATED = "posting.updated"
POSTING_ARCHIVED = "posting.archived"
RUBRIC_APPROVED = "rubric.approved"
EVENT_TYPES = {
    POSTING_PUBLISHED: "A posting was published; its new version is live.",
    POSTING_UPDATED: "A live posting was revised or its draft saved; the live version stays up.",
    POSTING_ARCHIVED: "A posting was archived.",
    RUBRIC_APPROVED: "A hiring manager approved a posting and its rubric.",
}

# Seconds to wait before each retry (Standard Webhooks' schedule): about 28 hours in all.
RETRY_DELAYS = (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600)
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS)
# Receivers answer these 4xx when they are busy, not when they refuse the event.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 429})
# How long an attempt holds a delivery, so that two workers never send it together.
LEASE = datetime.timedelta(minutes=2)
EXCERPT_BYTES = 1024
USER_AGENT = "rolekit-webhooks/1"
SECRET_PREFIX = "whsec_"

REFUSED_ADDRESS = (
    "Refused: {host} resolves to {address}, a loopback, private or link-local address."
)
UNSUPPORTED_URL = "Refused: webhook URLs must be http:// or https:// with a host name."
INSECURE_URL = "Refused: webhook URLs must be https://, so that events travel encrypted."
LOCAL_NAME = "Refused: {host} names this machine; webhooks go to a receiver on the internet."
ENDPOINT_DISABLED = "Not sent: the endpoint was disabled."
UNKNOWN_EVENT = "Unknown event type {name!r}; choose from: {choices}."


# Signing


def secret_generate() -> str:
    """A new signing secret, `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def sign(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(*, secret: str, headers: dict, body: bytes, tolerance: int = 300, now=None) -> bool:
    """What a receiver does: check the signature and that the timestamp is recent."""
    headers = {name.lower(): value for name, value in headers.items()}
    try:
        timestamp = int(headers["webhook-timestamp"])
        msg_id = headers["webhook-id"]
        offered = headers["webhook-signature"].split()
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret=secret, msg_id=msg_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)


# Endpoints


def endpoint_create(
    *, company, url: str, events, description: str = "", active: bool = True, by=None
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret (shown once to whoever created it)."""
    unknown = [name for name in events if name not in EVENT_TYPES]
    if unknown:
        raise ValueError(UNKNOWN_EVENT.format(name=unknown[0], choices=", ".join(EVENT_TYPES)))
    try:
        check_endpoint_url(url)
    except RefusedAddress as exc:
        raise ValidationError({"url": [str(exc)]}) from None
    secret = secret_generate()
    endpoint = WebhookEndpoint(
        company=company,
        url=url,
        description=description,
        events=list(events),
        active=active,
        secret=secret,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint, secret


def endpoint_rotate_secret(*, endpoint: WebhookEndpoint) -> str:
    """A new signing secret; deliveries from now on are signed with it."""
    endpoint.secret = secret_generate()
    endpoint.save(update_fields=["secret"])
    return endpoint.secret


# Events


def _posting_data(posting: JobPosting) -> dict:
    live = posting.published_version
    return {
        "id": posting.pk,
        "title": posting.title,
        "status": posting.status,
        "version": posting.version,
        "role_family": posting.role_family.slug,
        "level": posting.level.slug if posting.level else None,
        "published_version": live.number if live else None,
        "updated_at": posting.updated_at.isoformat(),
    }


def _event_data(posting: JobPosting, event_type: str) -> dict:
    data = {"posting": _posting_data(posting)}
    if event_type == RUBRIC_APPROVED:
        rubric = getattr(posting, "rubric", None)
        data["rubric"] = rubric and {
            "approved_by": rubric.approved_by.get_username() if rubric.approved_by else None,
            "approved_at": rubric.approved_at.isoformat() if rubric.approved_at else None,
        }
    return data


def subscribed_endpoints(*, company_id: int, event_type: str) -> list[WebhookEndpoint]:
    """The company's active endpoints that want `event_type`: who an event goes to."""
    return [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(company_id=company_id, active=True)
        if event_type in (endpoint.events or ())
    ]


def emit(event_type: str, posting_id: int) -> list[WebhookDelivery]:
    """Queue `event_type` for every active endpoint of the posting's company that wants it.

    Called after the change is committed. `posting.updated` is only sent for a posting
    that has a live (published) version: integrators mirror what candidates see.
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(UNKNOWN_EVENT.format(name=event_type, choices=", ".join(EVENT_TYPES)))
    posting = (
        JobPosting.objects.select_related(
            "role_family", "level", "published_version", "rubric__approved_by"
        )
        .filter(pk=posting_id)
        .first()
    )
    if posting is None:
        return []
    if event_type == POSTING_UPDATED and posting.published_version_id is None:
        return []
    endpoints = subscribed_endpoints(company_id=posting.company_id, event_type=event_type)
    if not endpoints:
        return []
    now = timezone.now()
    event_id = f"msg_{uuid.uuid4().hex}"
    payload = {
        "id": event_id,
        "type": event_type,
        "timestamp": now.isoformat(),
        "data": _event_data(posting, event_type),
    }
    deliveries = [
        WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id=event_id,
            event_type=event_type,
            ordering_key=f"posting:{posting.pk}",
            payload=payload,
            next_attempt_at=now,
        )
        for endpoint in endpoints
    ]
    for delivery in deliveries:
        _enqueue(delivery.pk)
    return deliveries


def _enqueue(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    """Hand a delivery to the task backend; if that fails it stays due for the command."""
    from . import tasks

    task = tasks.deliver_webhook
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # `manage.py deliver_webhooks` sends it when it is due
            task = task.using(run_after=run_after)
        task.enqueue(delivery_id)
    except Exception:
        logger.exception("Could not enqueue webhook delivery %s; it stays due.", delivery_id)


# Delivery


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
        _enqueue(delivery.pk, run_after=delivery.next_attempt_at)
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


def body_of(payload: dict) -> bytes:
    """The bytes sent and signed: compact JSON with sorted keys."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


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
        status, excerpt = post(delivery.endpoint.url, body=body, headers=headers)
    except RefusedAddress as exc:
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


# Transport: the standard library, one request, no redirects, only vetted addresses.


class RefusedAddress(Exception):
    """The webhook URL points at this machine or a private network."""


# IPv6 ranges that carry an IPv4 address in their last 32 bits. Python calls them global
# whatever they carry: `::127.0.0.1` and `64:ff9b::127.0.0.1` pass `is_global`.
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated by RFC 4291; nobody serves on it
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052; what DNS64 answers on IPv6-only hosts


def is_public_address(address: str) -> bool:
    """Whether a webhook may go to `address`: the one rule, at registration and at delivery."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in IPV4_COMPATIBLE:
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip in NAT64:
            # A NAT64 gateway forwards to the embedded IPv4 address: judge that one, so that
            # receivers stay reachable from IPv6-only servers and 10.x stays out of reach.
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not ip.is_multicast


def vetted_addresses(host: str, port: int, *, resolve: bool = True) -> list[str]:
    """Every address `host` resolves to, refused if any is not public (unless allowed).

    With `resolve=False` only a literal address is read (in any notation the resolver
    takes, `127.1` or `2130706433` too) and a name raises `socket.gaierror`.
    """
    flags = 0 if resolve else socket.AI_NUMERICHOST
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags)
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public_address(address):
                raise RefusedAddress(REFUSED_ADDRESS.format(host=host, address=address))
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted address, so a second DNS answer cannot redirect the request."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path) of a webhook URL; raises RefusedAddress if unusable."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedAddress(UNSUPPORTED_URL)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedAddress(UNSUPPORTED_URL) from exc
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def check_endpoint_url(url: str) -> None:
    """Refuse, when an endpoint is registered, a URL no delivery could go to safely: not
    https://, a name for this machine, or a literal address that is not public.

    A host name is not looked up here: what it resolves to can change, so `post` resolves
    and vets it again at every delivery. `ROLEKIT_WEBHOOKS_ALLOW_PRIVATE` (development)
    lets a plain http:// receiver on this machine or a private network through.
    """
    scheme, host, port, _ = check_url(url)
    if settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE:
        return
    if scheme != "https":
        raise RefusedAddress(INSECURE_URL)
    name = host.rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always loopback
        raise RefusedAddress(LOCAL_NAME.format(host=host))
    # A host name raises gaierror here: it is vetted when each delivery resolves it.
    with contextlib.suppress(socket.gaierror):
        vetted_addresses(name, port, resolve=False)


def post(url: str, *, body: bytes, headers: dict) -> tuple[int, str]:
    """POST `body` to `url`; returns the status and the start of the response body."""
    scheme, host, port, path = check_url(url)
    address = vetted_addresses(host, port)[0]
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(
        host, port, address=address, timeout=settings.ROLEKIT_WEBHOOKS_TIMEOUT
    )
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", "replace")
        return response.status, excerpt
    finally:
        connection.close()
