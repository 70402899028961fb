"""Labelled postings from the seed articles, read by analyse_text against the real catalog."""

import datetime
import json
from pathlib import Path

import pytest

from hiring.rules.engine import analyse_text

LABELLED = json.loads((Path(__file__).with_name("labelled_postings.json")).read_text("utf-8"))
TODAY = datetime.date.fromisoformat(LABELLED["today"])


def outcome(case, catalog):
    analysis = analyse_text(case["title"], case["text"], catalog, today=TODAY)
    codes = analysis.report.codes
    lean = analysis.report.lean
    return {
        "lean": lean.best if lean else None,
        "missing": sorted(set(case["expect_present"]) - codes),
        "unexpected": sorted(set(case["expect_absent"]) & codes),
    }


def correct(case, result):
    lean_ok = case["expected_lean"] is None or result["lean"] == case["expected_lean"]
    return lean_ok and not result["missing"] and not result["unexpected"]


@pytest.mark.parametrize("case", LABELLED["postings"], ids=lambda c: c["id"])
def test_it_reads_a_labelled_posting(case, real_catalog):
    result = outcome(case, real_catalog)
    if case["expected_lean"] is not None:
        assert result["lean"] == case["expected_lean"]
    assert result["missing"] == []
    assert result["unexpected"] == []


def test_it_reports_the_labelled_set_accuracy(real_catalog, capsys):
    cases = LABELLED["postings"]
    results = [(case, outcome(case, real_catalog)) for case in cases]
    with_lean = [(c, r) for c, r in results if c["expected_lean"] is not None]
    lean_right = sum(r["lean"] == c["expected_lean"] for c, r in with_lean)
    all_right = sum(correct(c, r) for c, r in results)
    with capsys.disabled():
        print(
            f"\nlabelled postings: {all_right}/{len(cases)} fully correct; "
            f"lean {lean_right}/{len(with_lean)}"
        )
    assert len(cases) >= 20
    assert all_right / len(cases) >= 0.9
