"""The calibration set of real job ads, read by the engine with the real catalog: the figures
`make eval` prints hold, so that a change that hurts the judgement on real ads fails here."""

import datetime

import pytest

from benchmarks import evaluation
from benchmarks.eval import DEFAULT_FILE
from hiring.rules.engine import analyse_text
from hiring.rules.role_fit import percentages

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(scope="module")
def outcomes(real_catalog):
    assert DEFAULT_FILE.exists(), f"{DEFAULT_FILE} is missing: it is part of the build"
    results = []
    for posting in evaluation.load(DEFAULT_FILE):
        report = analyse_text(posting.title, posting.text, real_catalog, today=TODAY).report
        lean = report.lean
        results.append(
            evaluation.Outcome(
                posting,
                lean.best if lean else None,
                percentages(lean.share) if lean else {},
                report.codes,
            )
        )
    return results


def test_it_meets_the_targets_on_the_calibration_set(outcomes):
    figures = evaluation.figures(outcomes)
    assert figures.clear == 30 and figures.mixed == 10
    assert figures.meets_targets(), "\n".join(figures.lines())


def test_it_reads_clear_postings_clearly(outcomes):
    """A clearly DS ad reads clearly DS: the median clear ad gives its family 70% or more."""
    shares = sorted(
        o.percent.get(evaluation.FAMILIES[o.posting.label], 0) for o in outcomes if o.clear
    )
    assert shares[len(shares) // 2] >= 70


def test_it_finds_skills_in_every_real_ad(outcomes):
    assert all(o.percent for o in outcomes)


def test_it_keeps_w105_rare_on_real_ads(outcomes):
    """Real ads never name every skill of a profile; the defining ones missing is the news."""
    with_w105 = sum("rules.W105" in o.codes for o in outcomes)
    assert with_w105 <= len(outcomes) // 10
