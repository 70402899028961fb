"""What a sign-off packet records: "draft" until the hiring manager approves, then who
approved which version and when, the review history and the findings as they stood.

At approval the packet's inputs are frozen on the approving review (`packet_record`), as a
publish freezes a posting's snapshot, so the approved packet can be produced again with
the same content however the posting changes afterwards.
"""

from dataclasses import asdict
from datetime import date

from django.utils import timezone

from hiring.findings import charts
from hiring.models import JobPosting, Review
from hiring.tenancy import person_name

DRAFT = "draft"
APPROVED = "approved"
# Where an approval still stands: a revision sends the posting back to draft.
APPROVED_STATUSES = (JobPosting.Status.APPROVED, JobPosting.Status.PUBLISHED)


def long_date(day: date) -> str:
    """2026-12-02 -> '2 December 2026', the same whatever the locale."""
    return f"{day.day} {day:%B %Y}"


def review_history(posting: JobPosting, *, until: Review | None = None) -> list[dict]:
    """Every decision on `posting`, oldest first (up to and including `until`)."""
    reviews = (
        posting.reviews.select_related("reviewer")
        .prefetch_related("section_comments")
        .order_by("created_at", "id")
    )
    if until is not None:
        reviews = reviews.filter(pk__lte=until.pk)
    return [
        {
            "by": person_name(review.reviewer),
            "decision": review.get_decision_display(),
            "on": timezone.localdate(review.created_at).isoformat(),
            "version": review.posting_version,
            "comment": review.comment,
            "sections": [
                {"section": c.get_section_display(), "block": c.block, "text": c.text}
                for c in review.section_comments.all()
            ],
        }
        for review in reviews
    ]


def draft_signoff(posting: JobPosting) -> dict:
    """A packet with no frozen approval: draft before approval, the reviews so far. A
    posting approved before packets were frozen still reads as approved, by whoever
    approved it last."""
    reviews = review_history(posting)
    if posting.status not in APPROVED_STATUSES:
        return {"state": DRAFT, "reviews": reviews}
    approvals = [r for r in reviews if r["decision"] == Review.Decision.APPROVE.label]
    last = approvals[-1] if approvals else {}
    return {
        "state": APPROVED,
        "approved_by": last.get("by", ""),
        "approved_on": last.get("on", ""),
        "version": last.get("version"),
        "reviews": reviews,
    }


def packet_record(*, posting: JobPosting, review: Review, findings, chart) -> dict:
    """What an approving review freezes: the sign-off and the findings and chart the
    manager approved with (the snapshot is the review's own)."""
    return {
        "signoff": {
            "state": APPROVED,
            "approved_by": person_name(review.reviewer),
            "approved_on": timezone.localdate(review.created_at).isoformat(),
            "version": review.posting_version,
            "reviews": review_history(posting, until=review),
        },
        "findings": list(findings),
        "chart": asdict(chart) if chart else None,
    }


def approval_in_force(posting: JobPosting, *, before=None, reviews=None) -> Review | None:
    """The approval the posting's packet carries: its latest review when that approved it
    and the posting is still approved or published (or the latest before `before`, the
    moment a version was published). Reviews recorded before packets were frozen count
    as none. `reviews`, newest first, saves the query when many postings are read."""
    if before is None and posting.status not in APPROVED_STATUSES:
        return None
    if reviews is None:
        reviews = posting.reviews.order_by("-created_at", "-id")
        if before is not None:
            reviews = reviews.filter(created_at__lte=before)
        latest = reviews.first()
    else:
        latest = next((r for r in reviews if before is None or r.created_at <= before), None)
    if latest is None or latest.decision != Review.Decision.APPROVE or not latest.packet:
        return None
    return latest


def chart_of(data: dict | None) -> charts.LeanChart | None:
    if not data:
        return None
    bars = tuple(charts.CategoryBar(**bar) for bar in data.get("bars", ()))
    return charts.LeanChart(**{**data, "bars": bars})
