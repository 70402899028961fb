"""How well the free-text analyser judges DS / MLE on labelled real job ads.

Pure Python over outcomes (a label, the lean's best family, the finding codes), so that
`make eval` (through `manage.py analyse_text --format json`) and the test that holds the
calibration figures share one definition of "right", "false alarm" and "flagged".

- A clear posting (DS or MLE) is right when its lean names its family and it carries no
  two-roles flag (W102 reads as the other role, W402 two jobs, W106 two jobs on a hybrid title).
- A false alarm is a clear posting with any mismatch flag (those three, or W103).
- A MIXED posting (title and content disagree, or both roles asked heavily) should be flagged.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

FAMILIES = {"DS": "data-scientist", "MLE": "machine-learning-engineer"}
LABELS = ("DS", "MLE", "MIXED")
TWO_ROLES = frozenset({"rules.W102", "rules.W402", "rules.W106"})
MISMATCH = TWO_ROLES | {"rules.W103"}
TARGETS = {"right": 0.9, "false_alarms": 0.1, "mixed_flagged": 0.8}

# The thresholds calibration may move, and the values it tries.
GRID: dict[str, tuple[float, ...]] = {
    "drift_margin": (0.1, 0.15, 0.2, 0.25, 0.3),
    "two_jobs_share": (0.15, 0.2, 0.25, 0.3, 0.35),
    "two_jobs_evidence": (1.5, 2.0, 2.5, 3.0, 3.5),
}


@dataclass(frozen=True)
class Labelled:
    id: str
    title: str
    text: str
    label: str


@dataclass(frozen=True)
class Outcome:
    posting: Labelled
    best: str | None  # the lean's best family slug
    percent: dict[str, int]
    codes: frozenset[str]

    @property
    def flags(self) -> list[str]:
        return sorted(self.codes & MISMATCH)

    @property
    def clear(self) -> bool:
        return self.posting.label in FAMILIES

    @property
    def right(self) -> bool:
        family = FAMILIES.get(self.posting.label)
        return family is not None and self.best == family and not self.codes & TWO_ROLES

    @property
    def false_alarm(self) -> bool:
        return self.clear and bool(self.flags)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def reads(self) -> str:
        """The engine's answer as a label: MIXED when it flags, else the lean's family."""
        if self.flagged:
            return "MIXED"
        by_slug = {slug: label for label, slug in FAMILIES.items()}
        return by_slug.get(self.best or "", "none")


MISSING = (
    "The labelled job ads are not at {path}: they are part of the build "
    "(shared/reference/ beside the repository). Put them back; do not skip."
)


def load(path: Path) -> list[Labelled]:
    if not path.is_file():
        raise FileNotFoundError(MISSING.format(path=path))
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Labelled(r["id"], r["title"], r["text"], r["label"]) for r in rows]


@dataclass(frozen=True)
class Figures:
    right: int
    false_alarms: int
    clear: int
    mixed_flagged: int
    mixed: int

    def rate(self, name: str) -> float:
        total = self.mixed if name == "mixed_flagged" else self.clear
        return getattr(self, name) / total if total else 0.0

    def meets_targets(self) -> bool:
        return (
            self.rate("right") >= TARGETS["right"]
            and self.rate("false_alarms") <= TARGETS["false_alarms"]
            and self.rate("mixed_flagged") >= TARGETS["mixed_flagged"]
        )

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(a + b for a, b in zip(_values(self), _values(other), strict=True)))

    def lines(self) -> list[str]:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"

        return [
            f"  1. clear postings read right, no W102/W402/W106: "
            f"{share(self.right, self.clear)}  (target >= 90%)",
            f"  2. clear postings with a mismatch flag (false alarms): "
            f"{share(self.false_alarms, self.clear)}  (target <= 10%)",
            f"  3. MIXED postings flagged: {share(self.mixed_flagged, self.mixed)}  "
            f"(target >= 80%)",
        ]


def _values(figures: Figures) -> tuple[int, ...]:
    return tuple(getattr(figures, f.name) for f in dataclasses.fields(figures))


def figures(outcomes: Iterable[Outcome]) -> Figures:
    outcomes = list(outcomes)
    clear = [o for o in outcomes if o.clear]
    mixed = [o for o in outcomes if o.posting.label == "MIXED"]
    return Figures(
        right=sum(o.right for o in clear),
        false_alarms=sum(o.false_alarm for o in clear),
        clear=len(clear),
        mixed_flagged=sum(o.flagged for o in mixed),
        mixed=len(mixed),
    )


def confusion(outcomes: Iterable[Outcome]) -> list[str]:
    """Rows: the label; columns: what the engine reads."""
    columns = ("DS", "MLE", "MIXED", "none")
    counts = {(label, read): 0 for label in LABELS for read in columns}
    for o in outcomes:
        counts[(o.posting.label, o.reads)] += 1
    lines = ["  label \\ reads " + "".join(f"{c:>7}" for c in columns)]
    lines += [
        f"  {label:<14}" + "".join(f"{counts[(label, c)]:>7}" for c in columns) for label in LABELS
    ]
    return lines


def outcome_line(o: Outcome) -> str:
    verdict = "right" if o.right else ("flagged" if o.flagged else "miss")
    if o.clear and o.flagged:
        verdict = "FALSE ALARM"
    elif o.clear and not o.right:
        verdict = "WRONG LEAN"
    lean = ", ".join(f"{p}% {slug}" for slug, p in o.percent.items()) or "no lean"
    flags = " ".join(code.removeprefix("rules.") for code in o.flags) or "-"
    title = o.posting.title[:60]
    return f"  {o.posting.id:<9} {o.posting.label:<6} {verdict:<12} {flags:<14} {lean}  | {title}"


def folds(postings: Sequence[Labelled], k: int, seed: int = 20261201) -> list[list[Labelled]]:
    """``k`` folds, each label dealt round-robin after a seeded shuffle."""
    dealt: list[list[Labelled]] = [[] for _ in range(k)]
    rng = random.Random(seed)
    at = 0
    for label in LABELS:
        group = [p for p in postings if p.label == label]
        rng.shuffle(group)
        for p in group:
            dealt[at % k].append(p)
            at += 1
    return dealt


type Judge = Callable[[Labelled, dict[str, float]], Outcome]


def score(fig: Figures) -> tuple[int, float]:
    """What calibration maximises: the targets met, then right + flagged - 2 x false alarms."""
    met = (
        (fig.rate("right") >= TARGETS["right"])
        + (fig.rate("false_alarms") <= TARGETS["false_alarms"])
        + (fig.rate("mixed_flagged") >= TARGETS["mixed_flagged"])
    )
    return met, fig.rate("right") + fig.rate("mixed_flagged") - 2 * fig.rate("false_alarms")


def calibrate(postings: Sequence[Labelled], judge: Judge) -> dict[str, float]:
    """The grid point that scores best on ``postings`` (ties: the first, i.e. the lowest)."""
    names = list(GRID)
    best: tuple[tuple[int, float], dict[str, float]] | None = None
    for values in itertools.product(*(GRID[n] for n in names)):
        chosen = dict(zip(names, values, strict=True))
        result = score(figures(judge(p, chosen) for p in postings))
        if best is None or result > best[0]:
            best = (result, chosen)
    assert best is not None
    return best[1]


def cross_validate(
    postings: Sequence[Labelled], judge: Judge, k: int = 5
) -> tuple[Figures, list[dict[str, float]]]:
    """Calibrate on k-1 folds, score the k-th; the figures of every held-out fold, summed."""
    dealt = folds(postings, k)
    total = Figures(0, 0, 0, 0, 0)
    chosen = []
    for i, held_out in enumerate(dealt):
        training = [p for j, fold in enumerate(dealt) if j != i for p in fold]
        thresholds = calibrate(training, judge)
        chosen.append(thresholds)
        total = total + figures(judge(p, thresholds) for p in held_out)
    return total, chosen
