import dataclasses

import pytest

from hiring.rules import role_fit
from hiring.rules.settings import Thresholds
from tests.rules.sample import (
    DS,
    MLE,
    MLE_SKILLS,
    codes_from,
    duty,
    findings_from,
    mle_posting,
    posting,
    skill,
)

STATS_HEAVY_MLE = (*MLE_SKILLS, skill("ab-testing", "heavy", id=7))


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), ["rules.I101"], id="plain DS posting: only the lean"),
        pytest.param(posting(skills=()), [], id="no skills: no lean"),
        pytest.param(posting(role_family=None), ["rules.I101"], id="no declared role"),
    ],
)
def test_it_reports_the_lean(post, expected):
    assert codes_from(role_fit.check_lean, post) == expected


def test_it_says_how_the_posting_reads_in_percent():
    [finding] = findings_from(role_fit.check_lean, posting())
    assert finding.message.startswith("Reads ")
    assert "% Data Scientist" in finding.message
    assert sum(finding.evidence["percent"].values()) == 100
    assert finding.evidence["best"] == DS


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="DS posting declared DS"),
        pytest.param(mle_posting(), [], id="MLE posting declared MLE"),
        pytest.param(posting(skills=MLE_SKILLS), ["rules.W102"], id="MLE skills declared DS"),
        pytest.param(mle_posting(role_family=DS), ["rules.W102"], id="MLE posting declared DS"),
        pytest.param(posting(role_family=None, skills=MLE_SKILLS), [], id="nothing declared"),
        pytest.param(posting(role_family="data-engineer"), [], id="unknown declared role"),
    ],
)
def test_it_warns_when_another_family_fits_better(post, expected):
    assert codes_from(role_fit.check_drift, post) == expected


def test_it_tolerates_drift_below_the_margin():
    post = posting(skills=MLE_SKILLS)
    assert codes_from(role_fit.check_drift, post, Thresholds(drift_margin=0.99)) == []


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(mle_posting(), [], id="MLE skills at MLE emphasis"),
        pytest.param(
            mle_posting(skills=STATS_HEAVY_MLE), ["rules.W103"], id="A/B testing heavy on an MLE"
        ),
        pytest.param(
            mle_posting(skills=(*MLE_SKILLS, skill("ab-testing", "heavy", must=False))),
            [],
            id="only a nice-to-have",
        ),
        pytest.param(
            mle_posting(skills=(*MLE_SKILLS, skill("ab-testing", "medium"))),
            [],
            id="one level above",
        ),
        pytest.param(
            mle_posting(skills=(*MLE_SKILLS, skill("r", "medium"))),
            ["rules.W103"],
            id="skill the role does not have at all",
        ),
        pytest.param(mle_posting(role_family=None, skills=STATS_HEAVY_MLE), [], id="no role"),
    ],
)
def test_it_warns_about_must_haves_far_above_the_role(post, expected):
    assert codes_from(role_fit.check_skills_above_role, post) == expected


def test_it_points_at_the_skill_row_that_is_above_the_role():
    [finding] = findings_from(role_fit.check_skills_above_role, mle_posting(skills=STATS_HEAVY_MLE))
    assert (finding.subject.kind, finding.subject.id) == ("skill", 7)
    assert finding.evidence == {
        "skill": "ab-testing",
        "role_family": MLE,
        "posting_emphasis": "heavy",
        "role_emphasis": "light",
        "levels_above": 2,
    }


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="DS skills at DS emphasis"),
        pytest.param(
            posting(skills=(skill("statistics", "light"),)), ["rules.I104"], id="statistics light"
        ),
        pytest.param(posting(skills=(skill("statistics", "medium"),)), [], id="one level below"),
    ],
)
def test_it_mentions_skills_far_below_the_role(post, expected):
    assert codes_from(role_fit.check_skills_below_role, post) == expected


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="every heavy DS skill asked"),
        pytest.param(posting(skills=posting().skills[1:]), ["rules.W105"], id="SQL left out"),
        pytest.param(
            posting(
                skills=posting().skills[1:],
                responsibilities=(duty("Query the warehouse", "sql"),),
            ),
            [],
            id="SQL through a responsibility",
        ),
        pytest.param(
            mle_posting(skills=MLE_SKILLS[1:]), ["rules.W105"], id="MLE without Kubernetes"
        ),
        pytest.param(posting(role_family=None, skills=()), [], id="no role"),
    ],
)
def test_it_warns_when_a_heavy_skill_of_the_role_is_missing(post, expected):
    assert codes_from(role_fit.check_core_skills_missing, post) == expected


def test_it_names_every_missing_heavy_skill_in_one_finding():
    findings = findings_from(role_fit.check_core_skills_missing, posting(skills=()))
    assert len(findings) == 1
    assert findings[0].evidence["skills"] == [
        "ab-testing",
        "communication",
        "pandas",
        "scikit-learn",
        "sql",
        "statistics",
    ]


def test_it_rounds_percentages_to_a_hundred():
    assert role_fit.percentages({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}) == {"a": 34, "b": 33, "c": 33}


def test_it_keeps_lean_evidence_stable_across_equal_postings():
    first = findings_from(role_fit.check_lean, posting())[0]
    again = findings_from(role_fit.check_lean, dataclasses.replace(posting()))[0]
    assert first.fingerprint == again.fingerprint
