"""What publishing a posting will do, read before the recruiter confirms it."""

from dataclasses import dataclass

from django.db.models import Max

from hiring.findings.selectors import FindingRow, posting_analysis
from hiring.models import JobPosting, PostingVersion, WebhookEndpoint
from hiring.webhooks import events


@dataclass(frozen=True)
class PublishPreview:
    posting: JobPosting
    version: int  # the number of the frozen version a publish writes
    live: PostingVersion | None  # the version candidates see until then
    endpoints: tuple[WebhookEndpoint, ...]  # told of the publish
    blockers: tuple[FindingRow, ...]  # open errors, which refuse the publish


def posting_publish_preview(*, posting: JobPosting) -> PublishPreview:
    last = posting.versions.aggregate(n=Max("number"))["n"] or 0
    return PublishPreview(
        posting=posting,
        version=last + 1,
        live=posting.published_version,
        endpoints=tuple(
            events.subscribed_endpoints(
                company_id=posting.company_id, event_type=events.POSTING_PUBLISHED
            )
        ),
        blockers=tuple(posting_analysis(posting=posting).open_errors),
    )
