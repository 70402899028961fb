"""Rubric: every must-have assessed, weights in line with emphasis, criteria usable as written.

These rules need the structure of a real rubric, so they stay silent for a posting without
one (``has_rubric`` is False, as for free text from an ATS).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject, number
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Criterion, Posting

MUST_HAVE_NOT_ASSESSED = "rules.E501"
CRITERION_SKILL_NOT_ASKED = "rules.W502"
WEIGHT_OUT_OF_LINE = "rules.I503"
CRITERION_WITHOUT_QUESTIONS = "rules.W504"
CRITERION_MISSING_ANCHORS = "rules.W505"
UNEXPLAINED_WEIGHT = "rules.I506"
TOO_MANY_CRITERIA_IN_STAGE = "rules.W507"
NICE_TO_HAVE_OUTWEIGHS = "rules.W508"

ANCHOR_NAMES = ("strong no", "no", "yes", "strong yes")

NOT_ASSESSED_MESSAGE = "Must-have {skill} is not assessed by any rubric criterion."
NOT_ASSESSED_HINT = "Add a criterion for it in the stage best placed to test it."
NOT_ASKED_MESSAGE = "The rubric assesses {skill}, which the posting does not ask for."
NOT_ASKED_HINT = "Add the skill to the posting, or drop the criterion: candidates were not told."
WEIGHT_MESSAGE = (
    "{skill} carries {weight_share:.0%} of the rubric's weight but {emphasis_share:.0%} "
    "of the posting's emphasis."
)
WEIGHT_HINT = "Bring the criterion weights in line with what the posting says matters."
NO_QUESTIONS_MESSAGE = "Criterion {label} has no interview questions."
NO_QUESTIONS_HINT = "Add at least one question so every interviewer asks the same thing."
ANCHORS_MESSAGE = "Criterion {label} has no anchor for {missing}."
ANCHORS_HINT = "Describe what each point of the scale looks like, so scores mean the same thing."
UNEXPLAINED_MESSAGE = "Criterion {label} weighs {weight} where most weigh {usual}, with no reason."
UNEXPLAINED_HINT = "Say why this criterion counts more or less than the others."
STAGE_MESSAGE = "The {stage} stage has {count} criteria; more than {limit} cannot be assessed well."
STAGE_HINT = "Move some criteria to another stage or merge overlapping ones."
NICE_WEIGHT_MESSAGE = (
    "Nice-to-have {skill} weighs {weight} in the rubric, as much as or more than must-have "
    "{must} ({must_weight})."
)
NICE_WEIGHT_HINT = (
    "Lower the nice-to-have's weight below every must-have's, or make the skill a must-have."
)


def criterion_label(criterion: Criterion, catalog: Catalog) -> str:
    """The criterion as a finding's subject names it ("technical: Statistics"): part of
    the fingerprint that keeps an acknowledgement, so it never changes."""
    skill = catalog.skill_name(criterion.skill) if criterion.skill else "general"
    return f"{criterion.stage}: {skill}"


def stage_name(stage: str) -> str:
    """'case_study' -> 'case study': a stage as a recruiter reads it."""
    return stage.replace("_", " ")


def criterion_name(criterion: Criterion, catalog: Catalog) -> str:
    """The criterion as a message names it: "Statistics (technical stage)"."""
    skill = catalog.skill_name(criterion.skill) if criterion.skill else "General"
    return f"{skill} ({stage_name(criterion.stage)} stage)"


def _criterion_subject(criterion: Criterion, catalog: Catalog) -> Subject:
    return Subject("criterion", criterion.id, criterion_label(criterion, catalog))


def _skill_subject(posting: Posting, catalog: Catalog, slug: str) -> Subject:
    row = posting.skill_rows().get(slug)
    return Subject("skill", row.id if row else None, catalog.skill_name(slug))


def check_must_haves_assessed(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    assessed = {c.skill for c in posting.criteria if c.skill}
    for row in posting.skill_rows().values():
        if not row.must_have or row.skill in assessed:
            continue
        name = catalog.skill_name(row.skill)
        yield Finding(
            code=MUST_HAVE_NOT_ASSESSED,
            severity=Severity.ERROR,
            message=NOT_ASSESSED_MESSAGE.format(skill=name),
            hint=NOT_ASSESSED_HINT,
            subject=Subject("skill", row.id, name),
            evidence={"skill": row.skill, "stages": sorted({c.stage for c in posting.criteria})},
        )


def check_criteria_skills_asked(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    asked = posting.asked_skills()
    for criterion in posting.criteria:
        if criterion.skill is None or criterion.skill in asked:
            continue
        yield Finding(
            code=CRITERION_SKILL_NOT_ASKED,
            severity=Severity.WARNING,
            message=NOT_ASKED_MESSAGE.format(skill=catalog.skill_name(criterion.skill)),
            hint=NOT_ASKED_HINT,
            subject=_criterion_subject(criterion, catalog),
            evidence={"skill": criterion.skill, "stage": criterion.stage},
        )


def weight_shares(
    criteria: tuple[Criterion, ...], vector: Mapping[str, float]
) -> dict[str, tuple[float, float]]:
    """Per assessed skill: (share of rubric weight, share of posting emphasis).

    Only skills that are both assessed and in the posting's vector take part, so that general
    criteria and criteria on unasked skills (reported elsewhere) do not skew the shares.
    """
    weights: dict[str, Decimal] = {}
    for criterion in criteria:
        if criterion.skill and vector.get(criterion.skill, 0.0) > 0:
            weights[criterion.skill] = weights.get(criterion.skill, Decimal(0)) + criterion.weight
    total_weight = sum(weights.values(), Decimal(0))
    total_emphasis = math.fsum(vector[slug] for slug in weights)
    if len(weights) < 2 or total_weight <= 0 or total_emphasis <= 0:
        return {}
    return {
        slug: (float(weight / total_weight), vector[slug] / total_emphasis)
        for slug, weight in sorted(weights.items())
    }


def check_weights_follow_emphasis(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    for slug, (weight_share, emphasis_share) in weight_shares(
        posting.criteria, context.vector
    ).items():
        if abs(weight_share - emphasis_share) <= thresholds.weight_tolerance:
            continue
        yield Finding(
            code=WEIGHT_OUT_OF_LINE,
            severity=Severity.INFO,
            message=WEIGHT_MESSAGE.format(
                skill=catalog.skill_name(slug),
                weight_share=weight_share,
                emphasis_share=emphasis_share,
            ),
            hint=WEIGHT_HINT,
            subject=_skill_subject(posting, catalog, slug),
            evidence={
                "skill": slug,
                "weight_share": round(weight_share, 4),
                "emphasis_share": round(emphasis_share, 4),
                "tolerance": thresholds.weight_tolerance,
            },
        )


def check_criteria_complete(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    for criterion in posting.criteria:
        label = criterion_name(criterion, catalog)
        if not any(q.strip() for q in criterion.questions):
            yield Finding(
                code=CRITERION_WITHOUT_QUESTIONS,
                severity=Severity.WARNING,
                message=NO_QUESTIONS_MESSAGE.format(label=label),
                hint=NO_QUESTIONS_HINT,
                subject=_criterion_subject(criterion, catalog),
                evidence={"skill": criterion.skill, "stage": criterion.stage},
            )
        missing = [
            name
            for name, anchor in zip(ANCHOR_NAMES, criterion.anchors, strict=False)
            if not anchor.strip()
        ]
        missing += list(ANCHOR_NAMES[len(criterion.anchors) :])
        if missing:
            yield Finding(
                code=CRITERION_MISSING_ANCHORS,
                severity=Severity.WARNING,
                message=ANCHORS_MESSAGE.format(label=label, missing=", ".join(missing)),
                hint=ANCHORS_HINT,
                subject=_criterion_subject(criterion, catalog),
                evidence={"skill": criterion.skill, "stage": criterion.stage, "missing": missing},
            )


def usual_weight(criteria: tuple[Criterion, ...]) -> Decimal | None:
    """The most common weight (the smallest on a tie); None when all weights are equal."""
    counts = Counter(c.weight.normalize() for c in criteria)
    if len(counts) < 2:
        return None
    return min(counts, key=lambda weight: (-counts[weight], weight))


def check_unequal_weights_explained(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    usual = usual_weight(posting.criteria)
    if usual is None:
        return
    for criterion in posting.criteria:
        if criterion.weight == usual or criterion.weight_reason.strip():
            continue
        yield Finding(
            code=UNEXPLAINED_WEIGHT,
            severity=Severity.INFO,
            message=UNEXPLAINED_MESSAGE.format(
                label=criterion_name(criterion, catalog),
                weight=criterion.weight.normalize(),
                usual=usual,
            ),
            hint=UNEXPLAINED_HINT,
            subject=_criterion_subject(criterion, catalog),
            evidence={
                "skill": criterion.skill,
                "stage": criterion.stage,
                "weight": number(criterion.weight),
                "usual_weight": number(usual),
            },
        )


def check_criteria_per_stage(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    if not posting.has_rubric:
        return
    counts = Counter(c.stage for c in posting.criteria)
    for stage, count in counts.items():
        if count <= thresholds.max_criteria_per_stage:
            continue
        yield Finding(
            code=TOO_MANY_CRITERIA_IN_STAGE,
            severity=Severity.WARNING,
            message=STAGE_MESSAGE.format(
                stage=stage_name(stage), count=count, limit=thresholds.max_criteria_per_stage
            ),
            hint=STAGE_HINT,
            subject=Subject("posting", posting.id, stage),
            evidence={"stage": stage, "count": count, "limit": thresholds.max_criteria_per_stage},
        )


def check_nice_to_haves_weigh_less(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    """A nice-to-have's criterion should never count as much as a must-have's: candidates
    were told it is optional."""
    if not posting.has_rubric:
        return
    rows = posting.skill_rows()
    must = [
        (c, c.skill)
        for c in posting.criteria
        if c.skill and rows.get(c.skill) and rows[c.skill].must_have
    ]
    if not must:
        return
    lightest, lightest_skill = min(must, key=lambda pair: (pair[0].weight, pair[1]))
    for criterion in posting.criteria:
        skill = criterion.skill
        row = rows.get(skill) if skill else None
        if skill is None or row is None or row.must_have or criterion.weight < lightest.weight:
            continue
        yield Finding(
            code=NICE_TO_HAVE_OUTWEIGHS,
            severity=Severity.WARNING,
            message=NICE_WEIGHT_MESSAGE.format(
                skill=catalog.skill_name(skill),
                weight=criterion.weight.normalize(),
                must=catalog.skill_name(lightest_skill),
                must_weight=lightest.weight.normalize(),
            ),
            hint=NICE_WEIGHT_HINT,
            subject=_criterion_subject(criterion, catalog),
            evidence={
                "skill": skill,
                "weight": number(criterion.weight),
                "must_have": lightest_skill,
                "must_have_weight": number(lightest.weight),
            },
        )
