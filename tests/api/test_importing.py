"""POST /api/v1/postings/import: a job ad in, the draft and its findings out."""

import pytest

from benchmarks import evaluation
from benchmarks.eval import DEFAULT_FILE
from hiring.api import idempotency
from hiring.api.serializers.analysis import TEXT_LIMIT
from hiring.api.serializers.importing import UNKNOWN_FIELD
from hiring.models import JobPosting
from hiring.postings.importing import NO_FAMILY

pytestmark = pytest.mark.django_db

URL = "/api/v1/postings/import"
REAL = {ad.id: ad for ad in evaluation.load(DEFAULT_FILE)}


def body(ad_id):
    return {"title": REAL[ad_id].title, "text": REAL[ad_id].text}


@pytest.mark.parametrize(
    "ad_id, family", [("dev-039", "data-scientist"), ("dev-016", "machine-learning-engineer")]
)
def test_it_creates_the_draft_of_a_real_ad(api, acme, ad_id, family):
    response = api.post(URL, body(ad_id), format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    posting = JobPosting.objects.get()
    assert (posting.company, posting.status, data["id"]) == (acme, "draft", posting.pk)
    assert data["role_family"] == family
    assert any(row["must_have"] for row in data["skills"])
    assert data["responsibilities"] and data["summary"]
    assert data["findings"]["lean"]["best"] == family
    assert data["findings"]["posting"] == posting.pk
    assert response["Location"] == f"/api/v1/postings/{posting.pk}/"


def test_it_answers_the_same_json_as_get_plus_the_findings(api):
    created = api.post(URL, body("dev-039"), format="json")
    fetched = api.get(created["Location"])

    imported = created.json()
    findings = imported.pop("findings")
    assert imported == fetched.json()
    assert created["ETag"] == fetched["ETag"]
    assert {"open", "lean", "findings"} <= set(findings)


def test_the_slashed_address_works_too(api):
    assert api.post(URL + "/", body("dev-039"), format="json").status_code == 201


def test_it_replays_a_retry_with_the_same_idempotency_key(api):
    first = api.post(URL, body("dev-039"), format="json", HTTP_IDEMPOTENCY_KEY="import-1")
    again = api.post(URL, body("dev-039"), format="json", HTTP_IDEMPOTENCY_KEY="import-1")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again[idempotency.REPLAYED_HEADER] == "true"
    assert JobPosting.objects.count() == 1


def test_it_refuses_the_key_for_another_text(api):
    api.post(URL, body("dev-039"), format="json", HTTP_IDEMPOTENCY_KEY="import-1")
    other = api.post(URL, body("dev-016"), format="json", HTTP_IDEMPOTENCY_KEY="import-1")

    assert other.status_code == 422
    assert JobPosting.objects.count() == 1


@pytest.mark.parametrize(
    "data, fields",
    [
        ({"title": "Data Scientist", "text": ""}, {"text": ["This field may not be blank."]}),
        ({"title": "Data Scientist", "text": " \n "}, {"text": ["This field may not be blank."]}),
        ({"title": "Data Scientist"}, {"text": ["This field is required."]}),
        (
            {"title": "Data Scientist", "text": "x" * (TEXT_LIMIT + 1)},
            {"text": [f"Ensure this field has no more than {TEXT_LIMIT} characters."]},
        ),
        (
            {"title": "x" * 201, "text": "SQL"},
            {"title": ["Ensure this field has no more than 200 characters."]},
        ),
        ({"title": "Data Scientist", "text": 12}, {"text": ["Send a string."]}),
        (
            {"title": "Data Scientist", "text": "SQL", "txt": "SQL", "status": "published"},
            {"status": [UNKNOWN_FIELD], "txt": [UNKNOWN_FIELD]},
        ),
        ({"title": "Office manager", "text": "Water the plants."}, {"title": [NO_FAMILY]}),
    ],
    ids=[
        "empty",
        "blank",
        "missing",
        "too-long",
        "long-title",
        "not-a-string",
        "unknown",
        "no-role",
    ],
)
def test_it_answers_400_with_the_field_messages(api, data, fields):
    response = api.post(URL, data, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == fields
    assert not JobPosting.objects.exists()


def test_it_refuses_a_body_that_is_not_an_object(api):
    response = api.post(URL, ["Data Scientist", "SQL"], format="json")

    assert response.status_code == 400
    assert not JobPosting.objects.exists()


def test_a_session_recruiter_becomes_the_draft_recruiter(client_for, recruiter):
    session = client_for()
    session.force_authenticate(recruiter)
    response = session.post(URL, body("dev-039"), format="json")

    assert response.status_code == 201
    assert response.json()["recruiter"] == recruiter.username
