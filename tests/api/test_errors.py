"""One error shape, and the right 4xx, for everything a client can get wrong."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from hiring.api.authentication import INVALID_KEY, MALFORMED_HEADER
from hiring.api.errors import flatten
from hiring.api.parsers import NOT_UTF8

pytestmark = pytest.mark.django_db

LIST = "/api/v1/postings/"
NEW = {"title": "Data Scientist", "role_family": "data-scientist"}


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert body["message"]
    return body


def test_it_flattens_nested_errors_to_dotted_paths():
    detail = {
        "title": ["Required."],
        "skills": [{}, {"skill": ["Unknown."]}],
        "non_field_errors": ["Both."],
    }

    assert flatten(detail) == {
        "title": ["Required."],
        "skills.1.skill": ["Unknown."],
        "": ["Both."],
    }


def test_it_answers_401_without_a_key(anonymous):
    response = anonymous.get(LIST)

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="rolekit"'


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Bearer rk_deadbeef_nottherightsecret", INVALID_KEY),
        ("Bearer not-a-key", INVALID_KEY),
        ("Bearer", MALFORMED_HEADER),
        ("Bearer a b", MALFORMED_HEADER),
        ("Bearer rk_\u00e9\u00e9_x", MALFORMED_HEADER),
    ],
)
def test_it_answers_401_to_a_bad_key(header, message):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    body = assert_error(client.get(LIST), 401, "authentication_failed")

    assert body["message"] == message


def test_it_answers_404_in_json_for_unknown_addresses(api):
    for path in ["/api/v1/nope/", "/api/v1/postings/99999999999999999999/", "/api/whatever"]:
        assert_error(api.get(path), 404, "not_found")
    assert_error(api.post("/api/v1/nope/", {}, format="json"), 404, "not_found")


def test_it_answers_404_for_a_missing_posting(api):
    assert_error(api.get(f"{LIST}123456/"), 404, "not_found")


def test_it_answers_405_with_allow(api, posting):
    response = api.delete(f"{LIST}{posting.pk}/")

    assert_error(response, 405, "method_not_allowed")
    assert "PATCH" in response["Allow"]


def test_it_answers_400_to_malformed_json(api):
    body = assert_error(
        api.post(LIST, "{'title': 1", content_type="application/json"), 400, "malformed_request"
    )

    assert body["message"].startswith("The body is not valid JSON")


@pytest.mark.parametrize(
    "raw", [b"NaN", b'{"title": Infinity}', b'{"title": "\\ud800"}', b"[" * 5000]
)
def test_it_answers_400_to_json_python_would_accept_but_we_cannot_store(api, raw):
    assert_error(api.post(LIST, raw, content_type="application/json"), 400, "malformed_request")


def test_it_answers_400_to_a_body_that_is_not_utf8(api):
    body = assert_error(
        api.post(LIST, "é".encode("latin-1"), content_type="application/json"),
        400,
        "malformed_request",
    )

    assert body["message"] == NOT_UTF8


def test_it_answers_400_to_a_body_that_is_not_an_object(api):
    body = assert_error(api.post(LIST, [1, 2], format="json"), 400, "invalid")

    assert body["message"] != ""


def test_it_answers_415_to_another_content_type(api):
    assert_error(
        api.post(LIST, "title=x", content_type="application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type",
    )
    assert_error(api.post(LIST, b"<x/>", content_type="text/xml"), 415, "unsupported_media_type")


@override_settings(ROLEKIT_API_MAX_BODY_BYTES=1000)
def test_it_answers_413_to_an_oversize_body_before_parsing_it(api):
    body = {**NEW, "summary": "x" * 2000}

    response = api.post(LIST, body, format="json")

    assert_error(response, 413, "payload_too_large")


def test_it_answers_413_above_256_kb_by_default(api):
    response = api.post(LIST, {**NEW, "summary": "x" * 300_000}, format="json")

    assert_error(response, 413, "payload_too_large")


def test_it_refuses_nul_characters(api, recruiter):
    body = assert_error(api.post(LIST, {**NEW, "title": "a\x00b"}, format="json"), 400, "invalid")

    assert "title" in body["fields"]
    assert api.get(LIST, {"search": "a\x00b"}).status_code == 400


def test_it_answers_429_with_retry_after(api):
    rates = {"api_key": "2/minute", "anonymous": "2/minute"}
    from django.conf import settings

    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        api.get(LIST)
        api.get(LIST)
        response = api.get(LIST)

    assert_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_it_throttles_each_key_on_its_own(api, reader):
    rates = {"api_key": "1/minute", "anonymous": "1/minute"}
    from django.conf import settings

    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        assert api.get(LIST).status_code == 200
        assert reader.get(LIST).status_code == 200
        assert api.get(LIST).status_code == 429


@pytest.mark.parametrize("rest", ["", "rubric/"])
def test_it_answers_a_patch_without_if_match_with_428_before_throttling_it(api, posting, rest):
    """A client told to wait must not learn only afterwards that its update could never work."""
    rates = {"api_key": "1/minute", "anonymous": "1/minute"}
    from django.conf import settings

    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        assert api.get(LIST).status_code == 200
        assert api.get(LIST).status_code == 429
        response = api.patch(f"{LIST}{posting.pk}/{rest}", {"notes": "x"}, format="json")

    assert_error(response, 428, "precondition_required")


def test_a_new_window_allows_requests_again(api, monkeypatch):
    """Limits count per fixed window; Retry-After says when the next one starts."""
    from django.conf import settings

    from hiring.api import throttling

    clock = [6000.0 + 1]  # one second into a minute
    monkeypatch.setattr(throttling.time, "time", lambda: clock[0])
    rates = {"api_key": "2/minute", "anonymous": "2/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        assert [api.get(LIST).status_code for _ in range(3)] == [200, 200, 429]
        assert api.get(LIST)["Retry-After"] == "59"
        clock[0] += 59
        assert api.get(LIST).status_code == 200


def test_it_answers_403_to_a_session_without_a_company(client, superuser):
    client.force_login(superuser)

    response = client.get(LIST)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_it_answers_403_in_json_to_a_session_write_without_csrf(recruiter):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(recruiter)

    response = client.post(LIST, NEW, format="json")

    assert_error(response, 403, "permission_denied")


def test_it_answers_json_500_for_an_unexpected_error(api, posting, monkeypatch):
    def broken(rows):
        raise RuntimeError("bug")

    monkeypatch.setattr("hiring.api.views.postings.posting_list_items", broken)
    api.raise_request_exception = False

    response = api.get(LIST)

    assert_error(response, 500, "server_error")
