"""Run every registered rule over a posting snapshot and collect the findings."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from hiring.rules.context import Context, Rule
from hiring.rules.findings import Finding, Severity, sort_key
from hiring.rules.registry import RULES
from hiring.rules.settings import Thresholds
from hiring.rules.snapshot import Catalog, Posting
from hiring.rules.text import Match, read_posting
from hiring.rules.vectors import Lean, compute_lean, posting_vector

DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Report:
    findings: tuple[Finding, ...]
    lean: Lean | None

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.findings)

    def of_severity(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == severity)


@dataclass(frozen=True, slots=True)
class TextAnalysis:
    """Free text read into a posting: the skill mentions found, the posting, its report."""

    matched: tuple[Match, ...]
    posting: Posting
    report: Report


def check_posting(
    posting: Posting,
    catalog: Catalog,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    today: datetime.date | None = None,
    rules: Iterable[Rule] = RULES,
) -> Report:
    """All findings for ``posting``, errors first, then by code.

    ``today`` decides which pay-transparency laws apply and how old tools are; it defaults
    to the current date, and tests pin it.
    """
    context = Context(
        today=today or datetime.date.today(),
        vector=posting_vector(posting, thresholds),
        lean=compute_lean(posting, catalog, thresholds),
    )
    findings = [
        finding for rule in rules for finding in rule(posting, catalog, thresholds, context)
    ]
    return Report(findings=tuple(sorted(findings, key=sort_key)), lean=context.lean)


def analyse_text(
    title: str,
    text: str,
    catalog: Catalog,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    today: datetime.date | None = None,
) -> TextAnalysis:
    """Read a posting from free text and check it like any other (there is no rubric)."""
    posting, matched = read_posting(title, text, catalog)
    return TextAnalysis(
        matched=matched,
        posting=posting,
        report=check_posting(posting, catalog, thresholds, today),
    )
