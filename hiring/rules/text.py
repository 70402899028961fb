"""Read free job text (as an ATS sends it) into a Posting snapshot the rules can check.

Everything here is a heuristic tuned for DS/MLE postings: skills are found through the
catalog's aliases, must-have vs nice-to-have from headers and phrases ("Nice to have:",
"... is a plus"), and years, pay, remote policy, locations, role family and level from the
usual ways postings state them. Structure that text cannot carry (a rubric) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from hiring.rules.regions import COUNTRY_TERMS, US_STATES
from hiring.rules.snapshot import (
    Catalog,
    Emphasis,
    Posting,
    PostingResponsibility,
    PostingSkill,
)

# ---------------------------------------------------------------------------------------
# Skills through aliases
# ---------------------------------------------------------------------------------------

# Spellings catalogs rarely list. Each key is matched against a skill's name, slug and
# aliases (after normalisation); the skill that has it also answers to the extra spellings.
# A catalog alias always wins over one of these.
EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "kubernetes": ("k8s", "kube"),
    "a/b testing": (
        "a/b test", "a/b-testing", "ab test", "ab testing", "a/b experiment", "split test",
        "split testing", "controlled experiment", "online experiment", "experiment design",
        "experimental design", "randomized controlled trial", "randomised controlled trial",
    ),
    "docker": ("containerization", "containerisation", "containerize", "containerise"),
    "scikit-learn": ("sklearn",),
    "postgresql": ("postgres",),
    "ci/cd": ("cicd", "continuous integration", "continuous delivery", "continuous deployment"),
    "natural language processing": ("nlp",),
    "large language models": ("llm", "llms"),
    "amazon web services": ("aws",),
    "google cloud platform": ("gcp", "google cloud"),
    "microsoft azure": ("azure",),
}  # fmt: skip

# Letters, digits, + and # make words ("c++", "c#"); a dot joins only inside a word ("node.js").
_WORD = re.compile(r"[A-Za-z0-9+#]+(?:\.[A-Za-z0-9+#]+)*")


@dataclass(frozen=True, slots=True)
class Match:
    """A stretch of text (offsets into the analysed text) that names a catalog skill."""

    skill: str
    alias: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Word:
    key: str
    text: str
    start: int
    end: int


def word_key(word: str) -> str:
    """Case- and plural-insensitive form of one word; applied alike to text and aliases."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[_Word]:
    return [_Word(word_key(m.group()), m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Punctuation, hyphens and slashes all separate words: "A/B-testing" == "a b testing"."""
    return tuple(w.key for w in words(phrase))


@dataclass(frozen=True, slots=True)
class _Alias:
    key: tuple[str, ...]
    skill: str
    alias: str
    # One- and two-letter aliases ("R", "Go") must be written with a capital to count,
    # or every "r" and "go" in the text would be a skill.
    needs_capital: bool


# The last few catalogs' alias indexes: a catalog is built once per request or batch and
# analysed many times, and building the index is most of the cost of matching.
_ALIAS_INDEXES: list[tuple[Catalog, dict[str, list[_Alias]]]] = []
_ALIAS_INDEXES_KEPT = 4


def alias_index(catalog: Catalog) -> dict[str, list[_Alias]]:
    """Aliases by first word, longest first so that the longest match wins."""
    for known, index in _ALIAS_INDEXES:
        if known is catalog:
            return index
    index = build_alias_index(catalog)
    _ALIAS_INDEXES.insert(0, (catalog, index))
    del _ALIAS_INDEXES[_ALIAS_INDEXES_KEPT:]
    return index


def build_alias_index(catalog: Catalog) -> dict[str, list[_Alias]]:
    by_key: dict[tuple[str, ...], _Alias] = {}

    def add(phrase: str, skill: str) -> None:
        key = phrase_key(phrase)
        if key and key not in by_key:
            short = len(key) == 1 and len(key[0]) <= 2
            by_key[key] = _Alias(key, skill, phrase, short)

    extras: list[tuple[str, str]] = []
    for skill in catalog.skills.values():
        phrases = [skill.name, *skill.aliases, skill.slug.replace("-", " ")]
        for phrase in phrases:
            add(phrase, skill.slug)
        keys = {phrase_key(p) for p in phrases}
        for canonical, spellings in EXTRA_ALIASES.items():
            if phrase_key(canonical) in keys:
                extras += [(spelling, skill.slug) for spelling in spellings]
    for phrase, slug in extras:
        add(phrase, slug)
    index: dict[str, list[_Alias]] = {}
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
            matched = Match(alias.skill, alias.alias, span[0].start, span[-1].end)
            i += n
            break
        if matched is None:
            i += 1
        else:
            found.append(matched)
    return found


# ---------------------------------------------------------------------------------------
# Must-have or nice-to-have, and how heavily
# ---------------------------------------------------------------------------------------

_NICE = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|good[- ]to[- ]haves?|bonus(?: points?)?|preferred|"
    r"(?:a|big|huge|definite|nice)\s+plus|pluses|desirable|ideally|optional|not required|"
    r"would be (?:great|nice|helpful))\b",
    re.IGNORECASE,
)
_HEADER_NICE = re.compile(r"^\s*(?:plus|extras?)\s*:?\s*$", re.IGNORECASE)
_HEAVY_CUE = re.compile(
    r"\b(?:expert|expertise|deep|strong|extensive|advanced|mastery|heavy|heavily|in-depth|"
    r"excellent)\b|\b\d+\s*\+\s*years?\b",
    re.IGNORECASE,
)
_LIGHT_CUE = re.compile(
    r"\b(?:familiar|familiarity|exposure|basic|basics|awareness|introductory|some experience)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013]|\d+[.)])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


# Headers of the part that says what the job does rather than what it requires.
_DUTY = re.compile(
    r"responsibilit|what you['\u2019]?ll do|what you will do|you will|your impact|the role|"
    r"day[- ]to[- ]day|typical (?:day|week)|core activities|duties",
    re.IGNORECASE,
)

MUST, NICE, DUTY = "must", "nice", "duty"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    line: int
    part: str  # MUST, NICE or DUTY


def emphasis_at(text: str, sentence: Sentence, position: int, names: list[Match]) -> Emphasis:
    """The emphasis a cue before ``position`` in the sentence gives ("strong", "familiarity").

    A cue colours the skills named after it, not those before ("Python, SQL, and Spark
    when deeper ML is needed"), and a cue inside a skill's name ("deep learning") is none.
    """
    best: tuple[int, Emphasis] | None = None
    for pattern, level in ((_HEAVY_CUE, Emphasis.HEAVY), (_LIGHT_CUE, Emphasis.LIGHT)):
        for cue in pattern.finditer(text, sentence.start, sentence.end):
            at = cue.start()
            if at > position or any(m.start <= at < m.end for m in names):
                continue
            if best is None or at > best[0]:
                best = (at, level)
    return best[1] if best else Emphasis.MEDIUM


def _label(line: str) -> tuple[str, str] | None:
    """(label, rest) when a line is a header ("Nice to have:", "Requirements") or starts
    with a short label ("Bonus: Spark"); None for ordinary content and for bullets."""
    if _BULLET.match(line):
        return None
    stripped = line.strip().strip("#*_ ").strip()
    if not stripped:
        return None
    head, colon, rest = stripped.partition(":")
    if colon and len(head.split()) <= 6:
        return head, rest.strip()
    if len(stripped.split()) <= 5 and not stripped.endswith((".", ",", ";", "!", "?")):
        return stripped, ""
    return None


def _part_of(head: str) -> str:
    if _NICE.search(head) or _HEADER_NICE.match(head):
        return NICE
    if _DUTY.search(head):
        return DUTY
    return MUST


def sentences(text: str) -> Iterator[Sentence]:
    """Sentences with the part of the posting they sit in and the emphasis they suggest.

    A header starts a part (requirements, nice-to-haves, duties) that runs to the next
    header; a nice-to-have phrase makes its own sentence nice-to-have anywhere.
    """
    section = MUST
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        body = line.rstrip("\r\n")
        part = section
        label = _label(body)
        if label is not None:
            head, rest = label
            labelled = _part_of(head)
            if rest:
                part = labelled if labelled != MUST else section
            else:
                section = part = labelled
        at = 0
        for piece in _SENTENCE_END.split(body):
            at = body.find(piece, at)
            kind = NICE if _NICE.search(piece) else part
            yield Sentence(offset + at, offset + at + len(piece), number, kind)
            at += len(piece)
        offset += len(line)


def posting_blocks(
    text: str, matches: Iterable[Match]
) -> tuple[tuple[PostingSkill, ...], tuple[PostingResponsibility, ...]]:
    """Skill rows from what the posting requires, responsibilities from what the job does.

    A skill named in a requirement is a must-have, in a nice-to-have part LIGHT and not a
    must. A must-have takes the emphasis its sentence suggests ("deep", "strong" -> HEAVY;
    "familiarity" -> LIGHT; else MEDIUM), and HEAVY when named three times or more. A skill
    named only in the duties is not a skill row: each duty line becomes a responsibility
    with its skills, as a composed posting's responsibilities are. Its ``text`` is left
    empty because the words are already in the summary (the whole text), so every offset
    in a finding points into the text that was sent.
    """
    spans = list(sentences(text))
    matches = list(matches)
    must_level: dict[str, Emphasis] = {}
    must_count: dict[str, int] = {}
    nice: set[str] = set()
    duties: dict[int, list[str]] = {}
    order: dict[str, int] = {}
    for match in matches:
        where = next((s for s in spans if s.start <= match.start < s.end), None)
        part = where.part if where else MUST
        if part == DUTY and where is not None:
            duties.setdefault(where.line, []).append(match.skill)
            continue
        order.setdefault(match.skill, len(order))
        if part == NICE:
            nice.add(match.skill)
            continue
        level = emphasis_at(text, where, match.start, matches) if where else Emphasis.MEDIUM
        must_level[match.skill] = max(must_level.get(match.skill, Emphasis.NONE), level)
        must_count[match.skill] = must_count.get(match.skill, 0) + 1
    rows = []
    for slug, position in order.items():
        if slug in must_level:
            level = must_level[slug]
            if must_count[slug] >= 3 and level == Emphasis.MEDIUM:
                level = Emphasis.HEAVY
            rows.append(PostingSkill(skill=slug, must_have=True, emphasis=level, order=position))
        else:
            rows.append(
                PostingSkill(skill=slug, must_have=False, emphasis=Emphasis.LIGHT, order=position)
            )
    responsibilities = tuple(
        PostingResponsibility(text="", skills=tuple(dict.fromkeys(skills)), order=i)
        for i, skills in enumerate(duties.values())
    )
    return tuple(rows), responsibilities


# ---------------------------------------------------------------------------------------
# Years of experience
# ---------------------------------------------------------------------------------------

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


def to_int(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


@dataclass(frozen=True, slots=True)
class Years:
    years_min: int | None
    years_max: int | None
    tool_years: tuple[tuple[str, int], ...]


def experience_years(text: str, matches: list[Match]) -> Years:
    """General years asked ("5+ years of experience") and years per tool ("10 years of k8s").

    Years of a tool count towards the general range too: "8 years of Python" is experience.
    Years not about experience ("founded 10 years ago") are ignored.
    """
    lows: list[int] = []
    highs: list[int] = []
    tools: list[tuple[str, int]] = []
    for m in _YEARS.finditer(text):
        low = to_int(m.group("low"))
        high = to_int(m.group("high")) if m.group("high") else None
        rest = text[m.end() : m.end() + 120].split("\n", 1)[0]
        following = re.findall(r"[a-z]+(?:-[a-z]+)?", rest.lower())
        if following[:1] in (["ago"], ["old"]):
            continue
        tool = next((x for x in matches if m.end() <= x.start <= m.end() + len(rest)), None)
        gap = re.findall(r"[a-z]+(?:-[a-z]+)?", text[m.end() : tool.start].lower()) if tool else []
        if tool is not None and all(w in _FILLER for w in gap):
            tools.append((tool.skill, low))
        elif not any(w in ("experience", "exp", "industry") for w in following[:5]):
            before = text[max(0, m.start() - 40) : m.start()].lower()
            if "experience" not in before:
                continue
        lows.append(low)
        if high is not None:
            highs.append(high)
    return Years(
        years_min=min(lows) if lows else None,
        years_max=max(highs) if highs else None,
        tool_years=tuple(dict.fromkeys(tools)),
    )


# ---------------------------------------------------------------------------------------
# Pay
# ---------------------------------------------------------------------------------------

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "Rs": "INR"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "INR", "CAD", "AUD", "SGD", "CHF")
MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "l": 100_000, "lakh": 100_000, "lakhs": 100_000,
               "lac": 100_000, "lacs": 100_000, "lpa": 100_000, "cr": 10_000_000,
               "crore": 10_000_000, "crores": 10_000_000}  # fmt: skip
_CUR = r"(?:US\$|\$|€|£|₹|Rs\.?|" + "|".join(CURRENCY_CODES) + r")"
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:lakhs?|lacs?|lpa|crores?|cr|k|m|l)\b"
_SALARY_RANGE = re.compile(
    rf"(?P<c1>{_CUR})?\s?(?P<a>{_AMOUNT})\s?(?P<ma>{_MULT})?\s*(?:-|\u2013|\u2014|to)\s*"
    rf"(?P<c2>{_CUR})?\s?(?P<b>{_AMOUNT})\s?(?P<mb>{_MULT})?(?:\s*(?P<c3>{_CUR})\b)?",
    re.IGNORECASE,
)
_SALARY_ONE = re.compile(
    rf"(?P<c1>{_CUR})\s?(?P<a>{_AMOUNT})\s?(?P<ma>{_MULT})?(?:\s*(?P<c3>{_CUR})\b)?",
    re.IGNORECASE,
)
_PAY_WORD = re.compile(r"\b(?:salary|compensation|pay|base|ctc|wage|rate)\b", re.IGNORECASE)
_PER_HOUR = re.compile(r"^\s*(?:/\s*|per\s+|an?\s+)(?:hour|hr)\b|^\s*hourly", re.IGNORECASE)
_PER_MONTH = re.compile(r"^\s*(?:/\s*|per\s+|a\s+)(?:month|mo)\b|^\s*monthly", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Pay:
    salary_min: Decimal | None
    salary_max: Decimal | None
    currency: str
    period: str


def _currency(*symbols: str | None) -> str:
    for symbol in symbols:
        if symbol:
            cleaned = symbol.rstrip(".")
            upper = cleaned.upper()
            if upper in CURRENCY_CODES:
                return upper
            return CURRENCY_SYMBOLS.get(cleaned, CURRENCY_SYMBOLS.get(cleaned.title(), ""))
    return ""


def _amount(number_text: str, multiplier: str | None) -> Decimal:
    value = Decimal(number_text.replace(",", ""))
    return value * MULTIPLIERS[multiplier.lower()] if multiplier else value


def _period(after: str) -> str:
    if _PER_HOUR.search(after):
        return "HOUR"
    if _PER_MONTH.search(after):
        return "MONTH"
    return "YEAR"


def pay(text: str) -> Pay:
    """The first pay range (or a lone amount on a line about pay) with currency and period."""
    for m in _SALARY_RANGE.finditer(text):
        currency = _currency(m.group("c1"), m.group("c2"), m.group("c3"))
        ma, mb = m.group("ma"), m.group("mb")
        if not currency and (mb or "").lower() in ("lpa", "lakh", "lakhs", "lac", "lacs", "l"):
            currency = "INR"
        if not currency:
            continue
        low_mult = ma or (mb if mb and Decimal(m.group("a").replace(",", "")) < 1000 else None)
        low, high = _amount(m.group("a"), low_mult), _amount(m.group("b"), mb)
        return Pay(low, high, currency, _period(text[m.end() : m.end() + 30]))
    for line in text.splitlines():
        if not _PAY_WORD.search(line):
            continue
        one = _SALARY_ONE.search(line)
        if one:
            value = _amount(one.group("a"), one.group("ma"))
            currency = _currency(one.group("c1"), one.group("c3"))
            after = line[one.end() : one.end() + 30]
            return Pay(value, value, currency, _period(after))
    return Pay(None, None, "", "YEAR")


# ---------------------------------------------------------------------------------------
# Where, and how remote
# ---------------------------------------------------------------------------------------

_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_REMOTE = re.compile(
    r"(?<!not )(?<!no )(?<!non-)\b(?:fully[- ]remote|remote[- ]first|remote)\b", re.IGNORECASE
)
_LOCATION_LINE = re.compile(r"^\s*(?:locations?|based in)\s*:\s*(.+)$", re.I | re.M)
_CITY_STATE = re.compile(r"\b([A-Z][a-zA-Z.]+(?: [A-Z][a-zA-Z.]+){0,2}), ([A-Z]{2})\b")
_REMOTE_IN = re.compile(r"\bremote\s*\(\s*([A-Za-z .]+?)\s*\)", re.IGNORECASE)
# "Seattle, WA (hybrid)": the policy in brackets is not part of the place.
_POLICY_NOTE = re.compile(r"\s*\((?:hybrid|on-?site|in[- ]office)[^)]*\)", re.IGNORECASE)
_SPLIT_LOCATIONS = re.compile(r"\s*(?:;|\||/| or |\band\b)\s*")
_PLACE_NAMES = tuple(
    sorted(
        {t for terms in COUNTRY_TERMS.values() for t in terms if len(t) > 3 and "." not in t},
        key=len,
        reverse=True,
    )
)


def remote_policy(text: str) -> str:
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "remote"
    return "onsite"


def locations(text: str) -> tuple[str, ...]:
    """Locations from a "Location:" line, else "City, ST", "Remote (US)" and known places."""
    found: list[str] = []
    line = _LOCATION_LINE.search(text)
    if line:
        places = _POLICY_NOTE.sub("", line.group(1))
        found += [p.strip(" .") for p in _SPLIT_LOCATIONS.split(places) if p.strip(" .")]
    else:
        found += [m.group() for m in _REMOTE_IN.finditer(text)]
        found += [m.group() for m in _CITY_STATE.finditer(text) if m.group(2).lower() in US_STATES]
        lowered = text.lower()
        for name in _PLACE_NAMES:
            at = re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", lowered)
            if at and not any(name in f.lower() for f in found):
                found.append(text[at.start() : at.end()])
    return tuple(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------
# Title: role family and level
# ---------------------------------------------------------------------------------------

FAMILY_PATTERNS = (
    ("data-scientist", re.compile(r"\bdata scien(?:tist|ce)\b", re.IGNORECASE)),
    (
        "machine-learning-engineer",
        re.compile(
            r"\b(?:machine[- ]learning engineer(?:ing)?|ml engineer(?:ing)?|mle|"
            r"ml ?ops engineer)\b",
            re.IGNORECASE,
        ),
    ),
)
# Checked in this order, so "Senior Staff" is staff and "Senior Principal" principal.
LEVEL_WORDS = (
    ("director", ("director", "head of")),
    ("principal", ("principal",)),
    ("staff", ("staff",)),
    ("lead", ("lead",)),
    ("senior", ("senior", "sr", "sr.")),
    ("junior", ("junior", "jr", "jr.", "entry level", "entry-level", "graduate")),
)


def role_family(title: str, catalog: Catalog) -> str | None:
    hits = [(p.search(title), slug) for slug, p in FAMILY_PATTERNS if slug in catalog.roles]
    found = sorted((m.start(), slug) for m, slug in hits if m)
    return found[0][1] if found else None


def level(title: str, family: str | None, catalog: Catalog) -> str | None:
    """The family's level whose name carries the title's seniority word, lowest rank first."""
    if family is None:
        return None
    lowered = title.lower()
    for word, spellings in LEVEL_WORDS:
        if not any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", lowered) for s in spellings):
            continue
        candidates = [
            lv
            for lv in catalog.levels.values()
            if lv.role_family == family
            and (re.search(rf"\b{word}\b", lv.name.lower()) or word in lv.slug.split("-"))
        ]
        return min(candidates, key=lambda lv: lv.rank).slug if candidates else None
    return None


# ---------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------


def read_posting(title: str, text: str, catalog: Catalog) -> tuple[Posting, tuple[Match, ...]]:
    """A Posting snapshot of free text (summary = the whole text) and the skill mentions."""
    matches = match_skills(text, catalog)
    years = experience_years(text, matches)
    money = pay(text)
    family = role_family(title, catalog)
    skills, responsibilities = posting_blocks(text, matches)
    posting = Posting(
        title=title,
        role_family=family,
        level=level(title, family, catalog),
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
    )
    return posting, tuple(matches)
