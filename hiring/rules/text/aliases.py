"""Skills named in free text: the catalog's names and aliases, then the vocabulary of real ads.

The vocabulary (``data/vocabulary.json``) maps the words job ads use ("serving", "stakeholders",
"feature store", "RAG") to catalog skills; a catalog alias always wins over it, and on overlap
the longest phrase wins, so "causal inference" is not "inference". Its ``hints`` are generic
words that only suggest a skill ("analysis", "production", "stakeholders") and weigh
``hint_weight`` of a phrase that names it. Its ``ignore`` phrases match like any other but name
no skill ("serve as" is not model serving).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from hiring.rules.snapshot import Catalog
from hiring.rules.text.words import phrase_key, words

VOCABULARY_FILE = "vocabulary.json"
# The skill slug of an ``ignore`` phrase: it matches, consumes its words, and is dropped.
IGNORED = ""


@dataclass(frozen=True, slots=True)
class Match:
    """A stretch of text (offsets into the analysed text) that names a catalog skill."""

    skill: str
    alias: str
    start: int
    end: int
    weight: float = 1.0  # below 1 for a hint, a word that only suggests the skill


@dataclass(frozen=True, slots=True)
class Alias:
    key: tuple[str, ...]
    skill: str
    alias: str
    # One- and two-letter aliases ("R", "Go", "CI") must be written with a capital to count,
    # or every "r" and "go" in the text would be a skill.
    needs_capital: bool
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Vocabulary:
    phrases: dict[str, tuple[str, ...]]  # skill slug -> phrases that name it
    hints: dict[str, tuple[str, ...]]  # skill slug -> words that suggest it
    hint_weight: float
    ignore: tuple[str, ...]


@functools.cache
def vocabulary() -> Vocabulary:
    raw = json.loads(
        resources.files("hiring.rules").joinpath("data", VOCABULARY_FILE).read_text("utf-8")
    )
    return Vocabulary(
        phrases={slug: tuple(group["phrases"]) for slug, group in raw["skills"].items()},
        hints={slug: tuple(group.get("hints", ())) for slug, group in raw["skills"].items()},
        hint_weight=float(raw["hint_weight"]),
        ignore=tuple(raw["ignore"]["phrases"]),
    )


# The last few catalogs' alias indexes: a catalog is built once per request or batch and
# analysed many times, and building the index is most of the cost of matching.
_ALIAS_INDEXES: list[tuple[Catalog, dict[str, list[Alias]]]] = []
_ALIAS_INDEXES_KEPT = 4


def alias_index(catalog: Catalog) -> dict[str, list[Alias]]:
    """Aliases by first word, longest first so that the longest match wins."""
    for known, index in _ALIAS_INDEXES:
        if known is catalog:
            return index
    index = build_alias_index(catalog)
    _ALIAS_INDEXES.insert(0, (catalog, index))
    del _ALIAS_INDEXES[_ALIAS_INDEXES_KEPT:]
    return index


def build_alias_index(catalog: Catalog) -> dict[str, list[Alias]]:
    by_key: dict[tuple[str, ...], Alias] = {}

    def add(phrase: str, skill: str, weight: float = 1.0) -> None:
        key = phrase_key(phrase)
        if key and key not in by_key:
            short = len(key) == 1 and len(key[0]) <= 2
            by_key[key] = Alias(key, skill, phrase, short, weight)

    for skill in catalog.skills.values():
        for phrase in (skill.name, *skill.aliases, skill.slug.replace("-", " ")):
            add(phrase, skill.slug)
    known = vocabulary()
    for slug, phrases in known.phrases.items():
        if slug in catalog.skills:
            for phrase in phrases:
                add(phrase, slug)
    for slug, hints in known.hints.items():
        if slug in catalog.skills:
            for phrase in hints:
                add(phrase, slug, known.hint_weight)
    for phrase in known.ignore:
        add(phrase, IGNORED)
    index: dict[str, list[Alias]] = {}
    for alias in by_key.values():
        index.setdefault(alias.key[0], []).append(alias)
    for aliases in index.values():
        aliases.sort(key=lambda a: -len(a.key))
    return index


def match_skills(text: str, catalog: Catalog) -> list[Match]:
    """Skill mentions in text order; on overlap the longest alias wins, on words only."""
    index = alias_index(catalog)
    found: list[Match] = []
    ws = words(text)
    i = 0
    while i < len(ws):
        matched = None
        for alias in index.get(ws[i].key, ()):
            n = len(alias.key)
            span = ws[i : i + n]
            if tuple(w.key for w in span) != alias.key:
                continue
            if "\n" in text[span[0].start : span[-1].end]:
                continue  # a phrase does not run across lines
            if alias.needs_capital and (
                span[0].text.islower() or text[span[0].end : span[0].end + 1] == "&"
            ):
                continue  # "r" and "R&D" are not the R language
            matched = Match(alias.skill, alias.alias, span[0].start, span[-1].end, alias.weight)
            i += n
            break
        if matched is None:
            i += 1
        elif matched.skill != IGNORED:
            found.append(matched)
    return found
