"""Delivery in order per posting through a receiver that is down for a while, retries and
their limits, the command that sends what is due."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.tasks import task_backends
from django.tasks.backends.dummy import DummyBackend
from django.utils import timezone

from hiring.models import JobPosting, Review, WebhookAttempt, WebhookDelivery
from hiring.postings.selectors import SUMMARY_KEYS, posting_item
from hiring.postings.services import posting_create_from_role, posting_save
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting
from hiring.webhooks import events, signing
from hiring.webhooks.delivery import (
    ENDPOINT_DISABLED,
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    deliver_due,
)

pytestmark = pytest.mark.django_db


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
    # The first retry is due a few seconds after the refused attempts: counted from when
    # they ended, not from the start, so that a slow machine does not miss it.
    assert deliver_due(now=timezone.now() + datetime.timedelta(seconds=6)) == 0
    assert len(receiver.requests) == 4

    receiver.status = 200
    settled = deliver_due(now=start + datetime.timedelta(minutes=6))

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
        assert signing.verify(
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
    assert signing.verify(secret=endpoint.secret, headers=request["headers"], body=request["body"])
    assert event["type"] == "posting.published"
    assert event["data"]["posting"] == {
        "id": posting.pk,
        "title": "ML Engineer",
        "status": "published",
        "version": JobPosting.objects.get(pk=posting.pk).version,
        "role_family": "machine-learning-engineer",
        "level": "mle-mid",
        "published_version": 1,
        "public_url": event["data"]["posting"]["public_url"],
        "updated_at": event["data"]["posting"]["updated_at"],
    }
    # The same shape as the API's: the one posting JSON, cut to what an event needs.
    assert event["data"]["posting"] == {
        key: value for key, value in posting_item(posting=posting).items() if key in SUMMARY_KEYS
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

    [delivery] = events.emit("posting.archived", posting.pk)

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

    [delivery] = events.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert before + datetime.timedelta(seconds=5) <= delivery.next_attempt_at
    assert delivery.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=5)
    assert len(receiver.requests) == 1


def test_it_gives_up_after_about_a_day(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = events.emit("posting.archived", posting.pk)
    now = timezone.now()
    schedule = []
    for _ in range(20):
        delivery.refresh_from_db()
        if delivery.status != WebhookDelivery.Status.PENDING:
            break
        schedule.append(delivery.next_attempt_at - now)
        now = delivery.next_attempt_at
        deliver_due(now=now)

    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempt_count == MAX_ATTEMPTS == 8
    assert [round(gap.total_seconds()) for gap in schedule] == list(RETRY_DELAYS)
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
    [delivery] = events.emit("posting.archived", posting.pk)
    delivery.refresh_from_db()
    now = delivery.next_attempt_at

    deliver_due(now=now)

    first, retry = deferring_backend.results
    delivery.refresh_from_db()
    assert first.args == retry.args == [delivery.pk]
    assert first.task.run_after is None
    assert retry.task.run_after == delivery.next_attempt_at == now + datetime.timedelta(seconds=5)


def test_it_refuses_private_addresses_unless_allowed(posting, receiver, endpoint, settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = False

    [delivery] = events.emit("posting.archived", posting.pk)

    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "loopback, private or link-local" in delivery.attempts.get().error


def test_it_records_a_receiver_that_is_not_there(posting, endpoint, receiver):
    receiver.server.shutdown()
    receiver.server.server_close()

    [delivery] = events.emit("posting.archived", posting.pk)

    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code is None
    assert "ConnectionRefusedError" in attempt.error
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING


def test_it_holds_deliveries_for_a_disabled_endpoint_as_failed(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = events.emit("posting.archived", posting.pk)
    endpoint.active = False
    endpoint.save()

    deliver_due(now=timezone.now() + datetime.timedelta(minutes=1))

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error == ENDPOINT_DISABLED


def test_it_sends_due_retries_from_the_command(posting, receiver, endpoint):
    receiver.status = 503
    [delivery] = events.emit("posting.archived", posting.pk)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    receiver.status = 200

    call_command("deliver_webhooks", verbosity=0)

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
