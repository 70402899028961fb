"""The postings list and one posting, read with `values()`: a sync pulls pages of 50-200
postings with all their blocks, and building model instances for thousands of block rows
cost more than everything else in the request. The output is exactly `PostingSerializer`'s
and `PostingDetailSerializer`'s (tests compare them), so the serializers stay the schema's
description of it.
"""

from django.db.models import QuerySet
from rest_framework import serializers

from hiring.careers.selectors import public_url_of
from hiring.models import Criterion, JobPosting, PostingResponsibility, PostingSkill
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
    "slug",
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
# A posting's row for retrieve: the list's columns and its rubric's (a LEFT JOIN).
DETAIL_VALUES = (
    *LIST_VALUES,
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


def posting_detail_row(queryset: QuerySet[JobPosting]) -> dict | None:
    """The first posting of `queryset` with its rubric's columns, in one query: what
    answers If-None-Match and names the cached body, and `posting_detail_item`'s input."""
    return queryset.values(*DETAIL_VALUES).first()


def posting_detail_item(row: dict) -> dict:
    """A posting as `PostingDetailSerializer` shows it (a test compares the two): its
    list item and its rubric, in three more small queries."""
    [item] = posting_list_items([row])
    item["rubric"] = None if row["rubric__id"] is None else _rubric_item(row)
    return item


def _rubric_item(row: dict) -> dict:
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
                "questions": [
                    line.strip() for line in criterion["questions"].splitlines() if line.strip()
                ],
                "anchors": {
                    "strong_no": criterion["anchor_strong_no"],
                    "no": criterion["anchor_no"],
                    "yes": criterion["anchor_yes"],
                    "strong_yes": criterion["anchor_strong_yes"],
                },
                "order": criterion["order"],
            }
            for criterion in criteria
        ],
    }
