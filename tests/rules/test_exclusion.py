"""Exclusionary wording beyond gender, from sourced data: age, credentials, physical demands,
nationality or status, and family."""

import json
from importlib import resources

import pytest

from hiring.rules import exclusion
from hiring.rules.language import Field
from tests.rules.sample import codes_from, findings_from, posting

DATA = json.loads(
    resources.files("hiring.rules").joinpath("data", exclusion.EXCLUSION_FILE).read_text("utf-8")
)
CODES = {c["id"]: c["code"] for c in DATA["categories"]}


def categories_in(text: str, title: str = "Data Scientist") -> list[str]:
    hits = exclusion.find_exclusions([Field("summary", text)], "research" in title.lower())
    return sorted({hit.category.id for hit in hits})


@pytest.mark.parametrize(
    "case", DATA["test_cases"], ids=[c["text"][:40] for c in DATA["test_cases"]]
)
def test_it_agrees_with_the_reference_cases(case):
    assert categories_in(case["text"]) == sorted(case["expected_categories"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("You will mentor junior engineers.", [], id="mentor juniors"),
        pytest.param("Walk stakeholders through the results.", [], id="walk someone through"),
        pytest.param("Be able to walk to the site daily.", ["disability"], id="walking"),
        pytest.param("The ability to see patterns in data.", [], id="seeing patterns"),
        pytest.param("Able to talk to customers about models.", [], id="talking"),
        pytest.param("We are unable to sponsor visas for this role.", [], id="no sponsorship"),
        pytest.param("Our users skew Gen Z.", [], id="a market, not the candidate"),
        pytest.param("A fast-paced team with fresh perspectives.", [], id="dropped: thin sources"),
        pytest.param("No children's data is used.", [], id="data about children"),
        pytest.param("Bachelor's degree required.", ["credential_inflation"], id="degree"),
        pytest.param(
            "Bachelor's degree required, or equivalent practical experience.",
            [],
            id="degree or equivalent",
        ),
        pytest.param("Must be a digital native.", ["age"], id="digital native"),
        pytest.param("3-5 years experience only.", ["age"], id="a capped band"),
        pytest.param("Native speaker of German.", ["nationality_and_status"], id="native speaker"),
        pytest.param("No family commitments.", ["family_and_caregiving"], id="family"),
    ],
)
def test_it_flags_exclusion_not_ordinary_ds_wording(text, expected):
    assert categories_in(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Data Scientist", [CODES["credential_inflation"]]),
        ("Research Scientist, Language Models", []),
    ],
)
def test_it_leaves_a_doctorate_to_research_roles(title, expected):
    post = posting(title=title, summary="PhD required.")
    assert codes_from(exclusion.check_exclusionary_language, post) == expected


def test_it_gives_one_code_per_category():
    assert CODES == {
        "age": "rules.W641",
        "credential_inflation": "rules.W642",
        "disability": "rules.W643",
        "nationality_and_status": "rules.W644",
        "family_and_caregiving": "rules.W645",
    }


def test_it_names_the_words_a_neutral_alternative_and_the_source():
    post = posting(summary="Join our young team. We love young ideas.", team="", benefits="")
    [finding] = findings_from(exclusion.check_exclusionary_language, post)
    assert finding.message == 'Age: "young" (2 times) can read as wanting younger applicants.'
    assert "For this wording: Remove; describe the skills or duties instead." in finding.hint
    assert "Suggestion:" not in finding.hint  # the page puts it before the hint, once
    assert finding.evidence["source"] == "cfr1625_4"
    assert [p["start"] for p in finding.evidence["positions"]] == [9, 29]


def test_it_cites_only_sources_it_keeps():
    kept = {s["id"] for s in DATA["sources"]}
    used = {e["source"] for c in DATA["categories"] for e in c["entries"]}
    assert used == kept
    assert all(s["url"].startswith(("http://", "https://")) for s in DATA["sources"])


def test_it_says_why_it_dropped_what_it_dropped():
    assert all(d["why"] for d in DATA["dropped"])
    kept = {e["phrase"] for c in DATA["categories"] for e in c["entries"]}
    assert not kept & {d["phrase"] for d in DATA["dropped"]}


def test_no_suggestion_names_a_source_by_its_id():
    # Sources are shown by title under a finding; an id in a sentence reads as noise.
    ids = set(exclusion.source_titles())
    for category in exclusion.categories():
        for phrase in category.phrases:
            assert not any(f"({source})" in phrase.suggestion for source in ids), phrase
