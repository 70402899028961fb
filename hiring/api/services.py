"""Writes the API needs beyond `hiring.services`: a posting's blocks and a rubric's criteria
replaced as whole lists, as an integration sends them.

Each one builds on the shared services (create, save with the expected version, touch,
refresh findings), validates every row with `full_clean()`, and runs in a transaction.
"""

from django.db import transaction

from hiring import services
from hiring.models import (
    Company,
    Criterion,
    JobPosting,
    PostingResponsibility,
    PostingSkill,
    Rubric,
)

BLOCK_FIELDS = ("skills", "responsibilities")


def _skills_set(posting: JobPosting, rows: list[dict]) -> None:
    posting.skills.all().delete()
    new = [
        PostingSkill(
            posting=posting,
            skill=row["skill"],
            must_have=row["must_have"],
            emphasis=row["emphasis"],
            order=row["order"],
        )
        for row in rows
    ]
    for row in new:
        row.full_clean(exclude=["posting"], validate_unique=False, validate_constraints=False)
    PostingSkill.objects.bulk_create(new)


def _responsibilities_set(posting: JobPosting, rows: list[dict]) -> None:
    posting.responsibilities.all().delete()
    new = [
        PostingResponsibility(
            posting=posting,
            responsibility=row["responsibility"],
            text=row["text"],
            order=row["order"],
        )
        for row in rows
    ]
    for row in new:
        row.full_clean(exclude=["posting"], validate_unique=False, validate_constraints=False)
    PostingResponsibility.objects.bulk_create(new)


def _lock_editable(posting: JobPosting, expected_version: int) -> JobPosting:
    """The posting's row, locked; refused unless it is a draft at `expected_version`."""
    current = JobPosting.objects.select_for_update().get(pk=posting.pk)
    if current.status != JobPosting.Status.DRAFT:
        raise services.PostingError(
            services.NOT_EDITABLE.format(status=current.get_status_display().lower())
        )
    if current.version != expected_version:
        raise services.StaleVersionError(
            services.STALE_VERSION.format(current=current.version, expected=expected_version)
        )
    return current


@transaction.atomic
def posting_create_with_blocks(
    *,
    company: Company,
    by,
    skills: list[dict] | None = None,
    responsibilities: list[dict] | None = None,
    prefill_from_role: bool = False,
    **fields,
) -> JobPosting:
    """A new draft with the given blocks, and the role's defaults after them if asked."""
    posting = services.posting_create(company=company, **fields)
    if skills:
        _skills_set(posting, skills)
    if responsibilities:
        _responsibilities_set(posting, responsibilities)
    if prefill_from_role:
        services.posting_prefill_from_role(posting=posting)
    elif skills or responsibilities:
        services.posting_refresh_findings(posting=posting)
    return posting


@transaction.atomic
def posting_update_with_blocks(
    *,
    posting: JobPosting,
    expected_version: int,
    by,
    skills: list[dict] | None = None,
    responsibilities: list[dict] | None = None,
    **fields,
) -> JobPosting:
    """Save a draft's changed fields and replace the block lists that were sent.

    `services.posting_save` refuses anything but a draft and a stale version; the blocks
    are written in the same transaction, so a refused save changes nothing.
    """
    changed = {name: value for name, value in fields.items() if getattr(posting, name) != value}
    if not changed and skills is None and responsibilities is None:
        # Nothing to write (read-only fields never reach here): a new version would make
        # every other writer's ETag stale for nothing. Refused as an edit would be.
        _lock_editable(posting, expected_version)
        return posting
    for name, value in changed.items():
        setattr(posting, name, value)
    services.posting_save(
        posting=posting, expected_version=expected_version, by=by, refresh_findings=False
    )
    if skills is not None:
        _skills_set(posting, skills)
    if responsibilities is not None:
        _responsibilities_set(posting, responsibilities)
    services.posting_refresh_findings(posting=posting)
    return posting


ANCHOR_FIELDS = {
    "strong_no": "anchor_strong_no",
    "no": "anchor_no",
    "yes": "anchor_yes",
    "strong_yes": "anchor_strong_yes",
}


@transaction.atomic
def rubric_update(
    *,
    posting: JobPosting,
    expected_version: int,
    by,
    notes: str | None = None,
    criteria: list[dict] | None = None,
) -> Rubric:
    """Edit a draft's rubric (creating it if needed); bumps the posting's version when
    anything changes.

    `services.rubric_save` claims the version first, as the admin's rubric form does, so
    a stale edit changes nothing.
    """
    rubric = Rubric.objects.filter(posting=posting).first()
    if rubric is not None and (notes is None or notes == rubric.notes) and criteria is None:
        # Nothing to write: the version stays, as for the posting; refused as an edit would be.
        _lock_editable(posting, expected_version)
        return rubric
    rubric = rubric or Rubric(posting=posting)
    rubric.posting = posting  # the caller's copy, so that it learns the new version
    if notes is not None:
        rubric.notes = notes
    services.rubric_save(rubric=rubric, expected_version=expected_version, by=by)
    if criteria is not None:
        rubric.criteria.all().delete()
        new = []
        for row in criteria:
            anchors = row.get("anchors") or {}
            criterion = Criterion(
                rubric=rubric,
                skill=row.get("skill"),
                title=(row.get("title") or "").strip(),
                stage=row["stage"],
                weight=row["weight"],
                weight_reason=row.get("weight_reason") or "",
                questions="\n".join(q.strip() for q in row.get("questions") or () if q.strip()),
                order=row["order"],
                **{field: anchors.get(name, "") for name, field in ANCHOR_FIELDS.items()},
            )
            criterion.full_clean(exclude=["rubric"], validate_unique=False)
            new.append(criterion)
        Criterion.objects.bulk_create(new)
    services.posting_refresh_findings(posting=posting)
    return rubric
