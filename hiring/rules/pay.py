"""Pay: a sane range, in line with the reference band, and present where the law wants it."""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

from hiring.rules.context import Context
from hiring.rules.findings import Finding, Severity, Subject, number
from hiring.rules.regions import contains_term, country_wide, regions_of
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting, SalaryReference

SALARY_RANGE_INVERTED = "rules.E301"
SALARY_BELOW_BAND = "rules.W302"
SALARY_ABOVE_BAND = "rules.W303"
PAY_RANGE_REQUIRED = "rules.E304"
PAY_RANGE_OPEN_ENDED = "rules.W305"
PAY_RANGE_TOO_WIDE = "rules.W306"

INVERTED_MESSAGE = "Minimum salary ({low}) is above maximum salary ({high})."
INVERTED_HINT = "Swap the two amounts."
BELOW_MESSAGE = "Pay from {low} is more than {tolerance}% below the reference band {band}."
BELOW_HINT = "Check the range against the market, or say why it sits below the reference."
ABOVE_MESSAGE = "Pay up to {high} is more than {tolerance}% above the reference band {band}."
ABOVE_HINT = "Check the level and the range; a band this high usually means a more senior role."
REQUIRED_MESSAGE = "No pay range, but the pay-transparency law of {laws} asks for one here."
REQUIRED_HINT = "Add a good-faith minimum and maximum salary before publishing."
OPEN_ENDED_MESSAGE = (
    "Only one end of the pay range is given, but the pay-transparency law of {laws} asks for "
    "a range."
)
OPEN_ENDED_HINT = "Give both the minimum and the maximum."
TOO_WIDE_MESSAGE = (
    "The pay range {low} to {high} tops out at {spread:.1f} times its minimum: too wide to read "
    "as the good-faith range the pay-transparency law of {laws} asks for."
)
TOO_WIDE_HINT = (
    "State the range you honestly expect to pay for this role; split it by level if it "
    "spans several."
)

PAY_TRANSPARENCY_FILE = "pay_transparency.json"


@dataclass(frozen=True, slots=True)
class PayLaw:
    jurisdiction: str
    country: str
    match: tuple[str, ...]
    effective: datetime.date
    law: str
    note: str = ""
    remote_nationwide: bool = False

    def covers(self, posting: Posting) -> bool:
        return self.covers_places(posting.locations, posting.remote_policy)

    def covers_places(self, locations: Iterable[str], remote_policy: str) -> bool:
        for location in locations:
            lowered = location.lower()
            if any(contains_term(lowered, term) for term in self.match):
                return True
            if (
                self.remote_nationwide
                and remote_policy == "remote"
                and country_wide(location) == self.country
            ):
                return True
        return False


@functools.cache
def pay_laws() -> tuple[PayLaw, ...]:
    """The jurisdictions table from ``data/pay_transparency.json``, read once."""
    raw = json.loads(
        resources.files("hiring.rules").joinpath("data", PAY_TRANSPARENCY_FILE).read_text("utf-8")
    )
    return tuple(
        PayLaw(
            jurisdiction=item["jurisdiction"],
            country=item["country"],
            match=tuple(term.lower() for term in item["match"]),
            effective=datetime.date.fromisoformat(item["effective"]),
            law=item["law"],
            note=item.get("note", ""),
            remote_nationwide=bool(item.get("remote_nationwide", False)),
        )
        for item in raw["laws"]
    )


def laws_in_force(posting: Posting, today: datetime.date) -> tuple[PayLaw, ...]:
    return laws_covering(posting.locations, posting.remote_policy, today)


def laws_covering(
    locations: Iterable[str], remote_policy: str, today: datetime.date
) -> tuple[PayLaw, ...]:
    """The laws in force for these places: what a posting there will be checked against,
    known before the posting is written."""
    places = tuple(locations)
    return tuple(
        law
        for law in pay_laws()
        if law.effective <= today and law.covers_places(places, remote_policy)
    )


def money(amount: Decimal | int, currency: str) -> str:
    return f"{currency} {amount:,.0f}".strip()


def reference_band(posting: Posting, catalog: Catalog) -> SalaryReference | None:
    """The band to compare with: the first region that has one; exact level before role-only."""
    if posting.role_family is None:
        return None
    currency = posting.salary_currency.upper()
    period = posting.salary_period.upper()
    for region in regions_of(posting.locations):
        candidates = [
            band
            for band in catalog.salary_bands
            if band.role_family == posting.role_family
            and band.region.upper() == region
            and band.currency.upper() == currency
            and band.period.upper() == period
        ]
        for level in (posting.level, None) if posting.level else (None,):
            matching = [band for band in candidates if band.level == level]
            if matching:
                return max(matching, key=lambda band: band.year)
    return None


def _band_text(band: SalaryReference) -> str:
    return f"{money(band.min_amount, band.currency)}-{band.max_amount:,}"


def _band_evidence(band: SalaryReference) -> dict[str, object]:
    return {
        "role_family": band.role_family,
        "level": band.level,
        "region": band.region,
        "currency": band.currency,
        "period": band.period,
        "min_amount": band.min_amount,
        "max_amount": band.max_amount,
        "top_of_band": band.top_of_band,
        "year": band.year,
        "source": band.source,
    }


def check_salary_inverted(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    low, high = posting.salary_min, posting.salary_max
    if low is None or high is None or low <= high:
        return
    yield Finding(
        code=SALARY_RANGE_INVERTED,
        severity=Severity.ERROR,
        message=INVERTED_MESSAGE.format(
            low=money(low, posting.salary_currency), high=money(high, posting.salary_currency)
        ),
        hint=INVERTED_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={"salary_min": number(low), "salary_max": number(high)},
    )


def check_salary_band(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    low = posting.salary_min if posting.salary_min is not None else posting.salary_max
    high = posting.salary_max if posting.salary_max is not None else posting.salary_min
    if low is None or high is None or low > high:
        return
    band = reference_band(posting, catalog)
    if band is None:
        return
    tolerance = Decimal(str(thresholds.salary_tolerance))
    # The top of band (what the best-paying employers reach) bounds plausibility from above.
    upper = max(band.max_amount, band.top_of_band or 0)
    evidence: dict[str, object] = {
        "salary_min": number(low),
        "salary_max": number(high),
        "currency": posting.salary_currency,
        "period": posting.salary_period,
        "tolerance": thresholds.salary_tolerance,
        "band": _band_evidence(band),
    }
    percent = round(thresholds.salary_tolerance * 100)
    subject = Subject("posting", posting.id, posting.title)
    if low < band.min_amount * (1 - tolerance):
        yield Finding(
            code=SALARY_BELOW_BAND,
            severity=Severity.WARNING,
            message=BELOW_MESSAGE.format(
                low=money(low, posting.salary_currency), tolerance=percent, band=_band_text(band)
            ),
            hint=BELOW_HINT,
            subject=subject,
            evidence=evidence,
        )
    if high > upper * (1 + tolerance):
        yield Finding(
            code=SALARY_ABOVE_BAND,
            severity=Severity.WARNING,
            message=ABOVE_MESSAGE.format(
                high=money(high, posting.salary_currency), tolerance=percent, band=_band_text(band)
            ),
            hint=ABOVE_HINT,
            subject=subject,
            evidence=evidence,
        )


def _laws_evidence(laws: tuple[PayLaw, ...]) -> list[dict[str, str]]:
    return [
        {
            "jurisdiction": law.jurisdiction,
            "law": law.law,
            "effective": law.effective.isoformat(),
            "note": law.note,
        }
        for law in laws
    ]


def check_pay_transparency(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    given = [posting.salary_min is not None, posting.salary_max is not None]
    if all(given):
        return
    laws = laws_in_force(posting, context.today)
    if not laws:
        return
    names = ", ".join(law.jurisdiction for law in laws)
    subject = Subject("posting", posting.id, posting.title)
    evidence = {
        "locations": list(posting.locations),
        "remote_policy": posting.remote_policy,
        "laws": _laws_evidence(laws),
    }
    if not any(given):
        yield Finding(
            code=PAY_RANGE_REQUIRED,
            severity=Severity.ERROR,
            message=REQUIRED_MESSAGE.format(laws=names),
            hint=REQUIRED_HINT,
            subject=subject,
            evidence=evidence,
        )
    else:
        yield Finding(
            code=PAY_RANGE_OPEN_ENDED,
            severity=Severity.WARNING,
            message=OPEN_ENDED_MESSAGE.format(laws=names),
            hint=OPEN_ENDED_HINT,
            subject=subject,
            evidence=evidence,
        )


def check_pay_range_width(
    posting: Posting, catalog: Catalog, thresholds: Thresholds, context: Context
) -> Iterator[Finding]:
    """A range whose top is more than ``max_pay_spread`` times its bottom, where a
    pay-transparency law asks for a good-faith range ($50,000 to $250,000 says nothing)."""
    low, high = posting.salary_min, posting.salary_max
    if low is None or high is None or low <= 0 or high < low:
        return
    spread = high / low
    if spread <= Decimal(str(thresholds.max_pay_spread)):
        return
    laws = laws_in_force(posting, context.today)
    if not laws:
        return
    yield Finding(
        code=PAY_RANGE_TOO_WIDE,
        severity=Severity.WARNING,
        message=TOO_WIDE_MESSAGE.format(
            low=money(low, posting.salary_currency),
            high=money(high, posting.salary_currency),
            spread=spread,
            laws=", ".join(law.jurisdiction for law in laws),
        ),
        hint=TOO_WIDE_HINT,
        subject=Subject("posting", posting.id, posting.title),
        evidence={
            "salary_min": number(low),
            "salary_max": number(high),
            "spread": round(float(spread), 2),
            "max_pay_spread": thresholds.max_pay_spread,
            "laws": _laws_evidence(laws),
        },
    )
