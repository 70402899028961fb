"""E-mails that keep recruiter and hiring manager in step on a posting's review: sent by
the task worker once the transition is committed, so a slow or failing mail server never
holds up, or undoes, the transition itself."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import JobPosting

logger = logging.getLogger(__name__)

SUBMITTED, CHANGES_REQUESTED, APPROVED, PUBLISHED = (
    "submitted",
    "changes_requested",
    "approved",
    "published",
)
SUBJECTS = {
    SUBMITTED: "Please review: {title}",
    CHANGES_REQUESTED: "Changes requested: {title}",
    APPROVED: "Approved: {title}",
    PUBLISHED: "Published: {title}",
}
# Who hears of each event: the manager reviews, the recruiter acts on the decision.
RECIPIENTS = {
    SUBMITTED: ("hiring_manager",),
    CHANGES_REQUESTED: ("recruiter",),
    APPROVED: ("recruiter",),
    PUBLISHED: ("recruiter", "hiring_manager"),
}


def notify_once_committed(event: str, posting: JobPosting) -> None:
    """Queue the e-mails of `event` once the transition's transaction has committed."""
    transaction.on_commit(lambda: _enqueue(event, posting.pk), robust=True)


def _enqueue(event: str, posting_id: int) -> None:
    try:
        send_posting_email.enqueue(event, posting_id)
    except Exception:
        logger.exception("Could not queue the %s e-mail of posting %s.", event, posting_id)


@task()
def send_posting_email(event: str, posting_id: int) -> int:
    """Send the e-mails of one review event; returns how many were sent."""
    return posting_email_send(event=event, posting_id=posting_id)


def posting_email_send(*, event: str, posting_id: int) -> int:
    """A recipient without an e-mail address is skipped; a mail server failure is logged,
    never raised, since the transition it reports on has already happened."""
    posting = (
        JobPosting.objects.select_related("recruiter", "hiring_manager")
        .filter(pk=posting_id)
        .first()
    )
    if posting is None:
        return 0
    review = posting.reviews.select_related("reviewer").first()
    sent = 0
    for role in RECIPIENTS[event]:
        user = getattr(posting, role)
        if user is None or not user.email:
            continue
        context = {
            "posting": posting,
            "user": user,
            "review": review,
            "url": _link(posting, role),
        }
        try:
            sent += send_mail(
                SUBJECTS[event].format(title=posting.title),
                render_to_string(f"review/emails/{event}.txt", context),
                None,
                [user.email],
            )
        except Exception:
            logger.exception(
                "Could not send the %s e-mail of posting %s to %s.", event, posting.pk, user
            )
    return sent


def _link(posting: JobPosting, role: str) -> str:
    """The page each reader acts on: the review page for a manager, the admin for a recruiter."""
    if role == "hiring_manager":
        path = reverse("review:posting", args=[posting.pk])
    else:
        path = reverse("admin:hiring_jobposting_change", args=[posting.pk])
    return f"{settings.ROLEKIT_PUBLIC_URL}{path}"
