"""The ORM → rules adapter: catalog and posting rows turned into the engine's frozen
snapshots, so that `hiring.rules` never sees a model."""

from django.conf import settings
from django.db.models import QuerySet

from roles.models import Emphasis, Level, Responsibility, RoleFamily, SalaryBand, Skill

from .. import rules
from ..models import JobPosting, PostingResponsibility
from ..postings.selectors import postings_with_blocks, rubric_of
from ..postings.texts import own_text, shown_texts
from ..rules import snapshot as rs
from ..rules.text import experience_years, match_skills


def build_rules_catalog(*, company=None) -> rs.Catalog:
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
    """`postings_with_blocks` plus the skills each responsibility exercises and the
    company's pay statements (one query for all the postings' companies)."""
    return postings_with_blocks(queryset).prefetch_related(
        "responsibilities__responsibility__skills",
        "responsibilities__skills",
        "company__pay_statements",
    )


def _duty_skills(row: PostingResponsibility) -> tuple[str, ...]:
    """The skills a duty names in its own words, then its catalog responsibility's."""
    skills = list(row.skills.all())
    if row.responsibility:
        skills += row.responsibility.skills.all()
    return tuple(dict.fromkeys(skill.slug for skill in skills))


def rules_posting(posting: JobPosting, catalog: rs.Catalog, *, today=None) -> rs.Posting:
    """A posting loaded by `postings_for_rules` as the engine's snapshot (no queries)."""
    return rules_posting_with_rows(
        posting,
        catalog,
        today=today,
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
        responsibilities=tuple(
            rs.PostingResponsibility(
                text=row.display_text,
                skills=_duty_skills(row),
                order=row.order,
                responsibility=row.responsibility.slug if row.responsibility else None,
                id=row.pk,
            )
            for row in posting.responsibilities.all()
        ),
        rubric=rubric_of(posting),
        sentences=tuple(row.requirement for row in posting.skills.all()),
    )


def rules_posting_with_rows(
    posting: JobPosting,
    catalog: rs.Catalog,
    *,
    skills: tuple[rs.PostingSkill, ...],
    responsibilities: tuple[rs.PostingResponsibility, ...],
    rubric,
    sentences: tuple[str, ...] = (),
    today=None,
) -> rs.Posting:
    """The snapshot of a posting's fields with the given rows: the saved rows, or the
    rows of a change form not saved yet (see `findings.unsaved`). `sentences` are the
    skill rows' own requirement wording: it can ask ten years of a tool, like the summary."""
    # The company texts candidates read on this posting, resolved as its published
    # versions and exports resolve them; a blank override shows the company's text.
    texts = shown_texts(posting=posting, today=today)
    free_text = "\n".join(
        [posting.summary, posting.team, *(r.text for r in responsibilities), *sentences]
    )
    tool_years = experience_years(free_text, match_skills(free_text, catalog)).tool_years
    return rs.Posting(
        id=posting.pk,
        title=posting.title,
        role_family=posting.role_family.slug if posting.role_family_id else None,
        level=posting.level.slug if posting.level_id else None,
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
        skills=skills,
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
        about_company=texts["about_company"],
        equal_opportunity=texts["equal_opportunity"],
        pay_statement=texts["pay_statement"],
        company_texts=frozenset(
            name
            for name in ("about_company", "equal_opportunity", "pay_statement")
            if not own_text(getattr(posting, name))
        ),
    )


def rules_thresholds() -> rules.Thresholds:
    return rules.Thresholds(**settings.ROLEKIT_RULES)
