"""A finding in plain words: where it is, what backs it, and its code kept small."""

from types import SimpleNamespace

import pytest

from hiring.findings.display import finding_notes, neutral_word, sources_of, where_found
from hiring.rules.findings import Finding, Severity, Subject


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([], ""),
        ([{"field": "title"}], "Found in the title."),
        ([{"field": "summary"}, {"field": "summary"}], "Found in the summary."),
        (
            [{"field": "title"}, {"field": "responsibility", "index": 1}, {"field": "team"}],
            "Found in the title, responsibility 2 and the team text.",
        ),
        ([{"field": "somewhere-new"}], ""),
        (
            [{"field": "about_company"}, {"field": "pay_statement"}],
            "Found in the about-the-company text and the pay-transparency statement.",
        ),
        (
            [{"field": "title"}, {"field": "equal_opportunity", "company": True}],
            "Found in the title and the equal-opportunity statement. The equal-opportunity "
            "statement is the company's, shown on every posting that does not replace it: "
            "change it once on the company's page.",
        ),
        (
            [
                {"field": "about_company", "company": True},
                {"field": "pay_statement", "company": True},
            ],
            "Found in the about-the-company text and the pay-transparency statement. The "
            "about-the-company text and the pay-transparency statement are the company's, "
            "shown on every posting that does not replace them: change them once on the "
            "company's page.",
        ),
    ],
)
def test_it_says_where_a_finding_is(positions, expected):
    assert where_found({"positions": positions}) == expected


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ({}, ()),
        (
            {"source": "000_57363c5cadbec434.txt"},
            ("ML Engineer vs Data Scientist: Understanding Key Differences and Career Paths "
             "in 2026",),
        ),
        ({"source": "beswicks"}, ("What you can and can't say in a job advert",)),
        (
            {"laws": [{"jurisdiction": "Illinois", "law": "HB 3129"}]},
            ("Illinois: HB 3129",),
        ),
    ],
)  # fmt: skip
def test_it_names_sources_by_title_never_by_file(evidence, expected):
    assert sources_of(evidence) == expected


def test_it_keeps_the_rule_code_for_the_details_line():
    finding = Finding(
        code="rules.W103",
        severity=Severity.WARNING,
        message="A/B testing is heavy here.",
        hint="",
        subject=Subject("skill", 1, "A/B testing"),
        evidence={"skill": "ab-testing", "levels_above": 2, "positions": []},
    )
    notes = finding_notes(finding)
    assert notes.where == "" and notes.sources == ()


@pytest.mark.parametrize(
    ("evidence", "swap"),
    [
        ({"word": "aggressive"}, "bold"),
        ({"word": "Rockstar"}, "expert"),
        ({"word": "leadership"}, ""),  # "lead" is coded; "guide" is no word for leadership
        ({"word": "analysis"}, ""),
        ({"word": "competitive"}, ""),  # mostly "competitive salary": no swap fits
        ({"phrase": "young"}, ""),  # advice, not a word to put instead
        ({"phrase": "recent graduate"}, "entry-level position"),
    ],
)
def test_it_offers_a_swap_only_where_one_word_fits(evidence, swap):
    finding = SimpleNamespace(evidence=evidence)
    assert neutral_word(finding) == swap
