"""Reads of postings: the one read of a posting with its blocks and rubric, and the one
JSON shape built from it.

A sync pulls pages of 50-200 postings with all their blocks, and building model
instances for thousands of block rows cost more than everything else in the request, so
the shape is built from `values()`. The API serves it as it is (`PostingSerializer` and
`PostingDetailSerializer` describe it in the schema; a test compares them), a published
version keeps its projection (`versions.posting_snapshot`): both from the same rows.
"""

from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Greatest, NullIf, Trim
from rest_framework import serializers

from roles.models import EmphasisLevel, Requirement
from roles.requirements import requirement_sentence

from ..careers.selectors import public_url_of
from ..models import (
    Criterion,
    JobPosting,
    Membership,
    PostingNote,
    PostingResponsibility,
    PostingSkill,
    Review,
    ReviewComment,
    Rubric,
    StageInterviewer,
)
from ..models.posting import text_lines
from ..tenancy import acts_for_company, company_of, membership_of, sees_everything

LIST_VALUES = (
    "id",
    "title",
    "status",
    "version",
    "company__slug",
    "role_family__slug",
    "level__slug",
    *JobPosting.CONTENT_FIELDS[1:],  # locations ... apply_url
    "recruiter__username",
    "hiring_manager__username",
    "published_version__number",
    "slug",
    "open_errors",
    "open_warnings",
    "open_infos",
    "created_at",
    "updated_at",
)
# A posting's row for one posting: the list's columns, the names a published version
# keeps, and its rubric's (a LEFT JOIN).
DETAIL_VALUES = (
    *LIST_VALUES,
    "company__name",
    "role_family__name",
    "level__name",
    "rubric__id",
    "rubric__notes",
    "rubric__approved_by__username",
    "rubric__approved_at",
    "rubric__updated_at",
)
CRITERION_VALUES = (
    "id",
    "skill__slug",
    "skill__name",
    "title",
    "stage",
    "weight",
    "weight_reason",
    "questions",
    *Criterion.ANCHOR_FIELDS.values(),
    "order",
)
EMPHASIS = {level.value: level.label for level in EmphasisLevel}
# DRF's own formatting of datetimes and decimals, as the serializers describe them.
_DATETIME = serializers.DateTimeField()
_SALARY = serializers.DecimalField(max_digits=12, decimal_places=2)
_WEIGHT = serializers.DecimalField(max_digits=5, decimal_places=2)


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


def _decimal(value):
    return None if value is None else _SALARY.to_representation(value)


# The one read and its JSON


def posting_list_rows(queryset: QuerySet[JobPosting]) -> QuerySet:
    """The columns a list item shows, one dict per posting (paginate this)."""
    return queryset.values(*LIST_VALUES)


def posting_detail_row(queryset: QuerySet[JobPosting]) -> dict | None:
    """The first posting of `queryset` with its rubric's columns, in one query: what
    answers If-None-Match and names the cached body, and `posting_detail_item`'s input."""
    return queryset.values(*DETAIL_VALUES).first()


def _catalog_wording() -> Subquery:
    """The catalog's sentence for a skill row's skill at the row's emphasis, in the row's
    own query (`roles.requirements.skill_requirement` over columns)."""
    asked = Greatest(OuterRef("emphasis"), Value(EmphasisLevel.LIGHT.value))
    return Subquery(
        Requirement.objects.filter(skill_id=OuterRef("skill_id"), emphasis=asked).values("text")[:1]
    )


def posting_list_items(rows: list[dict]) -> list[dict]:
    """The JSON of a page of rows: two more queries, for all their skills and
    responsibilities."""
    ids = [row["id"] for row in rows]
    skills: dict[int, list[dict]] = {pk: [] for pk in ids}
    for row in (
        PostingSkill.objects.filter(posting_id__in=ids)
        .annotate(wording=_catalog_wording())
        .order_by("order", "id")
        .values(
            "posting_id",
            "skill__slug",
            "skill__name",
            "must_have",
            "emphasis",
            "requirement",
            "wording",
            "posting__level__skill_years",
            "order",
        )
    ):
        skills[row["posting_id"]].append(
            {
                "skill": row["skill__slug"],
                "name": row["skill__name"],
                "must_have": row["must_have"],
                "emphasis": EMPHASIS[row["emphasis"]],
                "requirement": row["requirement"],
                "display_requirement": row["requirement"]
                or requirement_sentence(
                    wording=row["wording"] or "",
                    name=row["skill__name"],
                    skill_years=row["posting__level__skill_years"],
                ),
                "order": row["order"],
            }
        )
    duties: dict[int, list[dict]] = {pk: [] for pk in ids}
    for posting_id, slug, catalog_text, text, order in (
        PostingResponsibility.objects.filter(posting_id__in=ids)
        .order_by("order", "id")
        .values_list("posting_id", "responsibility__slug", "responsibility__text", "text", "order")
    ):
        duties[posting_id].append(
            {
                "responsibility": slug,
                "text": text,
                "display_text": text or catalog_text or "",
                "order": order,
            }
        )
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "status": row["status"],
            "version": row["version"],
            "company": row["company__slug"],
            "role_family": row["role_family__slug"],
            "level": row["level__slug"],
            "locations": text_lines(row["locations"]),
            "remote_policy": row["remote_policy"],
            "employment_type": row["employment_type"],
            "salary_min": _decimal(row["salary_min"]),
            "salary_max": _decimal(row["salary_max"]),
            "salary_currency": row["salary_currency"],
            "salary_period": row["salary_period"],
            "years_min": row["years_min"],
            "years_max": row["years_max"],
            "summary": row["summary"],
            "team": row["team"],
            "benefits": row["benefits"],
            "apply_url": row["apply_url"],
            "about_company": row["about_company"],
            "equal_opportunity": row["equal_opportunity"],
            "accommodations_contact": row["accommodations_contact"],
            "pay_statement": row["pay_statement"],
            "recruiter": row["recruiter__username"],
            "hiring_manager": row["hiring_manager__username"],
            "published_version": row["published_version__number"],
            "public_url": public_url_of(
                company_slug=row["company__slug"],
                slug=row["slug"],
                status=row["status"],
                published=row["published_version__number"] is not None,
            ),
            "open_findings": {
                "error": row["open_errors"],
                "warning": row["open_warnings"],
                "info": row["open_infos"],
            },
            "skills": skills[row["id"]],
            "responsibilities": duties[row["id"]],
            "created_at": _datetime(row["created_at"]),
            "updated_at": _datetime(row["updated_at"]),
        }
        for row in rows
    ]


def posting_detail_item(row: dict, *, interviewers: bool = True) -> dict:
    """A posting's JSON with its rubric (null before one is built): its list item and its
    rubric's, in four more small queries (three without the interviewers)."""
    [item] = posting_list_items([row])
    item["rubric"] = (
        None if row["rubric__id"] is None else rubric_item(row, interviewers=interviewers)
    )
    return item


def posting_item(*, posting: JobPosting) -> dict:
    """`posting_detail_item` of one posting, read afresh."""
    return posting_detail_item(posting_detail_row(JobPosting.objects.filter(pk=posting.pk)))


# What a webhook event says of a posting: the keys of its JSON an integrator needs to
# decide whether to fetch it again, cut from the one shape above.
SUMMARY_KEYS = (
    "id",
    "title",
    "status",
    "version",
    "role_family",
    "level",
    "published_version",
    "public_url",
    "updated_at",
)


def posting_summary(*, posting_id: int) -> dict | None:
    """A posting's JSON cut to `SUMMARY_KEYS` (None when it is gone)."""
    rows = list(posting_list_rows(JobPosting.objects.filter(pk=posting_id)))
    if not rows:
        return None
    [item] = posting_list_items(rows)
    return {key: item[key] for key in SUMMARY_KEYS}


def _interviewer_items(rubric_id: int) -> list[dict]:
    """Who runs which stage, in interview order: one query."""
    order = {key: index for index, key in enumerate(Criterion.Stage.values)}
    rows = StageInterviewer.objects.filter(rubric_id=rubric_id).values(
        "id", "stage", "interviewer__username", "interviewer__first_name", "interviewer__last_name"
    )
    return [
        {
            "stage": row["stage"],
            "interviewer": row["interviewer__username"],
            "name": f"{row['interviewer__first_name']} {row['interviewer__last_name']}".strip()
            or row["interviewer__username"],
        }
        for row in sorted(rows, key=lambda row: (order.get(row["stage"], 99), row["id"]))
    ]


def rubric_item(row: dict, *, interviewers: bool = True) -> dict:
    """The JSON of the rubric of a `posting_detail_row`; `interviewers` False leaves who
    runs which stage out (a published version does not keep it)."""
    criteria = (
        Criterion.objects.filter(rubric_id=row["rubric__id"])
        .order_by("order", "id")
        .values(*CRITERION_VALUES)
    )
    return {
        "posting": row["id"],
        "version": row["version"],
        "notes": row["rubric__notes"],
        "approved_by": row["rubric__approved_by__username"],
        "approved_at": _datetime(row["rubric__approved_at"]),
        "updated_at": _datetime(row["rubric__updated_at"]),
        "criteria": [
            {
                "id": criterion["id"],
                "skill": criterion["skill__slug"],
                "title": criterion["title"],
                "display_title": criterion["title"] or criterion["skill__name"] or "",
                "stage": criterion["stage"],
                "weight": _WEIGHT.to_representation(criterion["weight"]),
                "weight_reason": criterion["weight_reason"],
                "questions": text_lines(criterion["questions"]),
                "anchors": {
                    name: criterion[field] for name, field in Criterion.ANCHOR_FIELDS.items()
                },
                "order": criterion["order"],
            }
            for criterion in criteria
        ],
        **({"interviewers": _interviewer_items(row["rubric__id"])} if interviewers else {}),
    }


# Postings as model instances, for pages


def postings_with_blocks(queryset: QuerySet[JobPosting] | None = None) -> QuerySet[JobPosting]:
    """Postings with everything a page shows about them, in a fixed number of queries."""
    queryset = JobPosting.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "company", "role_family", "level", "recruiter", "hiring_manager", "published_version"
    ).prefetch_related(
        Prefetch("skills", queryset=PostingSkill.objects.select_related("skill").order_by("order")),
        Prefetch(
            "responsibilities",
            queryset=PostingResponsibility.objects.select_related("responsibility").order_by(
                "order"
            ),
        ),
        Prefetch(
            "rubric__criteria",
            queryset=Criterion.objects.select_related("skill").order_by("order"),
        ),
    )


def postings_to_decide(*, user) -> QuerySet[JobPosting]:
    """The postings `user` may approve or send back now: the one rule behind the review
    queue, the review page, the decision service and the API's approve action.

    A posting in review is decided by its hiring manager or, when none is assigned (their
    account was deleted), by any hiring manager of its company. A hiring-manager API key
    decides for its company. Recruiters and superusers do not decide; they may reassign.
    """
    membership = membership_of(user)
    if membership is None or membership.role != Membership.Role.HIRING_MANAGER:
        return JobPosting.objects.none()
    postings = JobPosting.objects.filter(
        company_id=membership.company_id, status=JobPosting.Status.IN_REVIEW
    )
    if acts_for_company(user):
        return postings
    return postings.filter(Q(hiring_manager=user) | Q(hiring_manager__isnull=True))


CHANGES_REQUESTED = "changes_requested"
# The states a recruiter follows a posting through, in the order it goes.
STATE_LABELS = {
    JobPosting.Status.DRAFT: "Draft",
    CHANGES_REQUESTED: "Changes requested",
    JobPosting.Status.IN_REVIEW: "In review",
    JobPosting.Status.APPROVED: "Approved",
    JobPosting.Status.PUBLISHED: "Published",
    JobPosting.Status.ARCHIVED: "Archived",
}


def postings_with_state(queryset: QuerySet[JobPosting] | None = None) -> QuerySet[JobPosting]:
    """Postings annotated with `state`: their status, or "changes_requested" when their
    reviewer sent them back and they have not been resubmitted since.

    The one place "changes requested" is derived, from the latest review: a request for
    changes turns a posting back to draft (or to its own status, where the workflow has
    one), and a later submit, approval or revision moves it on. `latest_comment` is that
    review's comment (or its first comment on a section), and `latest_reviewer` its
    reviewer by name, for the recruiter to read.
    """
    queryset = JobPosting.objects.all() if queryset is None else queryset
    latest = Review.objects.filter(posting=OuterRef("pk")).order_by("-created_at", "-id")
    first_section_comment = ReviewComment.objects.filter(review=OuterRef("latest_review"))
    reviewer_name = Trim(Concat("reviewer__first_name", Value(" "), "reviewer__last_name"))
    sent_back = {JobPosting.Status.DRAFT, getattr(JobPosting.Status, "CHANGES_REQUESTED", None)}
    return (
        queryset.annotate(
            latest_review=Subquery(latest.values("pk")[:1]),
            latest_decision=Subquery(latest.values("decision")[:1]),
            latest_reviewer=Subquery(
                latest.annotate(
                    who=Coalesce(
                        NullIf(reviewer_name, Value("")),
                        "reviewer__username",
                        output_field=CharField(),
                    )
                ).values("who")[:1]
            ),
        )
        .annotate(
            # The overall comment, else the first comment on a section: what to fix first.
            latest_comment=Coalesce(
                NullIf(Subquery(latest.values("comment")[:1]), Value("")),
                Subquery(first_section_comment.order_by("id").values("text")[:1]),
                output_field=TextField(),
            ),
        )
        .annotate(
            state=Case(
                When(
                    status__in=sent_back - {None},
                    latest_decision=Review.Decision.REQUEST_CHANGES,
                    then=Value(CHANGES_REQUESTED),
                ),
                default=F("status"),
                output_field=CharField(),
            )
        )
    )


def posting_may_decide(*, posting: JobPosting, user) -> bool:
    return postings_to_decide(user=user).filter(pk=posting.pk).exists()


def rubric_of(posting: JobPosting) -> Rubric | None:
    try:
        return posting.rubric
    except Rubric.DoesNotExist:
        return None


def reviews_of(posting: JobPosting) -> QuerySet[Review]:
    """A posting's review history, newest first, with the comments on its sections."""
    return (
        posting.reviews.select_related("reviewer")
        .prefetch_related("section_comments")
        .order_by("-created_at", "-id")
    )


def changes_requested_of(posting: JobPosting) -> Review | None:
    """The review that sent the posting back, while it waits for the recruiter's changes."""
    if posting.status != JobPosting.Status.CHANGES_REQUESTED:
        return None
    return reviews_of(posting).filter(decision=Review.Decision.REQUEST_CHANGES).first()


def postings_with_changes_requested(*, user) -> QuerySet[JobPosting]:
    """The postings of `user`'s company that a hiring manager sent back, longest waiting
    first: the recruiter home's badge and list."""
    postings = JobPosting.objects.filter(status=JobPosting.Status.CHANGES_REQUESTED)
    if not sees_everything(user):
        company = company_of(user)
        if company is None:
            return JobPosting.objects.none()
        postings = postings.filter(company=company)
    return postings.select_related("hiring_manager", "recruiter").order_by("updated_at", "id")


def notes_of(posting: JobPosting) -> QuerySet[PostingNote]:
    return posting.notes.order_by("-created_at", "-id")


# How a skill's name and aliases meet what the recruiter typed, best first.
EXACT, NAME_PREFIX, WORD_PREFIX, ALIAS_PREFIX, NAME_CONTAINS, ALIAS_CONTAINS = range(6)


def skill_match_rank(*, term: str, name: str, aliases) -> int | None:
    """How well ``term`` names the skill (lower is better), None when it does not.

    Exact and prefix matches of the name come first, so that "statist" gives Statistics
    before a skill that only mentions statistics in an alias.
    """
    term = term.strip().lower()
    name = name.lower()
    aliases = [alias.lower() for alias in aliases or ()]
    if not term:
        return EXACT
    if name == term:
        return EXACT
    if name.startswith(term):
        return NAME_PREFIX
    if any(word.startswith(term) for word in name.replace("/", " ").split()):
        return WORD_PREFIX
    if any(alias == term or alias.startswith(term) for alias in aliases):
        return ALIAS_PREFIX
    if term in name:
        return NAME_CONTAINS
    if any(term in alias for alias in aliases):
        return ALIAS_CONTAINS
    return None


def skill_search(*, skills: QuerySet, term: str, posting_id: int | None = None, limit: int = 20):
    """The skills a recruiter may add to a posting, ranked for ``term``: the skills the
    posting already has are left out. One query, two with a posting."""
    if posting_id is not None:
        skills = skills.exclude(
            pk__in=PostingSkill.objects.filter(posting_id=posting_id).values("skill")
        )
    ranked = []
    for pk, name, aliases in skills.values_list("pk", "name", "aliases"):
        rank = skill_match_rank(term=term, name=name, aliases=aliases)
        if rank is not None:
            ranked.append((rank, name.lower(), pk, name))
    ranked.sort()
    return [(pk, name) for _, _, pk, name in ranked[:limit]]
