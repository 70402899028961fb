"""A posting's way from draft to published: submit, review (approve, or send back with
changes requested), reassign, publish, revise, archive. Each transition claims the
posting's next version, so a form or an ETag opened before it is stale."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..careers import services as careers
from ..findings.selectors import posting_analysis
from ..models import JobPosting, Membership, PostingVersion, Review, ReviewComment, Rubric
from ..review import notifications
from ..tenancy import company_of, is_hiring_manager, membership_of
from ..webhooks import events
from .errors import NotAllowedError, PostingError
from .selectors import posting_may_decide
from .services import posting_claim_version
from .versions import posting_snapshot

Status = JobPosting.Status

ILLEGAL_TRANSITION = "A posting that is {current} cannot be {action}."
ONLY_HIRING_MANAGER = "Only a hiring manager of {company} can review this posting."
ASSIGNED_ELSEWHERE = (
    "{manager} reviews this posting: only they can approve it or send it back. A recruiter "
    "can hand the review to you."
)
NOT_A_MANAGER = "{user} is not a hiring manager of {company}."
NOT_REASSIGNABLE = "A posting that is {status} has no review to hand over."
ONLY_RECRUITER = "Only a recruiter of {company} can {action} this posting."
NEEDS_HIRING_MANAGER = "Choose the hiring manager who will review this posting before submitting."
NEEDS_COMMENT = (
    "Say what should change: a comment is required when requesting changes, overall or on "
    "a section."
)
NEEDS_SKILLS = "Add at least one skill before submitting."
UNKNOWN_SECTION = "There is no section {section!r} to comment on."
OPEN_ERRORS = (
    "This posting has {count} open error finding(s); fix or acknowledge them before "
    "publishing: {codes}."
)

# Which status each action moves a posting from and to.
TRANSITIONS = {
    "submitted": ({Status.DRAFT, Status.CHANGES_REQUESTED}, Status.IN_REVIEW),
    "approved": ({Status.IN_REVIEW}, Status.APPROVED),
    "sent back for changes": ({Status.IN_REVIEW}, Status.CHANGES_REQUESTED),
    "published": ({Status.APPROVED}, Status.PUBLISHED),
    "revised": ({Status.APPROVED, Status.PUBLISHED}, Status.DRAFT),
    "archived": (
        {
            Status.DRAFT,
            Status.IN_REVIEW,
            Status.CHANGES_REQUESTED,
            Status.APPROVED,
            Status.PUBLISHED,
        },
        None,
    ),
}
# Where a review can still be handed to another manager: before or during it.
REASSIGNABLE = (Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED)


def _check_transition(posting: JobPosting, action: str) -> Status:
    sources, target = TRANSITIONS[action]
    if posting.status not in sources:
        raise PostingError(
            ILLEGAL_TRANSITION.format(current=posting.get_status_display().lower(), action=action)
        )
    return target or Status.ARCHIVED


def require_recruiter(*, posting: JobPosting, user, action: str) -> None:
    """Refuse `action` unless `user` is a recruiter of the posting's company (or a superuser)."""
    if getattr(user, "is_superuser", False):
        return
    membership = membership_of(user)
    if (
        membership is None
        or membership.company_id != posting.company_id
        or membership.role != Membership.Role.RECRUITER
    ):
        raise PostingError(ONLY_RECRUITER.format(company=posting.company, action=action))


def _require_decider(posting: JobPosting, user) -> None:
    if posting_may_decide(posting=posting, user=user):
        return
    if is_hiring_manager(user) and company_of(user) == posting.company:
        raise NotAllowedError(ASSIGNED_ELSEWHERE.format(manager=posting.hiring_manager))
    raise NotAllowedError(ONLY_HIRING_MANAGER.format(company=posting.company))


def _transition(
    posting: JobPosting, action: str, expected_version: int | None = None
) -> JobPosting:
    target = _check_transition(posting, action)
    posting_claim_version(posting=posting, expected_version=expected_version)
    posting.status = target
    posting.save(update_fields=["status", "version", "updated_at"])
    return posting


def _emit_once_committed(event_type: str, posting: JobPosting) -> None:
    transaction.on_commit(lambda: events.emit(event_type, posting.pk), robust=True)


@transaction.atomic
def posting_submit(*, posting: JobPosting, by) -> JobPosting:
    require_recruiter(posting=posting, user=by, action="submit")
    _check_transition(posting, "submitted")
    if posting.hiring_manager_id is None:
        raise PostingError(NEEDS_HIRING_MANAGER)
    if not posting.skills.exists():
        raise PostingError(NEEDS_SKILLS)
    _transition(posting, "submitted")
    notifications.notify_once_committed(notifications.SUBMITTED, posting)
    return posting


@transaction.atomic
def posting_review(
    *,
    posting: JobPosting,
    by,
    decision: str,
    comment: str = "",
    comments=(),
    expected_version: int | None = None,
) -> Review:
    """The posting's hiring manager approves it and its rubric, or sends it back with
    changes requested (who may decide: `selectors.postings_to_decide`). `comments` are
    {section, block, text} dicts on parts of the posting; sending back needs a comment,
    overall or on a part. The review keeps the snapshot it decided on, so the manager's
    next visit shows what changed since. With `expected_version`, a decision on a version
    the manager did not read is refused."""
    actions = {
        Review.Decision.APPROVE: "approved",
        Review.Decision.REQUEST_CHANGES: "sent back for changes",
    }
    if decision not in actions:
        raise PostingError(f"Unknown decision {decision!r}.")
    _check_transition(posting, actions[decision])
    _require_decider(posting, by)
    comment = comment.strip()
    parts = [
        ReviewComment(
            section=part.get("section", ""),
            block=(part.get("block") or "").strip(),
            text=(part.get("text") or "").strip(),
        )
        for part in comments
        if (part.get("text") or "").strip()
    ]
    unknown = [p.section for p in parts if p.section not in ReviewComment.Section.values]
    if unknown:
        raise PostingError(UNKNOWN_SECTION.format(section=unknown[0]))
    if decision == Review.Decision.REQUEST_CHANGES and not (comment or parts):
        raise PostingError(NEEDS_COMMENT)
    review = Review(
        posting=posting,
        reviewer=by,
        decision=decision,
        comment=comment,
        posting_version=posting.version,
        snapshot=posting_snapshot(posting=posting),
    )
    review.full_clean()
    review.save()
    for part in parts:
        part.review = review
        part.full_clean()
    ReviewComment.objects.bulk_create(parts)
    if decision == Review.Decision.APPROVE:
        _freeze_packet(posting, review)
    _transition(posting, actions[decision], expected_version)
    if decision == Review.Decision.APPROVE:
        Rubric.objects.filter(posting=posting).update(approved_by=by, approved_at=timezone.now())
        _emit_once_committed("rubric.approved", posting)
        notifications.notify_once_committed(notifications.APPROVED, posting)
    else:
        Rubric.objects.filter(posting=posting).update(approved_by=None, approved_at=None)
        notifications.notify_once_committed(notifications.CHANGES_REQUESTED, posting)
    return review


def _freeze_packet(posting: JobPosting, review: Review) -> None:
    """Keep the sign-off packet's inputs on the approval, written once with it."""
    from ..exports.document import approval_inputs

    review.packet = approval_inputs(posting=posting, review=review)
    Review.objects.filter(pk=review.pk).update(packet=review.packet)


@transaction.atomic
def posting_reassign(*, posting: JobPosting, hiring_manager, by) -> JobPosting:
    """Hand a posting's review to another hiring manager of its company: a recruiter's (or
    a superuser's) call. The version moves, so a decision form opened before is stale."""
    require_recruiter(posting=posting, user=by, action="reassign")
    if posting.status not in REASSIGNABLE:
        raise PostingError(NOT_REASSIGNABLE.format(status=posting.get_status_display().lower()))
    if not (is_hiring_manager(hiring_manager) and company_of(hiring_manager) == posting.company):
        raise PostingError(NOT_A_MANAGER.format(user=hiring_manager, company=posting.company))
    posting_claim_version(posting=posting)
    posting.hiring_manager = hiring_manager
    posting.save(update_fields=["hiring_manager", "version", "updated_at"])
    _emit_once_committed("posting.updated", posting)
    return posting


@transaction.atomic
def posting_publish(*, posting: JobPosting, by) -> PostingVersion:
    """Publish an approved posting: the snapshot candidates see is written once, never edited."""
    require_recruiter(posting=posting, user=by, action="publish")
    _check_transition(posting, "published")
    errors = posting_analysis(posting=posting).open_errors
    if errors:
        codes = ", ".join(f"{r.finding.code} {r.finding.message}" for r in errors)
        raise PostingError(OPEN_ERRORS.format(count=len(errors), codes=codes))
    number = (posting.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PostingVersion(
        posting=posting,
        number=number,
        snapshot=posting_snapshot(posting=posting),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    version.full_clean()
    version.save()
    posting.published_version = version
    posting.save(update_fields=["published_version"])
    careers.posting_publish_page(posting=posting)
    _transition(posting, "published")
    _emit_once_committed("posting.published", posting)
    notifications.notify_once_committed(notifications.PUBLISHED, posting)
    return version


@transaction.atomic
def posting_revise(*, posting: JobPosting, by) -> JobPosting:
    """Back to draft for changes; a published version stays live until the next publish."""
    require_recruiter(posting=posting, user=by, action="revise")
    _emit_once_committed("posting.updated", posting)
    return _transition(posting, "revised")


@transaction.atomic
def posting_archive(*, posting: JobPosting, by, expired: bool = False) -> JobPosting:
    """`expired`: the careers expiry sweep archives a posting past its last day, by nobody."""
    if not expired:
        require_recruiter(posting=posting, user=by, action="archive")
    _emit_once_committed("posting.archived", posting)
    return _transition(posting, "archived")
