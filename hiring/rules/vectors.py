"""How a posting leans between the role families: evidence from what tells the roles apart.

A skill points to a family by how far that family's emphasis stands above every other
family's: statistics (DS heavy, MLE light) points to Data Scientist with weight 2/3; Docker
(DS light, MLE heavy) to ML Engineer with 2/3; Python (heavy for both) to nobody. Skills both
roles share therefore never pull a posting towards 50/50.

A posting's strength in a skill adds up what asks for it: each skill row (its emphasis x
``must_have_weight`` or ``nice_to_have_weight``) and each responsibility that exercises it
(MEDIUM x ``responsibility_weight``), the strongest first and each further one counting half
the one before, so that repetition adds weight without drowning everything else.

A family's evidence is the sum of strength x weight over the skills pointing to it; the share
is that evidence plus a small prior (``lean_prior``), over the total: "Reads 86% Data
Scientist" says that 86% of what tells the roles apart points to Data Scientist. A single
mention cannot read 100%, and a posting with no telling skill reads 50/50 with no best family.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Emphasis, Posting, RoleProfile

# Scores closer than this are a tie: floating point noise must not pick a winner.
TIE = 1e-9


def role_vector(role: RoleProfile) -> dict[str, float]:
    return {slug: float(level) for slug, level in role.emphasis.items() if level > 0}


def _decayed(asks: dict[str, list[float]], decay: float) -> dict[str, float]:
    """Strongest ask first, each further ask ``decay`` times the one before."""
    return {
        key: math.fsum(v * decay**i for i, v in enumerate(sorted(values, reverse=True)))
        for key, values in asks.items()
        if any(values)
    }


def skill_strengths(posting: Posting, thresholds: Thresholds) -> dict[str, float]:
    """Per skill, what asks for it, strongest first, each further ask decaying.

    A composed posting states its emphasis: its skill rows and the skills of its
    responsibilities ask. Free text shows emphasis by what it repeats: each mention asks,
    weighing less for a generic word or in a nice-to-have part.
    """
    asks: dict[str, list[float]] = {}
    if posting.from_text:
        for mention in posting.mentions:
            asks.setdefault(mention.skill, []).append(mention.weight)
    else:
        for row in posting.skills:
            weight = (
                thresholds.must_have_weight if row.must_have else thresholds.nice_to_have_weight
            )
            asks.setdefault(row.skill, []).append(float(row.emphasis) * weight)
        implied = float(Emphasis.MEDIUM) * thresholds.responsibility_weight
        for responsibility in posting.responsibilities:
            for slug in dict.fromkeys(responsibility.skills):
                asks.setdefault(slug, []).append(implied)
    return _decayed(asks, thresholds.repeat_decay)


def duty_strengths(posting: Posting, thresholds: Thresholds) -> dict[str, float]:
    """Per catalog responsibility, how often the posting states it (a composed posting's
    linked responsibilities; the duty sentences of free text that match one)."""
    asks: dict[str, list[float]] = {}
    for responsibility in posting.responsibilities:
        if responsibility.responsibility:
            asks.setdefault(responsibility.responsibility, []).append(thresholds.duty_weight)
    return _decayed(asks, thresholds.repeat_decay)


def posting_vector(posting: Posting, thresholds: Thresholds) -> dict[str, float]:
    """Per skill, the single strongest ask (0..3): the posting's profile on the role scale."""
    vector: dict[str, float] = {}

    def keep_largest(slug: str, value: float) -> None:
        if value > vector.get(slug, 0.0):
            vector[slug] = value

    for row in posting.skills:
        weight = thresholds.must_have_weight if row.must_have else thresholds.nice_to_have_weight
        keep_largest(row.skill, float(row.emphasis) * weight)
    implied = float(Emphasis.MEDIUM) * thresholds.responsibility_weight
    for slug in posting.responsibility_skills():
        keep_largest(slug, implied)
    return vector


def duty_pointing(catalog: Catalog) -> dict[str, dict[str, float]]:
    """Per catalog responsibility, the families it points to: those it is core for, unless it
    is core for all of them (then it tells nothing)."""
    families = set(catalog.roles)
    pointing: dict[str, dict[str, float]] = {}
    for slug, duty in catalog.responsibilities.items():
        core = set(duty.core_for) & families
        if core and core != families:
            pointing[slug] = {family: 1.0 for family in sorted(core)}
    return pointing


def pointing_weights(catalog: Catalog) -> dict[str, dict[str, float]]:
    """Per skill, the families it points to and how strongly (0..1): how far a family's
    emphasis stands above every other family's, over the scale's top (HEAVY)."""
    weights: dict[str, dict[str, float]] = {}
    roles = list(catalog.roles.values())
    for slug in sorted({s for role in roles for s in role.emphasis}):
        for role in roles:
            others = [r.emphasis_of(slug) for r in roles if r is not role]
            gap = role.emphasis_of(slug) - max(others, default=Emphasis.NONE)
            if gap > 0:
                weights.setdefault(slug, {})[role.slug] = gap / float(Emphasis.HEAVY)
    return weights


SKILL, DUTY = "skill", "duty"


@dataclass(frozen=True, slots=True)
class Signal:
    """One skill's or duty's push towards a family: ``strength`` x ``weight`` = ``evidence``.
    ``key`` is the skill slug, or the catalog responsibility's slug for a duty."""

    kind: str
    key: str
    family: str
    strength: float
    weight: float

    @property
    def evidence(self) -> float:
        return self.strength * self.weight


@dataclass(frozen=True, slots=True)
class Lean:
    """How a posting reads against each role family.

    ``scores``: the evidence per family; ``share``: evidence plus the prior, normalised to sum
    to 1 (what "reads 70% Data Scientist" means); ``best``: the family with the most evidence,
    None on a tie or with no evidence; ``signals``: the skills behind the evidence, strongest
    first; ``reference``: the family ``categories`` compares with (declared, else best);
    ``categories``: category -> (posting value, reference role value), both 0..3, for a chart.
    """

    scores: Mapping[str, float]
    share: Mapping[str, float]
    best: str | None
    reference: str | None
    categories: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    signals: tuple[Signal, ...] = ()

    def __post_init__(self) -> None:
        for name in ("scores", "share", "categories"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def signals_for(self, family: str, kind: str | None = None) -> tuple[Signal, ...]:
        return tuple(
            s for s in self.signals if s.family == family and (kind is None or s.kind == kind)
        )

    @property
    def minority(self) -> str | None:
        """The second family by evidence: the other job in a posting that asks for two."""
        ranked = sorted(self.scores, key=lambda slug: (-self.scores[slug], slug))
        return ranked[1] if len(ranked) > 1 else None


def best_family(scores: Mapping[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] <= TIE:
        return None
    return ranked[0][0]


def shares(scores: Mapping[str, float], prior: float = 0.0) -> dict[str, float]:
    total = math.fsum(scores.values()) + prior * len(scores)
    if total <= 0:
        return {slug: 1.0 / len(scores) for slug in scores} if scores else {}
    return {slug: (score + prior) / total for slug, score in scores.items()}


def category_profile(
    vector: Mapping[str, float], role: RoleProfile, catalog: Catalog
) -> dict[str, tuple[float, float]]:
    """Per category, the mean posting and role value over skills either of them uses."""
    target = role_vector(role)
    by_category: dict[str, list[str]] = {}
    for slug in sorted(vector.keys() | target.keys()):
        skill = catalog.skills.get(slug)
        if skill is not None:
            by_category.setdefault(skill.category, []).append(slug)
    top = float(Emphasis.HEAVY)
    return {
        category: (
            min(top, math.fsum(vector.get(s, 0.0) for s in slugs) / len(slugs)),
            math.fsum(target.get(s, 0.0) for s in slugs) / len(slugs),
        )
        for category, slugs in sorted(by_category.items())
    }


def compute_lean(posting: Posting, catalog: Catalog, thresholds: Thresholds) -> Lean | None:
    """The posting's lean, or None when it asks for no skills or the catalog has no roles."""
    strengths = skill_strengths(posting, thresholds)
    if not strengths or not catalog.roles:
        return None
    pointing = pointing_weights(catalog)
    duties = duty_pointing(catalog)
    signals = sorted(
        [
            *(
                Signal(SKILL, slug, family, strength, weight)
                for slug, strength in strengths.items()
                for family, weight in pointing.get(slug, {}).items()
            ),
            *(
                Signal(DUTY, slug, family, strength, weight)
                for slug, strength in duty_strengths(posting, thresholds).items()
                for family, weight in duties.get(slug, {}).items()
            ),
        ],
        key=lambda s: (-s.evidence, s.kind, s.key, s.family),
    )
    scores = {
        slug: math.fsum(s.evidence for s in signals if s.family == slug) for slug in catalog.roles
    }
    best = best_family(scores)
    declared = posting.role_family if posting.role_family in catalog.roles else None
    reference = declared or best
    vector = posting_vector(posting, thresholds)
    categories = category_profile(vector, catalog.roles[reference], catalog) if reference else {}
    return Lean(
        scores=scores,
        share=shares(scores, thresholds.lean_prior),
        best=best,
        reference=reference,
        categories=categories,
        signals=tuple(signals),
    )
