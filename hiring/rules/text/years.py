"""Years of experience asked, in general ("5+ years of experience") and per tool ("10 years
of Kubernetes")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hiring.rules.text.aliases import Match

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_YEARS = re.compile(
    rf"\b(?P<low>{_NUM})\s*(?:\+\s*)?(?:(?:-|\u2013|\u2014|to)\s*(?P<high>{_NUM})\s*\+?\s*)?"
    rf"(?:or more\s+)?(?:years?|yrs?)\b(?P<tail>['\u2019]?)",
    re.IGNORECASE,
)
# Words that may stand between "N years" and the thing they are years of.
_FILLER = frozenset(
    {
        "of", "experience", "with", "in", "using", "hands-on", "hands", "on", "professional",
        "production", "working", "work", "industry", "relevant", "commercial", "practical",
        "strong", "solid", "proven", "building", "developing", "writing", "programming",
        "applied",
    }
)  # fmt: skip
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)?")


def to_int(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


@dataclass(frozen=True, slots=True)
class YearsPhrase:
    low: int
    high: int | None
    start: int
    end: int
    required: bool


@dataclass(frozen=True, slots=True)
class Years:
    """The largest required years phrase (its low and high end) and years asked per tool."""

    years_min: int | None
    years_max: int | None
    tool_years: tuple[tuple[str, int], ...]
    phrases: tuple[YearsPhrase, ...] = ()


def _always_required(position: int) -> bool:
    return True


def experience_years(
    text: str, matches: list[Match], required: Callable[[int], bool] = _always_required
) -> Years:
    """Every years phrase about experience; the largest required one sets the range.

    "1-2 years of Python ... must have 8+ years deploying models" asks for 8+ years: the
    level check must see the most a posting demands, not the first number it states. A
    phrase in a nice-to-have part is not required (``required(offset)`` says which are).
    Years of a tool count towards the general range too: "8 years of Python" is experience.
    Years not about experience ("founded 10 years ago") are ignored.
    """
    phrases: list[YearsPhrase] = []
    tools: list[tuple[str, int]] = []
    for m in _YEARS.finditer(text):
        low = to_int(m.group("low"))
        high = to_int(m.group("high")) if m.group("high") else None
        rest = text[m.end() : m.end() + 120].split("\n", 1)[0]
        following = _WORDS.findall(rest.lower())
        if following[:1] in (["ago"], ["old"]):
            continue
        tool = next((x for x in matches if m.end() <= x.start <= m.end() + len(rest)), None)
        gap = _WORDS.findall(text[m.end() : tool.start].lower()) if tool else []
        if tool is not None and all(w in _FILLER for w in gap):
            tools.append((tool.skill, low))
        elif not (
            any(w in ("experience", "exp", "industry") for w in following[:5])
            or (following[:1] and following[0].endswith("ing"))
            or "experience" in text[max(0, m.start() - 40) : m.start()].lower()
        ):
            continue
        phrases.append(YearsPhrase(low, high, m.start(), m.end(), required(m.start())))
    asked = [p for p in phrases if p.required]
    largest = max(asked, key=lambda p: (p.low, p.high or p.low), default=None)
    return Years(
        years_min=largest.low if largest else None,
        years_max=largest.high if largest else None,
        tool_years=tuple(dict.fromkeys(tools)),
        phrases=tuple(phrases),
    )
