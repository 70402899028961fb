"""A finding in the words a recruiter or manager reads.

The rules keep machine evidence (slugs, field names, offsets, source ids) for the API.
People get where the finding is, which articles or laws back it, and the rule code only
in a small details line.
"""

import functools
import re
from dataclasses import dataclass

from roles.sources import TITLES as ARTICLE_TITLES
from roles.sources import source_title

from ..rules import exclusion

FIELD_NAMES = {
    "title": "the title",
    "summary": "the summary",
    "team": "the team text",
    "benefits": "the benefits",
    "about_company": "the about-the-company text",
    "equal_opportunity": "the equal-opportunity statement",
    "pay_statement": "the pay-transparency statement",
}
# Said after "Found in ..." when a word is in a text the posting takes from its company.
COMPANY_TEXT_NOTE = (
    "{texts} {verb} the company's, shown on every posting that does not replace {pronoun}: "
    "change {pronoun} once on the company's page."
)


@dataclass(frozen=True)
class FindingNotes:
    where: str
    sources: tuple[str, ...]


def _field_name(position: dict) -> str:
    field = position.get("field", "")
    if field == "responsibility":
        return f"responsibility {int(position.get('index') or 0) + 1}"
    return FIELD_NAMES.get(field, "")


def _joined(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def where_found(evidence: dict) -> str:
    """ "Found in the title and responsibility 2." from the positions of the evidence, and
    where the company's own texts hold the words, that they are changed on its page."""
    names: list[str] = []
    company: list[str] = []
    for position in evidence.get("positions") or ():
        name = _field_name(position) if isinstance(position, dict) else ""
        if name and name not in names:
            names.append(name)
            if position.get("company"):
                company.append(name)
    if not names:
        return ""
    if not company:
        return f"Found in {_joined(names)}."
    note = COMPANY_TEXT_NOTE.format(
        texts=_joined(company)[0].upper() + _joined(company)[1:],
        verb="is" if len(company) == 1 else "are",
        pronoun="it" if len(company) == 1 else "them",
    )
    return f"Found in {_joined(names)}. {note}"


def sources_of(evidence: dict) -> tuple[str, ...]:
    """The articles, studies and laws a finding rests on, by their titles."""
    titles: list[str] = []
    source = evidence.get("source")
    if isinstance(source, str) and source:
        if source.rsplit("/", 1)[-1] in ARTICLE_TITLES:
            titles.append(source_title(source))
        else:
            titles.append(exclusion.source_titles().get(source, ""))
    for law in evidence.get("laws") or ():
        if isinstance(law, dict) and law.get("law"):
            titles.append(f"{law.get('jurisdiction', '')}: {law['law']}".strip(": "))
    return tuple(t for t in titles if t)


def finding_notes(finding) -> FindingNotes:
    """What a page shows under a finding's message and suggestion."""
    evidence = finding.evidence or {}
    return FindingNotes(
        where=where_found(evidence),
        sources=sources_of(evidence),
    )


# A neutral word for the coded words a posting most often uses, and for the joblint words
# with a plain replacement, by the whole word: a stem would offer "thorough" for
# "analysis" or "guide" for "leadership". A word not listed gets no swap, only the hint.
NEUTRAL_WORDS = {
    "adventurous": "curious",
    "aggressive": "bold",
    "aggressively": "boldly",
    "ambitious": "motivated",
    "assertive": "clear",
    "autonomous": "self-directed",
    "champion": "advocate for",
    "confident": "capable",
    "courageous": "willing to try",
    "decisive": "clear-thinking",
    "determined": "committed",
    "dominant": "leading",
    "dominate": "lead",
    "driven": "motivated",
    "fearless": "bold",
    "headstrong": "persistent",
    "independent": "self-directed",
    "outspoken": "candid",
    "self-confident": "capable",
    "self-reliant": "resourceful",
    "self-sufficient": "resourceful",
    "superior": "excellent",
    "rockstar": "expert",
    "rock star": "expert",
    "ninja": "expert",
    "guru": "expert",
    "hero": "expert",
    "wizard": "expert",
    "crush it": "do well",
    "hit the ground running": "settle in",
    "work hard play hard": "balanced",
}
# An exclusion's suggestion offers a replacement when it quotes one: "Use 'entry-level'."
_QUOTED = re.compile(r"^(?:Use|Say) '([^']+)'")


@functools.cache
def _exclusion_suggestions() -> dict[str, str]:
    return {p.phrase: p.suggestion for c in exclusion.categories() for p in c.phrases}


def neutral_word(finding) -> str:
    """The word or words to put instead of a language finding's words; "" when there is
    none better than the finding's hint (a sentence of advice is not a swap)."""
    evidence = finding.evidence or {}
    phrase = evidence.get("phrase")
    if isinstance(phrase, str) and phrase:
        quoted = _QUOTED.match(_exclusion_suggestions().get(phrase, ""))
        return quoted[1] if quoted else ""
    word = " ".join(str(evidence.get("word", "")).lower().split())
    return NEUTRAL_WORDS.get(word, "")
