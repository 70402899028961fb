from .api import (
    ApiKey,
    IdempotencyRecord,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from .bulk_export import BulkExport
from .company import Company, CompanyPayStatement, Membership
from .finding import FindingAcknowledgement
from .posting import (
    JobPosting,
    PostingNote,
    PostingResponsibility,
    PostingSkill,
    PostingSlug,
    PostingVersion,
)
from .review import Review, ReviewComment
from .rubric import Criterion, Rubric, StageInterviewer

__all__ = [
    "ApiKey",
    "BulkExport",
    "Company",
    "CompanyPayStatement",
    "Criterion",
    "FindingAcknowledgement",
    "IdempotencyRecord",
    "JobPosting",
    "Membership",
    "PostingNote",
    "PostingResponsibility",
    "PostingSkill",
    "PostingSlug",
    "PostingVersion",
    "Review",
    "ReviewComment",
    "Rubric",
    "StageInterviewer",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
