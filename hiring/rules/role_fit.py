"""Role fit: how the posting's skills compare with the role families' emphasis profiles."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Emphasis, Posting, PostingSkill, RoleProfile

LEAN = "rules.I101"
DRIFT = "rules.W102"
SKILL_ABOVE_ROLE = "rules.W103"
SKILL_BELOW_ROLE = "rules.I104"
CORE_SKILL_MISSING = "rules.W105"

LEAN_MESSAGE = "Reads {parts}."
LEAN_PART = "{percent}% {name}"
LEAN_HINT = (
    "How the posting's skills and responsibilities weigh against each role profile; "
    "compare it with the role you declared."
)
DRIFT_MESSAGE = "Reads more like a {best} than a {declared} (fit {best_score:.2f} vs {score:.2f})."
DRIFT_HINT = "Rebalance the skills towards the declared role, or change the role family."
SKILL_ABOVE_MESSAGE = (
    "{skill} is a {posting} must-have here, but {role} profiles it as {role_level}."
)
SKILL_ABOVE_HINT = (
    "Lower its emphasis, make it nice-to-have, or check that the role family is right."
)
SKILL_BELOW_MESSAGE = "{skill} is only {posting} here, but {role} profiles it as {role_level}."
SKILL_BELOW_HINT = "Raise its emphasis if the role needs it, or say why this team needs less."
CORE_MISSING_MESSAGE = "{role} profiles {skills} as heavy, but the posting does not ask for {them}."
CORE_MISSING_HINT = (
    "Add it as a skill or through a responsibility, or say why the role does without."
)

# Rounded so that floating point noise never changes a fingerprint.
DIGITS = 4


def percentages(share: Mapping[str, float]) -> dict[str, int]:
    """Whole percentages that add up to 100 (largest remainder), so the message never says 99%."""
    raw = {slug: value * 100 for slug, value in share.items()}
    result = {slug: math.floor(value) for slug, value in raw.items()}
    left = 100 - sum(result.values())
    by_remainder = sorted(raw, key=lambda slug: (-(raw[slug] - result[slug]), slug))
    for slug in by_remainder[: max(0, left)]:
        result[slug] += 1
    return result


def _declared_role(posting: Posting, catalog: Catalog) -> RoleProfile | None:
    if posting.role_family is None:
        return None
    return catalog.roles.get(posting.role_family)


def _skill_subject(row: PostingSkill, catalog: Catalog) -> Subject:
    return Subject("skill", row.id, catalog.skill_name(row.skill))


def _level(value: Emphasis) -> str:
    return value.name.lower()


def check_lean(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    lean = context.lean
    if lean is None:
        return
    percent = percentages(lean.share)
    ranked = sorted(percent, key=lambda slug: (-lean.share[slug], slug))
    parts = ", ".join(
        LEAN_PART.format(percent=percent[slug], name=catalog.role_name(slug))
        for slug in ranked
        if percent[slug] > 0
    )
    yield Finding(
        code=LEAN,
        severity=Severity.INFO,
        message=LEAN_MESSAGE.format(parts=parts),
        hint=LEAN_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={
            "scores": {slug: round(v, DIGITS) for slug, v in sorted(lean.scores.items())},
            "share": {slug: round(v, DIGITS) for slug, v in sorted(lean.share.items())},
            "percent": {slug: percent[slug] for slug in ranked},
            "best": lean.best,
            "declared": posting.role_family,
            "categories": {
                category: [round(mine, DIGITS), round(theirs, DIGITS)]
                for category, (mine, theirs) in lean.categories.items()
            },
        },
    )


def check_drift(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    lean = context.lean
    declared = _declared_role(posting, catalog)
    if lean is None or declared is None or lean.best is None or lean.best == declared.slug:
        return
    best_score = lean.scores[lean.best]
    score = lean.scores[declared.slug]
    if best_score - score < thresholds.drift_margin:
        return
    yield Finding(
        code=DRIFT,
        severity=Severity.WARNING,
        message=DRIFT_MESSAGE.format(
            best=catalog.role_name(lean.best),
            declared=declared.name,
            best_score=best_score,
            score=score,
        ),
        hint=DRIFT_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={
            "declared": declared.slug,
            "best": lean.best,
            "scores": {slug: round(v, DIGITS) for slug, v in sorted(lean.scores.items())},
            "margin": round(best_score - score, DIGITS),
            "drift_margin": thresholds.drift_margin,
        },
    )


def check_skills_above_role(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    role = _declared_role(posting, catalog)
    if role is None:
        return
    for row in posting.skill_rows().values():
        expected = role.emphasis_of(row.skill)
        if not row.must_have or row.emphasis - expected < thresholds.skill_above_margin:
            continue
        name = catalog.skill_name(row.skill)
        yield Finding(
            code=SKILL_ABOVE_ROLE,
            severity=Severity.WARNING,
            message=SKILL_ABOVE_MESSAGE.format(
                skill=name,
                posting=_level(row.emphasis),
                role=role.name,
                role_level=_level(expected),
            ),
            hint=SKILL_ABOVE_HINT,
            subject=_skill_subject(row, catalog),
            evidence={
                "skill": row.skill,
                "role_family": role.slug,
                "posting_emphasis": _level(row.emphasis),
                "role_emphasis": _level(expected),
                "levels_above": int(row.emphasis - expected),
            },
        )


def check_skills_below_role(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    role = _declared_role(posting, catalog)
    if role is None:
        return
    for row in posting.skill_rows().values():
        expected = role.emphasis_of(row.skill)
        if expected - row.emphasis < thresholds.skill_below_margin:
            continue
        yield Finding(
            code=SKILL_BELOW_ROLE,
            severity=Severity.INFO,
            message=SKILL_BELOW_MESSAGE.format(
                skill=catalog.skill_name(row.skill),
                posting=_level(row.emphasis),
                role=role.name,
                role_level=_level(expected),
            ),
            hint=SKILL_BELOW_HINT,
            subject=_skill_subject(row, catalog),
            evidence={
                "skill": row.skill,
                "role_family": role.slug,
                "posting_emphasis": _level(row.emphasis),
                "role_emphasis": _level(expected),
                "must_have": row.must_have,
                "levels_below": int(expected - row.emphasis),
            },
        )


def check_core_skills_missing(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    role = _declared_role(posting, catalog)
    if role is None:
        return
    asked = posting.asked_skills()
    missing = [
        slug
        for slug, level in sorted(role.emphasis.items())
        if level == Emphasis.HEAVY and slug not in asked
    ]
    if not missing:
        return
    # One finding for all of them: a free-text posting can miss a dozen, and a dozen
    # separate warnings would bury everything else.
    names = [catalog.skill_name(slug) for slug in missing]
    yield Finding(
        code=CORE_SKILL_MISSING,
        severity=Severity.WARNING,
        message=CORE_MISSING_MESSAGE.format(
            role=role.name, skills=", ".join(names), them="it" if len(names) == 1 else "them"
        ),
        hint=CORE_MISSING_HINT,
        subject=Subject("posting", posting.id, role.name),
        evidence={"skills": missing, "role_family": role.slug, "role_emphasis": "heavy"},
    )
