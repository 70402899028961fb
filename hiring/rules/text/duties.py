"""Duty sentences of an ad matched to the catalog's responsibilities.

A sentence matches a responsibility when it shares most of the responsibility's distinctive
words (stems, weighted by how rare each is among the catalog's responsibilities): "Present
your analyses to senior stakeholders" is "Present findings to stakeholders, PMs and
executives". The match brings the skills the responsibility exercises, as a composed
posting's responsibilities do.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from hiring.rules.snapshot import Catalog, CatalogResponsibility
from hiring.rules.text.words import stem

# Share of a responsibility's word weight a sentence must cover, and the fewest shared words.
MIN_COVERAGE = 0.5
MIN_SHARED = 2

_STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "e.g", "eg", "for", "from", "how",
        "in", "into", "is", "it", "its", "of", "on", "or", "our", "so", "such", "than", "that",
        "the", "their", "them", "they", "this", "to", "up", "use", "using", "via", "we",
        "what", "when", "where", "which", "who", "will", "with", "you", "your", "other",
        "others", "many", "more", "most", "new", "own", "make", "makes", "made", "sure",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[a-z][a-z0-9+#]*")


def content_stems(text: str) -> frozenset[str]:
    return frozenset(
        stem(token) for token in _TOKEN.findall(text.lower()) if token not in _STOPWORDS
    )


@dataclass(frozen=True, slots=True)
class DutyIndex:
    stems: Mapping[str, frozenset[str]]  # responsibility slug -> its content stems
    weight: Mapping[str, float]  # stem -> weight (rarer among responsibilities: heavier)


_INDEXES: list[tuple[Catalog, DutyIndex]] = []
_INDEXES_KEPT = 4


def duty_index(catalog: Catalog) -> DutyIndex:
    for known, index in _INDEXES:
        if known is catalog:
            return index
    stems = {slug: content_stems(r.text) for slug, r in catalog.responsibilities.items()}
    counts: dict[str, int] = {}
    for words in stems.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    total = max(len(stems), 1)
    index = DutyIndex(
        stems=stems,
        weight={word: math.log(1 + total / count) for word, count in counts.items()},
    )
    _INDEXES.insert(0, (catalog, index))
    del _INDEXES[_INDEXES_KEPT:]
    return index


def match_duty(sentence: str, catalog: Catalog) -> CatalogResponsibility | None:
    """The catalog responsibility a duty sentence states, if one clearly does."""
    if not catalog.responsibilities:
        return None
    index = duty_index(catalog)
    words = content_stems(sentence)
    best: tuple[float, str] | None = None
    for slug, wanted in index.stems.items():
        shared = wanted & words
        if len(shared) < MIN_SHARED:
            continue
        total = math.fsum(index.weight[w] for w in wanted)
        coverage = math.fsum(index.weight[w] for w in shared) / total if total else 0.0
        if coverage >= MIN_COVERAGE and (best is None or (coverage, slug) > best):
            best = (coverage, slug)
    return catalog.responsibilities[best[1]] if best else None
