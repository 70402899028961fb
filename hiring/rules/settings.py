"""Tunable thresholds for the rules; Django builds ``Thresholds(**settings.ROLEKIT_RULES)``."""

from __future__ import annotations

from dataclasses import dataclass, fields

NEGATIVE_THRESHOLD = "Threshold {name} must not be negative (got {value!r})."


@dataclass(frozen=True, slots=True)
class Thresholds:
    must_have_weight: float = 1.0
    """Multiplier on a must-have skill's emphasis in the posting vector."""

    nice_to_have_weight: float = 0.5
    """Multiplier on a nice-to-have skill's emphasis: listed, but it should not define the role."""

    responsibility_weight: float = 0.5
    """Multiplier on MEDIUM for a skill reached only through a responsibility (0.5 -> 1.0,
    the same as a light must-have): the work implies the skill without the posting naming it."""

    drift_margin: float = 0.1
    """Cosine margin by which another family must fit better than the declared one before
    the posting is said to drift (rules.W102)."""

    skill_above_margin: int = 2
    """Emphasis levels a must-have skill may sit above the declared role's emphasis before
    it is flagged (rules.W103); 2 means e.g. HEAVY where the role has LIGHT."""

    skill_below_margin: int = 2
    """Emphasis levels a must-have skill may sit below the declared role's emphasis before
    it is mentioned (rules.I104)."""

    max_must_haves: int = 10
    """More must-have skills than this reads as a wish list (rules.W401)."""

    unicorn_min_heavy: int = 3
    """Must-haves covering at least this many skills that only one family holds HEAVY, for
    each of two families, read as two jobs in one posting (rules.W402)."""

    max_criteria_per_stage: int = 8
    """More criteria than this in one interview stage cannot be assessed well (rules.W507)."""

    salary_tolerance: float = 0.15
    """Fraction beyond the reference band's ends tolerated before pay is flagged
    (rules.W302 / rules.W303)."""

    weight_tolerance: float = 0.15
    """Largest tolerated gap between a skill's share of rubric weight and its share of the
    posting's emphasis (rules.I503)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value < 0:
                raise ValueError(NEGATIVE_THRESHOLD.format(name=f.name, value=value))
