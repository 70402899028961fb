"""A document as the export templates read it: display strings, not raw snapshot keys.

Every free-text field is offered three ways (`*_html` sanitised, `*_md` inert Markdown,
`*_text` plain text) and each template takes the one its format needs. One-line fields (the
title, company, level, places, responsibilities and skills) are plain text in every format:
a tag typed into them is removed, not shown nor passed on to job boards.
"""

import base64
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property

from django.utils.safestring import SafeString

from hiring.models import Criterion, JobPosting
from hiring.models.posting import text_lines

from . import markup
from .document import Branding, Document, brand_colour, document_for
from .signoff import long_date

REMOTE_LABELS = dict(JobPosting.RemotePolicy.choices)
EMPLOYMENT_LABELS = dict(JobPosting.EmploymentType.choices)
PERIOD_LABELS = dict(JobPosting.SalaryPeriod.choices)
STAGE_LABELS = dict(Criterion.Stage.choices)
SCALE = tuple(label for _, label in Criterion.SCALE)
SEVERITY_ORDER = ("error", "warning", "info")


def amount(value) -> str:
    """150000.00 -> 150,000 (cents only when there are some)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return markup.clean_text(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.2f}"


def pay_range(snapshot: dict) -> str:
    low, high = snapshot.get("salary_min"), snapshot.get("salary_max")
    if low in (None, "") and high in (None, ""):
        return ""
    currency = markup.plain_text(snapshot.get("salary_currency") or "")
    period = PERIOD_LABELS.get(snapshot.get("salary_period"), "")
    if low not in (None, "") and high not in (None, ""):
        figure = f"{amount(low)} – {amount(high)}" if amount(low) != amount(high) else amount(low)
        return f"{currency} {figure} {period}".strip()
    if low not in (None, ""):
        return f"From {currency} {amount(low)} {period}".strip()
    return f"Up to {currency} {amount(high)} {period}".strip()


def experience(snapshot: dict) -> str:
    low, high = snapshot.get("years_min"), snapshot.get("years_max")
    if low is None:
        return ""
    if high and high != low:
        return f"{low}–{high} years of relevant experience."
    if high == low:
        return f"{low} year{'s' if low != 1 else ''} of relevant experience."
    return f"{low}+ years of relevant experience."


@dataclass(frozen=True)
class CriterionView:
    title: str
    stage: str
    weight: str
    weight_reason: str
    questions: tuple[str, ...]
    anchors: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StageView:
    key: str
    label: str
    criteria: tuple[CriterionView, ...]
    interviewers: tuple[str, ...] = ()


class PostingView:
    """Read-only display of a document; cached so each template pays only for what it uses."""

    def __init__(self, document: Document, *, logo_src: str = ""):
        self.document = document
        self.snapshot = document.snapshot
        self.branding = document.branding
        self.logo_src = logo_src

    def _text(self, key: str) -> str:
        return markup.plain_text(self.snapshot.get(key))

    @cached_property
    def title(self) -> str:
        return self._text("title").replace("\n", " ").strip() or "Untitled posting"

    @property
    def company(self) -> str:
        return markup.plain_text(self.branding.name)

    @property
    def language(self) -> str:
        return self.document.language

    @property
    def colour(self) -> str:
        return self.branding.colour

    @property
    def ink(self) -> str:
        return self.branding.ink

    @cached_property
    def website(self) -> str:
        return markup.safe_url(self.branding.website)

    @cached_property
    def apply_url(self) -> str:
        return markup.safe_url(self.snapshot.get("apply_url"))

    @cached_property
    def level(self) -> str:
        return self._text("level_name")

    @cached_property
    def role_family(self) -> str:
        return self._text("role_family_name")

    @cached_property
    def remote_policy(self) -> str:
        return self.snapshot.get("remote_policy") or ""

    @cached_property
    def is_remote(self) -> bool:
        return self.remote_policy == JobPosting.RemotePolicy.REMOTE

    @cached_property
    def remote(self) -> str:
        return REMOTE_LABELS.get(self.remote_policy, "")

    @cached_property
    def employment(self) -> str:
        return EMPLOYMENT_LABELS.get(self.snapshot.get("employment_type"), "")

    @cached_property
    def locations(self) -> list[str]:
        return text_lines(self._text("locations"))

    @cached_property
    def where(self) -> str:
        """Remote policy and places in one line: 'Hybrid · New York, NY, US'."""
        return " · ".join(filter(None, [self.remote, " / ".join(self.locations)]))

    @cached_property
    def pay(self) -> str:
        return pay_range(self.snapshot)

    @cached_property
    def experience(self) -> str:
        return experience(self.snapshot)

    @cached_property
    def version_label(self) -> str:
        version = self.document.version
        return f"Version {version}" if version else "Draft"

    @cached_property
    def signoff(self) -> dict:
        """The packet's sign-off, with dates as people read them: '2 December 2026'."""
        record = dict(self.document.signoff or {"state": "draft", "reviews": []})
        if record.get("approved_on"):
            record["approved_on"] = long_date(date.fromisoformat(record["approved_on"]))
        record["reviews"] = [
            {**review, "on": long_date(date.fromisoformat(review["on"]))}
            for review in record.get("reviews") or []
        ]
        record["approved"] = record.get("state") == "approved"
        return record

    @property
    def date_posted(self):
        return self.document.date_posted

    # Blocks

    @cached_property
    def responsibilities(self) -> list[str]:
        rows = self.snapshot.get("responsibilities") or []
        return [text for row in rows if (text := markup.plain_text(row.get("text")).strip())]

    def _skills(self, must_have: bool) -> list[str]:
        # The requirement sentence; a version published before sentences shows the name.
        rows = self.snapshot.get("skills") or []
        return [
            markup.plain_text(row.get("requirement") or row.get("name"))
            for row in rows
            if bool(row.get("must_have")) is must_have
        ]

    @cached_property
    def must_haves(self) -> list[str]:
        return self._skills(True)

    @cached_property
    def nice_to_haves(self) -> list[str]:
        return self._skills(False)

    # Free text, three ways

    @property
    def about(self) -> str:
        # A version keeps the company's about text it was published with; one published
        # before versions kept it shows the company's as it is now.
        if "about_company" in self.snapshot:
            return self.snapshot["about_company"] or ""
        return self.branding.about

    @cached_property
    def summary_html(self) -> SafeString:
        return markup.to_html(self.snapshot.get("summary"))

    @cached_property
    def team_html(self) -> SafeString:
        return markup.to_html(self.snapshot.get("team"))

    @cached_property
    def benefits_html(self) -> SafeString:
        return markup.to_html(self.snapshot.get("benefits"))

    @cached_property
    def about_html(self) -> SafeString:
        return markup.to_html(self.about)

    @cached_property
    def pay_statement_html(self) -> SafeString:
        return markup.to_html(self.snapshot.get("pay_statement"))

    @cached_property
    def equal_opportunity_html(self) -> SafeString:
        return markup.to_html(self.snapshot.get("equal_opportunity"))

    @cached_property
    def summary_md(self) -> str:
        return markup.md_block(self.snapshot.get("summary"))

    @cached_property
    def team_md(self) -> str:
        return markup.md_block(self.snapshot.get("team"))

    @cached_property
    def benefits_md(self) -> str:
        return markup.md_block(self.snapshot.get("benefits"))

    @cached_property
    def about_md(self) -> str:
        return markup.md_block(self.about)

    @cached_property
    def pay_statement_md(self) -> str:
        return markup.md_block(self.snapshot.get("pay_statement"))

    @cached_property
    def equal_opportunity_md(self) -> str:
        return markup.md_block(self.snapshot.get("equal_opportunity"))

    @cached_property
    def summary_text(self) -> str:
        return markup.to_plain(self.snapshot.get("summary"))

    @cached_property
    def team_text(self) -> str:
        return markup.to_plain(self.snapshot.get("team"))

    @cached_property
    def benefits_text(self) -> str:
        return markup.to_plain(self.snapshot.get("benefits"))

    @cached_property
    def about_text(self) -> str:
        return markup.to_plain(self.about)

    @cached_property
    def pay_statement_text(self) -> str:
        return markup.to_plain(self.snapshot.get("pay_statement"))

    @cached_property
    def equal_opportunity_text(self) -> str:
        return markup.to_plain(self.snapshot.get("equal_opportunity"))

    @property
    def accommodations_contact(self) -> str:
        return self.snapshot.get("accommodations_contact") or ""

    # Markdown-escaped one-liners

    @cached_property
    def md(self) -> dict:
        return {
            "title": markup.md_inline(self.title),
            "company": markup.md_inline(self.company),
            "level": markup.md_inline(self.level),
            "where": markup.md_inline(self.where),
            "employment": markup.md_inline(self.employment),
            "pay": markup.md_inline(self.pay),
            "accommodations_contact": markup.md_inline(self.accommodations_contact),
            "experience": markup.md_inline(self.experience),
            "responsibilities": [markup.md_inline(t) for t in self.responsibilities],
            "must_haves": [markup.md_inline(t) for t in self.must_haves],
            "nice_to_haves": [markup.md_inline(t) for t in self.nice_to_haves],
        }

    # Rubric (hiring manager and interviewers only; candidates' snapshots have none)

    @cached_property
    def has_rubric(self) -> bool:
        return bool(self.snapshot.get("rubric"))

    @cached_property
    def stages(self) -> list[StageView]:
        grouped: dict[str, list[CriterionView]] = {}
        for row in self.snapshot.get("rubric") or []:
            stage = row.get("stage") or ""
            anchors = row.get("anchors") or {}
            grouped.setdefault(stage, []).append(
                CriterionView(
                    title=markup.clean_text(row.get("title")) or "Criterion",
                    stage=STAGE_LABELS.get(stage, markup.clean_text(stage)),
                    weight=amount(row.get("weight", "1")),
                    weight_reason=markup.clean_text(row.get("weight_reason")),
                    questions=tuple(markup.clean_text(q) for q in row.get("questions") or ()),
                    # Scale order, whatever order the JSON kept the keys in.
                    anchors=tuple(
                        (label, markup.clean_text(anchors.get(label))) for label in SCALE
                    ),
                )
            )
        staff: dict[str, list[str]] = {}
        for row in self.snapshot.get("interviewers") or []:
            staff.setdefault(row.get("stage") or "", []).append(markup.plain_text(row.get("name")))
        order = {key: index for index, key in enumerate(STAGE_LABELS)}
        return [
            StageView(
                key=key,
                label=STAGE_LABELS.get(key, markup.clean_text(key)),
                criteria=tuple(rows),
                interviewers=tuple(staff.get(key, ())),
            )
            for key, rows in sorted(grouped.items(), key=lambda item: order.get(item[0], 99))
        ]

    @cached_property
    def staffed(self) -> bool:
        """Whether any stage names its interviewers (versions before them name none)."""
        return any(stage.interviewers for stage in self.stages)

    @cached_property
    def interviewer(self) -> str:
        """The interviewer a kit is printed for; empty for the whole kit."""
        return markup.plain_text((self.document.interviewer or {}).get("name"))

    @cached_property
    def interviewer_stages(self) -> list[str]:
        stages = (self.document.interviewer or {}).get("stages") or ()
        return [STAGE_LABELS.get(key, markup.clean_text(key)) for key in stages]

    @cached_property
    def interviewer_stages_phrase(self) -> str:
        """'the Technical stage', 'the Technical and Case study stages'."""
        labels = self.interviewer_stages
        if len(labels) <= 1:
            return f"the {''.join(labels)} stage"
        return f"the {', '.join(labels[:-1])} and {labels[-1]} stages"

    @property
    def scale(self) -> tuple[str, ...]:
        return SCALE

    # Findings (hiring manager only)

    @cached_property
    def findings(self) -> list[dict]:
        rank = {severity: index for index, severity in enumerate(SEVERITY_ORDER)}
        return sorted(self.document.findings, key=lambda f: rank.get(f["severity"], 9))

    @cached_property
    def open_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for finding in self.document.findings:
            if not finding["acknowledged"]:
                counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
        return counts


def logo_data_uri(document: Document) -> str:
    """The logo inline, so that a standalone HTML file needs nothing else."""
    logo = document.branding.logo
    if not logo:
        return ""
    return f"data:{document.branding.logo_type};base64,{base64.b64encode(logo).decode('ascii')}"


def context_for(document: Document, *, logo_src: str = "", **extra) -> dict:
    return {"doc": PostingView(document, logo_src=logo_src), "chart": document.chart, **extra}


def candidate_view(posting: JobPosting) -> PostingView:
    """The posting as it stands, as a candidate would read it: what the admin's preview and
    the review page show, from the same snapshot and partials as every export."""
    company = posting.company
    # No logo: the pages show the company by name, and reading the file could fail them.
    branding = Branding(
        name=company.name,
        about=company.about,
        website=company.website,
        colour=brand_colour(company.brand_colour),
    )
    return PostingView(document_for(posting, draft=True, branding=branding))
