"""Companies kept apart: every admin and review URL on Acme's objects, as Globex."""

import pytest
from django.urls import reverse

from hiring.models import Membership
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from tests.factories import BulkExportFactory, SkillFactory


@pytest.fixture
def acme_world(posting, recruiter, hiring_manager, acme):
    posting_submit(posting=posting, by=recruiter)
    posting_review(posting=posting, by=hiring_manager, decision="approve")
    posting_publish(posting=posting, by=recruiter)
    own_skill = SkillFactory(company=acme, slug="acme-secret-skill", name="Acme secret skill")
    return {
        "posting": posting,
        "rubric": posting.rubric,
        "review": posting.reviews.get(),
        "skill": own_skill,
        "company": acme,
        "membership": Membership.objects.get(user=recruiter),
        "bulk_export": BulkExportFactory(
            company=acme, requested_by=recruiter, posting_ids=[posting.pk], total=1
        ),
    }


ADMIN_URLS = [
    ("admin:hiring_jobposting_change", "posting"),
    ("admin:hiring_jobposting_delete", "posting"),
    ("admin:hiring_jobposting_history", "posting"),
    ("admin:hiring_preview", "posting"),
    ("admin:hiring_versions", "posting"),
    ("admin:hiring_rubric_change", "rubric"),
    ("admin:hiring_rubric_delete", "rubric"),
    ("admin:hiring_review_change", "review"),
    ("admin:roles_skill_change", "skill"),
    ("admin:roles_skill_delete", "skill"),
    ("admin:hiring_company_change", "company"),
    ("admin:hiring_membership_change", "membership"),
    ("admin:hiring_bulkexport_change", "bulk_export"),
    ("admin:hiring_bulkexport_delete", "bulk_export"),
]
ACTIONS = ["submit", "publish", "revise", "archive", "clone", "build-rubric"]


@pytest.mark.parametrize(("name", "key"), ADMIN_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_hides_acme_admin_pages_from_globex(client, outsider, acme_world, name, key, method):
    client.force_login(outsider)
    response = getattr(client, method)(reverse(name, args=[acme_world[key].pk]))
    assert response.status_code in (403, 404)


@pytest.mark.parametrize(("name", "key"), ADMIN_URLS)
def test_it_shows_the_same_pages_to_the_owner_or_superuser(
    client, recruiter, superuser, acme_world, name, key
):
    user = recruiter if "membership" not in name else superuser
    client.force_login(user)
    if name.endswith("_delete"):
        return
    assert client.get(reverse(name, args=[acme_world[key].pk])).status_code == 200


@pytest.mark.parametrize("action", ACTIONS)
def test_it_refuses_globex_running_acme_actions(client, outsider, acme_world, action):
    client.force_login(outsider)
    posting = acme_world["posting"]
    response = client.post(reverse("admin:hiring_jobposting_action", args=[posting.pk, action]))
    assert response.status_code == 404
    posting.refresh_from_db()
    assert posting.status == "published"


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:hiring_jobposting_changelist",
        "admin:hiring_rubric_changelist",
        "admin:hiring_review_changelist",
        "admin:roles_skill_changelist",
        "admin:hiring_company_changelist",
        "admin:hiring_bulkexport_changelist",
    ],
)
def test_it_never_lists_acme_rows_to_globex(client, outsider, acme_world, changelist):
    client.force_login(outsider)
    response = client.get(reverse(changelist))
    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert not [row for row in listed if getattr(row, "pk", None) in _acme_pks(acme_world, row)]


def _acme_pks(world, row):
    return {obj.pk for obj in world.values() if type(obj) is type(row)}


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [
        ("postingskill", "skill"),
        ("criterion", "skill"),
        ("postingresponsibility", "responsibility"),
    ],
)
def test_it_keeps_acme_blocks_out_of_globex_autocompletes(
    client, outsider, recruiter, acme_world, acme, model_name, field_name
):
    from roles.models import Responsibility

    Responsibility.objects.create(company=acme, slug="acme-secret", text="Acme secret duty")
    params = {
        "app_label": "hiring",
        "model_name": model_name,
        "field_name": field_name,
        "term": "secret",
    }
    client.force_login(outsider)
    response = client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    assert response.json()["results"] == []
    client.force_login(recruiter)
    own = client.get(reverse("admin:autocomplete"), params).json()["results"]
    assert len(own) == 1


def test_it_refuses_a_forged_foreign_skill_in_an_inline(client, outsider, acme_world, globex):
    from hiring.models import JobPosting

    mine = JobPosting.objects.create(
        company=globex, title="Globex DS", role_family=acme_world["posting"].role_family
    )
    client.force_login(outsider)
    url = reverse("admin:hiring_jobposting_change", args=[mine.pk])
    response = client.post(
        url,
        {
            "title": "Globex DS",
            "role_family": mine.role_family_id,
            "remote_policy": "hybrid",
            "employment_type": "FULL_TIME",
            "salary_currency": "USD",
            "salary_period": "YEAR",
            "expected_version": mine.version,
            "skills-TOTAL_FORMS": "1",
            "skills-INITIAL_FORMS": "0",
            "skills-0-skill": acme_world["skill"].pk,
            "skills-0-emphasis": "2",
            "skills-0-order": "1",
            "skills-0-must_have": "on",
            "responsibilities-TOTAL_FORMS": "0",
            "responsibilities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not mine.skills.exists()


def test_it_limits_people_choices_to_the_company(client, outsider, recruiter, hiring_manager):
    client.force_login(outsider)
    form = client.get(reverse("admin:hiring_jobposting_add")).context["adminform"].form
    assert hiring_manager not in form.fields["hiring_manager"].queryset
    assert recruiter not in form.fields["recruiter"].queryset


REVIEW_URLS = ["review:posting"]


@pytest.mark.parametrize("persona", ["outsider", "outside_manager"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_hides_acme_review_pages_from_globex(client, request, acme_world, persona, method):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("review:posting", args=[acme_world["posting"].pk])
    response = getattr(client, method)(url, {"decision": "approve", "expected_version": 1})
    assert response.status_code == 404


def test_it_leaves_acme_out_of_globex_review_queue(client, outside_manager, acme_world):
    client.force_login(outside_manager)
    response = client.get(reverse("review:queue"))
    assert acme_world["posting"].title not in response.content.decode()
