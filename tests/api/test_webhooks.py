"""Webhooks: Standard Webhooks signatures, delivery in order per posting through a receiver
that is down for a while, retries and their limits, refused addresses, the admin."""

import base64
import datetime
import hashlib
import hmac
import http.server
import json
import shutil
import subprocess
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.urls import reverse
from django.utils import timezone

from hiring import webhooks
from hiring.models import JobPosting, Review, WebhookAttempt, WebhookDelivery
from hiring.postings.services import posting_create_from_role, posting_save
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting

pytestmark = pytest.mark.django_db

# The test vector of the Standard Webhooks reference libraries.
VECTOR = {
    "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "msg_id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "timestamp": 1614265330,
    "body": b'{"test": 2432232314}',
    "signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}


# Signing


def test_it_signs_the_standard_webhooks_test_vector():
    signature = webhooks.sign(
        secret=VECTOR["secret"],
        msg_id=VECTOR["msg_id"],
        timestamp=VECTOR["timestamp"],
        body=VECTOR["body"],
    )

    assert signature == VECTOR["signature"]


def test_it_agrees_with_an_independent_hmac():
    secret = webhooks.secret_generate()
    body = b'{"id":"msg_1","type":"posting.published"}'
    key = base64.b64decode(secret[len("whsec_") :])
    expected = hmac.new(key, b"msg_1.1700000000." + body, hashlib.sha256).digest()

    signature = webhooks.sign(secret=secret, msg_id="msg_1", timestamp=1700000000, body=body)

    assert signature == "v1," + base64.b64encode(expected).decode()
    assert len(key) == 32


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_it_agrees_with_openssl():
    key_hex = base64.b64decode(VECTOR["secret"][len("whsec_") :]).hex()
    signed = f"{VECTOR['msg_id']}.{VECTOR['timestamp']}.".encode() + VECTOR["body"]
    digest = subprocess.run(
        ["openssl", "dgst", "-sha256", "-mac", "HMAC", "-macopt", f"hexkey:{key_hex}", "-binary"],
        input=signed,
        capture_output=True,
        check=True,
    ).stdout

    assert "v1," + base64.b64encode(digest).decode() == VECTOR["signature"]


def test_it_verifies_what_it_signs_and_nothing_else():
    headers = {
        "webhook-id": VECTOR["msg_id"],
        "webhook-timestamp": str(VECTOR["timestamp"]),
        "webhook-signature": VECTOR["signature"],
    }
    at = VECTOR["timestamp"] + 10

    assert webhooks.verify(secret=VECTOR["secret"], headers=headers, body=VECTOR["body"], now=at)
    assert not webhooks.verify(secret=VECTOR["secret"], headers=headers, body=b"{}", now=at)
    assert not webhooks.verify(
        secret=VECTOR["secret"], headers=headers, body=VECTOR["body"], now=at + 3600
    )


# Addresses


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("fc00::1", False),
        ("::7f00:1", False),  # IPv4-compatible ::127.0.0.1
        ("::808:808", False),  # IPv4-compatible addresses are deprecated, whatever they embed
        ("64:ff9b::7f00:1", False),  # NAT64 to 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 to 169.254.169.254
        ("64:ff9b::808:808", True),  # NAT64 to 8.8.8.8, as DNS64 answers on IPv6-only hosts
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
    ],
)
def test_it_tells_public_addresses_from_the_rest(address, public):
    assert webhooks.is_public_address(address) is public


def test_it_refuses_every_address_of_a_host_that_has_a_private_one(settings, monkeypatch):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    answers = [(2, 1, 6, "", ("93.184.216.34", 443)), (2, 1, 6, "", ("10.0.0.7", 443))]
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *args, **kwargs: answers)

    with pytest.raises(webhooks.RefusedAddress, match=r"10\.0\.0\.7"):
        webhooks.vetted_addresses("hooks.example.com", 443)


@pytest.mark.parametrize("url", ["ftp://example.com/", "https:///nohost", "http://x:99999/"])
def test_it_refuses_urls_it_cannot_post_to(url):
    with pytest.raises(webhooks.RefusedAddress):
        webhooks.check_url(url)


REFUSED_AT_REGISTRATION = [
    ("http://hooks.example.com/rolekit", webhooks.INSECURE_URL),
    ("https://127.0.0.1/hook", "127.0.0.1"),
    ("https://localhost:8443/hook", webhooks.LOCAL_NAME.format(host="localhost")),
    ("https://ats.localhost/hook", webhooks.LOCAL_NAME.format(host="ats.localhost")),
    ("https://10.0.0.5/hook", "10.0.0.5"),
    ("https://192.168.1.1/hook", "192.168.1.1"),
    ("https://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("https://0.0.0.0/", "0.0.0.0"),
    ("https://[::1]/hook", "::1"),
    ("https://[::]/hook", "::"),
    ("https://[fe80::1]/hook", "fe80::1"),
    ("https://[fd12:3456::1]/hook", "fd12:3456::1"),
    ("https://[::127.0.0.1]/hook", "::127.0.0.1"),
    ("https://[::8.8.8.8]/hook", "::8.8.8.8"),
    ("https://[64:ff9b::127.0.0.1]/hook", "64:ff9b::7f00:1"),
    ("https://[64:ff9b::10.0.0.1]/hook", "64:ff9b::a00:1"),
    ("https://[::ffff:127.0.0.1]/hook", "::ffff:127.0.0.1"),
    # Odd notations of 127.0.0.1 that the transport's getaddrinfo reads as addresses
    ("https://127.1/hook", "127.0.0.1"),
    ("https://0x7f.1/hook", "127.0.0.1"),
    ("https://2130706433/hook", "127.0.0.1"),
    ("https://0177.0.0.1/hook", "127.0.0.1"),
]


@pytest.mark.parametrize(("url", "says"), REFUSED_AT_REGISTRATION)
def test_it_refuses_at_registration_a_url_it_would_never_deliver_to(settings, url, says):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(webhooks.RefusedAddress) as refused:
        webhooks.check_endpoint_url(url)

    assert says in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.com/rolekit",
        "https://93.184.216.34:8443/hook?team=ats",
        "https://[2606:4700::1111]/hook",
        "https://[64:ff9b::8.8.8.8]/hook",
    ],
)
def test_it_accepts_a_public_https_url_without_resolving_it(settings, monkeypatch, url):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    def no_dns(host, *args, flags=0, **kwargs):
        assert flags & webhooks.socket.AI_NUMERICHOST, f"{host} was looked up in DNS"
        return real_getaddrinfo(host, *args, flags=flags, **kwargs)

    real_getaddrinfo = webhooks.socket.getaddrinfo
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", no_dns)

    webhooks.check_endpoint_url(url)


def test_it_lets_a_developer_register_a_receiver_on_this_machine_when_allowed(settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = True

    webhooks.check_endpoint_url("http://127.0.0.1:9000/hooks")


def test_it_refuses_a_private_url_in_the_service_with_a_field_error(settings, acme, recruiter):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    with pytest.raises(ValidationError) as refused:
        webhooks.endpoint_create(
            company=acme, url="https://[64:ff9b::a9fe:a9fe]/", events=["posting.published"]
        )

    assert "64:ff9b::a9fe:a9fe" in refused.value.message_dict["url"][0]
    assert not acme.webhook_endpoints.exists()


def test_it_checks_a_host_name_again_at_delivery_when_its_dns_changed(
    posting, acme, recruiter, settings, monkeypatch
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    endpoint, _ = webhooks.endpoint_create(
        company=acme, url="https://hooks.example.com/rolekit", events=["posting.archived"]
    )
    rebound = [(10, 1, 6, "", ("64:ff9b::a9fe:a9fe", 443, 0, 0))]
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *args, **kwargs: rebound)

    [delivery] = webhooks.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert delivery.endpoint == endpoint
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "64:ff9b::a9fe:a9fe" in delivery.attempts.get().error


# A receiver on this machine


class Receiver:
    """An HTTP server on 127.0.0.1 that answers `status` and records every request."""

    def __init__(self):
        self.status = 200
        self.requests: list[dict] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {"headers": dict(self.headers), "body": body, "status": receiver.status}
                )
                self.send_response(receiver.status)
                if 300 <= receiver.status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.end_headers()
                self.wfile.write(b"ok" if receiver.status == 200 else b"down for maintenance")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/rolekit"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def delivered(self) -> list[dict]:
        """The events acknowledged with 2xx, in arrival order."""
        return [json.loads(r["body"]) for r in self.requests if 200 <= r["status"] < 300]


@pytest.fixture
def receiver(settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = True
    settings.ROLEKIT_WEBHOOKS_TIMEOUT = 5
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def endpoint(acme, recruiter, receiver):
    endpoint, _ = webhooks.endpoint_create(
        company=acme, url=receiver.url, events=list(webhooks.EVENT_TYPES), by=recruiter
    )
    return endpoint


def publish(posting, recruiter, hiring_manager):
    posting_submit(posting=posting, by=recruiter)
    posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
    posting_publish(posting=posting, by=recruiter)


def test_it_delivers_every_event_once_in_order_through_an_outage(
    posting,
    acme,
    mle,
    level,
    recruiter,
    hiring_manager,
    receiver,
    endpoint,
    django_capture_on_commit_callbacks,
):
    second = posting_create_from_role(
        company=acme,
        role_family=mle,
        level=level("mle-senior"),
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        title="Senior ML Engineer",
    )
    rubric_build_from_posting(posting=second)
    receiver.status = 503
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        publish(posting, recruiter, hiring_manager)
        publish(second, recruiter, hiring_manager)
        posting_revise(posting=posting, by=recruiter)
        posting_archive(posting=posting, by=recruiter)
        posting_archive(posting=second, by=recruiter)

    # Down: one attempt per posting line so far, each refused; the rest wait behind them.
    assert receiver.delivered() == []
    assert len(receiver.requests) == 2
    assert webhooks.deliver_due(now=start + datetime.timedelta(seconds=6)) == 0
    assert len(receiver.requests) == 4

    receiver.status = 200
    settled = webhooks.deliver_due(now=start + datetime.timedelta(minutes=6))

    assert settled == 7
    by_posting: dict[int, list[str]] = {}
    for event in receiver.delivered():
        by_posting.setdefault(event["data"]["posting"]["id"], []).append(event["type"])
    assert by_posting == {
        posting.pk: ["rubric.approved", "posting.published", "posting.updated", "posting.archived"],
        second.pk: ["rubric.approved", "posting.published", "posting.archived"],
    }
    ids = [event["id"] for event in receiver.delivered()]
    assert len(ids) == len(set(ids)) == 7
    assert not WebhookDelivery.objects.exclude(status=WebhookDelivery.Status.SUCCEEDED).exists()
    first = WebhookDelivery.objects.filter(ordering_key=f"posting:{posting.pk}").order_by("id")[0]
    assert list(first.attempts.values_list("status_code", flat=True)) == [503, 503, 200]
    assert first.attempts.first().response_excerpt == "down for maintenance"
    for request in receiver.requests:
        assert webhooks.verify(
            secret=endpoint.secret, headers=request["headers"], body=request["body"]
        )


def test_it_sends_a_signed_standard_webhooks_request(
    posting, recruiter, hiring_manager, receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(posting, recruiter, hiring_manager)

    request = receiver.requests[-1]
    event = json.loads(request["body"])
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["webhook-id"] == event["id"]
    assert abs(int(request["headers"]["webhook-timestamp"]) - timezone.now().timestamp()) < 60
    assert webhooks.verify(secret=endpoint.secret, headers=request["headers"], body=request["body"])
    assert event["type"] == "posting.published"
    assert event["data"]["posting"] == {
        "id": posting.pk,
        "title": "ML Engineer",
        "status": "published",
        "version": JobPosting.objects.get(pk=posting.pk).version,
        "role_family": "machine-learning-engineer",
        "level": "mle-mid",
        "published_version": 1,
        "updated_at": event["data"]["posting"]["updated_at"],
    }
    datetime.datetime.fromisoformat(event["timestamp"])


def test_it_reports_an_approval_with_who_approved(
    posting, recruiter, hiring_manager, receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posting_submit(posting=posting, by=recruiter)
        posting_review(posting=posting, by=hiring_manager, decision="approve")

    [event] = receiver.delivered()
    assert event["type"] == "rubric.approved"
    assert event["data"]["rubric"]["approved_by"] == "hugo"


def test_it_sends_updates_only_for_postings_with_a_live_version(
    posting, receiver, endpoint, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posting_save(posting=posting, expected_version=posting.version)

    assert receiver.requests == []


def test_it_sends_only_the_events_an_endpoint_asked_for(
    posting, recruiter, receiver, endpoint, django_capture_on_commit_callbacks
):
    endpoint.events = ["posting.published"]
    endpoint.save()

    with django_capture_on_commit_callbacks(execute=True):
        posting_archive(posting=posting, by=recruiter)

    assert receiver.requests == []


def test_it_does_not_retry_a_refusal(posting, recruiter, receiver, endpoint):
    receiver.status = 400

    [delivery] = webhooks.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert (delivery.attempt_count, delivery.last_status_code) == (1, 400)
    assert delivery.next_attempt_at is None


@pytest.mark.parametrize("status", [408, 429, 500, 503, 302])
def test_it_retries_busy_answers_errors_and_redirects_without_following_them(
    posting, receiver, endpoint, status
):
    receiver.status = status
    before = timezone.now()

    [delivery] = webhooks.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert before + datetime.timedelta(seconds=5) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=5)
    assert len(receiver.requests) == 1


def test_it_gives_up_after_about_a_day(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    now = timezone.now()
    schedule = []
    for _ in range(20):
        delivery.refresh_from_db()
        if delivery.status != WebhookDelivery.Status.PENDING:
            break
        schedule.append(delivery.next_attempt_at - now)
        now = delivery.next_attempt_at
        webhooks.deliver_due(now=now)

    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempt_count == webhooks.MAX_ATTEMPTS == 8
    assert [round(gap.total_seconds()) for gap in schedule] == list(webhooks.RETRY_DELAYS)
    total = sum(schedule, datetime.timedelta())
    assert datetime.timedelta(hours=24) < total < datetime.timedelta(hours=30)


@pytest.fixture
def deferring_backend():
    """A task backend that can defer (as the database queue in production): it records."""
    backend = DummyBackend("default", {})
    task_backends["default"] = backend
    yield backend
    del task_backends["default"]


def test_it_enqueues_retries_for_later_when_the_backend_can_wait(
    posting, receiver, endpoint, deferring_backend
):
    receiver.status = 503
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    delivery.refresh_from_db()
    now = delivery.next_attempt_at

    webhooks.deliver_due(now=now)

    first, retry = deferring_backend.results
    delivery.refresh_from_db()
    assert first.args == retry.args == [delivery.pk]
    assert first.task.run_after is None
    assert retry.task.run_after == delivery.next_attempt_at == now + datetime.timedelta(seconds=5)


def test_it_refuses_private_addresses_unless_allowed(posting, receiver, endpoint, settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    [delivery] = webhooks.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "loopback, private or link-local" in delivery.attempts.get().error


def test_it_records_a_receiver_that_is_not_there(posting, endpoint, receiver):
    receiver.server.shutdown()
    receiver.server.server_close()

    [delivery] = webhooks.emit("posting.archived", posting.pk)

    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code is None
    assert "ConnectionRefusedError" in attempt.error
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING


def test_it_holds_deliveries_for_a_disabled_endpoint_as_failed(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    endpoint.active = False
    endpoint.save()

    webhooks.deliver_due(now=timezone.now() + datetime.timedelta(minutes=1))

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error == webhooks.ENDPOINT_DISABLED


def test_it_sends_due_retries_from_the_command(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    receiver.status = 200

    call_command("deliver_webhooks", verbosity=0)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED


# Admin


def test_it_shows_the_secret_once_when_an_endpoint_is_added(client, company_admin, acme, receiver):
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_add"),
        {"company": acme.pk, "url": receiver.url, "events": ["posting.published"], "active": "on"},
        follow=True,
    )

    endpoint = acme.webhook_endpoints.get()
    messages = [str(m) for m in response.context["messages"]]
    assert any(endpoint.secret in message for message in messages)
    assert endpoint.events == ["posting.published"]
    page = client.get(reverse("admin:hiring_webhookendpoint_change", args=[endpoint.pk]))
    assert endpoint.secret not in page.content.decode()


@pytest.mark.parametrize(
    "url", ["http://hooks.example.com/rolekit", "https://[::127.0.0.1]/", "https://10.1.2.3/"]
)
def test_it_refuses_a_private_or_plain_http_endpoint_in_the_admin(
    client, company_admin, acme, settings, url
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_add"),
        {"company": acme.pk, "url": url, "events": ["posting.published"], "active": "on"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert not acme.webhook_endpoints.exists()


def test_it_refuses_the_same_urls_when_an_endpoint_is_changed_in_the_admin(
    client, company_admin, acme, settings
):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False
    endpoint, _ = webhooks.endpoint_create(
        company=acme, url="https://hooks.example.com/rolekit", events=["posting.published"]
    )
    client.force_login(company_admin)

    response = client.post(
        reverse("admin:hiring_webhookendpoint_change", args=[endpoint.pk]),
        {
            "company": acme.pk,
            "url": "https://169.254.169.254/",
            "events": ["posting.published"],
            "active": "on",
        },
    )

    assert response.status_code == 200
    assert "169.254.169.254" in str(response.context["adminform"].form.errors["url"])
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.com/rolekit"


def test_it_redelivers_from_the_admin(client, company_admin, posting, receiver, endpoint):
    receiver.status = 400
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    receiver.status = 200
    client.force_login(company_admin)

    page = client.get(reverse("admin:hiring_webhookdelivery_change", args=[delivery.pk]))
    client.post(
        reverse("admin:hiring_webhookdelivery_changelist"),
        {"action": "redeliver", "_selected_action": [delivery.pk]},
    )

    assert page.status_code == 200 and b"400" in page.content
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert list(delivery.attempts.values_list("status_code", flat=True)) == [400, 200]


def test_it_keeps_other_companies_deliveries_out_of_the_admin(
    client, outside_admin, posting, receiver, endpoint
):
    [delivery] = webhooks.emit("posting.archived", posting.pk)
    client.force_login(outside_admin)

    response = client.get(reverse("admin:hiring_webhookdelivery_change", args=[delivery.pk]))

    assert response.status_code == 404


def test_it_sends_the_events_waiting_behind_a_redelivered_one(posting, receiver, endpoint):
    receiver.status = 503
    [first] = webhooks.emit("rubric.approved", posting.pk)  # refused, retrying
    [second] = webhooks.emit("posting.archived", posting.pk)  # waits behind it
    receiver.status = 200

    webhooks.delivery_redeliver(delivery=WebhookDelivery.objects.get(pk=first.pk))

    assert [event["type"] for event in receiver.delivered()] == [
        "rubric.approved",
        "posting.archived",
    ]
    second.refresh_from_db()
    assert second.status == WebhookDelivery.Status.SUCCEEDED
