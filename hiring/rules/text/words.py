"""Words of free text, normalised alike for the text and for the phrases matched against it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters, digits, + and # make words ("c++", "c#"); a dot joins only inside a word ("node.js").
_WORD = re.compile(r"[A-Za-z0-9+#]+(?:\.[A-Za-z0-9+#]+)*")


@dataclass(frozen=True, slots=True)
class Word:
    key: str
    text: str
    start: int
    end: int


def word_key(word: str) -> str:
    """Case- and plural-insensitive form of one word; applied alike to text and aliases."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[Word]:
    return [Word(word_key(m.group()), m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Punctuation, hyphens and slashes all separate words: "A/B-testing" == "a b testing"."""
    return tuple(w.key for w in words(phrase))


# Suffixes stripped to compare the words of two duty sentences ("deploying" ~ "deployment").
_SUFFIXES = (
    "isations", "izations", "isation", "ization", "ations", "ation", "ments", "ment", "ings",
    "ing", "ers", "ies", "ied", "ed", "es", "er", "ly", "e", "s",
)  # fmt: skip


def stem(word: str) -> str:
    """A crude stem for comparing duty sentences: lowercase, one suffix off, a doubled final
    consonant undone ("modelling" -> "model", "analyses" -> "analys", "deployed" -> "deploy")."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if len(word) > 4 and word.endswith("ll"):
        word = word[:-1]
    return word
