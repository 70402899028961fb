"""Writes of a rubric and its criteria. A rubric edit claims its posting's next version,
through the same check as the posting's own edits, so that two people editing one rubric
never overwrite each other."""

from django.db import transaction
from django.db.models import Max

from roles.models import InterviewQuestion
from roles.requirements import anchors_for

from ..models import Criterion, JobPosting, Rubric
from ..postings.errors import PostingError
from ..postings.services import (
    NOT_EDITABLE,
    posting_check_editable,
    posting_claim_version,
    posting_lock,
    posting_refresh_findings,
    posting_touch,
)


def criterion_weight(*, must_have: bool, emphasis: int) -> int:
    """A criterion's default weight: a must-have weighs its emphasis (heavy 3, medium 2,
    light 1), a nice-to-have 1, so that what the posting stresses counts most."""
    return max(emphasis, 1) if must_have else 1


def _anchor_fields(anchors: dict[str, str]) -> dict[str, str]:
    return {field: anchors.get(name, "") for name, field in Criterion.ANCHOR_FIELDS.items()}


@transaction.atomic
def rubric_build_from_posting(*, posting: JobPosting, by=None) -> Rubric:
    """One criterion per must-have skill not yet assessed: questions from the question bank,
    anchors from the catalog and a weight from the skill's emphasis."""
    if not posting.is_editable:
        raise PostingError(NOT_EDITABLE.format(status=posting.get_status_display().lower()))
    rubric, _ = Rubric.objects.get_or_create(posting=posting)
    assessed = set(rubric.criteria.values_list("skill_id", flat=True))
    next_order = (rubric.criteria.aggregate(n=Max("order"))["n"] or 0) + 1
    must_haves = (
        posting.skills.filter(must_have=True).select_related("skill__anchors").order_by("order")
    )
    skill_ids = [row.skill_id for row in must_haves if row.skill_id not in assessed]
    bank: dict[int, list[InterviewQuestion]] = {}
    for question in InterviewQuestion.objects.filter(skill_id__in=skill_ids).order_by("slug"):
        bank.setdefault(question.skill_id, []).append(question)
    new = []
    for row in must_haves:
        if row.skill_id in assessed:
            continue
        questions = bank.get(row.skill_id, [])[:3]
        criterion = Criterion(
            rubric=rubric,
            skill=row.skill,
            stage=questions[0].stage if questions else Criterion.Stage.TECHNICAL,
            weight=criterion_weight(must_have=True, emphasis=row.emphasis),
            questions="\n".join(q.question for q in questions),
            order=next_order,
            **_anchor_fields(anchors_for(skill=row.skill)),
        )
        criterion.full_clean(exclude=["rubric"])
        new.append(criterion)
        next_order += 1
    Criterion.objects.bulk_create(new)
    if new:
        posting_touch(posting=posting)
    return rubric


@transaction.atomic
def rubric_save(*, rubric: Rubric, expected_version: int | None, by=None) -> Rubric:
    """Save a draft's rubric, refusing a save based on a stale version of the posting.

    `expected_version` None (a new rubric) claims the current one. A caller that writes
    criteria next does so in the same transaction and refreshes the findings afterwards.
    """
    posting = rubric.posting
    posting_check_editable(posting=posting)
    rubric.full_clean(exclude=["posting"])
    posting_claim_version(posting=posting, expected_version=expected_version)
    rubric.save()
    return rubric


@transaction.atomic
def rubric_update(
    *,
    posting: JobPosting,
    expected_version: int,
    by,
    notes: str | None = None,
    criteria: list[dict] | None = None,
) -> Rubric:
    """Edit a draft's rubric (creating it if needed) and replace its criteria when given;
    the posting's version moves when anything changes.

    `rubric_save` claims the version first, as the admin's rubric form does, so a stale
    edit changes nothing. A criterion is {skill, title, stage, weight, weight_reason,
    questions, anchors, order}, its anchors by the scale's point.
    """
    rubric = Rubric.objects.filter(posting=posting).first()
    if rubric is not None and (notes is None or notes == rubric.notes) and criteria is None:
        # Nothing to write: the version stays, as for the posting; refused as an edit would be.
        posting_lock(posting=posting, expected_version=expected_version)
        return rubric
    rubric = rubric or Rubric(posting=posting)
    rubric.posting = posting  # the caller's copy, so that it learns the new version
    if notes is not None:
        rubric.notes = notes
    rubric_save(rubric=rubric, expected_version=expected_version, by=by)
    if criteria is not None:
        rubric.criteria.all().delete()
        new = []
        for row in criteria:
            criterion = Criterion(
                rubric=rubric,
                skill=row.get("skill"),
                title=(row.get("title") or "").strip(),
                stage=row["stage"],
                weight=row["weight"],
                weight_reason=row.get("weight_reason") or "",
                questions="\n".join(q.strip() for q in row.get("questions") or () if q.strip()),
                order=row["order"],
                **_anchor_fields(row.get("anchors") or {}),
            )
            criterion.full_clean(exclude=["rubric"], validate_unique=False)
            new.append(criterion)
        Criterion.objects.bulk_create(new)
    posting_refresh_findings(posting=posting)
    return rubric
