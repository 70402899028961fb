"""The findings of a change form that is not saved yet, shown while the recruiter types.

Nothing is written: the form's data becomes the rules' snapshot of the posting (through
the same adapter as a saved posting) in a fixed number of queries. Each finding is also
placed beside the row or field it concerns, and language findings mark their words in a
preview of the text.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from roles.models import Responsibility, Skill

from .. import rules
from ..caching import rules_catalog
from ..models import Criterion, FindingAcknowledgement, JobPosting, PostingResponsibility
from ..postings.texts import shown_texts
from ..rules import snapshot as rs
from .adapter import rules_posting_with_rows, rules_thresholds
from .display import neutral_word
from .forms import UnsavedPostingForm
from .selectors import FindingRow, PostingAnalysis, _rows

# More rows than a posting ever has: a forged TOTAL_FORMS does not make us loop for long.
MAX_ROWS = 500
TEXT_FIELDS = ("title", "summary", "team", "benefits")
# The company's texts as the posting shows them; found words are marked beside the
# posting's own box for each (its override), which a recruiter fills to replace them.
COMPANY_TEXT_FIELDS = ("about_company", "equal_opportunity", "pay_statement")
FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "team": "Team",
    "benefits": "Benefits",
    "about_company": "About the company",
    "equal_opportunity": "The equal-opportunity statement",
    "pay_statement": "The pay-transparency statement",
}


@dataclass(frozen=True)
class Placement:
    """Findings shown beside one row or field; `target` is a CSS selector in the form."""

    target: str
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True)
class MarkedText:
    """A text field with its flagged words marked and the neutral word after each."""

    target: str
    label: str
    html: SafeString


@dataclass(frozen=True)
class UnsavedAnalysis:
    analysis: PostingAnalysis
    placements: tuple[Placement, ...]
    marked: tuple[MarkedText, ...]


def _form_rows(data, prefix: str, names: tuple[str, ...]) -> list[tuple[int, dict]]:
    """(form index, {name: value}) of the inline rows not marked for deletion."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_ROWS)
    except (TypeError, ValueError):
        total = 0
    rows = []
    for index in range(total):
        row = {name: data.get(f"{prefix}-{index}-{name}", "") for name in names}
        if not row.get("DELETE"):
            rows.append((index, row))
    return rows


def _number(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _by_order(rows: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
    """Rows as the posting will order them: numbered first, blank orders last."""
    return sorted(rows, key=lambda r: (_number(r[1].get("order"), MAX_ROWS * 1000), r[0]))


def _row_id(pk: str, index: int) -> int:
    """The saved row's id, or a negative one that names the form row of a new row."""
    return int(pk) if pk.isdigit() else -(index + 1)


def posting_for_unsaved_analysis(queryset, pk) -> JobPosting:
    """The posting `pk` of `queryset` (the user's scoped postings) with what the rules read
    besides the form: its company, version, rubric. Raises DoesNotExist."""
    return (
        queryset.select_related("company", "role_family", "level", "published_version")
        .prefetch_related(
            Prefetch(
                "rubric__criteria",
                queryset=Criterion.objects.select_related("skill").order_by("order"),
            )
        )
        .get(pk=pk)
    )


def unsaved_posting_analysis(*, posting: JobPosting, data, today=None) -> UnsavedAnalysis:
    """Run the rules over `posting` (from `posting_for_unsaved_analysis`) as the change
    form's `data` would save it."""
    company = posting.company
    UnsavedPostingForm(data, instance=posting).is_valid()  # valid fields land on `posting`
    catalog = rules_catalog(company=company.pk)

    skill_rows = _by_order(
        _form_rows(
            data,
            "skills",
            ("id", "skill", "must_have", "emphasis", "requirement", "order", "DELETE"),
        )
    )
    wanted = {row["skill"] for _, row in skill_rows if row["skill"].isdigit()}
    slugs = dict(Skill.objects.visible_to(company).filter(pk__in=wanted).values_list("pk", "slug"))
    skills, skill_index, sentences = [], {}, []
    for index, row in skill_rows:
        slug = slugs.get(_number(row["skill"], 0))
        if slug is None:
            continue
        sentences.append(row["requirement"].strip())
        row_id = _row_id(row["id"], index)
        skill_index[row_id] = index
        emphasis = min(max(_number(row["emphasis"], rs.Emphasis.MEDIUM), 0), 3)
        skills.append(
            rs.PostingSkill(
                skill=slug,
                must_have=bool(row["must_have"]),
                emphasis=rs.Emphasis(emphasis),
                order=_number(row["order"], 0),
                id=row_id,
            )
        )

    duty_rows = _by_order(
        _form_rows(data, "responsibilities", ("id", "responsibility", "text", "order", "DELETE"))
    )
    wanted = {row["responsibility"] for _, row in duty_rows if row["responsibility"].isdigit()}
    duties = dict(
        Responsibility.objects.visible_to(company).filter(pk__in=wanted).values_list("pk", "slug")
    )
    saved = [row["id"] for _, row in duty_rows if row["id"].isdigit()]
    own_skills: dict[int, list[str]] = {}
    for pk, slug in PostingResponsibility.objects.filter(posting=posting, pk__in=saved).values_list(
        "pk", "skills__slug"
    ):
        if slug:
            own_skills.setdefault(pk, []).append(slug)
    responsibilities, duty_index = [], []
    for index, row in duty_rows:
        slug = duties.get(_number(row["responsibility"], 0))
        duty = catalog.responsibilities.get(slug) if slug else None
        text = row["text"].strip() or (duty.text if duty else "")
        if not text:
            continue
        row_id = _row_id(row["id"], index)
        named = own_skills.get(row_id, []) + list(duty.skills if duty else ())
        duty_index.append(index)
        responsibilities.append(
            rs.PostingResponsibility(
                text=text,
                skills=tuple(dict.fromkeys(named)),
                order=_number(row["order"], 0),
                responsibility=slug,
                id=row_id,
            )
        )

    try:
        rubric = posting.rubric
    except JobPosting.rubric.RelatedObjectDoesNotExist:
        rubric = None
    snapshot = rules_posting_with_rows(
        posting,
        catalog,
        skills=tuple(skills),
        responsibilities=tuple(responsibilities),
        rubric=rubric,
        sentences=tuple(sentences),
        today=today,
    )
    report = rules.check_posting(snapshot, catalog, rules_thresholds(), today)
    acknowledgements = FindingAcknowledgement.objects.filter(posting=posting).select_related(
        "acknowledged_by"
    )
    rows = _rows(report, list(acknowledgements))
    analysis = PostingAnalysis(posting=posting, report=report, rows=rows, catalog=catalog)
    placements, marked = guidance(
        rows,
        skill_index=skill_index,
        duty_ids=[r.id for r in responsibilities],
        duty_index=duty_index,
        texts={field: getattr(snapshot, field) for field in (*TEXT_FIELDS, *COMPANY_TEXT_FIELDS)},
        duty_texts=[r.text for r in responsibilities],
    )
    return UnsavedAnalysis(analysis=analysis, placements=placements, marked=marked)


def saved_guidance(analysis: PostingAnalysis, *, skill_forms, duty_forms):
    """`guidance` for a saved posting's analysis; the forms' rows give the form indexes."""
    posting = analysis.posting
    skill_index = {pk: index for index, pk in enumerate(skill_forms) if pk}
    by_pk = {pk: index for index, pk in enumerate(duty_forms) if pk}
    duties = [row for row in posting.responsibilities.all() if row.pk in by_pk]
    shown = shown_texts(posting=posting)  # its company's pay statements are prefetched
    return guidance(
        analysis.rows,
        skill_index=skill_index,
        duty_ids=[row.pk for row in duties],
        duty_index=[by_pk[row.pk] for row in duties],
        texts={
            **{field: getattr(posting, field) for field in TEXT_FIELDS},
            **{field: shown[field] for field in COMPANY_TEXT_FIELDS},
        },
        duty_texts=[row.display_text for row in duties],
    )


def guidance(rows, *, skill_index, duty_ids, duty_index, texts, duty_texts):
    """Where each finding shows beside the form, and the texts with their words marked.

    `skill_index` maps a skill row's id to its form index; the n-th responsibility the
    rules saw has the id `duty_ids[n]`, the form index `duty_index[n]` and the text
    `duty_texts[n]`.
    """
    duty_by_id = dict(zip(duty_ids, duty_index, strict=True))
    placed: dict[str, list[FindingRow]] = {}
    for row in rows:
        finding = row.finding
        if not row.is_open:
            continue
        if finding.severity == rules.Severity.INFO and finding.subject.kind != "text":
            continue  # a note about the posting as a whole stays in the panel
        for target in _targets(finding, skill_index, duty_by_id, duty_index):
            placed.setdefault(target, []).append(row)
    placements = tuple(Placement(target=t, rows=tuple(r)) for t, r in placed.items())
    return placements, _marked(rows, texts, duty_texts, duty_index)


def _targets(finding, skill_index, duty_ids, duty_index) -> list[str]:
    kind, subject_id = finding.subject.kind, finding.subject.id
    if kind == "skill":
        index = skill_index.get(subject_id)
        return [f"#skills-{index}" if index is not None else "#skills-group"]
    if kind == "responsibility" and subject_id in duty_ids:
        return [f"#responsibilities-{duty_ids[subject_id]}"]
    if kind != "text":
        return []
    targets = []
    for position in finding.evidence.get("positions") or ():
        field = position.get("field")
        if field in FIELD_LABELS:
            targets.append(f".field-{field}")
        elif field == "responsibility":
            at = position.get("index")
            if isinstance(at, int) and 0 <= at < len(duty_index):
                targets.append(f"#responsibilities-{duty_index[at]}")
    return list(dict.fromkeys(targets))


def _marked(rows, texts, duty_texts, duty_index) -> tuple[MarkedText, ...]:
    """Each text field with language findings, its flagged words marked."""
    spans: dict[tuple[str, int | None], list[tuple[int, int, FindingRow]]] = {}
    for row in rows:
        if row.finding.subject.kind != "text":
            continue
        for position in row.finding.evidence.get("positions") or ():
            key = (position.get("field"), position.get("index"))
            spans.setdefault(key, []).append((position["start"], position["end"], row))
    marked = []
    for (field, index), found in spans.items():
        if field in FIELD_LABELS:
            text, target, label = texts[field], f".field-{field}", FIELD_LABELS[field]
        elif field == "responsibility" and isinstance(index, int) and index < len(duty_index):
            text = duty_texts[index]
            target = f"#responsibilities-{duty_index[index]}"
            label = f"Responsibility {duty_index[index] + 1}"
        else:
            continue
        marked.append(MarkedText(target=target, label=label, html=_mark(text, found)))
    return tuple(marked)


def _mark(text: str, spans: list[tuple[int, int, FindingRow]]) -> SafeString:
    parts, at = [], 0
    for start, end, row in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < at or end > len(text):
            continue  # overlaps a span already marked
        finding = row.finding
        parts.append(escape(text[at:start]))
        parts.append(f'<mark class="{finding.severity}">{escape(text[start:end])}</mark>')
        neutral = neutral_word(finding)
        if neutral:
            parts.append(f' <span class="neutral-word">(try “{escape(neutral)}”)</span>')
        at = end
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))
