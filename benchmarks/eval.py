"""`make eval`: the free-text analyser on labelled real job ads.

    python -m benchmarks.eval [FILE] [--folds 5]

FILE defaults to the calibration set, ../shared/reference/real_postings_dev.jsonl (JSON lines
with id, title, text and a DS / MLE / MIXED label). Each posting goes through `manage.py
analyse_text --format json`, as an integration would send it; then the figures are computed
again under k-fold cross-validation, the role-fit thresholds calibrated on k-1 folds and
scored on the last, so that figures tuned to this very file show up as such.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import sys
import tempfile
from functools import cache
from pathlib import Path

import django

from benchmarks import evaluation

DEFAULT_FILE = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "real_postings_dev.jsonl"
)


def analyse_with_command(posting: evaluation.Labelled) -> evaluation.Outcome:
    from django.core.management import call_command

    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as text:
        text.write(posting.text)
        text.flush()
        out = io.StringIO()
        call_command("analyse_text", text.name, title=posting.title, format="json", stdout=out)
    payload = json.loads(out.getvalue())
    codes = frozenset(f["code"] for f in payload["findings"])
    lean = next((f for f in payload["findings"] if f["code"] == "rules.I101"), None)
    return evaluation.Outcome(
        posting=posting,
        best=lean["evidence"]["best"] if lean else None,
        percent=lean["evidence"]["percent"] if lean else {},
        codes=codes,
    )


def engine_judge():
    """Judge postings with the engine directly: each text read once, then checked by the
    role-fit rules under whatever thresholds calibration tries."""
    from hiring import rules
    from hiring.caching import rules_catalog
    from hiring.findings.adapter import rules_thresholds
    from hiring.rules import role_fit
    from hiring.rules.registry import RULES
    from hiring.rules.text import read_posting

    catalog = rules_catalog()
    base = rules_thresholds()
    role_fit_rules = tuple(r for r in RULES if r.__module__ == role_fit.__name__)
    today = datetime.date.today()

    @cache
    def read(posting: evaluation.Labelled):
        return read_posting(posting.title, posting.text, catalog)[0]

    def judge(posting: evaluation.Labelled, chosen: dict[str, float]) -> evaluation.Outcome:
        thresholds = base.__class__(**{**_fields(base), **chosen})
        report = rules.check_posting(
            read(posting), catalog, thresholds, today=today, rules=role_fit_rules
        )
        lean = report.lean
        return evaluation.Outcome(
            posting=posting,
            best=lean.best if lean else None,
            percent=role_fit.percentages(lean.share) if lean else {},
            codes=report.codes,
        )

    return judge


def _fields(thresholds) -> dict[str, float]:
    return {name: getattr(thresholds, name) for name in thresholds.__dataclass_fields__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring.settings.local")
    django.setup()

    postings = evaluation.load(args.file)
    print(f"{args.file.name}: {len(postings)} postings, through manage.py analyse_text")
    outcomes = [analyse_with_command(p) for p in postings]
    for o in outcomes:
        print(evaluation.outcome_line(o))
    print("\nConfusion matrix")
    print("\n".join(evaluation.confusion(outcomes)))
    whole = evaluation.figures(outcomes)
    print("\nFigures, default thresholds")
    print("\n".join(whole.lines()))

    cv, chosen = evaluation.cross_validate(postings, engine_judge(), args.folds)
    print(
        f"\nFigures under {args.folds}-fold cross-validation (thresholds calibrated on the "
        f"other folds)"
    )
    print("\n".join(cv.lines()))
    for i, thresholds in enumerate(chosen, start=1):
        print(f"  fold {i}: " + ", ".join(f"{k}={v}" for k, v in thresholds.items()))
    met = whole.meets_targets() and cv.meets_targets()
    print("\nTargets " + ("met." if met else "NOT met."))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
