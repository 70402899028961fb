"""Acknowledging a finding: a recruiter accepts it with a reason."""

from django.db import transaction

from ..findings.selectors import posting_analysis
from ..models import FindingAcknowledgement, JobPosting
from ..postings.errors import PostingError
from ..postings.services import posting_refresh_findings
from ..postings.workflow import require_recruiter

UNKNOWN_FINDING = "That finding is no longer reported for this posting; reload the page."
NEEDS_REASON = "Say why this finding is acceptable: a reason is required."


@transaction.atomic
def finding_acknowledge(
    *, posting: JobPosting, fingerprint: str, reason: str, by
) -> FindingAcknowledgement:
    """Accept a finding with a reason; it stays listed, and reopens if its evidence changes."""
    require_recruiter(posting=posting, user=by, action="acknowledge findings on")
    reason = reason.strip()
    if not reason:
        raise PostingError(NEEDS_REASON)
    analysis = posting_analysis(posting=posting)
    row = next((r for r in analysis.rows if r.finding.fingerprint == fingerprint), None)
    if row is None:
        raise PostingError(UNKNOWN_FINDING)
    finding = row.finding
    acknowledgement, _ = FindingAcknowledgement.objects.update_or_create(
        posting=posting,
        fingerprint=fingerprint,
        defaults={
            "code": finding.code,
            "subject_kind": finding.subject.kind,
            "subject_id": finding.subject.id,
            "subject_label": finding.subject.label[:200],
            "message": finding.message,
            "reason": reason,
            "acknowledged_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    posting_refresh_findings(posting=posting)
    return acknowledgement
