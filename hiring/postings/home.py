"""The recruiter's home, the admin index: their postings by state, what waits on them,
and the latest review decisions, in a fixed number of queries whatever their number."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from ..models import JobPosting, Review
from ..tenancy import sees_everything
from .selectors import CHANGES_REQUESTED, STATE_LABELS, postings_to_decide, postings_with_state

Status = JobPosting.Status
# The states a recruiter's home shows, in the order a posting goes through them.
HOME_STATES = (
    Status.DRAFT,
    CHANGES_REQUESTED,
    Status.IN_REVIEW,
    Status.APPROVED,
    Status.PUBLISHED,
)
PER_STATE = 5
ACTIONS = 8
DECISIONS = 5
TO_DECIDE = 8


@dataclass
class StateGroup:
    state: str
    label: str
    total: int = 0
    postings: list[JobPosting] = field(default_factory=list)


@dataclass
class Home:
    groups: list[StateGroup]
    actions: list[JobPosting]
    decisions: list[Review]
    to_decide: list[JobPosting]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def postings_of(*, user) -> QuerySet[JobPosting]:
    """A recruiter's own postings; a superuser's home shows every company's."""
    if sees_everything(user):
        return JobPosting.objects.all()
    return JobPosting.objects.filter(recruiter=user)


def postings_needing_action(queryset: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    """What waits on the recruiter, most pressing first: postings sent back, drafts with
    open errors, approved postings not yet published. `postings_with_state` rows."""
    waiting = Case(
        When(state=CHANGES_REQUESTED, then=Value(0)),
        When(state=Status.DRAFT, open_errors__gt=0, then=Value(1)),
        When(state=Status.APPROVED, then=Value(2)),
        default=None,
        output_field=IntegerField(),
    )
    return (
        queryset.annotate(waiting=waiting)
        .filter(waiting__isnull=False)
        .order_by("waiting", "-updated_at", "-id")
    )


def recruiter_home(*, user) -> Home:
    """Four queries: the first few postings of each state with each state's total, what
    needs action, the latest decisions, and (for a hiring manager) the reviews to decide."""
    mine = postings_with_state(postings_of(user=user).exclude(status=Status.ARCHIVED))
    ranked = (
        mine.select_related("role_family", "level")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("state")],
                order_by=[F("updated_at").desc(), F("id").desc()],
            ),
            state_total=Window(Count("id"), partition_by=[F("state")]),
        )
        .filter(rank__lte=PER_STATE)
    )
    groups = {state: StateGroup(state, STATE_LABELS[state]) for state in HOME_STATES}
    for posting in sorted(ranked, key=lambda p: p.rank):
        group = groups[posting.state]
        group.total = posting.state_total
        group.postings.append(posting)
    actions = list(postings_needing_action(mine.select_related("role_family", "level"))[:ACTIONS])
    reviews = Review.objects.select_related("reviewer", "posting")
    if not sees_everything(user):
        reviews = reviews.filter(Q(posting__recruiter=user) | Q(reviewer=user))
    decisions = list(reviews.order_by("-created_at", "-id")[:DECISIONS])
    to_decide = list(
        postings_to_decide(user=user).select_related("role_family", "level", "recruiter")[
            :TO_DECIDE
        ]
    )
    return Home(
        groups=list(groups.values()), actions=actions, decisions=decisions, to_decide=to_decide
    )
