"""Import an existing job description: pasted text becomes a draft posting.

The rules read the text (`hiring.rules.text.draft`); this module maps what they read to
catalog rows and hands it to `posting_create`, the writer of a posting and its rows.
Nothing pasted is lost: what is not read into a field stays in the summary.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.defaultfilters import pluralize

from hiring import rules
from hiring.caching import rules_catalog
from hiring.findings.adapter import rules_thresholds
from hiring.models import Company, JobPosting, Membership
from hiring.models.posting import text_lines
from hiring.postings.services import posting_create
from hiring.rules.text.draft import Draft, draft_from_text
from hiring.tenancy import membership_of
from roles.models import Level, Responsibility, RoleFamily, Skill

NO_TEXT = "Paste the job description: the text is empty."
NO_FAMILY = (
    "rolekit cannot tell which role this text describes: it names no skill of the catalog. "
    "Name the role in the title, such as “Data Scientist” or “Machine Learning Engineer”."
)
IMPORTED = "Imported “{title}” as a draft {family} posting: {parts}."
KEPT = (
    "Kept in the summary, word for word: {count} {lines} that rolekit did not read into a "
    "field. Check them before submitting."
)
NOTHING_KEPT = "Every line was read into a field; the summary is empty."

# Fields read from the text that a posting may still refuse (a currency that is not ISO
# 4217, an amount too large to store): such a group is left empty, its words stay in the
# summary.
READ_GROUPS = (
    ("salary_min", "salary_max", "salary_currency", "salary_period"),
    ("years_min", "years_max"),
    ("locations",),
    ("remote_policy",),
)


def _by_slug(queryset, slugs) -> dict:
    """Rows by slug, a company's own block winning over a shared one with the same slug."""
    rows = queryset.filter(slug__in=set(slugs)).order_by(F("company").asc(nulls_first=True))
    return {row.slug: row for row in rows}


def _role_family(draft: Draft, catalog) -> RoleFamily:
    """The family the title names, else the one the content reads as."""
    slug = draft.posting.role_family
    if slug is None:
        lean = rules.check_posting(draft.posting, catalog, rules_thresholds()).lean
        slug = lean.best if lean is not None else None
    family = RoleFamily.objects.filter(slug=slug).first() if slug else None
    if family is None:
        raise ValidationError({"title": ValidationError(NO_FAMILY, code="no_family")})
    return family


def _read_fields(draft: Draft) -> dict:
    """Years, pay, places and work policy as the text states them, each group only if a
    posting accepts it."""
    posting = draft.posting
    read = {
        "years_min": posting.years_min,
        "years_max": posting.years_max,
        "locations": "\n".join(posting.locations),
        "remote_policy": posting.remote_policy,
    }
    if posting.salary_min is not None or posting.salary_max is not None:
        read.update(
            salary_min=posting.salary_min,
            salary_max=posting.salary_max,
            salary_currency=posting.salary_currency or "USD",
            salary_period=posting.salary_period,
        )
    probe = JobPosting(**read)
    names = [name for group in READ_GROUPS for name in group]
    try:
        probe.clean_fields(exclude=[f.name for f in JobPosting._meta.fields if f.name not in names])
    except ValidationError as exc:
        for group in READ_GROUPS:
            if set(group) & set(exc.error_dict):
                for name in group:
                    read.pop(name, None)
    for low, high in (("salary_min", "salary_max"), ("years_min", "years_max")):
        if None not in (read.get(low), read.get(high)) and read[low] > read[high]:
            read[low], read[high] = read[high], read[low]
    return read


@transaction.atomic
def posting_import(*, company: Company, title: str, text: str, by=None) -> JobPosting:
    """A draft of `company` from a pasted job description; `by` becomes its recruiter if
    they recruit for the company.

    Matched skills become skill rows, duty lines responsibilities in the ad's own words
    (linked to the catalog responsibility they state and the skills they name); title,
    family, level, years, pay, places and work policy are read; the rest is the summary.
    """
    if not text.strip():
        raise ValidationError({"text": ValidationError(NO_TEXT, code="blank")})
    catalog = rules_catalog(company=company)
    draft = draft_from_text(title, text, catalog)
    family = _role_family(draft, catalog)
    level = Level.objects.filter(slug=draft.posting.level, role_family=family).first()
    skills = _by_slug(
        Skill.objects.visible_to(company),
        [row.skill for row in draft.posting.skills] + [s for d in draft.duties for s in d.skills],
    )
    duties = _by_slug(
        Responsibility.objects.visible_to(company),
        [d.responsibility for d in draft.duties if d.responsibility],
    )
    membership = membership_of(by)
    recruits = (
        membership is not None
        and membership.company_id == company.pk
        and membership.role == Membership.Role.RECRUITER
    )
    return posting_create(
        company=company,
        title=title,
        role_family=family,
        level=level,
        recruiter=by if recruits else None,
        skills=[
            (skills[row.skill], row.must_have, int(row.emphasis))
            for row in sorted(draft.posting.skills, key=lambda row: row.order)
            if row.skill in skills
        ],
        responsibilities=[
            (
                duty.text,
                duties.get(duty.responsibility) if duty.responsibility else None,
                [skills[slug] for slug in duty.skills if slug in skills],
            )
            for duty in draft.duties
        ],
        summary=draft.summary,
        benefits=draft.benefits,
        **_read_fields(draft),
    )


def import_message(posting: JobPosting) -> tuple[str, str]:
    """What an import made of the text, and what it kept in the summary, in plain words."""
    skills = list(posting.skills.all())
    must = sum(row.must_have for row in skills)
    duties = posting.responsibilities.count()
    parts = [
        f"{len(skills)} skill{pluralize(len(skills))} ({must} must-have)",
        f"{duties} responsibilit{pluralize(duties, 'y,ies')} in the ad's own words",
    ]
    if posting.level_id:
        parts.append(f"the level {posting.level.name}")
    if posting.years_min is not None or posting.years_max is not None:
        parts.append("the years of experience")
    if posting.salary_min is not None or posting.salary_max is not None:
        parts.append("the pay")
    if posting.locations:
        parts.append("the location")
    if posting.benefits:
        parts.append("the benefits")
    imported = IMPORTED.format(
        title=posting.title, family=posting.role_family.name, parts=", ".join(parts)
    )
    kept = len(text_lines(posting.summary))
    if not kept:
        return imported, NOTHING_KEPT
    return imported, KEPT.format(count=kept, lines=f"line{pluralize(kept)}")
