import dataclasses

import pytest

from hiring.rules import role_fit
from hiring.rules.settings import Thresholds
from tests.rules.sample import (
    CATALOG,
    DS,
    DS_SKILLS,
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


def test_it_does_not_call_one_passing_mention_a_drift():
    post = posting(skills=(skill("docker-kubernetes", "light"),))
    assert codes_from(role_fit.check_drift, post) == []


def test_it_names_what_the_content_says_instead():
    [finding] = findings_from(role_fit.check_drift, posting(skills=MLE_SKILLS))
    assert finding.message.startswith("Reads more like a Machine Learning Engineer than a Data ")
    assert "docker-kubernetes" in finding.evidence["skills"]


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
            mle_posting(skills=(*MLE_SKILLS, skill("r", "heavy"))),
            [],
            id="R heavy on an MLE: above the profile, but no other role's work",
        ),
        pytest.param(
            posting(skills=(*DS_SKILLS, skill("docker-kubernetes", "heavy"))),
            ["rules.W103"],
            id="Docker heavy on a DS: the MLE's work",
        ),
        pytest.param(
            mle_posting(skills=STATS_HEAVY_MLE, from_text=True),
            ["rules.W103"],
            id="free text insisting on A/B testing",
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
        "points_to": DS,
        "positions": [],
    }
    assert "Data Scientist's work" in finding.message


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


WITHOUT_EXPERIMENTS = tuple(r for r in DS_SKILLS if r.skill not in ("statistics", "ab-testing"))


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="both defining DS skills asked"),
        pytest.param(
            posting(skills=WITHOUT_EXPERIMENTS), ["rules.W105"], id="neither statistics nor A/B"
        ),
        pytest.param(
            posting(skills=(*WITHOUT_EXPERIMENTS, skill("statistics"))), [], id="one of two"
        ),
        pytest.param(
            posting(
                skills=WITHOUT_EXPERIMENTS,
                responsibilities=(duty("Run experiments", "ab-testing"),),
            ),
            [],
            id="A/B testing through a responsibility",
        ),
        pytest.param(mle_posting(skills=MLE_SKILLS[1:]), [], id="MLE without Kubernetes"),
        pytest.param(
            mle_posting(skills=(skill("python"), skill("mlops"))),
            ["rules.W105"],
            id="MLE of nothing",
        ),
        pytest.param(posting(role_family=None, skills=()), [], id="no role"),
    ],
)
def test_it_warns_when_little_of_what_defines_the_role_is_asked(post, expected):
    assert codes_from(role_fit.check_core_skills_missing, post) == expected


def test_it_names_the_missing_defining_skills_in_one_finding():
    [finding] = findings_from(role_fit.check_core_skills_missing, posting(skills=()))
    assert finding.evidence["skills"] == ["ab-testing", "statistics"]
    assert finding.message == (
        "Asks for little of what defines a Data Scientist: A/B testing, Statistics are not "
        "asked for."
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (DS, ["ab-testing", "statistics"]),
        (MLE, ["cloud", "docker-kubernetes", "model-serving", "software-engineering"]),
    ],
)
def test_it_defines_a_role_by_heavy_skills_the_others_hold_far_lower(role, expected):
    assert role_fit.defining_skills(CATALOG.roles[role], CATALOG, gap=2) == expected


TWO_JOBS = (*DS_SKILLS[:4], *MLE_SKILLS[:3])


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="pure DS"),
        pytest.param(mle_posting(), [], id="pure MLE"),
        pytest.param(posting(skills=TWO_JOBS), ["rules.W402"], id="the core of both"),
        pytest.param(
            posting(skills=(*DS_SKILLS, skill("cloud", "light"))), [], id="an aside of the other"
        ),
        pytest.param(
            posting(skills=(*DS_SKILLS[:4], *(skill(r.skill, must=False) for r in MLE_SKILLS))),
            [],
            id="the other role only nice-to-have",
        ),
        pytest.param(
            mle_posting(skills=(*MLE_SKILLS, skill("sql", "heavy"), skill("pandas", "heavy"))),
            [],
            id="DS skills the MLE profile holds at medium are MLE work too",
        ),
        pytest.param(
            posting(skills=TWO_JOBS, hybrid_title="Applied Scientist", role_family=None),
            [],
            id="a hybrid title says it as rules.W106",
        ),
    ],
)
def test_it_warns_about_two_jobs_in_one(post, expected):
    assert codes_from(role_fit.check_two_jobs, post) == expected


def test_it_names_both_jobs():
    [finding] = findings_from(role_fit.check_two_jobs, posting(skills=TWO_JOBS))
    assert finding.message.startswith("Asks for two jobs in one: ")
    assert set(finding.evidence["families"]) == {DS, MLE}
    assert "docker-kubernetes" in finding.evidence["skills"][MLE]


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(), [], id="no hybrid title"),
        pytest.param(
            posting(role_family=None, hybrid_title="Applied Scientist"),
            ["rules.I107"],
            id="hybrid title, one coherent job",
        ),
        pytest.param(
            posting(role_family=None, hybrid_title="Applied Scientist", skills=TWO_JOBS),
            ["rules.W106"],
            id="hybrid title, two jobs",
        ),
        pytest.param(
            posting(role_family=None, hybrid_title="Research Scientist", skills=()),
            ["rules.I107"],
            id="hybrid title, nothing to tell",
        ),
    ],
)
def test_it_says_which_job_a_hybrid_title_is(post, expected):
    assert codes_from(role_fit.check_hybrid_title, post) == expected


def test_it_says_which_role_the_content_of_a_hybrid_title_reads():
    [finding] = findings_from(
        role_fit.check_hybrid_title, posting(role_family=None, hybrid_title="Applied Scientist")
    )
    assert finding.message.startswith(
        "Applied Scientist is a hybrid title; the content reads as one coherent Data Scientist job"
    )


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(posting(from_text=True), [], id="a family title"),
        pytest.param(
            posting(from_text=True, role_family=None, hybrid_title="Applied Scientist"),
            [],
            id="a hybrid title",
        ),
        pytest.param(
            posting(from_text=True, role_family=None, title="Quant Wizard"),
            ["rules.I108"],
            id="a title nobody can place",
        ),
        pytest.param(posting(role_family=None), [], id="a composed posting"),
    ],
)
def test_it_says_when_it_cannot_place_a_title(post, expected):
    assert codes_from(role_fit.check_title_placed, post) == expected


def test_it_rounds_percentages_to_a_hundred():
    assert role_fit.percentages({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}) == {"a": 34, "b": 33, "c": 33}


def test_it_keeps_lean_evidence_stable_across_equal_postings():
    first = findings_from(role_fit.check_lean, posting())[0]
    again = findings_from(role_fit.check_lean, dataclasses.replace(posting()))[0]
    assert first.fingerprint == again.fingerprint
