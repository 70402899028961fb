"""Reads shared by the admin, the review pages and the API."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from .models import Criterion, JobPosting, PostingResponsibility, PostingSkill, Review, Rubric

SNAPSHOT_FIELDS = (
    "title",
    "locations",
    "remote_policy",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "years_min",
    "years_max",
    "summary",
    "team",
    "benefits",
    "apply_url",
)


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


def rubric_of(posting: JobPosting) -> Rubric | None:
    try:
        return posting.rubric
    except Rubric.DoesNotExist:
        return None


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def posting_snapshot(*, posting: JobPosting) -> dict:
    """The posting, its blocks and its rubric as plain JSON: what a published version keeps."""
    posting = postings_with_blocks(JobPosting.objects.filter(pk=posting.pk)).get()
    rubric = rubric_of(posting)
    return {
        **{name: _plain(getattr(posting, name)) for name in SNAPSHOT_FIELDS},
        "role_family": posting.role_family.slug,
        "role_family_name": posting.role_family.name,
        "level": posting.level.slug if posting.level else None,
        "level_name": posting.level.name if posting.level else None,
        "company": posting.company.name,
        "skills": [
            {
                "skill": row.skill.slug,
                "name": row.skill.name,
                "must_have": row.must_have,
                "emphasis": row.get_emphasis_display(),
            }
            for row in posting.skills.all()
        ],
        "responsibilities": [
            {
                "responsibility": row.responsibility.slug if row.responsibility else None,
                "text": row.display_text,
            }
            for row in posting.responsibilities.all()
        ],
        "rubric": None
        if rubric is None
        else [
            {
                "title": c.display_title,
                "skill": c.skill.slug if c.skill else None,
                "stage": c.stage,
                "weight": str(c.weight),
                "weight_reason": c.weight_reason,
                "questions": c.question_list,
                "anchors": dict(c.anchors),
            }
            for c in rubric.criteria.all()
        ],
    }


@dataclass(frozen=True)
class Change:
    """One readable difference between two versions of a posting."""

    field: str
    kind: str  # "changed", "added" or "removed"
    before: object = None
    after: object = None


def _keyed(rows, key):
    return {row[key] or row.get("text") or row.get("title"): row for row in rows or []}


def snapshot_diff(before: dict, after: dict) -> list[Change]:
    """What changed between two snapshots, field by field and block by block."""
    changes = []
    for name in (*SNAPSHOT_FIELDS, "role_family_name", "level_name"):
        if before.get(name) != after.get(name):
            changes.append(Change(name, "changed", before.get(name), after.get(name)))
    for block, key in (("skills", "skill"), ("responsibilities", "responsibility")):
        old, new = _keyed(before.get(block), key), _keyed(after.get(block), key)
        for ident in old.keys() - new.keys():
            changes.append(Change(block, "removed", before=_label(old[ident])))
        for ident in new.keys() - old.keys():
            changes.append(Change(block, "added", after=_label(new[ident])))
        for ident in old.keys() & new.keys():
            if old[ident] != new[ident]:
                changes.append(Change(block, "changed", _label(old[ident]), _label(new[ident])))
    old_rubric = _keyed(before.get("rubric"), "title")
    new_rubric = _keyed(after.get("rubric"), "title")
    for ident in old_rubric.keys() - new_rubric.keys():
        changes.append(Change("rubric", "removed", before=ident))
    for ident in new_rubric.keys() - old_rubric.keys():
        changes.append(Change("rubric", "added", after=ident))
    for ident in old_rubric.keys() & new_rubric.keys():
        if old_rubric[ident] != new_rubric[ident]:
            changes.append(Change("rubric", "changed", ident, ident))
    return changes


def _label(row: dict) -> str:
    if "name" in row:
        kind = "must-have" if row.get("must_have") else "nice-to-have"
        return f"{row['name']} ({kind}, {row.get('emphasis')})"
    return row.get("text", "")


def reviews_of(posting: JobPosting) -> QuerySet[Review]:
    return posting.reviews.select_related("reviewer").order_by("-created_at", "-id")
