"""Frozen snapshots of a posting and of the catalog: the only input the rules ever see.

The Django selector builds these from ORM rows in a fixed number of queries, so that every
rule is a pure function and can be tested without a database.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from types import MappingProxyType

UNKNOWN_EMPHASIS = "Unknown emphasis {name!r}; expected one of none, light, medium, heavy."


class Emphasis(IntEnum):
    """How much a role (or a posting) leans on a skill; the integer value is used as a weight."""

    NONE = 0
    LIGHT = 1
    MEDIUM = 2
    HEAVY = 3

    @classmethod
    def from_name(cls, name: str) -> Emphasis:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(UNKNOWN_EMPHASIS.format(name=name)) from None


def _frozen_mapping[K, V](value: Mapping[K, V]) -> Mapping[K, V]:
    # A frozen dataclass still hands out its dict; a read-only proxy keeps snapshots honest.
    if isinstance(value, MappingProxyType):
        return value
    return MappingProxyType(dict(value))


@dataclass(frozen=True, slots=True)
class CatalogSkill:
    slug: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    first_release_year: int | None = None


@dataclass(frozen=True, slots=True)
class CatalogResponsibility:
    """A catalog duty: its wording, the skills it exercises, the families it is core for."""

    slug: str
    text: str
    skills: tuple[str, ...] = ()
    core_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleProfile:
    """A role family's emphasis per skill slug; a skill that is absent counts as NONE."""

    slug: str
    name: str
    short_name: str
    emphasis: Mapping[str, Emphasis] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "emphasis", _frozen_mapping(self.emphasis))

    def emphasis_of(self, skill: str) -> Emphasis:
        return self.emphasis.get(skill, Emphasis.NONE)


@dataclass(frozen=True, slots=True)
class LevelInfo:
    slug: str
    name: str
    role_family: str
    rank: int
    min_years: int | None = None
    max_years: int | None = None


@dataclass(frozen=True, slots=True)
class SalaryReference:
    role_family: str
    level: str | None
    region: str
    currency: str
    period: str
    min_amount: int
    max_amount: int
    top_of_band: int | None
    year: int
    source: str


@dataclass(frozen=True, slots=True)
class Catalog:
    skills: Mapping[str, CatalogSkill]
    roles: Mapping[str, RoleProfile]
    levels: Mapping[str, LevelInfo] = field(default_factory=dict)
    salary_bands: tuple[SalaryReference, ...] = ()
    responsibilities: Mapping[str, CatalogResponsibility] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", _frozen_mapping(self.skills))
        object.__setattr__(self, "roles", _frozen_mapping(self.roles))
        object.__setattr__(self, "levels", _frozen_mapping(self.levels))
        object.__setattr__(self, "responsibilities", _frozen_mapping(self.responsibilities))

    def skill_name(self, slug: str) -> str:
        skill = self.skills.get(slug)
        return skill.name if skill else slug

    def role_name(self, slug: str) -> str:
        role = self.roles.get(slug)
        return role.name if role else slug


@dataclass(frozen=True, slots=True)
class PostingSkill:
    skill: str
    must_have: bool
    emphasis: Emphasis
    order: int = 0
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PostingResponsibility:
    """A duty; read from free text it has no ``text`` of its own but a ``span`` (start, end)
    in the posting's summary, so evidence can point at the words."""

    text: str
    skills: tuple[str, ...] = ()
    order: int = 0
    responsibility: str | None = None
    id: int | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """Where free text names a skill: offsets into the posting's summary, and how much the
    mention counts (less for a generic word, or in a nice-to-have part)."""

    skill: str
    start: int
    end: int
    text: str
    weight: float = 1.0
    required: bool = True  # False in a nice-to-have part


@dataclass(frozen=True, slots=True)
class Criterion:
    """One rubric line; anchors are (strong no, no, yes, strong yes) and "" means missing."""

    skill: str | None
    stage: str
    weight: Decimal
    questions: tuple[str, ...] = ()
    anchors: tuple[str, str, str, str] = ("", "", "", "")
    weight_reason: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Posting:
    title: str
    role_family: str | None = None
    level: str | None = None
    years_min: int | None = None
    years_max: int | None = None
    locations: tuple[str, ...] = ()
    remote_policy: str = "onsite"
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""
    salary_period: str = "YEAR"
    summary: str = ""
    team: str = ""
    benefits: str = ""
    skills: tuple[PostingSkill, ...] = ()
    responsibilities: tuple[PostingResponsibility, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    has_rubric: bool = False
    posted_on: datetime.date | None = None
    # (skill slug, years asked) pairs found in the text, e.g. ("kubernetes", 10).
    tool_years: tuple[tuple[str, int], ...] = ()
    id: int | None = None
    # Free text only: the title names a hybrid ("Applied Scientist") whose content decides
    # the family, and where the text names each skill.
    hybrid_title: str | None = None
    from_text: bool = False
    mentions: tuple[Mention, ...] = ()
    # The company's texts as candidates read them on this posting: the posting's own
    # version, else the company's (for pay, its statements for the laws covering the places).
    about_company: str = ""
    equal_opportunity: str = ""
    pay_statement: str = ""
    # Which of those texts are the company's rather than the posting's own: a word in one of
    # them is fixed once, on the company's page, for every posting that shows it.
    company_texts: frozenset[str] = frozenset()

    def skill_rows(self) -> dict[str, PostingSkill]:
        """Skill rows by slug; if a skill is listed twice the stronger row wins."""
        rows: dict[str, PostingSkill] = {}
        for row in sorted(self.skills, key=lambda r: r.order):
            current = rows.get(row.skill)
            if current is None or (row.must_have, row.emphasis) > (
                current.must_have,
                current.emphasis,
            ):
                rows[row.skill] = row
        return rows

    def responsibility_skills(self) -> frozenset[str]:
        return frozenset(slug for r in self.responsibilities for slug in r.skills)

    def required_skills(self) -> frozenset[str]:
        """Skills the posting requires: must-have rows and responsibilities, or for free text
        the skills it names outside its nice-to-have parts."""
        if self.from_text:
            return frozenset(m.skill for m in self.mentions if m.required)
        must = frozenset(row.skill for row in self.skills if row.must_have)
        return must | self.responsibility_skills()

    def asked_skills(self) -> frozenset[str]:
        """Every skill the posting asks for, as a skill row or through a responsibility."""
        return frozenset(row.skill for row in self.skills) | self.responsibility_skills()
