import pytest

from hiring.rules import realism
from hiring.rules.settings import Thresholds
from tests.rules.sample import (
    DS_SKILLS,
    MLE_SKILLS,
    codes_from,
    findings_from,
    mle_posting,
    posting,
    skill,
)

UNICORN = (*DS_SKILLS[:4], *MLE_SKILLS[:3])
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
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="pure DS"),
        pytest.param(mle_posting(), [], id="pure MLE"),
        pytest.param(posting(skills=UNICORN), ["rules.W402"], id="core of both"),
        pytest.param(
            posting(skills=(*DS_SKILLS[:4], *MLE_SKILLS[:2])), [], id="only two MLE core skills"
        ),
        pytest.param(
            posting(skills=(*DS_SKILLS[:4], *(skill(r.skill, must=False) for r in MLE_SKILLS))),
            [],
            id="MLE core only nice-to-have",
        ),
    ],
)
def test_it_warns_about_a_unicorn(post, expected):
    assert codes_from(realism.check_unicorn, post) == expected


def test_it_takes_the_unicorn_size_from_the_thresholds():
    post = posting(skills=(*DS_SKILLS[:2], *MLE_SKILLS[:2]))
    assert codes_from(realism.check_unicorn, post, Thresholds(unicorn_min_heavy=2)) == [
        "rules.W402"
    ]


def test_it_lists_the_core_of_each_family():
    [finding] = findings_from(realism.check_unicorn, posting(skills=UNICORN))
    assert finding.evidence["skills"] == {
        "data-scientist": ["ab-testing", "scikit-learn", "sql", "statistics"],
        "machine-learning-engineer": ["cloud", "docker-kubernetes", "mlops"],
    }


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
