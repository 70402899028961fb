"""The role-lean chart: geometry for a server-rendered SVG (templates/postings/_lean_chart.html).

No JavaScript and no chart library: the figures come from the rules' `Lean`, and the
template draws them, so the same chart works in the admin, the review page and a PDF.
"""

from dataclasses import dataclass

from roles.models import Category

from ..rules.snapshot import Catalog
from ..rules.vectors import SKILL, Lean

WIDTH = 520
LABEL_WIDTH = 150
BAR_WIDTH = WIDTH - LABEL_WIDTH - 20
ROW_HEIGHT = 26
TOP = 78
# The families the slider runs between, left to right, when both are in the catalog.
SLIDER_FAMILIES = ("data-scientist", "machine-learning-engineer")


@dataclass(frozen=True)
class CategoryBar:
    label: str
    y: int
    posting_width: float
    role_width: float
    posting_value: float
    role_value: float


@dataclass(frozen=True)
class LeanChart:
    width: int
    height: int
    label_width: int
    bar_width: int
    left_name: str
    right_name: str
    marker_x: float
    summary: str
    reference_name: str
    bars: tuple[CategoryBar, ...]
    left_because: str = ""
    right_because: str = ""


def lean_chart(lean: Lean | None, catalog: Catalog) -> LeanChart | None:
    """Where the posting sits between DS and MLE, and its emphasis per skill category."""
    if lean is None:
        return None
    left, right = _slider_families(lean, catalog)
    if left is None or right is None:
        return None
    total = lean.share.get(left, 0.0) + lean.share.get(right, 0.0)
    towards_right = lean.share.get(right, 0.0) / total if total else 0.5
    leaning = right if towards_right >= 0.5 else left
    percent = round(100 * max(towards_right, 1 - towards_right))
    if lean.best is None:
        summary = "Reads as neither role: nothing found tells them apart"
    else:
        summary = f"Reads {percent}% {catalog.role_name(leaning)}"
    labels = dict(Category.choices)
    bars = tuple(
        CategoryBar(
            label=labels.get(category, category),
            y=TOP + index * ROW_HEIGHT,
            posting_width=round(BAR_WIDTH * posting / 3, 1),
            role_width=round(BAR_WIDTH * role / 3, 1),
            posting_value=round(posting, 1),
            role_value=round(role, 1),
        )
        for index, (category, (posting, role)) in enumerate(lean.categories.items())
    )
    return LeanChart(
        width=WIDTH,
        height=TOP + len(bars) * ROW_HEIGHT + 10,
        label_width=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        left_name=catalog.role_name(left),
        right_name=catalog.role_name(right),
        marker_x=round(LABEL_WIDTH + BAR_WIDTH * towards_right, 1),
        summary=summary,
        reference_name=catalog.role_name(lean.reference) if lean.reference else "",
        bars=bars,
        left_because=_because(lean, left, catalog),
        right_because=_because(lean, right, catalog),
    )


# How many of the skills and duties behind each side the chart names.
NAMED = 3


def _because(lean: Lean, family: str, catalog: Catalog) -> str:
    """The strongest skills pulling towards ``family`` (duties only when there is no skill)."""
    names = []
    signals = lean.signals_for(family, SKILL) or lean.signals_for(family)
    for signal in signals[:NAMED]:
        if signal.kind == SKILL:
            names.append(catalog.skill_name(signal.key))
        else:
            duty = catalog.responsibilities.get(signal.key)
            names.append(duty.text if duty else signal.key)
    return ", ".join(names)


def _slider_families(lean: Lean, catalog: Catalog) -> tuple[str | None, str | None]:
    if all(slug in catalog.roles for slug in SLIDER_FAMILIES):
        return SLIDER_FAMILIES
    ranked = sorted(lean.share, key=lambda slug: -lean.share[slug])
    return (ranked[0], ranked[1]) if len(ranked) > 1 else (None, None)
