"""Writes to the catalog: loading the shared library from its file."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError

from .catalog_file import CatalogFileError, read_catalog_file
from .models import (
    Emphasis,
    EmphasisLevel,
    InterviewQuestion,
    Level,
    Requirement,
    Responsibility,
    RoleFact,
    RoleFamily,
    SalaryBand,
    Skill,
    SkillAnchors,
)
from .requirements import ANCHOR_FIELDS, wording_problems
from .signals import catalog_loaded


@dataclass(frozen=True)
class Reworded:
    """A shared row whose wording (a skill's name, a responsibility's text) a reload changed:
    postings show that wording, so the hiring side tells the postings it concerns."""

    kind: str  # the model's verbose name: "skill" or "responsibility"
    pk: int
    before: str
    after: str


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)

    def count(self, model, created: bool) -> None:
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[name] = bucket.get(name, 0) + 1

    def compare(self, obj, before: dict[str, str], wording: str) -> None:
        """Note `obj` if its `wording` field differs from what it was before the load."""
        old, new = before.get(obj.slug), getattr(obj, wording)
        if old is not None and old != new:
            kind = str(obj._meta.verbose_name)
            self.reworded.append(Reworded(kind=kind, pk=obj.pk, before=old, after=new))


def _fields(row, *names, **defaults):
    values = {name: row.get(name, defaults.get(name, "")) for name in names}
    for name, default in defaults.items():
        if values.get(name) is None:
            values[name] = default
    return values


@transaction.atomic
def catalog_load(*, path) -> LoadResult:
    """Load the shared catalog from `path`: rows are matched by slug, so reloading updates.

    The whole file is validated first and written in one transaction, so a broken file
    leaves the database as it was; so does wording that `wording_problems` refuses once
    written (a skill without its sentences or anchors...). Shared rows missing from the
    file are removed unless a posting still uses them. `catalog_loaded` is sent, in the
    transaction, with the result.
    """
    data = read_catalog_file(path)
    result = LoadResult()
    names = dict(Skill.objects.filter(company__isnull=True).values_list("slug", "name"))
    texts = dict(Responsibility.objects.filter(company__isnull=True).values_list("slug", "text"))

    families = {}
    for row in data.get("role_families", []):
        obj, created = RoleFamily.objects.update_or_create(
            slug=row["slug"],
            defaults=_fields(
                row,
                "name",
                "short_name",
                "summary",
                "key_question",
                "primary_output",
                "success_metric",
                "source",
                "note",
            ),
        )
        families[obj.slug] = obj
        result.count(RoleFamily, created)

    for order, row in enumerate(data.get("role_facts", [])):
        _, created = RoleFact.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "role_family": families[row["role_family"]],
                "kind": row["kind"],
                "text": row["text"],
                "order": row.get("order", order),
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        result.count(RoleFact, created)

    skills = {}
    for row in data.get("skills", []):
        obj, created = Skill.objects.update_or_create(
            slug=row["slug"],
            company=None,
            defaults={
                "name": row["name"],
                "category": row["category"],
                "description": row.get("description") or "",
                "aliases": row.get("aliases") or [],
                "first_release_year": row.get("first_release_year"),
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        skills[obj.slug] = obj
        result.count(Skill, created)
        result.compare(obj, names, "name")

    emphasis_ids = []
    for row in data.get("emphases", []):
        obj, created = Emphasis.objects.update_or_create(
            role_family=families[row["role_family"]],
            skill=skills[row["skill"]],
            defaults={
                "level": EmphasisLevel.from_name(row["level"]),
                "defining": row.get("defining", False),
                "claims": row.get("claims") or [],
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        emphasis_ids.append(obj.pk)
        result.count(Emphasis, created)

    for row in data.get("responsibilities", []):
        obj, created = Responsibility.objects.update_or_create(
            slug=row["slug"],
            company=None,
            defaults={"text": row["text"], "source": row["source"], "note": row.get("note") or ""},
        )
        obj.skills.set([skills[slug] for slug in row.get("skills", [])])
        obj.core_for.set([families[slug] for slug in row.get("core_for", [])])
        result.count(Responsibility, created)
        result.compare(obj, texts, "text")

    levels = {}
    for row in data.get("levels", []):
        obj, created = Level.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "role_family": families[row["role_family"]],
                "name": row["name"],
                "rank": row["rank"],
                "min_years": row.get("min_years"),
                "max_years": row.get("max_years"),
                "skill_years": row.get("skill_years"),
                "scope": row.get("scope") or "",
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        levels[obj.slug] = obj
        result.count(Level, created)

    for row in data.get("salary_bands", []):
        _, created = SalaryBand.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "role_family": families[row["role_family"]],
                "level": levels.get(row.get("level")),
                "region": row["region"],
                "currency": row["currency"],
                "period": row.get("period") or SalaryBand.Period.YEAR,
                "min_amount": row["min_amount"],
                "max_amount": row["max_amount"],
                "top_of_band": row.get("top_of_band"),
                "year": row["year"],
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        result.count(SalaryBand, created)

    for row in data.get("interview_questions", []):
        _, created = InterviewQuestion.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "skill": skills[row["skill"]],
                "question": row["question"],
                "strong_answer": row["strong_answer"],
                "weak_answer": row["weak_answer"],
                "stage": row.get("stage") or InterviewQuestion.Stage.TECHNICAL,
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        result.count(InterviewQuestion, created)

    requirement_ids = []
    for row in data.get("requirements", []):
        obj, created = Requirement.objects.update_or_create(
            skill=skills[row["skill"]],
            emphasis=EmphasisLevel.from_name(row["emphasis"]),
            defaults={"text": row["text"], "source": row["source"], "note": row.get("note") or ""},
        )
        requirement_ids.append(obj.pk)
        result.count(Requirement, created)

    anchor_ids = []
    for row in data.get("skill_anchors", []):
        obj, created = SkillAnchors.objects.update_or_create(
            skill=skills[row["skill"]],
            defaults={
                **{name: row[name] for name in ANCHOR_FIELDS},
                "source": row["source"],
                "note": row.get("note") or "",
            },
        )
        anchor_ids.append(obj.pk)
        result.count(SkillAnchors, created)

    # A company's own skills keep their emphases, requirements and anchors.
    shared = {"skill__company__isnull": True}
    _remove_stale(result, Emphasis.objects.filter(**shared).exclude(pk__in=emphasis_ids))
    _remove_stale(result, Requirement.objects.filter(**shared).exclude(pk__in=requirement_ids))
    _remove_stale(result, SkillAnchors.objects.filter(**shared).exclude(pk__in=anchor_ids))
    stale = {
        RoleFact: data.get("role_facts", []),
        InterviewQuestion: data.get("interview_questions", []),
        SalaryBand: data.get("salary_bands", []),
        Level: data.get("levels", []),
        Responsibility: data.get("responsibilities", []),
        Skill: data.get("skills", []),
        RoleFamily: data.get("role_families", []),
    }
    for model, rows in stale.items():
        queryset = model.objects.exclude(slug__in=[row["slug"] for row in rows])
        if model in (Skill, Responsibility):
            queryset = queryset.filter(company__isnull=True)
        _remove_stale(result, queryset)
    problems = wording_problems()
    if problems:
        raise CatalogFileError(problems)  # rolls the whole load back
    # Listeners write in this transaction: if one fails, the catalog is not changed either.
    catalog_loaded.send(sender=LoadResult, result=result)
    return result


def _remove_stale(result: LoadResult, queryset) -> None:
    name = queryset.model._meta.verbose_name_plural
    for obj in queryset:
        try:
            # A savepoint per row, so a protected row does not spoil the transaction.
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            result.kept.append(f"{name}: '{obj}' is no longer in the file but still in use")
        else:
            result.removed[name] = result.removed.get(name, 0) + 1
