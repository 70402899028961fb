"""The events a company's endpoints may subscribe to, and what each one carries."""

import uuid

from django.utils import timezone

from ..models import JobPosting, WebhookDelivery, WebhookEndpoint
from ..postings.selectors import posting_summary
from .delivery import enqueue

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
UNKNOWN_EVENT = "Unknown event type {name!r}; choose from: {choices}."


def _event_data(posting: JobPosting, event_type: str) -> dict:
    data = {"posting": posting_summary(posting_id=posting.pk)}
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
        enqueue(delivery.pk)
    return deliveries
