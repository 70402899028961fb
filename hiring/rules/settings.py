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
    """Multiplier on MEDIUM for each responsibility that exercises a skill (0.5 -> 1.0, the
    same as a light must-have): the work implies the skill without the posting naming it."""

    repeat_decay: float = 0.5
    """Each further ask for the same skill (another row, responsibility or mention) counts
    this fraction of the one before: repetition shows emphasis without drowning the rest."""

    duty_weight: float = 1.0
    """What each duty stating a catalog responsibility adds towards the family that
    responsibility is core for (a composed posting's linked responsibility, or a duty
    sentence of free text that matches one); a mention that names a skill counts 1."""

    lean_prior: float = 1.0
    """Evidence every family starts with, so that one telling skill cannot read 100% and a
    posting with none reads 50/50 (see ``vectors``)."""

    drift_margin: float = 0.1
    """Share of the evidence by which another family must lead the declared one before the
    posting is said to read as that other role (rules.W102); 0.1 means 55% against 45%.
    Calibrated on real ads (`make eval`)."""

    drift_min_evidence: float = 2.0
    """Least evidence the other family needs for rules.W102: one passing mention is not a
    drift, whatever the shares say."""

    two_jobs_share: float = 0.25
    """Share the second family's own work (what the leading family's profile holds at most
    LIGHT) must reach, against the leading family's evidence, for the posting to ask for two
    jobs (rules.W402, and rules.W106 on a hybrid title). Calibrated on real ads."""

    two_jobs_evidence: float = 2.0
    """Least evidence of the second family's own work for two jobs: an aside or two on the
    other role's work is part of most real jobs. Calibrated on real ads."""

    skill_above_margin: int = 2
    """Emphasis levels a must-have skill may sit above the declared role's emphasis before
    it is flagged (rules.W103); 2 means e.g. HEAVY where the role has LIGHT. The skill must
    also point to another family, which holds it at least this many levels above the
    declared one: R on a Data Scientist posting points nowhere and is not flagged."""

    defining_gap: int = 2
    """Emphasis levels by which a family must hold a skill above every other family for the
    skill to define it (statistics for DS, serving for MLE): what rules.W105 looks for."""

    min_defining_share: float = 0.2
    """rules.W105 speaks when the posting asks for fewer than this share of its family's
    defining skills (one of seven for DS, one of ten for MLE): real ads never name them all,
    and naming a few is enough."""

    skill_below_margin: int = 2
    """Emphasis levels a must-have skill may sit below the declared role's emphasis before
    it is mentioned (rules.I104)."""

    max_must_haves: int = 10
    """More must-have skills than this reads as a wish list (rules.W401)."""

    max_criteria_per_stage: int = 8
    """More criteria than this in one interview stage cannot be assessed well (rules.W507)."""

    salary_tolerance: float = 0.15
    """Fraction beyond the reference band's ends tolerated before pay is flagged
    (rules.W302 / rules.W303)."""

    max_pay_spread: float = 2.0
    """A pay range whose top is more than this multiple of its bottom is not a good-faith
    range where a pay-transparency law applies (rules.W306)."""

    weight_tolerance: float = 0.15
    """Largest tolerated gap between a skill's share of rubric weight and its share of the
    posting's emphasis (rules.I503)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value < 0:
                raise ValueError(NEGATIVE_THRESHOLD.format(name=f.name, value=value))
