"""The prefill from a role family never leaves a skill that defines the role as a
nice-to-have: defining skills come first, as heavy must-haves, at every level."""

from collections import Counter

import pytest

from hiring.postings.services import posting_create, posting_create_from_role
from roles.models import Emphasis, EmphasisLevel, Level, RoleFamily

LEVELS = [
    ("data-scientist", slug)
    for slug in (
        "ds-junior",
        "ds-mid",
        "ds-senior",
        "ds-lead",
        "ds-principal",
        "ds-director",
        "ds-head-of-analytics",
        "ds-chief-data-officer",
    )
] + [
    ("machine-learning-engineer", slug)
    for slug in (
        "mle-junior",
        "mle-mid",
        "mle-senior",
        "mle-staff",
        "mle-ml-architect",
        "mle-head-of-ai-engineering",
        "mle-principal-vp-engineering",
    )
]
DEFINING = {
    "data-scientist": {"python", "sql", "statistics"},
    "machine-learning-engineer": {"python", "software-engineering", "model-deployment"},
}


def test_the_table_covers_every_level_and_defining_skill_of_the_catalog(db):
    levels = set(
        Level.objects.filter(
            role_family__slug__in=["data-scientist", "machine-learning-engineer"]
        ).values_list("role_family__slug", "slug")
    )
    assert levels == set(LEVELS)
    for family, slugs in DEFINING.items():
        defining = Emphasis.objects.filter(role_family__slug=family, defining=True)
        assert set(defining.values_list("skill__slug", flat=True)) == slugs


@pytest.mark.parametrize(("family", "level_slug"), LEVELS)
def test_it_asks_the_defining_skills_first_as_heavy_must_haves(acme, family, level_slug, level):
    level = level(level_slug)
    posting = posting_create_from_role(
        company=acme, role_family=level.role_family, level=level, title=level.name
    )
    rows = list(posting.skills.select_related("skill").order_by("order"))
    first = rows[: len(DEFINING[family])]
    assert {row.skill.slug for row in first} == DEFINING[family]
    assert all(row.must_have and row.emphasis == EmphasisLevel.HEAVY for row in first)
    nice = {row.skill.slug for row in rows if not row.must_have}
    assert not nice & DEFINING[family]


@pytest.mark.parametrize("family", sorted(DEFINING))
def test_it_promotes_a_defining_skill_the_posting_listed_as_a_nice_to_have(acme, family, skill):
    posting = posting_create(
        company=acme,
        title="Listed before the prefill",
        role_family=RoleFamily.objects.get(slug=family),
        skills=[(skill("python"), False, EmphasisLevel.LIGHT)],
        prefill_from_role=True,
    )
    python = posting.skills.get(skill__slug="python")
    assert (python.must_have, python.emphasis, python.order) == (True, EmphasisLevel.HEAVY, 1)
    assert posting.skills.filter(skill__slug="python").count() == 1


def opening(bullet: str) -> str:
    """A bullet's first two words, as a reader skimming the list hears them."""
    return " ".join(bullet.casefold().split()[:2])


@pytest.mark.parametrize(("family", "level_slug"), LEVELS)
def test_it_prefills_bullets_that_do_not_all_open_alike(acme, family, level_slug, level):
    """Must-haves and nice-to-haves read like a posting, not a template: within each list
    no three bullets open with the same two words, and no bullet repeats another."""
    level = level(level_slug)
    posting = posting_create_from_role(
        company=acme, role_family=level.role_family, level=level, title=level.name
    )
    rows = list(posting.skills.select_related("skill", "posting__level").order_by("order"))
    bullets = [row.display_requirement for row in rows]
    assert len({b.casefold() for b in bullets}) == len(bullets), bullets
    for must_have in (True, False):
        section = [row.display_requirement for row in rows if row.must_have == must_have]
        assert section, (level_slug, must_have)
        crowded = {
            words: count
            for words, count in Counter(opening(b) for b in section).items()
            if count >= 3
        }
        assert not crowded, (level_slug, "must" if must_have else "nice", crowded)
