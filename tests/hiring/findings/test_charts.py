"""The lean chart: where a posting sits between DS and MLE, and why."""

import datetime

from hiring.findings import charts
from hiring.rules.engine import analyse_text
from tests.rules.catalog_from_fixture import load_catalog

CATALOG = load_catalog()
TODAY = datetime.date(2026, 12, 1)

DS_AD = """Responsibilities
- Design and analyse A/B tests and define success metrics for product launches.
- Apply causal inference to estimate the impact of pricing changes.
- Present findings to stakeholders and executives.
"""
SHARED_ONLY = "Requirements\n- Python\n- Feature engineering\n"


def chart_of(text, title="Data Scientist"):
    analysis = analyse_text(title, text, CATALOG, today=TODAY)
    return charts.lean_chart(analysis.report.lean, CATALOG)


def test_it_shows_how_clearly_a_posting_reads():
    chart = chart_of(DS_AD)
    assert chart.summary.startswith("Reads ")
    percent = int(chart.summary.split()[1].rstrip("%"))
    assert percent >= 80
    assert chart.marker_x < chart.label_width + chart.bar_width * 0.2  # far to the DS end


def test_it_names_what_pulls_each_way():
    chart = chart_of(DS_AD)
    assert "A/B testing" in chart.left_because
    assert chart.right_because == ""


def test_it_says_when_nothing_tells_the_roles_apart():
    chart = chart_of(SHARED_ONLY)
    assert chart.summary == "Reads as neither role: nothing found tells them apart"
    assert chart.marker_x == chart.label_width + chart.bar_width / 2
