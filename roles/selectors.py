"""Reads of the catalog shared by the admin pages, the rules and the API."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Emphasis, EmphasisLevel, Level, RoleFact, RoleFamily, SalaryBand, Skill


@dataclass
class SkillComparison:
    skill: Skill
    left: Emphasis | None
    right: Emphasis | None

    @property
    def gap(self) -> int:
        left = self.left.level if self.left else EmphasisLevel.NONE
        right = self.right.level if self.right else EmphasisLevel.NONE
        return left - right


@dataclass
class FamilySide:
    family: RoleFamily
    facts: dict[str, list[RoleFact]] = field(default_factory=dict)
    core_responsibilities: list = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    salary_bands: list[SalaryBand] = field(default_factory=list)

    @property
    def fact_groups(self) -> list[dict]:
        """The article facts grouped by kind, in the kinds' declared order."""
        return [
            {"label": label, "facts": self.facts[kind]}
            for kind, label in RoleFact.Kind.choices
            if kind in self.facts
        ]


@dataclass
class RoleComparison:
    left: FamilySide
    right: FamilySide
    skills: list[SkillComparison]


def role_comparison(*, left: RoleFamily, right: RoleFamily) -> RoleComparison:
    """Two role families side by side, in a fixed number of queries whatever the size."""
    families = (
        RoleFamily.objects.filter(pk__in=[left.pk, right.pk])
        .prefetch_related(
            Prefetch("facts", queryset=RoleFact.objects.order_by("kind", "order", "id")),
            "core_responsibilities",
            Prefetch("levels", queryset=Level.objects.order_by("rank")),
            Prefetch(
                "salary_bands",
                queryset=SalaryBand.objects.select_related("level").order_by(
                    "region", "level__rank", "min_amount"
                ),
            ),
        )
        .in_bulk()
    )
    sides = []
    for family in (families[left.pk], families[right.pk]):
        side = FamilySide(family=family)
        for fact in family.facts.all():
            side.facts.setdefault(fact.kind, []).append(fact)
        side.core_responsibilities = [r for r in family.core_responsibilities.all() if r.is_shared]
        side.core_responsibilities.sort(key=lambda r: r.text)
        side.levels = list(family.levels.all())
        side.salary_bands = list(family.salary_bands.all())
        sides.append(side)

    by_skill: dict[int, dict[int, Emphasis]] = {}
    for emphasis in Emphasis.objects.filter(role_family__in=[left, right]):
        by_skill.setdefault(emphasis.skill_id, {})[emphasis.role_family_id] = emphasis
    skills = [
        SkillComparison(
            skill=skill,
            left=by_skill.get(skill.pk, {}).get(left.pk),
            right=by_skill.get(skill.pk, {}).get(right.pk),
        )
        for skill in Skill.objects.filter(company__isnull=True).order_by("category", "name")
    ]
    return RoleComparison(left=sides[0], right=sides[1], skills=skills)
