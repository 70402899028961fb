"""Exports by format name: the file, its content type and ETag, and 304 when unchanged."""

import pytest

from hiring import exports
from hiring.models import Rubric
from hiring.postings.services import posting_save
from hiring.postings.workflow import posting_revise

pytestmark = pytest.mark.django_db


def url(posting, name, query=""):
    return f"/api/v1/postings/{posting.pk}/exports/{name}/{query}"


@pytest.mark.parametrize("name", sorted(exports.FORMATS))
def test_it_exports_every_format_with_its_content_type_and_etag(api, published, name):
    response = api.get(url(published, name))

    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == exports.FORMATS[name].content_type
    assert response["ETag"].startswith('"')
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert len(response.content) > 100
    again = api.get(url(published, name), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_it_ignores_accept_for_files(api, published):
    response = api.get(url(published, "markdown"), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")


def test_it_changes_the_etag_when_the_content_changes(api, published, recruiter):
    first = api.get(url(published, "markdown", "?draft=true"))
    posting_revise(posting=published, by=recruiter)
    published.title = "Staff ML Engineer"
    posting_save(posting=published, expected_version=published.version)

    second = api.get(url(published, "markdown", "?draft=true"))
    live = api.get(url(published, "markdown"))

    assert second["ETag"] != first["ETag"]
    assert b"Staff ML Engineer" in second.content
    assert b"Staff ML Engineer" not in live.content


def test_it_exports_an_older_version(api, published):
    response = api.get(url(published, "text", "?version=1"))

    assert response.status_code == 200
    assert b"ML Engineer" in response.content


def test_it_answers_404_for_an_unknown_format_or_version(api, published):
    assert api.get(url(published, "docx")).json()["code"] == "not_found"
    assert api.get(url(published, "text", "?version=9")).status_code == 404
    assert api.get(url(published, "text", "?version=x")).status_code == 400


def test_it_explains_an_export_that_cannot_be_made(api, posting):
    Rubric.objects.filter(posting=posting).delete()

    response = api.get(url(posting, "kit"))

    assert response.status_code == 409
    assert "rubric" in response.json()["message"]


def test_it_keeps_other_companies_exports_out_of_reach(outsider_api, published):
    assert outsider_api.get(url(published, "html")).status_code == 404
