"""Realism: wish lists, and more years than a tool has existed (two jobs in one posting is
a matter of role fit: ``role_fit.check_two_jobs``)."""

from __future__ import annotations

from collections.abc import Iterator

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting

TOO_MANY_MUST_HAVES = "rules.W401"
YEARS_BEYOND_TOOL_AGE = "rules.E403"

TOO_MANY_MESSAGE = "{count} must-have skills; more than {limit} reads as a wish list."
TOO_MANY_HINT = (
    "Keep the skills a new hire needs on day one as must-haves and move the rest to "
    "nice-to-have: long lists put off qualified people who read every item as a requirement."
)
TOOL_AGE_MESSAGE = "Asks for {years} years of {skill}, which has only existed since {released}."
TOOL_AGE_HINT = "Ask for at most {age} years, or for equivalent experience with similar tools."


def check_too_many_must_haves(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    must = sorted(row.skill for row in posting.skill_rows().values() if row.must_have)
    if len(must) <= thresholds.max_must_haves:
        return
    yield Finding(
        code=TOO_MANY_MUST_HAVES,
        severity=Severity.WARNING,
        message=TOO_MANY_MESSAGE.format(count=len(must), limit=thresholds.max_must_haves),
        hint=TOO_MANY_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={"count": len(must), "limit": thresholds.max_must_haves, "skills": must},
    )


def check_tool_years(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    rows = posting.skill_rows()
    seen: set[tuple[str, int]] = set()
    for slug, years in posting.tool_years:
        skill = catalog.skills.get(slug)
        if skill is None or skill.first_release_year is None or (slug, years) in seen:
            continue
        seen.add((slug, years))
        age = context.today.year - skill.first_release_year
        if years <= age:
            continue
        yield Finding(
            code=YEARS_BEYOND_TOOL_AGE,
            severity=Severity.ERROR,
            message=TOOL_AGE_MESSAGE.format(
                years=years, skill=skill.name, released=skill.first_release_year
            ),
            hint=TOOL_AGE_HINT.format(age=max(age, 0)),
            subject=Subject("skill", rows[slug].id if slug in rows else None, skill.name),
            evidence={
                "skill": slug,
                "years_asked": years,
                "first_release_year": skill.first_release_year,
                "tool_age": age,
                "year": context.today.year,
            },
        )
