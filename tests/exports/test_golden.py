"""The candidate posting of the demo MLE posting, as a candidate reads it, against files
kept in tests/exports/golden/: its requirement sentences, its sections in the order
candidates read them, and its statements.

When a change to the catalog, the demo or the templates is meant to change what candidates
read, regenerate the files and review their diff like code:

    ROLEKIT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/exports/test_golden.py

A missing file fails the test; it is never written silently.
"""

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from hiring.demo import demo_load
from hiring.exports import FORMATS, document_for
from hiring.models import JobPosting
from hiring.postings.selectors import posting_item

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("ROLEKIT_REGENERATE_GOLDEN") == "1"
DEMO_MLE = "Machine Learning Engineer, Platform"
# What varies between runs: the row's id (the JSON-LD identifier) and today's date.
FIXED = {"posting_id": 1, "date_posted": date(2026, 12, 1)}
SECTIONS = (
    "ABOUT THE ROLE",
    "WHAT YOU WILL DO",
    "WHAT YOU BRING",
    "NICE TO HAVE",
    "PAY AND BENEFITS",
    "ABOUT NORTHWIND ANALYTICS",
    "EQUAL OPPORTUNITY",
    "HOW TO APPLY",
)
DEFINING = ("python", "software-engineering", "model-deployment")
STATEMENTS = (
    "This is a fully remote role.",
    "USD 135,000 – 160,000 per year",
    "Northwind Analytics builds forecasting and personalisation products for retailers.",
    # Denver is in Colorado, whose pay-transparency law covers the posting: the company's
    # statement for Colorado says what the range means.
    "The range is the base salary we in good faith expect to pay for this role, wherever in "
    "Colorado you work from",
    "Northwind Analytics is an equal-opportunity employer.",
    "contact accessibility@northwind.example.com.",
)


@pytest.fixture
def demo_mle(db):
    demo_load(path=settings.BASE_DIR / "fixtures" / "demo.json")
    return JobPosting.objects.get(title=DEMO_MLE)


def rendered(posting: JobPosting, name: str) -> str:
    document = dataclasses.replace(document_for(posting, draft=True), **FIXED)
    return FORMATS[name].render_bytes(document).decode("utf-8")


@pytest.mark.parametrize(
    ("name", "filename"), [("html", "demo-mle.html"), ("text", "demo-mle.txt")]
)
def test_it_renders_the_demo_mle_posting_as_kept(demo_mle, name, filename):
    content = rendered(demo_mle, name)
    path = GOLDEN / filename
    if REGENERATE:
        path.write_text(content, encoding="utf-8")
    assert path.exists(), f"{path} is missing: regenerate it (see this module's docstring)."
    assert content == path.read_text(encoding="utf-8")


def test_the_kept_text_says_what_candidates_should_read(demo_mle):
    """The file itself, checked: a regeneration cannot quietly keep a wrong posting."""
    text = (GOLDEN / "demo-mle.txt").read_text(encoding="utf-8")
    positions = [text.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    skills = posting_item(posting=demo_mle)["skills"]
    bring = text[positions[2] : positions[3]]
    nice = text[positions[3] : positions[4]]
    for row in skills:
        assert row["display_requirement"] != row["name"]
        assert f"- {row['display_requirement']}\n" in (bring if row["must_have"] else nice)
    # The skills that define the role are what a candidate is asked for first.
    first = [line for line in bring.splitlines() if line.startswith("- ")][: len(DEFINING)]
    defining = {row["display_requirement"] for row in skills if row["skill"] in DEFINING}
    assert {line.removeprefix("- ") for line in first} == defining
    # Two of them ask the level's years; a third "Two or more years" would read as a form.
    assert sum(line.startswith("- Two or more years ") for line in first) == 2
    for statement in STATEMENTS:
        assert statement in text
