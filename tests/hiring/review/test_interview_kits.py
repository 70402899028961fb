"""The manager's review page shows who runs which stage and offers each interviewer's kit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hiring.models import JobPosting
from hiring.rubrics.services import rubric_set_interviewers
from tests.exports import pdfs


@pytest.fixture
def staffed(posting, recruiter, hiring_manager):
    stages = sorted(set(posting.rubric.criteria.values_list("stage", flat=True)))
    rubric_set_interviewers(
        posting=posting,
        expected_version=posting.version,
        assignments=[(stages[0], hiring_manager), (stages[0], recruiter)],
    )
    return JobPosting.objects.get(pk=posting.pk)


def page(posting):
    return reverse("review:posting", args=[posting.pk])


def kit_for(posting, user):
    return reverse("review:kit_for", args=[posting.pk, user.pk])


def test_it_shows_the_interviewers_by_stage_and_a_kit_link_each(
    client, hiring_manager, recruiter, staffed
):
    client.force_login(hiring_manager)

    content = client.get(page(staffed)).content.decode()

    assert "Interviewers" in content and "hugo, rita" in content
    assert reverse("review:kit", args=[staffed.pk]) in content
    assert kit_for(staffed, hiring_manager) in content and kit_for(staffed, recruiter) in content
    assert "Kit for hugo" in content


def test_it_downloads_an_interviewers_kit(client, hiring_manager, staffed):
    client.force_login(hiring_manager)

    response = client.get(kit_for(staffed, hiring_manager))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-draft-interview-kit-hugo.pdf"')
    assert "Interview kit for hugo" in pdfs.text(response.content)


@pytest.mark.parametrize("who", ["outsider", "outside_manager"])
def test_another_company_gets_a_404(request, client, hiring_manager, staffed, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("review:kit", args=[staffed.pk])).status_code == 404
    assert client.get(kit_for(staffed, hiring_manager)).status_code == 404


def test_someone_who_runs_no_stage_has_no_kit(client, hiring_manager, second_manager, staffed):
    client.force_login(hiring_manager)

    assert client.get(kit_for(staffed, second_manager)).status_code == 404


def test_it_needs_a_login(client, hiring_manager, staffed):
    response = client.get(kit_for(staffed, hiring_manager))

    assert response.status_code == 302 and reverse("review:login") in response["Location"]


def test_the_page_reads_interviewers_in_queries_that_do_not_grow(
    client, hiring_manager, recruiter, second_manager, staffed
):
    client.force_login(hiring_manager)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page(staffed)).status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    staffed.refresh_from_db()
    people = [recruiter, hiring_manager, second_manager]
    rubric_set_interviewers(
        posting=staffed,
        expected_version=staffed.version,
        assignments=[
            (stage, who) for stage in ("screen", "technical", "behavioural") for who in people
        ],
    )
    assert queries() == small
