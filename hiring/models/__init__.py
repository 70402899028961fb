from .company import Company, Membership
from .finding import FindingAcknowledgement
from .posting import JobPosting, PostingResponsibility, PostingSkill, PostingVersion
from .review import Review
from .rubric import Criterion, Rubric

__all__ = [
    "Company",
    "Criterion",
    "FindingAcknowledgement",
    "JobPosting",
    "Membership",
    "PostingResponsibility",
    "PostingSkill",
    "PostingVersion",
    "Review",
    "Rubric",
]
