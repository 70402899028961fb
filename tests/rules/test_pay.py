import datetime
from decimal import Decimal

import pytest

from hiring.rules import pay
from hiring.rules.regions import country_wide, region_of, regions_of
from hiring.rules.settings import Thresholds
from tests.rules.sample import CATALOG, DS, MLE, codes_from, findings_from, mle_posting, posting


def money(low, high):
    return {
        "salary_min": None if low is None else Decimal(low),
        "salary_max": None if high is None else Decimal(high),
    }


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        pytest.param(120_000, 150_000, [], id="ordered"),
        pytest.param(150_000, 120_000, ["rules.E301"], id="inverted"),
        pytest.param(None, 120_000, [], id="open-ended"),
    ],
)
def test_it_rejects_an_inverted_salary_range(low, high, expected):
    assert codes_from(pay.check_salary_inverted, posting(**money(low, high))) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"level": "ds-junior", **money(85_000, 110_000)}, [], id="junior in band"),
        pytest.param(
            {"level": "ds-junior", **money(50_000, 70_000)}, ["rules.W302"], id="junior below"
        ),
        pytest.param(
            {"level": "ds-junior", **money(70_000, 100_000)},
            [],
            id="within the 15% tolerance below",
        ),
        pytest.param(
            {"level": "ds-junior", **money(150_000, 160_000)}, ["rules.W303"], id="junior above"
        ),
        pytest.param(
            {"level": "ds-junior", **money(40_000, 200_000)},
            ["rules.W302", "rules.W303"],
            id="range wider than the band on both sides",
        ),
        pytest.param({"level": "ds-mid", **money(10_000, 20_000)}, [], id="no band for level"),
        pytest.param(
            {"level": "ds-junior", "salary_currency": "EUR", **money(50_000, 60_000)},
            [],
            id="other currency",
        ),
        pytest.param(
            {"level": "ds-junior", "salary_period": "HOUR", **money(50, 60)},
            [],
            id="other period",
        ),
        pytest.param(
            {"level": "ds-junior", "locations": ("Berlin",), **money(50_000, 60_000)},
            [],
            id="region without a band",
        ),
        pytest.param(
            {
                "level": "ds-mid",
                "locations": ("Bengaluru",),
                "salary_currency": "INR",
                **money(300_000, 900_000),
            },
            ["rules.W302"],
            id="India falls back to the role-only band",
        ),
        pytest.param(
            {"level": "ds-junior", "role_family": None, **money(50_000, 60_000)},
            [],
            id="no role family",
        ),
        pytest.param({"level": "ds-junior", **money(None, None)}, [], id="no pay given"),
    ],
)
def test_it_compares_pay_with_the_reference_band(changes, expected):
    assert codes_from(pay.check_salary_band, posting(**changes)) == expected


def test_it_uses_the_top_of_band_as_the_ceiling():
    # Senior MLE band 170-220K tops out at 300K: 280K is plausible, 400K is not.
    ok = mle_posting(level="mle-senior", **money(200_000, 280_000))
    high = mle_posting(level="mle-senior", **money(200_000, 400_000))
    assert codes_from(pay.check_salary_band, ok) == []
    assert codes_from(pay.check_salary_band, high) == ["rules.W303"]


def test_it_cites_the_band_source():
    [finding] = findings_from(
        pay.check_salary_band, posting(level="ds-junior", **money(50_000, 70_000))
    )
    assert finding.evidence["band"]["source"] == "004_a9c1373954b2aa14.txt"
    assert finding.evidence["band"]["level"] == "ds-junior"


def test_it_takes_a_tolerance_from_the_thresholds():
    post = posting(level="ds-junior", **money(70_000, 100_000))
    assert codes_from(pay.check_salary_band, post, Thresholds(salary_tolerance=0.0)) == [
        "rules.W302"
    ]


NYC = ("New York, NY",)


@pytest.mark.parametrize(
    ("changes", "today", "expected"),
    [
        pytest.param({"locations": ("Denver, CO",)}, "2026-01-15", [], id="range given"),
        pytest.param(
            {"locations": ("Denver, CO",), **money(None, None)},
            "2026-01-15",
            ["rules.E304"],
            id="Colorado without pay",
        ),
        pytest.param(
            {"locations": ("Denver, CO",), **money(None, None)},
            "2020-12-31",
            [],
            id="Colorado before the law",
        ),
        pytest.param(
            {"locations": NYC, **money(None, None)}, "2022-10-31", [], id="NYC the day before"
        ),
        pytest.param(
            {"locations": NYC, **money(None, None)},
            "2022-11-01",
            ["rules.E304"],
            id="NYC from Local Law 32",
        ),
        pytest.param(
            {"locations": ("Austin, TX",), **money(None, None)}, "2026-01-15", [], id="Texas"
        ),
        pytest.param(
            {"locations": ("Austin, TX", "Seattle, WA"), **money(None, None)},
            "2026-01-15",
            ["rules.E304"],
            id="any listed location counts",
        ),
        pytest.param(
            {"locations": ("Boston, MA",), **money(None, None)},
            "2025-10-28",
            [],
            id="Massachusetts the day before",
        ),
        pytest.param(
            {"locations": ("Boston, MA",), **money(None, None)},
            "2025-10-29",
            ["rules.E304"],
            id="Massachusetts from 2025-10-29",
        ),
        pytest.param(
            {"locations": ("Washington, DC",), **money(None, None)},
            "2025-07-01",
            ["rules.E304"],
            id="District of Columbia, not Washington State",
        ),
        pytest.param(
            {"locations": ("Berlin",), **money(None, None)},
            "2026-06-07",
            ["rules.E304"],
            id="EU directive",
        ),
        pytest.param(
            {"locations": ("Berlin",), **money(None, None)}, "2026-06-06", [], id="EU before"
        ),
        pytest.param(
            {"locations": ("Remote (US)",), "remote_policy": "remote", **money(None, None)},
            "2026-01-15",
            ["rules.E304"],
            id="US-wide remote falls under Colorado",
        ),
        pytest.param(
            {"locations": ("Remote (US)",), "remote_policy": "onsite", **money(None, None)},
            "2026-01-15",
            [],
            id="country-wide only counts for remote",
        ),
        pytest.param(
            {"locations": ("Bengaluru",), **money(None, None)}, "2026-01-15", [], id="India"
        ),
        pytest.param(
            {"locations": ("Chicago, IL",), **money(120_000, None)},
            "2026-01-15",
            ["rules.W305"],
            id="Illinois with only a minimum",
        ),
    ],
)
def test_it_requires_a_pay_range_where_the_law_does(changes, today, expected):
    on = datetime.date.fromisoformat(today)
    assert codes_from(pay.check_pay_transparency, posting(**changes), today=on) == expected


def test_it_names_every_law_that_applies():
    post = posting(locations=NYC, **money(None, None))
    [finding] = findings_from(pay.check_pay_transparency, post)
    assert [law["jurisdiction"] for law in finding.evidence["laws"]] == [
        "New York City",
        "New York State",
    ]


def test_it_ships_real_effective_dates():
    laws = {law.jurisdiction: law.effective.isoformat() for law in pay.pay_laws()}
    assert laws["Colorado"] == "2021-01-01"
    assert laws["New York City"] == "2022-11-01"
    assert laws["California"] == "2023-01-01"
    assert laws["Washington"] == "2023-01-01"
    assert laws["New York State"] == "2023-09-17"
    assert laws["European Union"] == "2026-06-07"


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("Denver, CO", "US"),
        ("New York, NY", "US"),
        ("Remote (US)", "US"),
        ("San Francisco", "US"),
        ("Bangalore", "IN"),
        ("Bengaluru, Karnataka", "IN"),
        ("Mumbai, India", "IN"),
        ("Remote - India", "IN"),
        ("London, UK", "GB"),
        ("Bloomington, IN", "US"),
        ("Atlantis", None),
    ],
)
def test_it_maps_locations_to_regions(location, region):
    assert region_of(location) == region


def test_it_keeps_the_order_of_regions():
    assert regions_of(["Pune", "Austin, TX", "Mumbai"]) == ("IN", "US")


@pytest.mark.parametrize(
    ("location", "country"),
    [("Remote (US)", "US"), ("USA only", "US"), ("Remote - India", "IN"), ("Denver, CO", None)],
)
def test_it_knows_a_country_wide_location(location, country):
    assert country_wide(location) == country


@pytest.mark.parametrize(
    ("post", "band"),
    [
        pytest.param(mle_posting(level="mle-junior"), (MLE, "mle-junior"), id="MLE junior"),
        pytest.param(posting(level="ds-junior"), (DS, "ds-junior"), id="DS junior"),
        pytest.param(
            posting(level=None, locations=("Pune",), salary_currency="INR"),
            (DS, None),
            id="role-only band",
        ),
        pytest.param(posting(level="ds-mid"), None, id="no band for the level nor role-only"),
    ],
)
def test_it_picks_the_reference_band(post, band):
    found = pay.reference_band(post, CATALOG)
    assert (found and (found.role_family, found.level)) == band


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, [], id="120k to 150k in Colorado"),
        pytest.param(
            {"locations": ("Denver, CO",), "salary_min": Decimal(50_000),
             "salary_max": Decimal(250_000)},
            ["rules.W306"],
            id="five times the minimum where the law applies",
        ),
        pytest.param(
            {"locations": ("Denver, CO",), "salary_min": Decimal(100_000),
             "salary_max": Decimal(200_000)},
            [],
            id="exactly twice is still good faith",
        ),
        pytest.param(
            {"locations": ("Austin, TX",), "salary_min": Decimal(50_000),
             "salary_max": Decimal(250_000)},
            [],
            id="no pay-transparency law",
        ),
        pytest.param(
            {"locations": ("Denver, CO",), "salary_min": Decimal(50_000), "salary_max": None},
            [],
            id="open-ended is rules.W305",
        ),
    ],
)  # fmt: skip
def test_it_flags_a_range_too_wide_to_be_good_faith(changes, expected):
    post = posting(**{"locations": ("Denver, CO",), **changes})
    assert codes_from(pay.check_pay_range_width, post) == expected


def test_it_takes_the_widest_good_faith_range_from_the_thresholds():
    post = posting(
        locations=("Denver, CO",), salary_min=Decimal(100_000), salary_max=Decimal(250_000)
    )
    assert codes_from(pay.check_pay_range_width, post) == ["rules.W306"]
    assert codes_from(pay.check_pay_range_width, post, Thresholds(max_pay_spread=3.0)) == []
