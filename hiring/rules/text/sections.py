"""The parts of a job ad: what the job does, what it requires, what would be nice, and the rest.

A header ("Responsibilities", "Requirements", "Nice to have", "About us") starts a part that
runs to the next header; a line that only looks like a header ("RAG pipeline implementation")
keeps the part it is in. When the ad has headers, the text before the first one is its intro,
read like the duties; an ad without any header is read as requirements throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hiring.rules.snapshot import Emphasis

MUST, NICE, DUTY, INTRO, ABOUT = "must", "nice", "duty", "intro", "about"

_NICE = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|good[- ]to[- ]haves?|bonus(?: points?)?|preferred|"
    r"(?:a|big|huge|definite|nice)\s+plus|pluses|desirable|ideally|optional|not required|"
    r"would be (?:great|nice|helpful)|advantageous|an advantage|beneficial|even better|"
    r"(?:may|might) also have|extra credit)\b",
    re.IGNORECASE,
)
_HEADER_NICE = re.compile(r"^\s*(?:plus|extras?)\s*:?\s*$", re.IGNORECASE)
# Headers of the part that says what the job does rather than what it requires.
_DUTY = re.compile(
    r"responsibilit|what you['\u2019]?ll (?:do|be doing|work on)|what you will (?:do|be doing)|"
    r"you will|your impact|the role|your role|in this role|day[- ]to[- ]day|"
    r"typical (?:day|week)|core activities|duties|accountabilit|your mission|the opportunity|"
    r"what the job involves|key tasks|tasks|the job|job summary|role summary|overview|"
    r"description|the position|about the team|about our team|the team",
    re.IGNORECASE,
)
_MUST = re.compile(
    r"requirement|qualification|what you(?:['\u2019]ll)? (?:bring|need|have)|who you are|about you|"
    r"you have|you bring|your (?:profile|background|experience|skills)|skills|experience|"
    r"must[- ]haves?|looking for|you should have|you(?:['\u2019]ll)? need|minimum|basic|essential|"
    r"competenc|knowledge|what it takes|ideal candidate|good fit|you are|you're|you need",
    re.IGNORECASE,
)
# The employer, the offer and the formalities: no requirement and no duty. (One-line labels
# such as "Location" or "Job type" are no header: they keep the part they are in.)
_ABOUT = re.compile(
    r"^\W*(?:about (?:us|the company|the business|our company)|who we are|"
    r"our (?:company|mission|story|values|culture|benefits|commitment)|benefits|perks|"
    r"what we offer|we offer|why (?:join|work)|compensation|salary|pay\b|equal (?:opportunity|"
    r"employment)|eeo|diversity|how to apply|application process|interview process|"
    r"the process|additional information)",
    re.IGNORECASE,
)
_HEAVY_CUE = re.compile(
    r"\b(?:expert|expertise|deep|strong|extensive|advanced|mastery|heavy|heavily|in-depth|"
    r"excellent|proven|solid)\b|\b\d+\s*\+\s*years?\b",
    re.IGNORECASE,
)
_LIGHT_CUE = re.compile(
    r"\b(?:familiar|familiarity|exposure|basic|basics|awareness|introductory|some experience|"
    r"understanding of)\b",
    re.IGNORECASE,
)
# How far before a skill's name a cue ("strong", "familiarity") still colours it.
CUE_REACH = 40
# A list item: a bullet sign, a number, or an "o" indented like one ("o    Python").
BULLET = re.compile(r"^\s*(?:(?:[-*\u2022\u00b7\u2013\u25aa\u25cf]|\d+[.)])\s*|o\s{2,})")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    line: int
    part: str  # MUST, NICE, DUTY, INTRO or ABOUT


def label(line: str) -> tuple[str, str] | None:
    """(label, rest) when a line is a header ("Nice to have:", "Requirements") or starts
    with a short label ("Bonus: Spark"); None for ordinary content and for bullets."""
    if BULLET.match(line):
        return None
    stripped = line.strip().strip("#*_ ").strip()
    if not stripped:
        return None
    head, colon, rest = stripped.partition(":")
    if colon and len(head.split()) <= 6:
        return head, rest.strip()
    if colon and not rest.strip() and len(head.split()) <= 12:
        return head, ""  # "You may be a good fit if you:"
    if len(stripped.split()) <= 6 and not stripped.endswith((".", ",", ";", "!", "?")):
        return stripped, ""
    return None


def part_of(head: str) -> str | None:
    """The part a header starts, or None for a line that is not a known header."""
    if _NICE.search(head) or _HEADER_NICE.match(head):
        return NICE
    if _ABOUT.search(head):
        return ABOUT
    if _DUTY.search(head):
        return DUTY
    if _MUST.search(head):
        return MUST
    return None


def has_headers(text: str) -> bool:
    for line in text.splitlines():
        found = label(line)
        if found is not None and not found[1] and part_of(found[0]) is not None:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the ad: where it is, the part it sits in, and whether it is a header."""

    start: int
    end: int
    number: int
    part: str
    header: bool  # a header line ("Requirements"; "Bonus: Spark" is a label with content)
    section: str  # the header of the section it is in ("" before the first)
    label: str = ""  # its own label, for a line such as "Salary: $120k" or "Bonus: Spark"


def lines(text: str) -> Iterator[Line]:
    """Every line, with the part it sits in (see the module's docstring)."""
    section = INTRO if has_headers(text) else MUST
    heading = ""
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        body = raw.rstrip("\r\n")
        part = section
        header = False
        own = ""
        found = label(body)
        if found is not None:
            head, rest = found
            labelled = part_of(head)
            if rest:
                part = labelled or section
                own = head
            elif labelled is not None:
                section = part = labelled
                heading = head
                header = True
        yield Line(offset, offset + len(body), number, part, header, heading, own)
        offset += len(raw)


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences with the part of the posting they sit in.

    A nice-to-have phrase ("... is a plus") makes its own sentence nice-to-have anywhere
    but in the employer's own blurb.
    """
    for line in lines(text):
        body = text[line.start : line.end]
        at = 0
        for piece in _SENTENCE_END.split(body):
            at = body.find(piece, at)
            kind = NICE if line.part != ABOUT and _NICE.search(piece) else line.part
            yield Sentence(line.start + at, line.start + at + len(piece), line.number, kind)
            at += len(piece)


def emphasis_at(
    text: str, sentence: Sentence, position: int, names: list[tuple[int, int]]
) -> Emphasis:
    """The emphasis a cue before ``position`` in the sentence gives ("strong", "familiarity").

    A cue colours the skills named shortly after it (within ``CUE_REACH`` characters), not
    those before ("Python, SQL, and Spark when deeper ML is needed") nor the far end of a
    long list; a cue inside a skill's name ("deep learning") is none.
    """
    best: tuple[int, Emphasis] | None = None
    for pattern, level in ((_HEAVY_CUE, Emphasis.HEAVY), (_LIGHT_CUE, Emphasis.LIGHT)):
        for cue in pattern.finditer(text, max(sentence.start, position - CUE_REACH), sentence.end):
            at = cue.start()
            if at > position or any(start <= at < end for start, end in names):
                continue
            if best is None or at > best[0]:
                best = (at, level)
    return best[1] if best else Emphasis.MEDIUM
