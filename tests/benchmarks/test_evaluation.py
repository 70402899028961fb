"""`make eval`: one definition of right, false alarm and flagged; folds; calibration."""

from pathlib import Path

import pytest

from benchmarks import eval as make_eval
from benchmarks import evaluation
from benchmarks.evaluation import Labelled, Outcome

DS, MLE = "data-scientist", "machine-learning-engineer"


def outcome(label, best, *codes, id="p"):
    return Outcome(Labelled(id, "T", "text", label), best, {}, frozenset(codes))


@pytest.mark.parametrize(
    ("o", "right", "false_alarm", "flagged", "reads"),
    [
        (outcome("DS", DS), True, False, False, "DS"),
        (outcome("DS", MLE), False, False, False, "MLE"),
        (outcome("DS", DS, "rules.W103"), True, True, True, "MIXED"),
        (outcome("MLE", MLE, "rules.W402"), False, True, True, "MIXED"),
        (outcome("MLE", None), False, False, False, "none"),
        (outcome("MIXED", DS, "rules.W106"), False, False, True, "MIXED"),
        (outcome("MIXED", DS, "rules.W105"), False, False, False, "DS"),
    ],
)
def test_it_judges_each_outcome_one_way(o, right, false_alarm, flagged, reads):
    assert (o.right, o.false_alarm, o.flagged, o.reads) == (right, false_alarm, flagged, reads)


def test_it_counts_the_three_figures():
    outcomes = [
        outcome("DS", DS),
        outcome("MLE", MLE, "rules.W103"),
        outcome("MIXED", DS, "rules.W402"),
        outcome("MIXED", MLE),
    ]
    fig = evaluation.figures(outcomes)
    assert (fig.right, fig.false_alarms, fig.clear, fig.mixed_flagged, fig.mixed) == (2, 1, 2, 1, 2)
    assert not fig.meets_targets()


def test_it_deals_every_label_across_the_folds():
    postings = [
        Labelled(f"p{i}", "T", "", label) for i, label in enumerate(["DS", "MLE", "MIXED"] * 5)
    ]
    folds = evaluation.folds(postings, 5)
    assert sorted(p.id for fold in folds for p in fold) == sorted(p.id for p in postings)
    assert all({p.label for p in fold} == {"DS", "MLE", "MIXED"} for fold in folds)
    assert folds == evaluation.folds(postings, 5)  # seeded: the same every run


def test_it_calibrates_on_the_training_folds_only():
    postings = [Labelled(f"p{i}", "T", "", "MIXED") for i in range(10)]
    seen = []

    def judge(posting, chosen):
        seen.append(posting.id)
        flagged = chosen["two_jobs_evidence"] <= 2.0
        return outcome("MIXED", DS, *(["rules.W402"] if flagged else []), id=posting.id)

    cv, chosen = evaluation.cross_validate(postings, judge, k=5)
    assert cv.mixed_flagged == 10
    assert all(c["two_jobs_evidence"] <= 2.0 for c in chosen)


def test_it_reads_the_analyser_through_the_command(db):
    [first] = evaluation.load(make_eval.DEFAULT_FILE)[:1]
    result = make_eval.analyse_with_command(first)
    assert result.best in (DS, MLE)
    assert sum(result.percent.values()) == 100


def test_it_says_where_the_file_is_missing(tmp_path, capsys):
    assert make_eval.main([str(tmp_path / "nope.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_the_calibration_set_is_there():
    assert make_eval.DEFAULT_FILE.exists(), (
        f"{make_eval.DEFAULT_FILE} is missing: the calibration set is part of the build"
    )
    assert isinstance(make_eval.DEFAULT_FILE, Path)


def test_a_missing_set_says_it_is_part_of_the_build(tmp_path):
    missing = tmp_path / "shared" / "reference" / "real_postings_dev.jsonl"
    with pytest.raises(FileNotFoundError, match="part of the build"):
        evaluation.load(missing)
