"""Level vs years: the years of experience asked should fit the level's typical range.

A posting's range is fine when it overlaps the level's range; "3-5 years" for a level of
4-8 years is ordinary. Only a range that lies wholly outside is flagged, such as a junior
title asking for eight years.
"""

from __future__ import annotations

from collections.abc import Iterator

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, LevelInfo, Posting

YEARS_ABOVE_LEVEL = "rules.W201"
YEARS_BELOW_LEVEL = "rules.W202"
YEARS_RANGE_INVERTED = "rules.E203"

ABOVE_MESSAGE = "{level} asks for {asked}, more than the level's typical {typical}."
ABOVE_HINT = "Lower the years, or raise the level if the role really needs that experience."
BELOW_MESSAGE = "{level} asks for {asked}, less than the level's typical {typical}."
BELOW_HINT = "Raise the years, or lower the level if this is an earlier-career role."
INVERTED_MESSAGE = "Minimum years ({years_min}) is above maximum years ({years_max})."
INVERTED_HINT = "Swap the two numbers."


def years_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} years" if low == high else f"{low}-{high} years"
    if low is not None:
        return f"{low}+ years"
    if high is not None:
        return f"up to {high} years"
    return "any experience"


def _evidence(posting: Posting, level: LevelInfo) -> dict[str, object]:
    return {
        "level": level.slug,
        "years_min": posting.years_min,
        "years_max": posting.years_max,
        "level_min_years": level.min_years,
        "level_max_years": level.max_years,
    }


def check_years_inverted(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    low, high = posting.years_min, posting.years_max
    if low is None or high is None or low <= high:
        return
    yield Finding(
        code=YEARS_RANGE_INVERTED,
        severity=Severity.ERROR,
        message=INVERTED_MESSAGE.format(years_min=low, years_max=high),
        hint=INVERTED_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={"years_min": low, "years_max": high},
    )


def check_years_for_level(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    level = catalog.levels.get(posting.level) if posting.level else None
    low, high = posting.years_min, posting.years_max
    if level is None or (low is None and high is None):
        return
    if low is not None and high is not None and low > high:
        return  # rules.E203 says it; a comparison with the level would only confuse.
    asked = years_text(low, high)
    typical = years_text(level.min_years, level.max_years)
    subject = Subject("posting", posting.id, posting.title)
    if low is not None and level.max_years is not None and low > level.max_years:
        yield Finding(
            code=YEARS_ABOVE_LEVEL,
            severity=Severity.WARNING,
            message=ABOVE_MESSAGE.format(level=level.name, asked=asked, typical=typical),
            hint=ABOVE_HINT,
            subject=subject,
            evidence=_evidence(posting, level),
        )
    top = high if high is not None else low
    if top is not None and level.min_years is not None and top < level.min_years:
        yield Finding(
            code=YEARS_BELOW_LEVEL,
            severity=Severity.WARNING,
            message=BELOW_MESSAGE.format(level=level.name, asked=asked, typical=typical),
            hint=BELOW_HINT,
            subject=subject,
            evidence=_evidence(posting, level),
        )
