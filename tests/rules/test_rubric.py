import pytest

from hiring.rules import rubric
from hiring.rules.settings import Thresholds
from tests.rules.sample import codes_from, criterion, findings_from, posting, skill

SKILLS = (
    skill("sql", "heavy", id=1),
    skill("statistics", "heavy", id=2),
    skill("r", "light", must=False),
)
FULL = (criterion("sql"), criterion("statistics", "onsite"))


def rubric_posting(*criteria, skills=SKILLS, has_rubric=True):
    return posting(skills=skills, criteria=tuple(criteria), has_rubric=has_rubric)


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(rubric_posting(*FULL), [], id="every must-have assessed"),
        pytest.param(rubric_posting(criterion("sql")), ["rules.E501"], id="statistics unassessed"),
        pytest.param(rubric_posting(), ["rules.E501", "rules.E501"], id="empty rubric"),
        pytest.param(rubric_posting(has_rubric=False), [], id="no rubric at all"),
        pytest.param(
            rubric_posting(*FULL, skills=(*SKILLS, skill("pandas", must=False))),
            [],
            id="nice-to-have need not be assessed",
        ),
    ],
)
def test_it_requires_every_must_have_to_be_assessed(post, expected):
    assert codes_from(rubric.check_must_haves_assessed, post) == expected


def test_it_points_at_the_unassessed_skill_row():
    [finding] = findings_from(rubric.check_must_haves_assessed, rubric_posting(criterion("sql")))
    assert (finding.subject.kind, finding.subject.id, finding.subject.label) == (
        "skill",
        2,
        "Statistics",
    )


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(rubric_posting(*FULL), [], id="criteria on asked skills"),
        pytest.param(rubric_posting(*FULL, criterion("docker-kubernetes")), ["rules.W502"],
                     id="kubernetes never asked"),
        pytest.param(rubric_posting(*FULL, criterion(None)), [], id="general criterion"),
        pytest.param(rubric_posting(*FULL, criterion("r")), [], id="nice-to-have is asked"),
        pytest.param(rubric_posting(criterion("docker-kubernetes"), has_rubric=False), [],
                     id="no rubric"),
    ],
)  # fmt: skip
def test_it_warns_about_criteria_on_skills_not_asked_for(post, expected):
    assert codes_from(rubric.check_criteria_skills_asked, post) == expected


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(rubric_posting(*FULL), [], id="equal emphasis, equal weight"),
        pytest.param(
            rubric_posting(criterion("sql", weight="3"), criterion("statistics")),
            ["rules.I503", "rules.I503"],
            id="SQL weighs 75% of an even posting",
        ),
        pytest.param(
            rubric_posting(criterion("sql", weight="1.2"), criterion("statistics")),
            [],
            id="within tolerance",
        ),
        pytest.param(rubric_posting(criterion("sql", weight="3")), [], id="one skill only"),
    ],
)
def test_it_compares_weights_with_emphasis(post, expected):
    assert codes_from(rubric.check_weights_follow_emphasis, post) == expected


def test_it_reports_weight_and_emphasis_shares():
    findings = findings_from(
        rubric.check_weights_follow_emphasis,
        rubric_posting(criterion("sql", weight="3"), criterion("statistics")),
    )
    sql = next(f for f in findings if f.evidence["skill"] == "sql")
    assert (sql.evidence["weight_share"], sql.evidence["emphasis_share"]) == (0.75, 0.5)


def test_it_takes_the_weight_tolerance_from_the_thresholds():
    post = rubric_posting(criterion("sql", weight="3"), criterion("statistics"))
    assert (
        codes_from(rubric.check_weights_follow_emphasis, post, Thresholds(weight_tolerance=0.3))
        == []
    )


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(rubric_posting(*FULL), [], id="questions and anchors"),
        pytest.param(rubric_posting(criterion("sql", questions=())), ["rules.W504"],
                     id="no questions"),
        pytest.param(rubric_posting(criterion("sql", questions=("  ",))), ["rules.W504"],
                     id="blank question"),
        pytest.param(rubric_posting(criterion("sql", anchors=("Cannot", "", "Can", "Teaches"))),
                     ["rules.W505"], id="missing 'no' anchor"),
        pytest.param(rubric_posting(criterion("sql", questions=(), anchors=("", "", "", ""))),
                     ["rules.W504", "rules.W505"], id="bare criterion"),
        pytest.param(rubric_posting(criterion("sql", questions=()), has_rubric=False), [],
                     id="no rubric"),
    ],
)  # fmt: skip
def test_it_requires_questions_and_anchors(post, expected):
    assert sorted(codes_from(rubric.check_criteria_complete, post)) == expected


def test_it_names_the_missing_anchors():
    post = rubric_posting(criterion("sql", anchors=("", "No", "", "Strong")))
    [finding] = findings_from(rubric.check_criteria_complete, post)
    assert finding.evidence["missing"] == ["strong no", "yes"]
    assert finding.subject.label == "technical: SQL"  # stable: acknowledgements key on it
    assert finding.message == "Criterion SQL (technical stage) has no anchor for strong no, yes."


@pytest.mark.parametrize(
    ("stage", "words"),
    [("technical", "technical"), ("case_study", "case study"), ("system_design", "system design")],
)
def test_it_names_a_stage_in_words(stage, words):
    post = rubric_posting(criterion("sql", stage, questions=()))
    [finding] = findings_from(rubric.check_criteria_complete, post)
    assert f"({words} stage)" in finding.message and "_" not in finding.message


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        pytest.param(rubric_posting(*FULL), [], id="equal weights"),
        pytest.param(rubric_posting(criterion("sql", weight="2"), criterion("statistics"),
                                    criterion(None)), ["rules.I506"], id="one heavier"),
        pytest.param(rubric_posting(criterion("sql", weight="2", reason="Daily work"),
                                    criterion("statistics"), criterion(None)), [],
                     id="explained"),
        pytest.param(rubric_posting(criterion("sql", weight="1.0"), criterion("statistics")), [],
                     id="1.0 equals 1"),
    ],
)  # fmt: skip
def test_it_asks_why_weights_differ(post, expected):
    assert codes_from(rubric.check_unequal_weights_explained, post) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(8, []), (9, ["rules.W507"]), (0, [])],
)
def test_it_limits_criteria_per_stage(count, expected):
    post = rubric_posting(
        *(criterion("sql") for _ in range(count)), criterion("statistics", "onsite")
    )
    assert codes_from(rubric.check_criteria_per_stage, post) == expected


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        pytest.param((criterion("sql", weight="3"), criterion("statistics", weight="2"),
                      criterion("r", weight="1")), [], id="nice-to-have weighs least"),
        pytest.param((criterion("sql", weight="3"), criterion("statistics", weight="2"),
                      criterion("r", weight="2")), ["rules.W508"], id="as much as a must-have"),
        pytest.param((criterion("sql"), criterion("statistics"), criterion("r", weight="3")),
                     ["rules.W508"], id="more than every must-have"),
        pytest.param((criterion("r", weight="3"),), [], id="no must-have criterion to compare"),
        pytest.param((criterion("sql", weight="2"), criterion(None, weight="2")), [],
                     id="general criterion"),
    ],
)  # fmt: skip
def test_it_warns_when_a_nice_to_have_weighs_as_much_as_a_must_have(criteria, expected):
    assert codes_from(rubric.check_nice_to_haves_weigh_less, rubric_posting(*criteria)) == expected


def test_it_names_both_skills_and_suggests_a_fix():
    post = rubric_posting(criterion("sql", weight="2"), criterion("r", weight="2"))
    [finding] = findings_from(rubric.check_nice_to_haves_weigh_less, post)
    assert "Nice-to-have R weighs 2" in finding.message
    assert "must-have SQL (2)" in finding.message
    assert finding.hint.startswith("Lower the nice-to-have's weight")
