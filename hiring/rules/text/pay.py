"""Pay from free text: the first range with a currency, or a lone amount on a line about pay."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

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
