import pytest

from hiring.rules import realism
from tests.rules.sample import (
    codes_from,
    findings_from,
    posting,
    skill,
)

ELEVEN = tuple(skill(s) for s in ("sql", "statistics", "ab-testing", "scikit-learn", "pandas",
                                  "communication", "python", "deep-learning", "cloud", "mlops",
                                  "r"))  # fmt: skip


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="seven must-haves"),
        pytest.param(posting(skills=ELEVEN), ["rules.W401"], id="eleven must-haves"),
        pytest.param(posting(skills=ELEVEN[:10]), [], id="ten is the limit"),
        pytest.param(
            posting(skills=tuple(skill(r.skill, must=False) for r in ELEVEN)),
            [],
            id="nice-to-haves do not count",
        ),
    ],
)
def test_it_warns_about_a_wish_list_of_must_haves(post, expected):
    assert codes_from(realism.check_too_many_must_haves, post) == expected


@pytest.mark.parametrize(
    ("tool_years", "expected"),
    [
        pytest.param((), [], id="no tool years"),
        pytest.param((("python", 10),), [], id="ten years of Python"),
        pytest.param((("docker-kubernetes", 15),), ["rules.E403"], id="15 years of Kubernetes"),
        pytest.param((("docker-kubernetes", 12),), [], id="exactly the tool's age"),
        pytest.param((("sql", 60),), [], id="no release year known"),
        pytest.param((("cobol", 70),), [], id="not in the catalog"),
        pytest.param((("mlops", 9), ("mlops", 9)), ["rules.E403"], id="said twice, reported once"),
    ],
)
def test_it_rejects_more_years_than_a_tool_has_existed(tool_years, expected):
    assert codes_from(realism.check_tool_years, posting(tool_years=tool_years)) == expected


def test_it_explains_the_tool_age():
    [finding] = findings_from(realism.check_tool_years, posting(tool_years=(("mlops", 9),)))
    assert finding.evidence == {
        "skill": "mlops",
        "years_asked": 9,
        "first_release_year": 2018,
        "tool_age": 8,
        "year": 2026,
    }
    assert "Ask for at most 8 years" in finding.hint
