"""Job titles as hiring teams write them, placed on a role family, a declared hybrid, or nowhere.

- A title naming one family's role noun is that family, whatever else it says: "Senior Data
  Scientist, Machine Learning & AI" is a Data Scientist title, "Staff ML Engineer, ML
  Infrastructure" an ML Engineer one. The ML Engineer nouns include the engineer titles of
  the field: MLOps, ML platform and infrastructure, model serving, AI engineer.
- A hybrid spans both families and lets the content decide: Applied Scientist, Machine
  Learning (or AI) Scientist, Research Scientist, Research Engineer, and a title naming both
  roles ("ML Engineer / Data Scientist").
- Anything else is not placed, and the engine says so rather than guessing.

A catalog family that is neither (a company's own "Analytics Engineer") is placed by its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hiring.rules.snapshot import Catalog

DS = "data-scientist"
MLE = "machine-learning-engineer"

_ML = (
    r"(?:machine[- ]learning|ml|mlops|ml ?ops|ai|a\.i\.|ai/ml|ml/ai|artificial intelligence|"
    r"deep[- ]learning|llm|genai|gen ai|generative ai|nlp|computer vision|model serving|"
    r"inference|machine learning operations)"
)
FAMILY_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DS, re.compile(r"\bdata[- ]scien(?:tist|ce)s?\b|\bdecision scientists?\b", re.IGNORECASE)),
    (
        MLE,
        re.compile(
            rf"\b{_ML}\b(?:[\s/&,-]+[\w.+-]+){{0,3}}?[\s/&,-]+"
            r"(?:engineer(?:ing)?|developer|specialist|architect)s?\b"
            r"|\bmle\b|\bmachine learning operations\b",
            re.IGNORECASE,
        ),
    ),
)
# Hybrids whose content decides the family, with the name a finding uses for them.
HYBRID_NOUNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Applied Scientist", re.compile(r"\bapplied (?:research |ml |ai )?scientists?\b", re.I)),
    (
        "Machine Learning Scientist",
        re.compile(
            r"\b(?:machine[- ]learning|ml|ai|artificial intelligence|deep[- ]learning)"
            r"(?:\s+research)?\s+scientists?\b",
            re.I,
        ),
    ),
    ("Research Scientist", re.compile(r"\bresearch scientists?\b", re.I)),
    ("Research Engineer", re.compile(r"\bresearch engineers?\b", re.I)),
)
BOTH_ROLES = "{first} / {second}"

# Checked in this order, so "Senior Staff" is staff and "Senior Principal" principal.
LEVEL_WORDS = (
    ("director", ("director", "head of")),
    ("principal", ("principal",)),
    ("staff", ("staff",)),
    ("lead", ("lead",)),
    ("senior", ("senior", "sr", "sr.", "iii")),
    ("junior", ("junior", "jr", "jr.", "entry level", "entry-level", "graduate", "intern", "i")),
    ("mid", ("ii",)),
)


@dataclass(frozen=True, slots=True)
class TitleReading:
    """``family`` when the title names one; ``hybrid`` when it spans families (the content
    decides); neither when the title cannot be placed."""

    family: str | None
    hybrid: str | None
    level: str | None
    words: str = ""  # the part of the title that decided

    @property
    def placed(self) -> bool:
        return self.family is not None or self.hybrid is not None


def _family_hits(title: str, catalog: Catalog) -> list[tuple[int, str, str]]:
    hits = []
    for slug, pattern in FAMILY_NOUNS:
        if slug in catalog.roles and (m := pattern.search(title)):
            hits.append((m.start(), slug, m.group()))
    for slug, role in catalog.roles.items():
        if any(slug == known for known, _ in FAMILY_NOUNS):
            continue
        for name in {role.name, role.short_name} - {""}:
            if m := re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title, re.I):
                hits.append((m.start(), slug, m.group()))
    return sorted(hits)


def read_title(title: str, catalog: Catalog) -> TitleReading:
    for name, pattern in HYBRID_NOUNS:
        if m := pattern.search(title):
            return TitleReading(None, name, None, m.group())
    hits = _family_hits(title, catalog)
    families = list(dict.fromkeys(slug for _, slug, _ in hits))
    if len(families) > 1:
        first, second = (catalog.role_name(slug) for slug in families[:2])
        words = " / ".join(dict.fromkeys(text for _, _, text in hits))
        return TitleReading(None, BOTH_ROLES.format(first=first, second=second), None, words)
    if families:
        family = families[0]
        return TitleReading(family, None, level(title, family, catalog), hits[0][2])
    return TitleReading(None, None, None)


def role_family(title: str, catalog: Catalog) -> str | None:
    return read_title(title, catalog).family


def level(title: str, family: str | None, catalog: Catalog) -> str | None:
    """The family's level whose name carries the title's seniority word, lowest rank first."""
    if family is None:
        return None
    lowered = title.lower()
    for word, spellings in LEVEL_WORDS:
        if not any(_has_word(lowered, s, title) for s in spellings):
            continue
        candidates = [
            lv
            for lv in catalog.levels.values()
            if lv.role_family == family
            and (re.search(rf"\b{word}\b", lv.name.lower()) or word in lv.slug.split("-"))
        ]
        return min(candidates, key=lambda lv: lv.rank).slug if candidates else None
    return None


def _has_word(lowered: str, spelling: str, title: str) -> bool:
    if spelling in ("i", "ii", "iii"):
        # Roman grades only as written, in capitals, after the role: "AI/ML Engineer I".
        return re.search(rf"(?<![\w/&]){spelling.upper()}(?![\w/&])", title) is not None
    return re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", lowered) is not None
