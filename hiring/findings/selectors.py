"""The findings of postings and of free text, with their acknowledgements: what the
admin, the review pages, the exports and the API show."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .. import rules
from ..caching import rules_catalog
from ..models import FindingAcknowledgement, JobPosting
from ..rules import snapshot as rs
from ..rules.experience import years_text
from .adapter import postings_for_rules, rules_posting, rules_thresholds


@dataclass(frozen=True)
class FindingRow:
    """A finding as the pages show it: open, acknowledged, or reopened (evidence changed)."""

    finding: rules.Finding
    acknowledgement: FindingAcknowledgement | None = None
    reopened_from: FindingAcknowledgement | None = None

    @property
    def is_open(self) -> bool:
        return self.acknowledgement is None


def count_by_severity(rows) -> dict[str, int]:
    counts = {severity.value: 0 for severity in rules.Severity}
    for row in rows:
        counts[row.finding.severity.value] += 1
    return counts


@dataclass(frozen=True)
class PostingAnalysis:
    posting: JobPosting
    report: rules.Report
    rows: tuple[FindingRow, ...]
    catalog: rs.Catalog

    def open_counts(self) -> dict[str, int]:
        return count_by_severity(row for row in self.rows if row.is_open)

    def acknowledged_counts(self) -> dict[str, int]:
        """Acknowledged findings stay visible: the headers count them apart from the open."""
        return count_by_severity(row for row in self.rows if not row.is_open)

    @property
    def open_errors(self) -> list[FindingRow]:
        return [r for r in self.rows if r.is_open and r.finding.severity == rules.Severity.ERROR]


def _rows(report: rules.Report, acknowledgements) -> tuple[FindingRow, ...]:
    by_fingerprint = {ack.fingerprint: ack for ack in acknowledgements}
    by_subject = {(ack.code, ack.subject_kind, ack.subject_id): ack for ack in acknowledgements}
    rows = []
    for finding in report.findings:
        ack = by_fingerprint.get(finding.fingerprint)
        earlier = None
        if ack is None:
            earlier = by_subject.get((finding.code, finding.subject.kind, finding.subject.id))
        rows.append(FindingRow(finding=finding, acknowledgement=ack, reopened_from=earlier))
    return tuple(rows)


def postings_analysis(
    queryset: QuerySet[JobPosting], *, company=None, today=None
) -> list[PostingAnalysis]:
    """Run the rules over many postings: the catalog is loaded once, queries stay fixed."""
    postings = list(
        postings_for_rules(queryset).prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=FindingAcknowledgement.objects.select_related("acknowledged_by"),
            )
        )
    )
    if not postings:
        return []
    catalog = rules_catalog(company=company)
    thresholds = rules_thresholds()
    analyses = []
    for posting in postings:
        report = rules.check_posting(
            rules_posting(posting, catalog, today=today), catalog, thresholds, today
        )
        rows = _rows(report, list(posting.acknowledgements.all()))
        analyses.append(PostingAnalysis(posting=posting, report=report, rows=rows, catalog=catalog))
    return analyses


def posting_analysis(*, posting: JobPosting, today=None) -> PostingAnalysis:
    """The findings of one posting, with their acknowledgements, in a fixed number of queries."""
    [analysis] = postings_analysis(
        JobPosting.objects.filter(pk=posting.pk), company=posting.company_id, today=today
    )
    return analysis


@dataclass(frozen=True)
class SkillFound:
    """A skill the text names, with how often and in which words."""

    name: str
    count: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class TextAnalysisResult:
    """Free job text read by the rules: the analysis, and the catalog it was read against."""

    analysis: rules.TextAnalysis
    catalog: rs.Catalog
    rows: tuple[FindingRow, ...]

    def open_counts(self) -> dict[str, int]:
        return count_by_severity(self.rows)

    def acknowledged_counts(self) -> dict[str, int]:
        return count_by_severity(())

    def skills_found(self) -> list[SkillFound]:
        """Each skill once, by name, most named first."""
        text = self.analysis.posting.summary
        words: dict[str, list[str]] = {}
        for match in self.analysis.matched:
            words.setdefault(match.skill, []).append(text[match.start : match.end])
        found = [
            SkillFound(
                name=self.catalog.skill_name(slug),
                count=len(said),
                words=tuple(dict.fromkeys(w.lower() for w in said)),
            )
            for slug, said in words.items()
        ]
        return sorted(found, key=lambda s: (-s.count, s.name.lower()))

    def read_as(self) -> str:
        """The title and requirements as the rules read them, in words."""
        posting = self.analysis.posting
        level = self.catalog.levels.get(posting.level) if posting.level else None
        if level:
            role = level.name
        elif posting.role_family:
            role = self.catalog.role_name(posting.role_family)
        elif posting.hybrid_title:
            role = f"{posting.hybrid_title} (a hybrid title: the content decides)"
        else:
            role = "a title rolekit cannot place on a role family"
        if posting.years_min is None and posting.years_max is None:
            return f"{role}; no years of experience stated"
        return f"{role}; {years_text(posting.years_min, posting.years_max)} of experience"


def text_analysis(*, title: str, text: str, company=None, today=None) -> TextAnalysisResult:
    """Run the same rules over free text (from an ATS, or pasted by a recruiter)."""
    catalog = rules_catalog(company=company)
    analysis = rules.analyse_text(title, text, catalog, rules_thresholds(), today)
    rows = tuple(FindingRow(finding=f) for f in analysis.report.findings)
    return TextAnalysisResult(analysis=analysis, catalog=catalog, rows=rows)
