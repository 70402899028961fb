"""Writes of a rubric and its criteria. A rubric edit claims its posting's next version,
through the same check as the posting's own edits, so that two people editing one rubric
never overwrite each other."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from roles.models import EmphasisLevel, InterviewQuestion
from roles.requirements import anchors_for

from ..models import Criterion, JobPosting, PostingSkill, Rubric, StageInterviewer
from ..postings.errors import PostingError
from ..postings.services import (
    NOT_EDITABLE,
    posting_check_editable,
    posting_claim_version,
    posting_lock,
    posting_refresh_findings,
    posting_touch,
)
from ..tenancy import is_member, person_name
from .selectors import STAGE_LABELS

WEIGHT_WORDS = {"light": "lightly", "medium": "moderately", "heavy": "heavily"}
NOT_A_MEMBER = "{name} is not a member of {company}: only its members interview for it."
ALREADY_RUNS = "{name} already runs the {stage} stage."


def criterion_weight(*, must_have: bool, emphasis: int) -> int:
    """A criterion's default weight: a must-have weighs its emphasis (heavy 3, medium 2,
    light 1), a nice-to-have 1, so that what the posting stresses counts most."""
    return max(emphasis, 1) if must_have else 1


NICE_TO_HAVE_WEIGHT = criterion_weight(must_have=False, emphasis=0)


def weight_reason(*, must_have: bool, emphasis: int) -> str:
    """Why the default weight is what it is, so that unequal weights come explained."""
    if not must_have:
        return "A nice-to-have in the posting."
    label = EmphasisLevel(max(emphasis, EmphasisLevel.LIGHT)).label
    return f"A must-have the posting stresses {WEIGHT_WORDS[label]}."


def _anchor_fields(anchors: dict[str, str]) -> dict[str, str]:
    return {field: anchors.get(name, "") for name, field in Criterion.ANCHOR_FIELDS.items()}


@dataclass
class RubricSync:
    """What a rebuild would change, each with the reason in plain words: must-haves to
    assess, criteria whose skill the posting no longer asks for (`remove`), and criteria
    weighing a skill that is now a nice-to-have like a must-have (`demote`: keep it at a
    nice-to-have's weight, or remove it)."""

    add: list[PostingSkill] = field(default_factory=list)
    remove: list[tuple[Criterion, str]] = field(default_factory=list)
    demote: list[tuple[Criterion, str]] = field(default_factory=list)

    def __bool__(self):
        return bool(self.add or self.remove or self.demote)


def _must_haves(posting: JobPosting) -> list[PostingSkill]:
    rows = posting.skills.filter(must_have=True).select_related("skill__anchors")
    return list(rows.order_by("order"))


def rubric_sync_proposal(*, posting: JobPosting) -> RubricSync:
    """Compare the rubric with the posting's must-haves; nothing is written."""
    rubric = Rubric.objects.filter(posting=posting).first()
    criteria = list(rubric.criteria.select_related("skill")) if rubric else []
    assessed = {c.skill_id for c in criteria if c.skill_id}
    must = _must_haves(posting)
    must_ids = {row.skill_id for row in must}
    nice_ids = set(posting.skills.filter(must_have=False).values_list("skill_id", flat=True))
    proposal = RubricSync(add=[row for row in must if row.skill_id not in assessed])
    for criterion in criteria:
        if criterion.skill_id is None or criterion.skill_id in must_ids:
            continue
        if criterion.skill_id not in nice_ids:
            why = f"The posting no longer asks for {criterion.skill}."
            proposal.remove.append((criterion, why))
        elif criterion.weight > NICE_TO_HAVE_WEIGHT:
            # At a nice-to-have's weight already, it is in line with the posting.
            why = f"{criterion.skill} is now a nice-to-have, not a must-have."
            proposal.demote.append((criterion, why))
    return proposal


def _add_criteria(*, rubric: Rubric, rows: list[PostingSkill]) -> list[Criterion]:
    """One criterion per row: questions from the question bank, anchors from the catalog
    and a weight from the skill's emphasis."""
    next_order = (rubric.criteria.aggregate(n=Max("order"))["n"] or 0) + 1
    bank: dict[int, list[InterviewQuestion]] = {}
    skill_ids = [row.skill_id for row in rows]
    for question in InterviewQuestion.objects.filter(skill_id__in=skill_ids).order_by("slug"):
        bank.setdefault(question.skill_id, []).append(question)
    new = []
    for row in rows:
        questions = bank.get(row.skill_id, [])[:3]
        criterion = Criterion(
            rubric=rubric,
            skill=row.skill,
            stage=questions[0].stage if questions else Criterion.Stage.TECHNICAL,
            weight=criterion_weight(must_have=row.must_have, emphasis=row.emphasis),
            weight_reason=weight_reason(must_have=row.must_have, emphasis=row.emphasis),
            questions="\n".join(q.question for q in questions),
            order=next_order,
            **_anchor_fields(anchors_for(skill=row.skill)),
        )
        criterion.full_clean(exclude=["rubric"])
        new.append(criterion)
        next_order += 1
    return Criterion.objects.bulk_create(new)


def _check_editable(posting: JobPosting) -> None:
    if not posting.is_editable:
        raise PostingError(NOT_EDITABLE.format(status=posting.get_status_display().lower()))


@transaction.atomic
def rubric_build_from_posting(*, posting: JobPosting, by=None) -> Rubric:
    """One criterion per must-have skill not yet assessed; existing criteria are kept
    (`rubric_sync` also removes those the posting no longer needs)."""
    _check_editable(posting)
    rubric, _ = Rubric.objects.get_or_create(posting=posting)
    if _add_criteria(rubric=rubric, rows=rubric_sync_proposal(posting=posting).add):
        posting_touch(posting=posting)
    return rubric


@dataclass(frozen=True)
class SyncResult:
    rubric: Rubric
    added: int = 0
    removed: int = 0
    demoted: int = 0


def _demote(criterion: Criterion) -> Criterion:
    criterion.weight = NICE_TO_HAVE_WEIGHT
    criterion.weight_reason = weight_reason(must_have=False, emphasis=0)
    criterion.full_clean(exclude=["rubric"], validate_unique=False)
    criterion.save(update_fields=["weight", "weight_reason"])
    return criterion


@transaction.atomic
def rubric_sync(
    *,
    posting: JobPosting,
    by=None,
    add: Iterable[int] = (),
    remove: Iterable[int] = (),
    demote: Iterable[int] = (),
) -> SyncResult:
    """Apply the part of the proposal the recruiter confirmed: `add` holds skill ids,
    `remove` and `demote` criterion ids (a criterion offered for demotion may be removed
    instead; named in both, it is removed). Anything not in today's proposal is ignored,
    so a stale confirmation page cannot add, drop or reweigh the wrong thing."""
    _check_editable(posting)
    rubric, _ = Rubric.objects.get_or_create(posting=posting)
    proposal = rubric_sync_proposal(posting=posting)
    add, remove, demote = set(add), set(remove), set(demote)
    added = _add_criteria(rubric=rubric, rows=[r for r in proposal.add if r.skill_id in add])
    dropped = [c.pk for c, _ in (*proposal.remove, *proposal.demote) if c.pk in remove]
    Criterion.objects.filter(pk__in=dropped).delete()
    demoted = [_demote(c) for c, _ in proposal.demote if c.pk in demote and c.pk not in remove]
    if added or dropped or demoted:
        posting_touch(posting=posting)
    return SyncResult(rubric, len(added), len(dropped), len(demoted))


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


def stage_interviewer_check(*, rubric: Rubric, interviewer) -> None:
    """Only a member of the posting's company may interview for it."""
    company = rubric.posting.company
    if not is_member(interviewer, company):
        message = NOT_A_MEMBER.format(name=person_name(interviewer), company=company)
        raise ValidationError({"interviewer": message}, code="not_a_member")


@transaction.atomic
def rubric_set_interviewers(
    *, posting: JobPosting, expected_version: int | None, by=None, assignments: Iterable
) -> Rubric:
    """Replace who runs which stage with `assignments`, (stage, user) pairs. Like any
    rubric edit it claims the posting's next version; a non-member or the same person
    twice on one stage is refused and nothing changes."""
    rubric = Rubric.objects.filter(posting=posting).first() or Rubric(posting=posting)
    rubric.posting = posting
    rows, seen = [], set()
    for stage, interviewer in assignments:
        if (stage, interviewer.pk) in seen:
            message = ALREADY_RUNS.format(
                name=person_name(interviewer), stage=STAGE_LABELS.get(stage, stage)
            )
            raise ValidationError({"interviewer": message}, code="duplicate")
        seen.add((stage, interviewer.pk))
        stage_interviewer_check(rubric=rubric, interviewer=interviewer)
        rows.append(StageInterviewer(stage=stage, interviewer=interviewer))
    rubric_save(rubric=rubric, expected_version=expected_version, by=by)
    rubric.interviewers.all().delete()
    for row in rows:
        row.rubric = rubric
        row.full_clean(validate_unique=False)
    StageInterviewer.objects.bulk_create(rows)
    return rubric
