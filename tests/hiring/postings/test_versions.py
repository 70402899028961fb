"""Published versions: the snapshot a publish keeps, and what a comparison shows."""

import json

import pytest

from hiring.models import JobPosting
from hiring.postings.services import posting_save
from hiring.postings.versions import (
    Change,
    describe_changes,
    posting_compare,
    posting_snapshot,
    snapshot_diff,
    versions_to_compare,
)
from hiring.postings.workflow import posting_revise

from .steps import walk


def test_it_snapshots_to_plain_json(draft):
    snapshot = posting_snapshot(posting=draft)
    assert json.loads(json.dumps(snapshot)) == snapshot


@pytest.mark.parametrize(
    ("numbers", "before", "after", "expected"),
    [
        ([1, 2, 3], None, None, (2, 3)),  # the newest against the one before it
        ([1, 2, 3], None, 2, (1, 2)),
        ([1, 2, 3], 1, None, (1, 3)),
        ([1], None, None, (1, 1)),  # one version: compared with itself
        ([1, 2, 3], None, 1, (1, 1)),
    ],
)
def test_it_picks_the_versions_a_comparison_shows(numbers, before, after, expected):
    assert versions_to_compare(numbers, before=before, after=after) == expected


def test_it_compares_the_draft_with_the_live_version_by_default(draft, recruiter, hiring_manager):
    walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
    posting_revise(posting=draft, by=recruiter)
    draft.title = "Staff Data Scientist"
    posting_save(posting=draft, expected_version=draft.version)

    comparison = posting_compare(posting=draft)

    assert (comparison.before_key, comparison.after_key) == ("1", "draft")
    assert [v.number for v in comparison.versions] == [1]
    assert comparison.changes == [
        Change("title", "changed", "Senior Data Scientist", "Staff Data Scientist")
    ]


def test_it_keeps_a_snapshot_in_the_shape_versions_were_always_kept(draft):
    snapshot = posting_snapshot(posting=draft)

    # The company's texts are content fields too, kept as candidates read them: the
    # posting's own, or its company's where it left them blank.
    assert list(snapshot) == [
        *JobPosting.CONTENT_FIELDS,
        "role_family",
        "role_family_name",
        "level",
        "level_name",
        "company",
        "skills",
        "responsibilities",
        "rubric",
        "interviewers",  # kept since interviewers per stage; older versions have none
    ]
    assert snapshot["role_family_name"] == "Data Scientist"
    # "requirement" (the sentence candidates read) came later: versions kept before it
    # show the name (tests/hiring/postings/test_requirements.py).
    assert set(snapshot["skills"][0]) == {"skill", "name", "must_have", "emphasis", "requirement"}
    assert set(snapshot["responsibilities"][0]) == {"responsibility", "text"}
    assert snapshot["rubric"] is None


def test_a_company_text_a_version_kept_before_texts_were_kept_is_no_change():
    old = {"title": "DS", "summary": "S"}
    new = {"title": "DS", "summary": "S", "about_company": "Acme.", "pay_statement": "Range."}

    assert describe_changes(old, new) == []
    assert snapshot_diff(old, new) == []


def test_a_rewritten_company_text_is_named_not_quoted():
    old = {"about_company": "Acme.", "pay_statement": "Range.", "equal_opportunity": "EO"}
    new = {"about_company": "Acme!", "pay_statement": "Range.", "equal_opportunity": "EO"}

    assert describe_changes(old, new) == ["About the company rewritten"]
    assert snapshot_diff(old, new) == [Change("about_company", "changed", "Acme.", "Acme!")]
