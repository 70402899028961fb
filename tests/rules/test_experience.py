import pytest

from hiring.rules import experience
from tests.rules.sample import codes_from, findings_from, posting


@pytest.mark.parametrize(
    ("level", "years_min", "years_max", "expected"),
    [
        pytest.param("ds-mid", 3, 5, [], id="mid asking 3-5: inside"),
        pytest.param("ds-junior", 8, None, ["rules.W201"], id="junior asking eight years"),
        pytest.param("ds-junior", 1, 3, [], id="junior 1-3 overlaps 0-2"),
        pytest.param("ds-junior", 3, None, ["rules.W201"], id="junior asking 3+"),
        pytest.param("ds-senior", 0, 2, ["rules.W202"], id="senior asking 0-2"),
        pytest.param("ds-senior", 5, None, [], id="senior asking 5+"),
        pytest.param("ds-principal", 20, None, [], id="no upper bound on principal"),
        pytest.param(None, 8, None, [], id="no level"),
        pytest.param("ds-junior", None, None, [], id="no years"),
        pytest.param("unknown-level", 8, None, [], id="level not in catalog"),
        pytest.param("ds-junior", 6, 4, [], id="inverted range is E203's job"),
    ],
)
def test_it_checks_years_against_the_level(level, years_min, years_max, expected):
    post = posting(level=level, years_min=years_min, years_max=years_max)
    assert codes_from(experience.check_years_for_level, post) == expected


@pytest.mark.parametrize(
    ("years_min", "years_max", "expected"),
    [
        pytest.param(3, 5, [], id="ordered"),
        pytest.param(5, 5, [], id="equal"),
        pytest.param(6, 4, ["rules.E203"], id="inverted"),
        pytest.param(None, 4, [], id="only a maximum"),
    ],
)
def test_it_rejects_an_inverted_years_range(years_min, years_max, expected):
    post = posting(years_min=years_min, years_max=years_max)
    assert codes_from(experience.check_years_inverted, post) == expected


def test_it_explains_the_years_in_the_message():
    [finding] = findings_from(
        experience.check_years_for_level, posting(level="ds-junior", years_min=8, years_max=None)
    )
    assert finding.message == experience.ABOVE_MESSAGE.format(
        level="Junior Data Scientist", asked="8+ years", typical="0-2 years"
    )
    assert finding.evidence["level_max_years"] == 2
