"""Inclusive language: gender-coded words and exclusionary or cliched phrases.

Gender coding follows gender-decoder (word lists from Gaucher, Friesen & Kay 2011): a word
is coded when it starts with a listed stem. Phrases follow joblint's word-bounded triggers.
Both are ported faithfully so their own test cases can be replayed; where rolekit differs
on purpose the difference is data (``rolekit_domain_exceptions``, ``rolekit_triggers``) with
its reason beside it. See ``data/LICENSES.md`` for attribution.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting

MASCULINE_WORD = "rules.I601"
STRONGLY_MASCULINE = "rules.W602"
MASCULINE_CODED = "rules.I603"

MASCULINE_WORD_MESSAGE = 'Masculine-coded word "{word}"{times}.'
MASCULINE_WORD_HINT = (
    "Research on job ads (Gaucher, Friesen & Kay 2011) found masculine-coded wording makes "
    "a job less appealing to women. Consider a neutral word, or balance it."
)
CODING_MESSAGE = (
    "The wording is {coding}: {masculine} masculine-coded vs {feminine} feminine-coded words."
)
CODING_HINT = (
    "Replace some masculine-coded words (see the word findings) with neutral ones; "
    "feminine-coded wording barely affects how men read an ad."
)
JOBLINT_MESSAGE = '{label}: "{word}"{times}.'

GENDER_FILE = "gender_decoder_wordlists.json"
JOBLINT_FILE = "joblint_rules.json"

# gender-decoder's clean_up_word_list: every non-ASCII character, whitespace and these
# punctuation marks separate words; everything else (letters, digits, - + # ...) is a word.
_GENDER_WORD = re.compile(r"""[^\x80-\U0010ffff\s.,<>*?!"\[\]@':;()/&]+""")


def _read(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        resources.files("hiring.rules").joinpath("data", name).read_text("utf-8")
    )
    return data


def times(count: int) -> str:
    return f" ({count} times)" if count > 1 else ""


# ---------------------------------------------------------------------------------------
# Gender-coded words
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordLists:
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    hyphenated: tuple[str, ...]
    exceptions: frozenset[str]
    domain_exceptions: frozenset[str] = frozenset()


@functools.cache
def word_lists() -> WordLists:
    raw = _read(GENDER_FILE)
    domain = raw.get("rolekit_domain_exceptions", {})
    assert isinstance(domain, dict)

    def strings(key: str) -> tuple[str, ...]:
        value = raw[key]
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    return WordLists(
        masculine=strings("masculine_coded_words"),
        feminine=strings("feminine_coded_words"),
        hyphenated=strings("hyphenated_coded_words"),
        exceptions=frozenset(strings("non_coded_exceptions")),
        domain_exceptions=frozenset(str(w) for w in domain.get("words", [])),
    )


def upstream_word_lists() -> WordLists:
    """gender-decoder's lists without rolekit's domain exceptions."""
    lists = word_lists()
    return WordLists(lists.masculine, lists.feminine, lists.hyphenated, lists.exceptions)


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lowercased
    start: int
    end: int


def gender_tokens(text: str, lists: WordLists | None = None) -> list[Token]:
    """gender-decoder's word list for ``text``, with each word's offsets in ``text``.

    Hyphenated words are split ("data-driven" -> data, driven) unless they begin with a
    hyphenated coded stem ("co-operative" stays whole).
    """
    hyphenated = (lists or word_lists()).hyphenated
    tokens: list[Token] = []
    for match in _GENDER_WORD.finditer(text):
        word = match.group().lower()
        if "-" not in word or word.startswith(hyphenated):
            tokens.append(Token(word, match.start(), match.end()))
            continue
        offset = match.start()
        for part in word.split("-"):
            if part:
                tokens.append(Token(part, offset, offset + len(part)))
            offset += len(part) + 1
    return tokens


@dataclass(frozen=True, slots=True)
class CodedWord:
    token: Token
    stem: str


@functools.lru_cache(maxsize=16)
def _stems_by_start(stems: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Stems grouped by their first two letters, so a word is tried only against stems it
    could start with (a word list has ~100 stems; a posting has thousands of words)."""
    groups: dict[str, list[str]] = {}
    for stem in stems:
        # Stems shorter than two letters go under "" and are tried against every word.
        groups.setdefault(stem[:2] if len(stem) >= 2 else "", []).append(stem)
    return {start: tuple(group) for start, group in groups.items()}


def coded_words(tokens: Sequence[Token], stems: Sequence[str], lists: WordLists) -> list[CodedWord]:
    """Every (token, stem) match, in text order: a token matching two stems counts twice."""
    skip = lists.exceptions | lists.domain_exceptions
    groups = _stems_by_start(tuple(stems))
    short = groups.get("", ())
    return [
        CodedWord(token, stem)
        for token in tokens
        if token.word not in skip
        for stem in (*short, *groups.get(token.word[:2], ()))
        if token.word.startswith(stem)
    ]


def coding_verdict(masculine: int, feminine: int) -> str:
    """gender-decoder's verdict from the two counts."""
    score = feminine - masculine
    if score == 0:
        return "neutral" if feminine else "empty"
    if score > 3:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score < -3:
        return "strongly masculine-coded"
    return "masculine-coded"


@dataclass(frozen=True, slots=True)
class GenderCoding:
    masculine: tuple[CodedWord, ...]
    feminine: tuple[CodedWord, ...]

    @property
    def verdict(self) -> str:
        return coding_verdict(len(self.masculine), len(self.feminine))


def gender_coding(text: str, lists: WordLists | None = None) -> GenderCoding:
    lists = lists or word_lists()
    tokens = gender_tokens(text, lists)
    return GenderCoding(
        masculine=tuple(coded_words(tokens, lists.masculine, lists)),
        feminine=tuple(coded_words(tokens, lists.feminine, lists)),
    )


def list_words(words: Sequence[CodedWord]) -> list[str]:
    """Distinct coded words in order of first use, as gender-decoder's results page lists them."""
    counts: dict[str, int] = {}
    for coded in words:
        counts[coded.token.word] = counts.get(coded.token.word, 0) + 1
    return [f"{word}{times(count)}" for word, count in counts.items()]


# ---------------------------------------------------------------------------------------
# joblint phrases
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhraseRule:
    name: str
    triggers: tuple[str, ...]
    level: str = "notice"
    increment: Mapping[str, int] = field(default_factory=dict)
    reason: str = ""
    solution: str = ""
    code: str = ""
    severity: Severity = Severity.INFO
    # rolekit's own words for the finding; joblint's name, reason and solution are kept
    # for reference (and the API's evidence) but not shown to a recruiter.
    label: str = ""
    hint: str = ""

    patterns: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # joblint compiles new RegExp("\\b(" + T + ")\\b", "gim"); JavaScript's \b and \w are
        # ASCII-only, hence re.ASCII.
        flags = re.IGNORECASE | re.MULTILINE | re.ASCII
        compiled = tuple(re.compile(r"\b(" + t + r")\b", flags) for t in self.triggers)
        object.__setattr__(self, "patterns", compiled)


def phrase_rules(*, upstream: bool = False) -> tuple[PhraseRule, ...]:
    """joblint's rules; rolekit's own triggers unless ``upstream`` asks for joblint's."""
    return _phrase_rules(upstream)


@functools.cache
def _phrase_rules(upstream: bool) -> tuple[PhraseRule, ...]:
    raw = _read(JOBLINT_FILE)["rules"]
    assert isinstance(raw, list)
    return tuple(
        PhraseRule(
            name=item["name"],
            triggers=tuple(
                item["triggers"] if upstream else item.get("rolekit_triggers", item["triggers"])
            ),
            level=item["level"],
            increment=dict(item.get("increment", {})),
            reason=item["reason"],
            solution=item["solution"],
            code=item["code"],
            severity=Severity(item["severity"]),
            label=item["rolekit_label"],
            hint=item["rolekit_hint"],
        )
        for item in raw
    )


@dataclass(frozen=True, slots=True)
class Issue:
    rule: PhraseRule
    occurrence: str
    position: int
    context: str

    @property
    def end(self) -> int:
        return self.position + len(self.occurrence)


@dataclass(frozen=True, slots=True)
class LintResult:
    issues: tuple[Issue, ...]
    counts: Mapping[str, int]


def issue_context(text: str, occurrence: str, position: int) -> str:
    """A short excerpt around an occurrence, as joblint builds it (same lengths, same ellipses)."""
    context = "{{occurance}}"
    before = re.split(r"[\r\n]+", text[:position])[-1]
    for word in reversed(re.split(r"(\s+)", re.sub(r"\s+", " ", before))):
        if len(context) < 32:
            context = word + context
        elif not context.startswith("…"):
            context = "…" + context.strip()
    after = re.split(r"[\r\n]+", text[position + len(occurrence) :])[0]
    for word in re.split(r"(\s+)", re.sub(r"\s+", " ", after)):
        if len(context) < 52:
            context += word
        elif not context.endswith("…"):
            context = context.strip() + "…"
    return context.strip()


def lint(text: str, rules: Sequence[PhraseRule] | None = None) -> LintResult:
    """Every match of every trigger, ordered by position; counts floored at zero at the end."""
    issues: list[Issue] = []
    counts: dict[str, int] = {}
    for rule in phrase_rules() if rules is None else rules:
        for pattern in rule.patterns:
            for match in pattern.finditer(text):
                for key, amount in rule.increment.items():
                    counts[key] = counts.get(key, 0) + amount
                occurrence = match.group(1)
                issues.append(
                    Issue(
                        rule,
                        occurrence,
                        match.start(),
                        issue_context(text, occurrence, match.start()),
                    )
                )
    issues.sort(key=lambda issue: issue.position)  # stable: rule order breaks ties
    return LintResult(tuple(issues), {key: max(value, 0) for key, value in counts.items()})


# ---------------------------------------------------------------------------------------
# Rules over a posting
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """A stretch of posting text; positions in findings are offsets within ``text``."""

    name: str
    text: str
    index: int | None = None
    id: int | None = None
    # The company's text, not the posting's: shown on every posting of the company.
    company: bool = False

    def position(self, start: int, end: int) -> dict[str, object]:
        where: dict[str, object] = {"field": self.name, "start": start, "end": end}
        if self.index is not None:
            where["index"] = self.index
            where["id"] = self.id
        if self.company:
            where["company"] = True
        where["text"] = self.text[start:end]
        return where


def text_fields(posting: Posting) -> list[Field]:
    fields = [
        Field("title", posting.title),
        Field("summary", posting.summary),
        Field("team", posting.team),
        Field("benefits", posting.benefits),
    ]
    fields += [
        Field("responsibility", r.text, index=i, id=r.id)
        for i, r in enumerate(posting.responsibilities)
    ]
    # The company's texts the posting shows candidates, read after the posting's own.
    company_texts = (
        ("about_company", posting.about_company),
        ("equal_opportunity", posting.equal_opportunity),
        ("pay_statement", posting.pay_statement),
    )
    fields += [
        Field(name, text, company=name in posting.company_texts) for name, text in company_texts
    ]
    return [f for f in fields if f.text]


def check_gender_coded_words(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    lists = word_lists()
    by_word: dict[str, list[tuple[Field, CodedWord]]] = {}
    masculine = feminine = 0
    feminine_words: list[str] = []
    for f in text_fields(posting):
        coding = gender_coding(f.text, lists)
        masculine += len(coding.masculine)
        feminine += len(coding.feminine)
        feminine_words += [c.token.word for c in coding.feminine]
        for coded in coding.masculine:
            by_word.setdefault(coded.token.word, []).append((f, coded))
    for word, hits in by_word.items():
        # A word matching two stems ("dominant": domina, dominant) is one place in the text.
        places = {(f.name, f.index, c.token.start): (f, c) for f, c in hits}
        yield Finding(
            code=MASCULINE_WORD,
            severity=Severity.INFO,
            message=MASCULINE_WORD_MESSAGE.format(word=word, times=times(len(places))),
            hint=MASCULINE_WORD_HINT,
            subject=Subject("text", posting.id, word),
            evidence={
                "word": word,
                "stems": sorted({c.stem for _, c in hits}),
                "count": len(places),
                "positions": [f.position(c.token.start, c.token.end) for f, c in places.values()],
            },
        )
    verdict = coding_verdict(masculine, feminine)
    if verdict not in ("masculine-coded", "strongly masculine-coded"):
        return
    yield Finding(
        code=STRONGLY_MASCULINE if verdict == "strongly masculine-coded" else MASCULINE_CODED,
        severity=Severity.WARNING if verdict == "strongly masculine-coded" else Severity.INFO,
        message=CODING_MESSAGE.format(coding=verdict, masculine=masculine, feminine=feminine),
        hint=CODING_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={
            "coding": verdict,
            "masculine_count": masculine,
            "feminine_count": feminine,
            "masculine_words": sorted(by_word),
            "feminine_words": sorted(set(feminine_words)),
        },
    )


def check_phrases(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    grouped: dict[tuple[str, str], list[tuple[Field, Issue]]] = {}
    for f in text_fields(posting):
        for issue in lint(f.text).issues:
            grouped.setdefault((issue.rule.code, issue.occurrence.lower()), []).append((f, issue))
    for (code, word), hits in grouped.items():
        rule = hits[0][1].rule
        yield Finding(
            code=code,
            severity=rule.severity,
            message=JOBLINT_MESSAGE.format(label=rule.label, word=word, times=times(len(hits))),
            hint=rule.hint,
            subject=Subject("text", posting.id, word),
            evidence={
                "word": word,
                "rule": rule.name,
                "joblint_level": rule.level,
                "count": len(hits),
                "positions": [
                    {**f.position(issue.position, issue.end), "context": issue.context}
                    for f, issue in hits
                ],
            },
        )
