"""A draft posting from pasted text: what an import keeps, and where, so that nothing the
recruiter pasted is lost.

- Each line of the duties that names a skill or states a catalog responsibility becomes a
  responsibility in the ad's own words, with those skills and that responsibility.
- The skills the requirements name become skill rows (must-have or nice-to-have, with the
  emphasis the text suggests), as ``read_posting`` reads them; so do the title's family and
  level, the years, the pay, the places and the work policy.
- The benefits section goes to the benefits; everything else (the intro, the requirements in
  their own words, the employer's blurb) stays in the summary, headers and all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hiring.rules.snapshot import Catalog, Posting
from hiring.rules.text import read_posting
from hiring.rules.text.duties import match_duty
from hiring.rules.text.sections import ABOUT, BULLET, DUTY, lines

# Sections whose lines are the offer, not the job: they go to the posting's benefits.
_BENEFITS = re.compile(r"benefit|perk|what we offer|we offer|why (?:join|work)", re.I)
# Bullets, even several ("- \u2022 Build models"), come off a duty.
_BULLETS = re.compile(rf"^(?:{BULLET.pattern[1:]})+")
# A duty longer than this is cut at a sentence end: a responsibility is one line.
MAX_DUTY = 300


@dataclass(frozen=True, slots=True)
class DraftDuty:
    text: str
    skills: tuple[str, ...]
    responsibility: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """``posting`` as the rules read the text; ``duties``, ``summary`` and ``benefits`` in the
    text's own words."""

    posting: Posting
    duties: tuple[DraftDuty, ...]
    summary: str
    benefits: str


def _duty_text(line: str) -> str:
    text = _BULLETS.sub("", line).strip()
    if len(text) <= MAX_DUTY:
        return text
    cut = text.rfind(". ", 0, MAX_DUTY)
    return text[: cut + 1] if cut > 0 else text[: MAX_DUTY - 1].rstrip() + "\u2026"


def draft_from_text(title: str, text: str, catalog: Catalog) -> Draft:
    posting, matches = read_posting(title, text, catalog)
    duties: list[DraftDuty] = []
    summary: list[str] = []
    benefits: list[str] = []
    for line in lines(text):
        body = text[line.start : line.end]
        if not body.strip():
            summary.append("")
            continue
        if line.part == DUTY and line.header:
            continue  # the duties become responsibilities: their header has nothing left
        if line.part == DUTY:
            duty = _duty_text(body)
            if duty:
                # Only words that name a skill link it; a generic word only suggests one.
                named = tuple(
                    dict.fromkeys(
                        m.skill
                        for m in matches
                        if line.start <= m.start < line.end and m.weight >= 1
                    )
                )
                stated = match_duty(duty, catalog)
                if named or stated:
                    duties.append(DraftDuty(duty, named, stated.slug if stated else None))
                    if len(duty) < len(_BULLETS.sub("", body).strip()):
                        summary.append(body)  # cut short: the whole line stays in the summary
                    continue
        if line.part == ABOUT and _BENEFITS.search(line.label or line.section):
            if not line.header:
                benefits.append(body)
            continue
        summary.append(body)
    return Draft(
        posting=posting,
        duties=tuple(duties),
        summary=_tidy(summary),
        benefits=_tidy(benefits),
    )


def _tidy(kept: list[str]) -> str:
    """Kept lines, without runs of blank lines."""
    text = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
