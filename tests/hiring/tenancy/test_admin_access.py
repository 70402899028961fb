"""Who sees which admin tables: recruiters work on postings and their blocks; the
integration's plumbing and the catalog's internals are for company admins and superusers."""

import pytest
from django.urls import reverse

from hiring.models import BulkExport
from hiring.tenancy.admin_scoping import TECHNICAL_MODELS

pytestmark = pytest.mark.django_db

RECRUITER_TABLES = {
    "hiring.jobposting",
    "hiring.rubric",
    "hiring.review",
    "hiring.company",
    "roles.skill",
    "roles.responsibility",
    "roles.rolefamily",
    "roles.interviewquestion",
}


def tables_listed(client) -> set[str]:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {
        f"{app['app_label']}.{model['object_name'].lower()}"
        for app in response.context["app_list"]
        for model in app["models"]
    }


def test_it_lists_only_the_postings_and_their_blocks_to_a_recruiter(client, recruiter):
    client.force_login(recruiter)
    assert tables_listed(client) == RECRUITER_TABLES


def test_it_lists_the_technical_tables_to_a_company_admin(client, company_admin):
    client.force_login(company_admin)
    assert tables_listed(client) == RECRUITER_TABLES | TECHNICAL_MODELS


def test_it_lists_every_table_to_a_superuser(client, superuser):
    client.force_login(superuser)
    assert tables_listed(client) >= TECHNICAL_MODELS | RECRUITER_TABLES


@pytest.mark.parametrize("label", sorted(TECHNICAL_MODELS - {"hiring.bulkexport"}))
@pytest.mark.parametrize(
    ("persona", "status"), [("recruiter", 403), ("company_admin", 200), ("superuser", 200)]
)
def test_it_keeps_a_recruiter_out_of_the_technical_tables(client, request, label, persona, status):
    client.force_login(request.getfixturevalue(persona))
    app_label, model = label.split(".")
    assert client.get(reverse(f"admin:{app_label}_{model}_changelist")).status_code == status


def test_it_still_shows_a_recruiter_the_export_they_started(client, recruiter, acme):
    job = BulkExport.objects.create(company=acme, requested_by=recruiter, formats=["pdf"])
    client.force_login(recruiter)
    page = client.get(reverse("admin:hiring_bulkexport_change", args=[job.pk]))
    assert page.status_code == 200


def test_it_keeps_the_nav_sidebar_to_the_same_tables(client, recruiter):
    client.force_login(recruiter)
    page = client.get(reverse("admin:hiring_jobposting_changelist")).content.decode()
    assert 'class="model-jobposting' in page
    assert "model-apikey" not in page and "model-salaryband" not in page
