"""Read free job text (as an ATS sends it, or a recruiter pastes it) into a Posting snapshot.

Everything here is a heuristic tuned for DS/MLE postings, one concern per module:
``aliases`` finds skills through the catalog and the vocabulary of real ads, ``sections``
tells duties from requirements and nice-to-haves, ``duties`` matches duty sentences to the
catalog's responsibilities, and ``years``, ``pay``, ``places`` and ``titles`` read the rest.
Structure that text cannot carry (a rubric) is left out.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from hiring.rules.snapshot import (
    Catalog,
    Emphasis,
    Mention,
    Posting,
    PostingResponsibility,
    PostingSkill,
)
from hiring.rules.text.aliases import Match, match_skills
from hiring.rules.text.duties import match_duty
from hiring.rules.text.pay import pay
from hiring.rules.text.places import locations, remote_policy
from hiring.rules.text.sections import (
    ABOUT,
    DUTY,
    INTRO,
    MUST,
    NICE,
    Sentence,
    emphasis_at,
    sentences,
)
from hiring.rules.text.titles import level, read_title, role_family
from hiring.rules.text.years import experience_years

__all__ = [
    "Match",
    "experience_years",
    "level",
    "locations",
    "match_skills",
    "pay",
    "posting_blocks",
    "read_posting",
    "remote_policy",
    "role_family",
]


# How much a mention counts towards the lean, by the part of the ad it is in.
PART_WEIGHT = {MUST: 1.0, DUTY: 1.0, INTRO: 1.0, NICE: 0.5, ABOUT: 0.0}


class Parts:
    """The part of the posting (duty, requirement, nice-to-have...) at any offset."""

    def __init__(self, text: str) -> None:
        self.sentences = list(sentences(text))
        self._starts = [s.start for s in self.sentences]

    def at(self, position: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, position) - 1
        if i >= 0 and position < self.sentences[i].end:
            return self.sentences[i]
        return None

    def part_at(self, position: int) -> str:
        where = self.at(position)
        return where.part if where else MUST

    def required(self, position: int) -> bool:
        return self.part_at(position) not in (NICE, ABOUT)


def posting_blocks(
    text: str,
    matches: Iterable[Match],
    catalog: Catalog | None = None,
    parts: Parts | None = None,
) -> tuple[tuple[PostingSkill, ...], tuple[PostingResponsibility, ...]]:
    """Skill rows from what the posting requires, responsibilities from what the job does.

    A skill named in a requirement is a must-have, in a nice-to-have part LIGHT and not a
    must. A must-have takes the emphasis its sentence suggests ("deep", "strong" -> HEAVY;
    "familiarity" -> LIGHT; else MEDIUM), and HEAVY when named in three sentences or more (a
    hint, a generic word, counts as half a sentence and is never made heavy by a cue). Each
    sentence of the duties (and of the intro before them) becomes a responsibility with the
    skills it names and the catalog responsibility it states, if any; its ``span`` points
    into the text, which stays whole in the summary. The employer's blurb, benefits and
    formalities ask for nothing.
    """
    parts = parts or Parts(text)
    matches = list(matches)
    names = [(m.start, m.end) for m in matches]
    must_level: dict[str, Emphasis] = {}
    must_count: dict[str, dict[Sentence, float]] = {}
    nice: set[str] = set()
    order: dict[str, int] = {}
    duty_skills: dict[Sentence, list[str]] = {}
    for match in matches:
        where = parts.at(match.start)
        part = where.part if where else MUST
        if part == ABOUT:
            continue
        if part in (DUTY, INTRO) and where is not None:
            duty_skills.setdefault(where, []).append(match.skill)
            continue
        order.setdefault(match.skill, len(order))
        if part == NICE:
            nice.add(match.skill)
            continue
        level = emphasis_at(text, where, match.start, names) if where else Emphasis.MEDIUM
        if match.weight < 1:
            level = min(level, Emphasis.MEDIUM)  # a generic word never makes a skill heavy
        must_level[match.skill] = max(must_level.get(match.skill, Emphasis.NONE), level)
        if where is not None:
            said = must_count.setdefault(match.skill, {})
            said[where] = max(said.get(where, 0.0), match.weight)
    rows = []
    for slug, position in order.items():
        if slug in must_level:
            level = must_level[slug]
            if sum(must_count.get(slug, {}).values()) >= 3 and level == Emphasis.MEDIUM:
                level = Emphasis.HEAVY
            rows.append(PostingSkill(skill=slug, must_have=True, emphasis=level, order=position))
        else:
            rows.append(
                PostingSkill(skill=slug, must_have=False, emphasis=Emphasis.LIGHT, order=position)
            )
    responsibilities: list[PostingResponsibility] = []
    for sentence in parts.sentences:
        if sentence.part not in (DUTY, INTRO):
            continue
        skills = duty_skills.get(sentence, [])
        duty = match_duty(text[sentence.start : sentence.end], catalog) if catalog else None
        if not skills and duty is None:
            continue
        responsibilities.append(
            PostingResponsibility(
                text="",
                skills=tuple(dict.fromkeys(skills)),
                order=len(responsibilities),
                responsibility=duty.slug if duty else None,
                span=(sentence.start, sentence.end),
            )
        )
    return tuple(rows), tuple(responsibilities)


def read_posting(title: str, text: str, catalog: Catalog) -> tuple[Posting, tuple[Match, ...]]:
    """A Posting snapshot of free text (summary = the whole text) and the skill mentions."""
    matches = match_skills(text, catalog)
    parts = Parts(text)
    years = experience_years(text, matches, parts.required)
    money = pay(text)
    heading = read_title(title, catalog)
    skills, responsibilities = posting_blocks(text, matches, catalog, parts)
    posting = Posting(
        title=title,
        role_family=heading.family,
        level=heading.level,
        years_min=years.years_min,
        years_max=years.years_max,
        locations=locations(text),
        remote_policy=remote_policy(text),
        salary_min=money.salary_min,
        salary_max=money.salary_max,
        salary_currency=money.currency,
        salary_period=money.period,
        summary=text,
        skills=skills,
        responsibilities=responsibilities,
        tool_years=years.tool_years,
        has_rubric=False,
        hybrid_title=heading.hybrid,
        from_text=True,
        mentions=tuple(
            Mention(
                m.skill,
                m.start,
                m.end,
                text[m.start : m.end],
                m.weight * PART_WEIGHT[part],
                required=part != NICE,
            )
            for m in matches
            if (part := parts.part_at(m.start)) != ABOUT
        ),
    )
    return posting, tuple(matches)
