"""A draft from pasted text keeps every word somewhere and reads like the text it came from."""

import dataclasses
import datetime
import re

import pytest

from benchmarks import evaluation
from benchmarks.eval import DEFAULT_FILE
from hiring.rules.engine import check_posting
from hiring.rules.snapshot import PostingResponsibility
from hiring.rules.text.draft import MAX_DUTY, draft_from_text
from hiring.rules.text.sections import ABOUT, BULLET, DUTY, lines

TODAY = datetime.date(2026, 12, 1)
REAL = evaluation.load(DEFAULT_FILE)
FAMILY = evaluation.FAMILIES

AD = """We are a fintech in Berlin.
Responsibilities
- Design and analyse A/B tests for checkout.
- Present findings to stakeholders, PMs and executives in reports and slides
- Other things as needed
Requirements
- 3+ years of experience with SQL and Python
Nice to have
- dbt
Benefits
- 30 days of holiday
Location: Berlin, Germany
Salary: EUR 70,000 - 85,000
"""


def test_it_turns_each_duty_into_a_responsibility_in_its_own_words(real_catalog):
    draft = draft_from_text("Data Scientist", AD, real_catalog)
    assert [d.text for d in draft.duties] == [
        "Design and analyse A/B tests for checkout.",
        "Present findings to stakeholders, PMs and executives in reports and slides",
    ]
    assert "ab-testing" in draft.duties[0].skills
    assert draft.duties[1].responsibility == "present-findings-to-stakeholders"


def test_it_keeps_what_it_did_not_understand_in_the_summary(real_catalog):
    draft = draft_from_text("Data Scientist", AD, real_catalog)
    assert "We are a fintech in Berlin." in draft.summary
    assert "Other things as needed" in draft.summary
    assert "3+ years of experience with SQL and Python" in draft.summary
    assert draft.benefits == "- 30 days of holiday"


def test_it_reads_the_rest_like_any_pasted_text(real_catalog):
    posting = draft_from_text("Senior Data Scientist", AD, real_catalog).posting
    assert (posting.role_family, posting.level) == ("data-scientist", "ds-senior")
    assert (posting.years_min, posting.salary_min, posting.salary_currency) == (3, 70_000, "EUR")
    rows = {row.skill: row.must_have for row in posting.skills}
    assert rows["python"] is True and rows["sql"] is True


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("ad", REAL, ids=[p.id for p in REAL])
def test_it_loses_nothing_of_a_real_ad(ad, real_catalog):
    """Every word of every line is kept, but the headers of the duties and the benefits,
    which the responsibilities and the benefits field now stand for."""
    draft = draft_from_text(ad.title, ad.text, real_catalog)
    kept = words(" ".join([draft.summary, draft.benefits, *(d.text for d in draft.duties)]))
    content = " ".join(
        BULLET.sub("", ad.text[line.start : line.end])
        for line in lines(ad.text)
        if not (line.header and line.part in (DUTY, ABOUT))
    )
    assert words(content) <= kept, sorted(words(content) - kept)
    assert all(len(d.text) <= MAX_DUTY for d in draft.duties)


def composed(draft, catalog):
    """The draft as a composed posting, as the import will store it: its duties linked to the
    skills they name and to the catalog responsibility they state."""
    duties = tuple(
        PostingResponsibility(
            text=d.text,
            skills=tuple(
                dict.fromkeys(
                    [*d.skills, *(catalog.responsibilities[d.responsibility].skills
                                 if d.responsibility else ())]
                )
            ),
            responsibility=d.responsibility,
        )
        for d in draft.duties
    )  # fmt: skip
    return dataclasses.replace(
        draft.posting,
        summary=draft.summary,
        benefits=draft.benefits,
        responsibilities=duties,
        from_text=False,
        mentions=(),
    )


@pytest.mark.parametrize(
    "ad", [p for p in REAL if p.label in FAMILY], ids=lambda p: p.id if hasattr(p, "id") else p
)
def test_a_draft_of_a_clear_real_ad_reads_as_its_role(ad, real_catalog):
    posting = composed(draft_from_text(ad.title, ad.text, real_catalog), real_catalog)
    lean = check_posting(posting, real_catalog, today=TODAY).lean
    assert lean is not None and lean.best == FAMILY[ad.label]
