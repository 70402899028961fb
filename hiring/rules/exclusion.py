"""Exclusionary wording beyond gender: age, credentials, physical demands, nationality or
status, and family. Data with sources in ``data/exclusionary_language.json``: every phrase
names the regulation, guidance or research behind it, and what rolekit dropped or narrowed
from the reference list is recorded there with the reason.

One code per category; one finding per phrase, with every place it occurs. Many explicit
requirements are lawful when the job needs them (a licence for a driving job), so the
message asks for a second look rather than declaring a violation.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.language import Field, text_fields, times
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting

EXCLUSION_FILE = "exclusionary_language.json"

AGE = "rules.W641"
CREDENTIALS = "rules.W642"
PHYSICAL_DEMANDS = "rules.W643"
NATIONALITY = "rules.W644"
FAMILY = "rules.W645"

MESSAGE = '{label}: "{words}"{times} {reads}.'
HINT = "{hint} For this wording: {suggestion}"
# A research title may need the doctorate it asks for.
_RESEARCH_TITLE = re.compile(r"\bresearch\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;\n]+")


@dataclass(frozen=True, slots=True)
class Phrase:
    phrase: str
    pattern: re.Pattern[str]
    suggestion: str
    source: str
    except_research: bool = False


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    code: str
    label: str
    reads: str
    hint: str
    phrases: tuple[Phrase, ...]
    unless: re.Pattern[str] | None = None


@functools.cache
def any_phrase() -> re.Pattern[str]:
    """Every phrase in one pattern: most text has none, and one search tells."""
    return re.compile(
        "|".join(f"(?:{p.pattern.pattern})" for c in categories() for p in c.phrases),
        re.IGNORECASE,
    )


@functools.cache
def source_titles() -> dict[str, str]:
    """The title of each source a phrase cites, by its id."""
    raw = json.loads(
        resources.files("hiring.rules").joinpath("data", EXCLUSION_FILE).read_text("utf-8")
    )
    return {s["id"]: s["title"] for s in raw["sources"]}


@functools.cache
def categories() -> tuple[Category, ...]:
    raw = json.loads(
        resources.files("hiring.rules").joinpath("data", EXCLUSION_FILE).read_text("utf-8")
    )
    return tuple(
        Category(
            id=c["id"],
            code=c["code"],
            label=c["label"],
            reads=c["reads"],
            hint=c["hint"],
            phrases=tuple(
                Phrase(
                    phrase=e["phrase"],
                    pattern=re.compile(e["match"], re.IGNORECASE),
                    suggestion=e["suggestion"],
                    source=e["source"],
                    except_research=e.get("except_research", False),
                )
                for e in c["entries"]
            ),
            unless=re.compile(c["unless"], re.IGNORECASE) if c.get("unless") else None,
        )
        for c in raw["categories"]
    )


def _sentence_at(text: str, position: int) -> str:
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= position < sentence.end():
            return sentence.group()
    return ""


@dataclass(frozen=True, slots=True)
class Hit:
    category: Category
    phrase: Phrase
    field: Field
    start: int
    end: int


def find_exclusions(fields: list[Field], research_title: bool = False) -> list[Hit]:
    """Every phrase of every category in the fields, in category and text order."""
    fields = [f for f in fields if any_phrase().search(f.text)]
    hits = []
    for category in categories():
        for phrase in category.phrases:
            if phrase.except_research and research_title:
                continue
            for f in fields:
                for m in phrase.pattern.finditer(f.text):
                    if category.unless and category.unless.search(_sentence_at(f.text, m.start())):
                        continue
                    hits.append(Hit(category, phrase, f, m.start(), m.end()))
    return hits


def check_exclusionary_language(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    research = bool(_RESEARCH_TITLE.search(posting.title))
    grouped: dict[tuple[str, str], list[Hit]] = {}
    for hit in find_exclusions(text_fields(posting), research):
        grouped.setdefault((hit.category.code, hit.phrase.phrase), []).append(hit)
    for hits in grouped.values():
        first = hits[0]
        words = first.field.text[first.start : first.end]
        yield Finding(
            code=first.category.code,
            severity=Severity.WARNING,
            message=MESSAGE.format(
                label=first.category.label,
                words=words,
                times=times(len(hits)),
                reads=first.category.reads,
            ),
            hint=HINT.format(hint=first.category.hint, suggestion=first.phrase.suggestion),
            subject=Subject("text", posting.id, words.lower()),
            evidence={
                "category": first.category.id,
                "phrase": first.phrase.phrase,
                "source": first.phrase.source,
                "count": len(hits),
                "positions": [h.field.position(h.start, h.end) for h in hits],
            },
        )
