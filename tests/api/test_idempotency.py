"""A retried create with the same Idempotency-Key never makes a second posting."""

import pytest

from hiring.api import idempotency
from hiring.models import IdempotencyRecord, JobPosting

pytestmark = pytest.mark.django_db

LIST = "/api/v1/postings/"
NEW = {"title": "Data Scientist", "role_family": "data-scientist"}


def create(client, body=NEW, key="3f1c-retry-me"):
    return client.post(LIST, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_it_replays_the_first_answer_to_a_retry(api):
    first = create(api)
    second = create(api)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["ETag"] == first["ETag"] and second["Location"] == first["Location"]
    assert second[idempotency.REPLAYED_HEADER] == "true"
    assert JobPosting.objects.count() == 1


def test_it_refuses_the_same_key_for_another_request(api):
    create(api)

    response = create(api, {**NEW, "title": "Something else"})

    assert response.status_code == 422
    assert response.json()["message"] == idempotency.KEY_REUSED
    assert JobPosting.objects.count() == 1


def test_it_answers_409_while_the_first_request_runs(api, acme):
    body = b'{"title":"Data Scientist","role_family":"data-scientist"}'
    IdempotencyRecord.objects.create(
        company=acme,
        key="in-flight",
        request_hash=idempotency.request_hash("POST", LIST, body),
        method="POST",
        path=LIST,
    )

    response = api.post(
        LIST, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="in-flight"
    )

    assert response.status_code == 409
    assert response.json()["message"] == idempotency.KEY_IN_USE


def test_it_scopes_keys_to_the_company(api, outsider_api):
    assert create(api).status_code == 201
    assert create(outsider_api).status_code == 201
    assert JobPosting.objects.count() == 2


def test_it_replays_a_validation_error_too(api):
    first = create(api, {"title": ""})
    second = create(api, {"title": ""})

    assert first.status_code == second.status_code == 400
    assert second.json() == first.json()


def test_it_creates_each_time_without_a_key(api):
    api.post(LIST, NEW, format="json")
    api.post(LIST, NEW, format="json")

    assert JobPosting.objects.count() == 2


def test_it_refuses_an_overlong_key(api):
    response = create(api, key="k" * 256)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["fields"]


def test_it_forgets_keys_after_a_day(api, settings):
    create(api)
    settings.ROLEKIT_API_IDEMPOTENCY_SECONDS = 0

    response = create(api)

    assert response.status_code == 201
    assert idempotency.REPLAYED_HEADER not in response
    assert JobPosting.objects.count() == 2
