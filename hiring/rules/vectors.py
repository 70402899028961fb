"""Skill vectors of postings and role profiles, and the lean that compares them.

A role profile's vector is its emphasis per skill (0..3). A posting's vector, per skill, is
the largest of:

- each skill row: emphasis x ``must_have_weight`` (must-have) or ``nice_to_have_weight``;
- each responsibility that exercises the skill: MEDIUM x ``responsibility_weight``.

Taking the largest (not the sum) keeps a skill that is both listed and implied by three
responsibilities from outweighing a skill that is simply listed as heavy. The two are
compared by cosine similarity, which ignores how long the posting is and only looks at its
shape.
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


def posting_vector(posting: Posting, thresholds: Thresholds) -> dict[str, float]:
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


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity in [0, 1] of two non-negative sparse vectors; 0 if either is empty."""
    # fsum is exactly rounded, so the result does not depend on the order of the keys.
    dot = math.fsum(a[k] * b[k] for k in a.keys() & b.keys())
    norm = math.sqrt(math.fsum(v * v for v in a.values())) * math.sqrt(
        math.fsum(v * v for v in b.values())
    )
    if norm == 0:
        return 0.0
    return min(1.0, max(0.0, dot / norm))


@dataclass(frozen=True, slots=True)
class Lean:
    """How a posting reads against each role family.

    ``scores``: cosine fit per family; ``share``: the scores normalised to sum to 1 (what
    "reads 70% Data Scientist" means); ``best``: the best-fitting family, None on a tie;
    ``reference``: the family ``categories`` compares with (declared, else best);
    ``categories``: category -> (posting value, reference role value), both 0..3, for a chart.
    """

    scores: Mapping[str, float]
    share: Mapping[str, float]
    best: str | None
    reference: str | None
    categories: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("scores", "share", "categories"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))


def best_family(scores: Mapping[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] <= TIE:
        return None
    return ranked[0][0]


def shares(scores: Mapping[str, float]) -> dict[str, float]:
    total = math.fsum(scores.values())
    if total <= 0:
        return {slug: 1.0 / len(scores) for slug in scores} if scores else {}
    return {slug: score / total for slug, score in scores.items()}


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
    vector = posting_vector(posting, thresholds)
    if not vector or not catalog.roles:
        return None
    scores = {slug: cosine(vector, role_vector(role)) for slug, role in catalog.roles.items()}
    best = best_family(scores)
    declared = posting.role_family if posting.role_family in catalog.roles else None
    reference = declared or best
    categories = category_profile(vector, catalog.roles[reference], catalog) if reference else {}
    return Lean(
        scores=scores,
        share=shares(scores),
        best=best,
        reference=reference,
        categories=categories,
    )
