"""A posting's rubric: read, edit with criteria nested (If-Match), build, approve."""

import pytest

from hiring.api import conditional
from hiring.api.serializers.postings import NEEDS_SUBJECT, UNKNOWN_SKILL
from hiring.models import Rubric
from hiring.postings.workflow import posting_submit

pytestmark = pytest.mark.django_db


def url(posting, rest="rubric/"):
    return f"/api/v1/postings/{posting.pk}/{rest}"


def etag(posting):
    posting.refresh_from_db()
    return conditional.posting_etag(posting)


CRITERIA = [
    {
        "skill": "python",
        "stage": "technical",
        "weight": 2,
        "questions": ["  How do you package a library? "],
        "anchors": {"strong_no": "None.", "yes": "Packages and tests it."},
    },
    {"title": "Ownership", "stage": "behavioural", "weight": "0.5", "order": 1},
]


def test_it_shows_the_rubric_with_the_postings_etag(api, posting):
    response = api.get(url(posting))

    assert response.status_code == 200
    assert response["ETag"] == etag(posting)
    body = response.json()
    assert body["posting"] == posting.pk and body["version"] == posting.version
    assert len(body["criteria"]) == posting.rubric.criteria.count()


def test_it_says_when_there_is_no_rubric_yet(api, posting):
    Rubric.objects.filter(posting=posting).delete()

    response = api.get(url(posting))

    assert response.status_code == 404
    assert "rubric/build/" in response.json()["message"]


def test_it_replaces_the_criteria_and_bumps_the_version(api, posting):
    before = posting.version

    response = api.patch(
        url(posting),
        {"notes": "Two rounds.", "criteria": CRITERIA},
        format="json",
        HTTP_IF_MATCH=etag(posting),
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["notes"] == "Two rounds."
    assert [c["display_title"] for c in body["criteria"]] == ["Ownership", "Python"]
    python = body["criteria"][1]
    assert python["weight"] == "2.00"
    assert python["questions"] == ["How do you package a library?"]
    assert python["anchors"] == {
        "strong_no": "None.",
        "no": "",
        "yes": "Packages and tests it.",
        "strong_yes": "",
    }
    assert body["version"] == before + 1
    assert response["ETag"] == etag(posting)


def test_it_creates_the_rubric_on_first_edit(api, posting):
    Rubric.objects.filter(posting=posting).delete()

    response = api.patch(
        url(posting), {"criteria": CRITERIA[1:]}, format="json", HTTP_IF_MATCH=etag(posting)
    )

    assert response.status_code == 200
    assert posting.rubric.criteria.get().title == "Ownership"


@pytest.mark.parametrize("body", [{"posting": 9, "version": 99, "approved_by": "hugo"}, {}])
def test_it_keeps_the_version_when_a_rubric_patch_changes_nothing(api, posting, body):
    before = etag(posting)

    response = api.patch(url(posting), body, format="json", HTTP_IF_MATCH=before)

    assert response.status_code == 200, response.json()
    assert response["ETag"] == before == etag(posting)


def test_it_refuses_rubric_edits_without_or_with_a_stale_if_match(api, posting):
    assert api.patch(url(posting), {"notes": "x"}, format="json").status_code == 428
    stale = f'W/"{posting.pk}-{posting.version - 1}"'
    response = api.patch(url(posting), {"notes": "x"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412


def test_it_names_bad_criteria(api, posting):
    def fields(criteria):
        response = api.patch(
            url(posting), {"criteria": criteria}, format="json", HTTP_IF_MATCH=etag(posting)
        )
        assert response.status_code == 400
        return response.json()["fields"]

    assert fields([{"skill": "tarot"}]) == {
        "criteria.0.skill": [UNKNOWN_SKILL.format(slug="tarot")]
    }
    shapeless = fields([{"stage": "technical"}, {"title": "T", "weight": -1}])
    assert shapeless["criteria.0"] == [NEEDS_SUBJECT]
    assert "criteria.1.weight" in shapeless


def test_it_refuses_rubric_edits_once_submitted(api, posting, recruiter):
    posting_submit(posting=posting, by=recruiter)

    response = api.patch(url(posting), {"notes": "x"}, format="json", HTTP_IF_MATCH=etag(posting))

    assert response.status_code == 409


def test_it_builds_criteria_from_the_must_haves(api, posting):
    posting.rubric.criteria.all().delete()

    response = api.post(url(posting, "rubric/build/"))

    assert response.status_code == 200
    assert len(response.json()["criteria"]) == posting.skills.filter(must_have=True).count()


def test_it_lets_only_hiring_managers_approve(api, manager, posting, recruiter):
    posting_submit(posting=posting, by=recruiter)

    refused = api.post(url(posting, "rubric/approve/"))
    approved = manager.post(url(posting, "rubric/approve/"), {"comment": "Good."}, format="json")

    assert refused.status_code == 403
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert approved.json()["rubric"]["approved_by"].startswith("api-")


def test_it_lets_a_signed_in_hiring_manager_approve(client, hiring_manager, posting, recruiter):
    """Session auth, for the browsable API: the company and role come from the membership."""
    posting_submit(posting=posting, by=recruiter)
    client.force_login(hiring_manager)

    response = client.post(url(posting, "rubric/approve/"), content_type="application/json")

    assert response.status_code == 200
    assert posting.reviews.get().reviewer == hiring_manager


def _staff(posting, people):
    from hiring.rubrics.services import rubric_set_interviewers

    posting.refresh_from_db()
    rubric_set_interviewers(
        posting=posting,
        expected_version=posting.version,
        assignments=[(stage, who) for stage in ("behavioural", "technical") for who in people],
    )


def test_it_lists_who_runs_which_stage_read_only(api, posting, recruiter, hiring_manager):
    hiring_manager.first_name, hiring_manager.last_name = "Hugo", "Manager"
    hiring_manager.save()
    _staff(posting, [hiring_manager])

    for body in (api.get(url(posting)).json(), api.get(url(posting, "")).json()["rubric"]):
        assert body["interviewers"] == [
            {"stage": "technical", "interviewer": "hugo", "name": "Hugo Manager"},
            {"stage": "behavioural", "interviewer": "hugo", "name": "Hugo Manager"},
        ]


def test_it_reads_the_interviewers_in_one_query_at_any_size(
    api, posting, recruiter, hiring_manager, second_manager
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(url(posting)).status_code == 200
        return len(ctx.captured_queries)

    _staff(posting, [hiring_manager])
    queries(), queries()  # the first requests also read and stamp the key, then cached
    # The posting, its detail row, its criteria, its interviewers.
    assert queries() == 4
    _staff(posting, [hiring_manager, recruiter, second_manager])
    assert queries() == 4
