import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from roles.models import (
    Emphasis,
    EmphasisLevel,
    InterviewQuestion,
    Level,
    Responsibility,
    RoleFact,
    RoleFamily,
    SalaryBand,
    Skill,
)
from roles.validators import YEARS_NOT_HEAVY
from tests.factories import SkillFactory

CATALOG_MODELS = [
    RoleFamily,
    RoleFact,
    Skill,
    Emphasis,
    Responsibility,
    Level,
    SalaryBand,
    InterviewQuestion,
]


def admin_url(model, view, *args):
    return reverse(f"admin:roles_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", CATALOG_MODELS, ids=lambda m: m.__name__)
# A company admin: the catalog's internals are not a plain recruiter's (test_admin_access).
@pytest.mark.parametrize("persona", ["company_admin", "superuser"])
def test_it_shows_every_catalog_page_to_staff(client, request, model, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert client.get(admin_url(model, "changelist") + "?q=data").status_code == 200


def test_it_keeps_hiring_managers_out_of_the_admin(client, hiring_manager):
    client.force_login(hiring_manager)
    response = client.get(admin_url(Skill, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", CATALOG_MODELS, ids=lambda m: m.__name__)
def test_it_lists_the_catalog_in_queries_that_do_not_grow_with_it(client, company_admin, ds, model):
    client.force_login(company_admin)
    url = admin_url(model, "changelist")
    before = queries_for(client, url)
    for skill in SkillFactory.create_batch(30):
        Emphasis.objects.create(role_family=ds, skill=skill, level=2, source="x")
    assert queries_for(client, url) == before


def test_it_shows_the_emphasis_matrix_on_the_skill_page(client, recruiter, skill):
    client.force_login(recruiter)
    response = client.get(admin_url(Skill, "change", skill("statistics").pk))
    content = response.content.decode()
    assert "Data Scientist" in content and "Machine Learning Engineer" in content
    assert "What the articles say" in content


@pytest.mark.parametrize("persona", ["recruiter", "superuser"])
def test_it_shows_the_requirements_and_anchors_on_the_skill_page(client, request, persona, skill):
    client.force_login(request.getfixturevalue(persona))
    sql = skill("sql")
    content = client.get(admin_url(Skill, "change", sql.pk)).content.decode()
    for requirement in sql.requirements.all():
        assert escape(requirement.text) in content
    assert escape(sql.anchors.strong_no) in content and escape(sql.anchors.strong_yes) in content
    # Shared wording is read-only to a company's recruiter, editable by a catalog editor.
    editable = 'name="requirements-0-text"' in content
    assert editable == (persona == "superuser")


def test_it_filters_skills_by_category_and_role_family(client, recruiter):
    client.force_login(recruiter)
    url = admin_url(Skill, "changelist")
    response = client.get(url, {"category": "mlops"})
    assert response.status_code == 200
    names = {s.name for s in response.context["cl"].result_list}
    assert names == set(Skill.objects.filter(category="mlops").values_list("name", flat=True))
    response = client.get(url, {"role_family": "machine-learning-engineer"})
    slugs = {s.slug for s in response.context["cl"].result_list}
    # The filter keeps the skills an MLE leans on at least medium, and only those.
    assert slugs == set(
        Emphasis.objects.filter(
            role_family__slug="machine-learning-engineer", level__gte=EmphasisLevel.MEDIUM
        ).values_list("skill__slug", flat=True)
    )
    assert {"docker-kubernetes", "mlops"} <= slugs
    assert not {"statistics", "ab-testing"} & slugs  # light for an MLE


class TestSharedRowsAreReadOnly:
    def test_it_refuses_a_recruiter_changing_a_shared_skill(self, client, recruiter, skill):
        client.force_login(recruiter)
        shared = skill("sql")
        response = client.post(
            admin_url(Skill, "change", shared.pk),
            {"name": "Hacked", "slug": "sql", "category": "data", "aliases": "[]"},
        )
        assert response.status_code == 403
        shared.refresh_from_db()
        assert shared.name != "Hacked"

    def test_it_refuses_deleting_a_shared_skill(self, client, recruiter, skill):
        client.force_login(recruiter)
        response = client.post(admin_url(Skill, "delete", skill("sql").pk), {"post": "yes"})
        assert response.status_code == 403
        assert Skill.objects.filter(slug="sql", company__isnull=True).exists()

    def test_it_shows_shared_rows_read_only(self, client, recruiter, skill):
        client.force_login(recruiter)
        response = client.get(admin_url(Skill, "change", skill("sql").pk))
        assert response.status_code == 200
        assert b'name="name"' not in response.content

    def test_it_refuses_adding_to_the_shared_role_families(self, client, recruiter):
        client.force_login(recruiter)
        assert client.get(admin_url(RoleFamily, "add")).status_code == 403


SKILL_INLINES = ("emphases", "requirements", "anchors", "questions")
EMPTY_INLINES = {
    f"{prefix}-{count}": "0"
    for prefix in SKILL_INLINES
    for count in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def without(prefix):
    """The empty management forms of the skill page's inlines other than `prefix`."""
    return {key: value for key, value in EMPTY_INLINES.items() if not key.startswith(prefix)}


class TestCompanyBlocks:
    def add_skill(self, client, **extra):
        data = {
            "name": "Fraud domain knowledge",
            "slug": "fraud-domain",
            "category": "domain",
            "aliases": '["fraud"]',
            **EMPTY_INLINES,
            **extra,
        }
        return client.post(admin_url(Skill, "add"), data)

    def test_it_lets_a_recruiter_add_their_own_skill(self, client, recruiter, acme):
        client.force_login(recruiter)
        response = self.add_skill(client)
        assert response.status_code == 302, response.content
        own = Skill.objects.get(slug="fraud-domain")
        assert own.company == acme and own.aliases == ["fraud"]

    def test_it_ignores_a_forged_company_on_the_form(self, client, recruiter, acme, globex):
        client.force_login(recruiter)
        self.add_skill(client, company=str(globex.pk))
        assert Skill.objects.get(slug="fraud-domain").company == acme

    def test_it_refuses_a_duplicate_slug_with_a_form_error(self, client, recruiter):
        client.force_login(recruiter)
        self.add_skill(client)
        response = self.add_skill(client)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors

    def test_it_hides_a_company_skill_from_another_company(self, client, recruiter, outsider, acme):
        own = SkillFactory(company=acme, slug="acme-only")
        client.force_login(outsider)
        assert client.get(admin_url(Skill, "change", own.pk)).status_code == 404
        listed = client.get(admin_url(Skill, "changelist"), {"q": "acme-only"})
        assert own not in listed.context["cl"].result_list

    def test_it_lets_the_owner_set_emphasis_on_their_own_skill(self, client, recruiter, acme, ds):
        own = SkillFactory(company=acme, slug="acme-skill", name="Acme skill")
        client.force_login(recruiter)
        response = client.post(
            admin_url(Skill, "change", own.pk),
            {
                "name": "Acme skill",
                "slug": "acme-skill",
                "category": "domain",
                "aliases": "[]",
                "emphases-TOTAL_FORMS": "1",
                "emphases-INITIAL_FORMS": "0",
                "emphases-0-role_family": str(ds.pk),
                "emphases-0-level": "3",
                "emphases-0-source": "",
                "emphases-0-note": "",
                **without("emphases"),
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert own.emphases.get().level == EmphasisLevel.HEAVY

    def test_it_lets_the_owner_word_their_own_skill(self, client, recruiter, acme):
        own = SkillFactory(company=acme, slug="acme-skill", name="Acme skill")
        client.force_login(recruiter)
        form = {
            "name": "Acme skill",
            "slug": "acme-skill",
            "category": "domain",
            "aliases": "[]",
            "requirements-TOTAL_FORMS": "1",
            "requirements-INITIAL_FORMS": "0",
            "requirements-0-emphasis": "1",
            "requirements-0-text": "{years} with fraud rules",
            "requirements-0-source": "",
            "requirements-0-note": "",
            **without("requirements"),
        }
        response = client.post(admin_url(Skill, "change", own.pk), form)
        assert response.status_code == 200  # refused: years on a light requirement
        assert YEARS_NOT_HEAVY in response.content.decode()
        form["requirements-0-text"] = "Familiarity with our fraud rules"
        response = client.post(admin_url(Skill, "change", own.pk), form)
        assert response.status_code == 302
        assert own.requirements.get().text == "Familiarity with our fraud rules"
