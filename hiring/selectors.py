"""Reads shared by the admin, the review pages and the API."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from roles.models import Emphasis, Level, Responsibility, RoleFamily, SalaryBand, Skill

from . import caching, rules
from .models import (
    Criterion,
    FindingAcknowledgement,
    JobPosting,
    Membership,
    PostingNote,
    PostingResponsibility,
    PostingSkill,
    Review,
    Rubric,
)
from .rules import snapshot as rs
from .rules.experience import years_text
from .rules.text import experience_years, match_skills
from .tenancy import acts_for_company, membership_of

SNAPSHOT_FIELDS = JobPosting.CONTENT_FIELDS


def postings_with_blocks(queryset: QuerySet[JobPosting] | None = None) -> QuerySet[JobPosting]:
    """Postings with everything a page shows about them, in a fixed number of queries."""
    queryset = JobPosting.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "company", "role_family", "level", "recruiter", "hiring_manager", "published_version"
    ).prefetch_related(
        Prefetch("skills", queryset=PostingSkill.objects.select_related("skill").order_by("order")),
        Prefetch(
            "responsibilities",
            queryset=PostingResponsibility.objects.select_related("responsibility").order_by(
                "order"
            ),
        ),
        Prefetch(
            "rubric__criteria",
            queryset=Criterion.objects.select_related("skill").order_by("order"),
        ),
    )


def postings_to_decide(*, user) -> QuerySet[JobPosting]:
    """The postings `user` may approve or send back now: the one rule behind the review
    queue, the review page, the decision service and the API's approve action.

    A posting in review is decided by its hiring manager or, when none is assigned (their
    account was deleted), by any hiring manager of its company. A hiring-manager API key
    decides for its company. Recruiters and superusers do not decide; they may reassign.
    """
    membership = membership_of(user)
    if membership is None or membership.role != Membership.Role.HIRING_MANAGER:
        return JobPosting.objects.none()
    postings = JobPosting.objects.filter(
        company_id=membership.company_id, status=JobPosting.Status.IN_REVIEW
    )
    if acts_for_company(user):
        return postings
    return postings.filter(Q(hiring_manager=user) | Q(hiring_manager__isnull=True))


def posting_may_decide(*, posting: JobPosting, user) -> bool:
    return postings_to_decide(user=user).filter(pk=posting.pk).exists()


def rubric_of(posting: JobPosting) -> Rubric | None:
    try:
        return posting.rubric
    except Rubric.DoesNotExist:
        return None


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def posting_snapshot(*, posting: JobPosting) -> dict:
    """The posting, its blocks and its rubric as plain JSON: what a published version keeps."""
    posting = postings_with_blocks(JobPosting.objects.filter(pk=posting.pk)).get()
    rubric = rubric_of(posting)
    return {
        **{name: _plain(getattr(posting, name)) for name in SNAPSHOT_FIELDS},
        "role_family": posting.role_family.slug,
        "role_family_name": posting.role_family.name,
        "level": posting.level.slug if posting.level else None,
        "level_name": posting.level.name if posting.level else None,
        "company": posting.company.name,
        "skills": [
            {
                "skill": row.skill.slug,
                "name": row.skill.name,
                "must_have": row.must_have,
                "emphasis": row.get_emphasis_display(),
            }
            for row in posting.skills.all()
        ],
        "responsibilities": [
            {
                "responsibility": row.responsibility.slug if row.responsibility else None,
                "text": row.display_text,
            }
            for row in posting.responsibilities.all()
        ],
        "rubric": None
        if rubric is None
        else [
            {
                "title": c.display_title,
                "skill": c.skill.slug if c.skill else None,
                "stage": c.stage,
                "weight": str(c.weight),
                "weight_reason": c.weight_reason,
                "questions": c.question_list,
                "anchors": dict(c.anchors),
            }
            for c in rubric.criteria.all()
        ],
    }


@dataclass(frozen=True)
class Change:
    """One readable difference between two versions of a posting."""

    field: str
    kind: str  # "changed", "added" or "removed"
    before: object = None
    after: object = None


def _keyed(rows, key):
    return {row[key] or row.get("text") or row.get("title"): row for row in rows or []}


def snapshot_diff(before: dict, after: dict) -> list[Change]:
    """What changed between two snapshots, field by field and block by block."""
    changes = []
    for name in (*SNAPSHOT_FIELDS, "role_family_name", "level_name"):
        if before.get(name) != after.get(name):
            changes.append(Change(name, "changed", before.get(name), after.get(name)))
    for block, key in (("skills", "skill"), ("responsibilities", "responsibility")):
        old, new = _keyed(before.get(block), key), _keyed(after.get(block), key)
        for ident in old.keys() - new.keys():
            changes.append(Change(block, "removed", before=_label(old[ident])))
        for ident in new.keys() - old.keys():
            changes.append(Change(block, "added", after=_label(new[ident])))
        for ident in old.keys() & new.keys():
            if old[ident] != new[ident]:
                changes.append(Change(block, "changed", _label(old[ident]), _label(new[ident])))
    old_rubric = _keyed(before.get("rubric"), "title")
    new_rubric = _keyed(after.get("rubric"), "title")
    for ident in old_rubric.keys() - new_rubric.keys():
        changes.append(Change("rubric", "removed", before=ident))
    for ident in new_rubric.keys() - old_rubric.keys():
        changes.append(Change("rubric", "added", after=ident))
    for ident in old_rubric.keys() & new_rubric.keys():
        if old_rubric[ident] != new_rubric[ident]:
            changes.append(Change("rubric", "changed", ident, ident))
    return changes


def _label(row: dict) -> str:
    if "name" in row:
        kind = "must-have" if row.get("must_have") else "nice-to-have"
        return f"{row['name']} ({kind}, {row.get('emphasis')})"
    return row.get("text", "")


def reviews_of(posting: JobPosting) -> QuerySet[Review]:
    return posting.reviews.select_related("reviewer").order_by("-created_at", "-id")


def notes_of(posting: JobPosting) -> QuerySet[PostingNote]:
    return posting.notes.order_by("-created_at", "-id")


# The mismatch engine's input: ORM rows turned into its frozen snapshots.


def build_rules_catalog(*, company=None) -> rs.Catalog:
    """The catalog built afresh; read it through `caching.rules_catalog`, which keeps it."""
    skills = Skill.objects.visible_to(company) if company is not None else Skill.objects.all()
    catalog_skills = {
        skill.slug: rs.CatalogSkill(
            slug=skill.slug,
            name=skill.name,
            category=skill.category,
            aliases=tuple(skill.aliases or ()),
            first_release_year=skill.first_release_year,
        )
        for skill in skills
    }
    families = {family.pk: family for family in RoleFamily.objects.all()}
    emphasis: dict[str, dict[str, rs.Emphasis]] = {}
    for family_id, slug, level in Emphasis.objects.filter(skill__in=skills).values_list(
        "role_family_id", "skill__slug", "level"
    ):
        emphasis.setdefault(families[family_id].slug, {})[slug] = rs.Emphasis(level)
    levels = {level.pk: level for level in Level.objects.all()}
    responsibilities = (
        Responsibility.objects.visible_to(company)
        if company is not None
        else Responsibility.objects.all()
    ).prefetch_related("skills", "core_for")
    return rs.Catalog(
        skills=catalog_skills,
        roles={
            family.slug: rs.RoleProfile(
                slug=family.slug,
                name=family.name,
                short_name=family.short_name,
                emphasis=emphasis.get(family.slug, {}),
            )
            for family in families.values()
        },
        levels={
            level.slug: rs.LevelInfo(
                slug=level.slug,
                name=level.name,
                role_family=families[level.role_family_id].slug,
                rank=level.rank,
                min_years=level.min_years,
                max_years=level.max_years,
            )
            for level in levels.values()
        },
        salary_bands=tuple(
            rs.SalaryReference(
                role_family=families[band.role_family_id].slug,
                level=levels[band.level_id].slug if band.level_id else None,
                region=band.region,
                currency=band.currency,
                period=band.period,
                min_amount=band.min_amount,
                max_amount=band.max_amount,
                top_of_band=band.top_of_band,
                year=band.year,
                source=band.source,
            )
            for band in SalaryBand.objects.all()
        ),
        responsibilities={
            duty.slug: rs.CatalogResponsibility(
                slug=duty.slug,
                text=duty.text,
                skills=tuple(skill.slug for skill in duty.skills.all()),
                core_for=tuple(family.slug for family in duty.core_for.all()),
            )
            for duty in responsibilities
        },
    )


def postings_for_rules(queryset: QuerySet[JobPosting]) -> QuerySet[JobPosting]:
    """`postings_with_blocks` plus the skills each responsibility exercises."""
    return postings_with_blocks(queryset).prefetch_related(
        "responsibilities__responsibility__skills", "responsibilities__skills"
    )


def _duty_skills(row: PostingResponsibility) -> tuple[str, ...]:
    """The skills a duty names in its own words, then its catalog responsibility's."""
    skills = list(row.skills.all())
    if row.responsibility:
        skills += row.responsibility.skills.all()
    return tuple(dict.fromkeys(skill.slug for skill in skills))


def rules_posting(posting: JobPosting, catalog: rs.Catalog) -> rs.Posting:
    """A posting loaded by `postings_for_rules` as the engine's snapshot (no queries)."""
    rubric = rubric_of(posting)
    responsibilities = tuple(
        rs.PostingResponsibility(
            text=row.display_text,
            skills=_duty_skills(row),
            order=row.order,
            responsibility=row.responsibility.slug if row.responsibility else None,
            id=row.pk,
        )
        for row in posting.responsibilities.all()
    )
    free_text = "\n".join([posting.summary, posting.team, *(r.text for r in responsibilities)])
    tool_years = experience_years(free_text, match_skills(free_text, catalog)).tool_years
    return rs.Posting(
        id=posting.pk,
        title=posting.title,
        role_family=posting.role_family.slug,
        level=posting.level.slug if posting.level else None,
        years_min=posting.years_min,
        years_max=posting.years_max,
        locations=tuple(posting.location_list),
        remote_policy=posting.remote_policy,
        salary_min=posting.salary_min,
        salary_max=posting.salary_max,
        salary_currency=posting.salary_currency,
        salary_period=posting.salary_period,
        summary=posting.summary,
        team=posting.team,
        benefits=posting.benefits,
        skills=tuple(
            rs.PostingSkill(
                skill=row.skill.slug,
                must_have=row.must_have,
                emphasis=rs.Emphasis(row.emphasis),
                order=row.order,
                id=row.pk,
            )
            for row in posting.skills.all()
        ),
        responsibilities=responsibilities,
        criteria=()
        if rubric is None
        else tuple(
            rs.Criterion(
                skill=c.skill.slug if c.skill else None,
                stage=c.stage,
                weight=c.weight,
                questions=tuple(c.question_list),
                anchors=tuple(text for _, text in c.anchors),
                weight_reason=c.weight_reason,
                id=c.pk,
            )
            for c in rubric.criteria.all()
        ),
        has_rubric=rubric is not None,
        posted_on=posting.published_version.created_at.date()
        if posting.published_version
        else None,
        tool_years=tool_years,
    )


def rules_thresholds() -> rules.Thresholds:
    return rules.Thresholds(**settings.ROLEKIT_RULES)


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
    catalog = caching.rules_catalog(company=company)
    thresholds = rules_thresholds()
    analyses = []
    for posting in postings:
        report = rules.check_posting(rules_posting(posting, catalog), catalog, thresholds, today)
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
    catalog = caching.rules_catalog(company=company)
    analysis = rules.analyse_text(title, text, catalog, rules_thresholds(), today)
    rows = tuple(FindingRow(finding=f) for f in analysis.report.findings)
    return TextAnalysisResult(analysis=analysis, catalog=catalog, rows=rows)
