"""Role fit: how the posting leans between the families, whether that is the role it says it
is, one job or two, and which telling skills are out of place or missing."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Emphasis, Posting, PostingSkill, RoleProfile
from hiring.rules.vectors import DUTY, SKILL, Lean, Signal

LEAN = "rules.I101"
DRIFT = "rules.W102"
SKILL_ABOVE_ROLE = "rules.W103"
SKILL_BELOW_ROLE = "rules.I104"
CORE_SKILL_MISSING = "rules.W105"
HYBRID_TWO_JOBS = "rules.W106"
HYBRID_ONE_JOB = "rules.I107"
TITLE_NOT_PLACED = "rules.I108"
TWO_JOBS = "rules.W402"

LEAN_MESSAGE = "Reads {parts}."
LEAN_PART = "{percent}% {name}"
LEAN_BECAUSE = " {name}: {skills}."
LEAN_NOTHING_TELLING = (
    "Reads as neither role: the skills found are ones both roles share, so nothing tells "
    "them apart."
)
LEAN_HINT = (
    "The share is how much of what tells the roles apart (skills and duties one role needs "
    "far more than the other) points to each; compare it with the role you declared."
)
DRIFT_MESSAGE = (
    "Reads more like a {best} than a {declared}: {percent}% of what tells the roles apart "
    "points to {best} ({skills})."
)
DRIFT_HINT = "Rebalance the skills and duties towards the declared role, or change the role family."
SKILL_ABOVE_MESSAGE = (
    "{skill} is a {posting} must-have here, but {role} profiles it as {role_level}; it is "
    "{other}'s work ({other_level} there)."
)
SKILL_ABOVE_HINT = (
    "Lower its emphasis, make it nice-to-have, or check that the role family is right."
)
SKILL_BELOW_MESSAGE = "{skill} is only {posting} here, but {role} profiles it as {role_level}."
SKILL_BELOW_HINT = "Raise its emphasis if the role needs it, or say why this team needs less."
CORE_MISSING_MESSAGE = (
    "Asks for little of what defines a {role}: {skills}{more} {are} not asked for."
)
CORE_MISSING_HINT = (
    "Add the ones the job needs, as a skill or through a responsibility, or check that the "
    "role family is right."
)
TWO_JOBS_MESSAGE = (
    "Asks for two jobs in one: {first} ({first_skills}) and {second} ({second_skills})."
)
TWO_JOBS_HINT = "Decide which role this is, or split it into two postings."
HYBRID_TWO_JOBS_MESSAGE = (
    "{title} is a hybrid title, and the content asks for both roles: {first} "
    "({first_skills}) and {second} ({second_skills}). That is two jobs, not one hybrid."
)
HYBRID_TWO_JOBS_HINT = (
    "Say which side the job is on and move the other side's work to nice-to-have, or split it "
    "into two postings."
)
HYBRID_ONE_JOB_MESSAGE = (
    "{title} is a hybrid title; the content reads as one coherent {best} job ({percent}%)."
)
HYBRID_UNCLEAR_MESSAGE = "{title} is a hybrid title, and the content does not say which role it is."
HYBRID_ONE_JOB_HINT = (
    "Candidates read a hybrid title both ways; name the side in the title or the summary."
)
TITLE_NOT_PLACED_MESSAGE = 'rolekit cannot place the title "{title}" on a role family{reading}.'
TITLE_NOT_PLACED_READING = "; the content reads {percent}% {best}"
TITLE_NOT_PLACED_HINT = (
    "Use a title candidates search for (e.g. Data Scientist, Machine Learning Engineer), or "
    "compare the lean with the role you mean."
)

# Rounded so that floating point noise never changes a fingerprint.
DIGITS = 4
# How many skills a message names per family.
NAMED = 3
# How many defining skills rules.W105 names before "and N more".
NAMED_MISSING = 3


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


def _posting_subject(posting: Posting) -> Subject:
    return Subject("posting", posting.id, posting.title)


def _level(value: Emphasis) -> str:
    return value.name.lower()


def _signal_name(signal: Signal, catalog: Catalog) -> str:
    if signal.kind == DUTY:
        duty = catalog.responsibilities.get(signal.key)
        return f'"{duty.text}"' if duty else signal.key
    return catalog.skill_name(signal.key)


def _names(signals: tuple[Signal, ...], catalog: Catalog, count: int = NAMED) -> str:
    """The strongest skills behind some evidence (short names read better in a sentence
    than duties; duties only when there is no skill)."""
    skills = [s for s in signals if s.kind == SKILL] or list(signals)
    return ", ".join(_signal_name(s, catalog) for s in skills[:count])


def _positions(posting: Posting, skill: str) -> list[dict[str, object]]:
    """Where free text names a skill (offsets into the summary); empty for composed postings."""
    return [
        {"field": "summary", "start": m.start, "end": m.end, "text": m.text}
        for m in posting.mentions
        if m.skill == skill
    ]


def _signal_evidence(
    posting: Posting, lean: Lean, catalog: Catalog, family: str
) -> list[dict[str, object]]:
    return [
        {
            "kind": s.kind,
            s.kind: s.key,
            "name": _signal_name(s, catalog),
            "strength": round(s.strength, DIGITS),
            "weight": round(s.weight, DIGITS),
            "evidence": round(s.evidence, DIGITS),
            "positions": _positions(posting, s.key)
            if s.kind == SKILL
            else _duty_positions(posting, s.key),
        }
        for s in lean.signals_for(family)
    ]


def _duty_positions(posting: Posting, responsibility: str) -> list[dict[str, object]]:
    return [
        {
            "field": "summary",
            "start": r.span[0],
            "end": r.span[1],
            "text": posting.summary[r.span[0] : r.span[1]],
        }
        for r in posting.responsibilities
        if r.responsibility == responsibility and r.span
    ]


def other_job(
    posting: Posting, lean: Lean, catalog: Catalog, first: str, second: str
) -> tuple[Signal, ...]:
    """What the posting requires that points to ``second`` and is not part of ``first``'s
    own work: skills ``first`` holds at most LIGHT, and duties not core for ``first``. An ML
    Engineer who evaluates models in SQL is doing an ML Engineer's job (MLE holds SQL at
    MEDIUM); one who designs A/B tests for the business is doing a second one. What is only
    nice to have is no second job."""
    role = catalog.roles[first]
    required = posting.required_skills()
    return tuple(
        s
        for s in lean.signals_for(second)
        if s.kind == DUTY or (s.key in required and role.emphasis_of(s.key) <= Emphasis.LIGHT)
    )


def two_jobs(
    posting: Posting, lean: Lean | None, catalog: Catalog, thresholds: Thresholds
) -> tuple[str, str] | None:
    """(first, second) family when the second family's work, beyond what the first's own
    profile includes, is a job of its own: enough evidence, and enough of the whole."""
    if lean is None or lean.best is None or lean.minority is None:
        return None
    first, second = lean.best, lean.minority
    other = math.fsum(s.evidence for s in other_job(posting, lean, catalog, first, second))
    if other < thresholds.two_jobs_evidence:
        return None
    if other / (lean.scores[first] + other) < thresholds.two_jobs_share:
        return None
    return first, second


def check_lean(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    lean = context.lean
    if lean is None:
        return
    percent = percentages(lean.share)
    ranked = sorted(percent, key=lambda slug: (-lean.share[slug], slug))
    if lean.best is None:
        message = LEAN_NOTHING_TELLING
    else:
        message = LEAN_MESSAGE.format(
            parts=", ".join(
                LEAN_PART.format(percent=percent[slug], name=catalog.role_name(slug))
                for slug in ranked
                if percent[slug] > 0
            )
        ) + "".join(
            LEAN_BECAUSE.format(
                name=catalog.role_name(slug), skills=_names(lean.signals_for(slug), catalog)
            )
            for slug in ranked
            if lean.signals_for(slug)
        )
    yield Finding(
        code=LEAN,
        severity=Severity.INFO,
        message=message,
        hint=LEAN_HINT,
        subject=_posting_subject(posting),
        evidence={
            "scores": {slug: round(v, DIGITS) for slug, v in sorted(lean.scores.items())},
            "share": {slug: round(v, DIGITS) for slug, v in sorted(lean.share.items())},
            "percent": {slug: percent[slug] for slug in ranked},
            "best": lean.best,
            "declared": posting.role_family,
            "signals": {
                slug: _signal_evidence(posting, lean, catalog, slug) for slug in sorted(lean.scores)
            },
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
    margin = lean.share[lean.best] - lean.share[declared.slug]
    if margin < thresholds.drift_margin or lean.scores[lean.best] < thresholds.drift_min_evidence:
        return
    yield Finding(
        code=DRIFT,
        severity=Severity.WARNING,
        message=DRIFT_MESSAGE.format(
            best=catalog.role_name(lean.best),
            declared=declared.name,
            percent=percentages(lean.share)[lean.best],
            skills=_names(lean.signals_for(lean.best), catalog),
        ),
        hint=DRIFT_HINT,
        subject=_posting_subject(posting),
        evidence={
            "declared": declared.slug,
            "best": lean.best,
            "share": {slug: round(v, DIGITS) for slug, v in sorted(lean.share.items())},
            "margin": round(margin, DIGITS),
            "drift_margin": thresholds.drift_margin,
            "skills": [s.key for s in lean.signals_for(lean.best, SKILL)],
            "signals": _signal_evidence(posting, lean, catalog, lean.best),
        },
    )


def check_two_jobs(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    """Two jobs in one posting; on a hybrid title rules.W106 says it with the title's words."""
    lean = context.lean
    pair = two_jobs(posting, lean, catalog, thresholds)
    if posting.hybrid_title or pair is None or lean is None:
        return
    first, second = pair
    yield Finding(
        code=TWO_JOBS,
        severity=Severity.WARNING,
        message=TWO_JOBS_MESSAGE.format(
            first=catalog.role_name(first),
            first_skills=_names(lean.signals_for(first), catalog),
            second=catalog.role_name(second),
            second_skills=_names(lean.signals_for(second), catalog),
        ),
        hint=TWO_JOBS_HINT,
        subject=_posting_subject(posting),
        evidence=_two_jobs_evidence(posting, lean, catalog, first, second),
    )


def _two_jobs_evidence(
    posting: Posting, lean: Lean, catalog: Catalog, first: str, second: str
) -> dict[str, object]:
    return {
        "families": [first, second],
        "skills": {
            slug: [s.key for s in lean.signals_for(slug, SKILL)] for slug in (first, second)
        },
        "share": {slug: round(lean.share[slug], DIGITS) for slug in (first, second)},
        "signals": {
            slug: _signal_evidence(posting, lean, catalog, slug) for slug in (first, second)
        },
    }


def check_hybrid_title(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    """A hybrid title lets the content decide: one coherent job is fine, two is a warning."""
    if not posting.hybrid_title:
        return
    lean = context.lean
    pair = two_jobs(posting, lean, catalog, thresholds)
    subject = _posting_subject(posting)
    if pair is not None and lean is not None:
        first, second = pair
        yield Finding(
            code=HYBRID_TWO_JOBS,
            severity=Severity.WARNING,
            message=HYBRID_TWO_JOBS_MESSAGE.format(
                title=posting.hybrid_title,
                first=catalog.role_name(first),
                first_skills=_names(lean.signals_for(first), catalog),
                second=catalog.role_name(second),
                second_skills=_names(lean.signals_for(second), catalog),
            ),
            hint=HYBRID_TWO_JOBS_HINT,
            subject=subject,
            evidence={
                "hybrid": posting.hybrid_title,
                **_two_jobs_evidence(posting, lean, catalog, first, second),
            },
        )
        return
    if lean is None or lean.best is None:
        message = HYBRID_UNCLEAR_MESSAGE.format(title=posting.hybrid_title)
        best = None
    else:
        best = lean.best
        message = HYBRID_ONE_JOB_MESSAGE.format(
            title=posting.hybrid_title,
            best=catalog.role_name(best),
            percent=percentages(lean.share)[best],
        )
    yield Finding(
        code=HYBRID_ONE_JOB,
        severity=Severity.INFO,
        message=message,
        hint=HYBRID_ONE_JOB_HINT,
        subject=subject,
        evidence={"hybrid": posting.hybrid_title, "best": best},
    )


def check_title_placed(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    """Free text whose title names no family and no hybrid is said to be so, not skipped."""
    if not posting.from_text or posting.role_family or posting.hybrid_title:
        return
    lean = context.lean
    reading = ""
    if lean is not None and lean.best is not None:
        reading = TITLE_NOT_PLACED_READING.format(
            percent=percentages(lean.share)[lean.best], best=catalog.role_name(lean.best)
        )
    yield Finding(
        code=TITLE_NOT_PLACED,
        severity=Severity.INFO,
        message=TITLE_NOT_PLACED_MESSAGE.format(title=posting.title, reading=reading),
        hint=TITLE_NOT_PLACED_HINT,
        subject=_posting_subject(posting),
        evidence={"title": posting.title, "best": lean.best if lean else None},
    )


def _points_to_other(
    skill: str, role: RoleProfile, catalog: Catalog, margin: int
) -> RoleProfile | None:
    """The family that holds ``skill`` at least ``margin`` levels above ``role``, if any."""
    expected = role.emphasis_of(skill)
    others = [r for r in catalog.roles.values() if r.slug != role.slug]
    best = max(others, key=lambda r: (r.emphasis_of(skill), r.slug), default=None)
    if best is None or best.emphasis_of(skill) - expected < margin:
        return None
    return best


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
        if posting.from_text and row.emphasis < Emphasis.HEAVY:
            continue  # free text's emphasis is a guess: only a skill it insists on counts
        other = _points_to_other(row.skill, role, catalog, thresholds.skill_above_margin)
        if other is None:
            continue  # above the profile, but no other role's work either (R, C++)
        yield Finding(
            code=SKILL_ABOVE_ROLE,
            severity=Severity.WARNING,
            message=SKILL_ABOVE_MESSAGE.format(
                skill=catalog.skill_name(row.skill),
                posting=_level(row.emphasis),
                role=role.name,
                role_level=_level(expected),
                other=other.name,
                other_level=_level(other.emphasis_of(row.skill)),
            ),
            hint=SKILL_ABOVE_HINT,
            subject=_skill_subject(row, catalog),
            evidence={
                "skill": row.skill,
                "role_family": role.slug,
                "posting_emphasis": _level(row.emphasis),
                "role_emphasis": _level(expected),
                "levels_above": int(row.emphasis - expected),
                "points_to": other.slug,
                "positions": _positions(posting, row.skill),
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


def defining_skills(role: RoleProfile, catalog: Catalog, gap: int) -> list[str]:
    """Heavy skills of ``role`` that every other family holds at least ``gap`` levels lower:
    what the role is hired for (statistics and experiments for DS, serving for MLE)."""
    others = [r for r in catalog.roles.values() if r.slug != role.slug]
    return sorted(
        slug
        for slug, level in role.emphasis.items()
        if level == Emphasis.HEAVY
        and slug in catalog.skills
        and all(level - r.emphasis_of(slug) >= gap for r in others)
    )


def check_core_skills_missing(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    role = _declared_role(posting, catalog)
    if role is None:
        return
    defining = defining_skills(role, catalog, thresholds.defining_gap)
    if not defining:
        return
    asked = posting.asked_skills()
    missing = [slug for slug in defining if slug not in asked]
    if (len(defining) - len(missing)) / len(defining) >= thresholds.min_defining_share:
        return
    # One finding for all of them, naming a few: a dozen warnings would bury everything else.
    names = [catalog.skill_name(slug) for slug in missing]
    more = len(names) - NAMED_MISSING
    yield Finding(
        code=CORE_SKILL_MISSING,
        severity=Severity.WARNING,
        message=CORE_MISSING_MESSAGE.format(
            role=role.name,
            skills=", ".join(names[:NAMED_MISSING]),
            more=f" and {more} more" if more > 0 else "",
            are="is" if len(names) == 1 else "are",
        ),
        hint=CORE_MISSING_HINT,
        subject=Subject("posting", posting.id, role.name),
        evidence={"skills": missing, "defining": defining, "role_family": role.slug},
    )
