import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roles.models import Emphasis, Level, Requirement, Responsibility, SalaryBand, Skill
from roles.validators import YEARS_NOT_HEAVY
from tests.factories import LevelFactory, SkillFactory

SOURCE = "004_a9c1373954b2aa14.txt"


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_refuses_an_emphasis_outside_the_scale(ds, skill):
    refused(lambda: Emphasis.objects.filter(role_family=ds, skill=skill("sql")).update(level=4))


def test_it_keeps_one_emphasis_per_role_and_skill(ds, skill):
    refused(lambda: Emphasis.objects.create(role_family=ds, skill=skill("sql"), level=1))


def test_it_refuses_a_salary_band_whose_minimum_is_above_its_maximum(ds):
    refused(
        lambda: SalaryBand.objects.create(
            slug="bad", role_family=ds, region="US", currency="USD",
            min_amount=200, max_amount=100, year=2026, source=SOURCE,
        )
    )  # fmt: skip


def test_it_refuses_a_level_whose_years_are_inverted(ds):
    refused(lambda: LevelFactory(role_family=ds, min_years=9, max_years=2, rank=99))


def test_it_keeps_ranks_unique_on_a_ladder(ds):
    rank = Level.objects.filter(role_family=ds).first().rank
    refused(lambda: LevelFactory(role_family=ds, rank=rank))


def test_it_requires_a_source_on_shared_rows(db):
    refused(lambda: Skill.objects.create(slug="no-source", name="x", category="data"))


def test_it_lets_a_company_row_go_without_a_source(acme):
    assert Skill.objects.create(slug="own", name="Own", category="data", company=acme).pk


def test_it_keeps_shared_slugs_unique_and_company_slugs_unique_per_company(acme, globex):
    refused(lambda: SkillFactory(slug="sql"))
    SkillFactory(slug="fraud", company=acme)
    SkillFactory(slug="fraud", company=globex)
    refused(lambda: SkillFactory(slug="fraud", company=acme))


@pytest.mark.parametrize("model", [Skill, Responsibility])
def test_it_refuses_a_company_block_taking_a_shared_slug(acme, model):
    shared = model.objects.filter(company__isnull=True).first()
    own = model(slug=shared.slug, company=acme)
    with pytest.raises(ValidationError) as excinfo:
        own.clean()
    assert "shared library already has" in str(excinfo.value)


def test_it_resolves_a_bare_slug_to_the_shared_library(acme, skill):
    SkillFactory(slug="acme-only", company=acme)
    assert Skill.objects.get_by_natural_key("sql") == skill("sql")
    with pytest.raises(Skill.DoesNotExist):
        Skill.objects.get_by_natural_key("acme-only")


@pytest.mark.parametrize("model", [Skill, Responsibility])
def test_it_names_each_company_in_the_natural_key_of_its_own_blocks(acme, globex, model):
    extra = {"name": "Store", "category": "data"} if model is Skill else {"text": "Run it"}
    shared = model.objects.create(slug="feature-store", source=SOURCE, **extra)
    rows = [model.objects.create(slug="feature-store", company=c, **extra) for c in (acme, globex)]

    assert [row.natural_key() for row in rows] == [
        ("feature-store", "acme"),
        ("feature-store", "globex"),
    ]
    assert shared.natural_key() == ("feature-store",)
    for row in (shared, *rows):
        assert model.objects.get_by_natural_key(*row.natural_key()) == row


def test_it_shows_typical_years_readably(ds):
    assert Level(min_years=2, max_years=5).years_display == "2–5 years"
    assert Level(min_years=8).years_display == "8+ years"
    assert Level().years_display == ""


def test_it_refuses_a_level_asking_more_years_of_a_skill_than_it_starts_at(ds):
    refused(lambda: LevelFactory(role_family=ds, min_years=2, max_years=5, skill_years=3, rank=98))
    refused(lambda: LevelFactory(role_family=ds, min_years=None, skill_years=1, rank=97))
    assert LevelFactory(role_family=ds, min_years=2, max_years=5, skill_years=2, rank=96).pk


def test_it_keeps_one_requirement_per_skill_and_emphasis(skill):
    refused(lambda: Requirement.objects.create(skill=skill("sql"), emphasis=3, text="SQL"))


def test_it_refuses_a_requirement_at_no_emphasis(acme):
    own = SkillFactory(company=acme)
    refused(lambda: Requirement.objects.create(skill=own, emphasis=0, text="Some SQL"))


def test_it_explains_a_bad_requirement_sentence_on_the_form(acme):
    own = SkillFactory(company=acme)
    requirement = Requirement(skill=own, emphasis=1, text="{years} with SQL")
    with pytest.raises(ValidationError) as excinfo:
        requirement.full_clean()
    assert excinfo.value.message_dict["text"] == [YEARS_NOT_HEAVY]
