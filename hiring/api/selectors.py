"""The postings list, read with `values()`: a sync pulls pages of 50-200 postings with all
their blocks, and building model instances for thousands of block rows cost more than
everything else in the request. The output is exactly `PostingSerializer`'s (a test
compares the two), so the serializer stays the schema's description of it.
"""

import hashlib

from django.db.models import Max, QuerySet
from rest_framework import serializers

from hiring import selectors
from hiring.models import Criterion, JobPosting, PostingResponsibility, PostingSkill, Rubric
from roles.models import EmphasisLevel

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
    "open_errors",
    "open_warnings",
    "open_infos",
    "created_at",
    "updated_at",
)
EMPHASIS = {level.value: level.label for level in EmphasisLevel}
# DRF's own formatting of datetimes and decimals, so both paths print them alike.
_DATETIME = serializers.DateTimeField()
_SALARY = serializers.DecimalField(max_digits=12, decimal_places=2)
_WEIGHT = serializers.DecimalField(max_digits=5, decimal_places=2)
RUBRIC_VALUES = ("id", "notes", "approved_by__username", "approved_at", "updated_at")
CRITERION_VALUES = (
    "id",
    "skill__slug",
    "skill__name",
    "title",
    "stage",
    "weight",
    "weight_reason",
    "questions",
    "anchor_strong_no",
    "anchor_no",
    "anchor_yes",
    "anchor_strong_yes",
    "order",
)


def posting_list_rows(queryset: QuerySet[JobPosting]) -> QuerySet:
    """The columns a list item shows, one dict per posting (paginate this)."""
    return queryset.values(*LIST_VALUES)


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


def _decimal(value):
    return None if value is None else _SALARY.to_representation(value)


def posting_list_items(rows: list[dict]) -> list[dict]:
    """List items for a page of rows: two more queries, for all their skills and
    responsibilities."""
    ids = [row["id"] for row in rows]
    skills: dict[int, list[dict]] = {pk: [] for pk in ids}
    for row in (
        PostingSkill.objects.filter(posting_id__in=ids)
        .order_by("order", "id")
        .values_list("posting_id", "skill__slug", "skill__name", "must_have", "emphasis", "order")
    ):
        skills[row[0]].append(
            {
                "skill": row[1],
                "name": row[2],
                "must_have": row[3],
                "emphasis": EMPHASIS[row[4]],
                "order": row[5],
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
            "locations": [line.strip() for line in row["locations"].splitlines() if line.strip()],
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
            "recruiter": row["recruiter__username"],
            "hiring_manager": row["hiring_manager__username"],
            "published_version": row["published_version__number"],
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


def posting_detail_item(queryset: QuerySet[JobPosting]) -> dict | None:
    """The first posting of `queryset` as `PostingDetailSerializer` shows it (a test
    compares the two): its list item and its rubric, in five small queries."""
    rows = list(posting_list_rows(queryset)[:1])
    if not rows:
        return None
    [item] = posting_list_items(rows)
    item["rubric"] = rubric_item(posting_id=item["id"], version=item["version"])
    return item


def rubric_item(*, posting_id: int, version: int) -> dict | None:
    rubric = Rubric.objects.filter(posting_id=posting_id).values(*RUBRIC_VALUES).first()
    if rubric is None:
        return None
    criteria = (
        Criterion.objects.filter(rubric_id=rubric["id"])
        .order_by("order", "id")
        .values(*CRITERION_VALUES)
    )
    return {
        "posting": posting_id,
        "version": version,
        "notes": rubric["notes"],
        "approved_by": rubric["approved_by__username"],
        "approved_at": _datetime(rubric["approved_at"]),
        "updated_at": _datetime(rubric["updated_at"]),
        "criteria": [
            {
                "id": row["id"],
                "skill": row["skill__slug"],
                "title": row["title"],
                "display_title": row["title"] or row["skill__name"] or "",
                "stage": row["stage"],
                "weight": _WEIGHT.to_representation(row["weight"]),
                "weight_reason": row["weight_reason"],
                "questions": [q.strip() for q in row["questions"].splitlines() if q.strip()],
                "anchors": {
                    "strong_no": row["anchor_strong_no"],
                    "no": row["anchor_no"],
                    "yes": row["anchor_yes"],
                    "strong_yes": row["anchor_strong_yes"],
                },
                "order": row["order"],
            }
            for row in criteria
        ],
    }


def posting_list_cache_key(*, company, request) -> str:
    """A cache key that changes whenever the company's list could: a posting saved
    (`updated_at`), added or removed (the postings generation), or the catalog edited
    (skill names are in the rows). One indexed query, no count of the postings."""
    latest = JobPosting.objects.filter(company=company).aggregate(latest=Max("updated_at"))
    parts = [
        str(company.pk),
        request.get_host(),
        request.get_full_path(),
        str(latest["latest"]),
        selectors.postings_generation(company.pk),
        selectors.catalog_generation(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"rolekit:api:postings:{digest}"
