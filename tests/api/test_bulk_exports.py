"""Bulk exports through the API: ask, follow, download; scoped to the key's company."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hiring.exports import jobs
from hiring.models import BulkExport, JobPosting
from tests.factories import BulkExportFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bulk-exports/"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """POST an export; the test settings run its task inline once the request's
    transaction commits (the test's own transaction never does)."""

    def ask(client, postings, formats=("markdown", "jsonld"), draft=False, **headers):
        body = {"postings": [p.pk for p in postings], "formats": list(formats), "draft": draft}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(LIST, body, format="json", **headers)

    return ask


def test_it_queues_an_export_and_serves_its_zip(api, published, settings, tmp_path, ask):
    settings.MEDIA_ROOT = tmp_path
    response = ask(api, [published])

    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == f"{LIST}{job['id']}/"
    assert (job["status"], job["total"], job["download"]) == ("queued", 2, None)
    job = api.get(response["Location"]).json()
    assert (job["status"], job["completed"], job["total"]) == ("done", 2, 2)
    assert job["postings"] == [published.pk] and job["failures"] == []

    download = api.get(job["download"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert sorted(name.rsplit(".", 1)[1] for name in names) == ["jsonld", "md"]


def test_read_only_keys_may_ask_too(reader, published, settings, tmp_path, ask):
    settings.MEDIA_ROOT = tmp_path

    assert ask(reader, [published]).status_code == 202


def test_it_lists_the_files_that_could_not_be_exported(api, published, settings, tmp_path, ask):
    settings.MEDIA_ROOT = tmp_path
    JobPosting.objects.filter(pk=published.pk).update(summary="x" * 1_000_000)

    job = api.get(ask(api, [published], formats=["markdown"], draft=True)["Location"]).json()

    assert job["status"] == "done"
    [failure] = job["failures"]
    assert (failure["posting_id"], failure["format"]) == (published.pk, "markdown")
    assert failure["error"].startswith("The summary is 1,000,000 characters")


def test_it_refuses_postings_of_another_company_as_unknown(outsider_api, published, ask):
    response = ask(outsider_api, [published])

    assert response.status_code == 400
    assert str(published.pk) in response.json()["fields"]["postings"][0]
    assert not BulkExport.objects.exists()


def test_it_refuses_an_unknown_format_and_an_empty_list(api, published, ask):
    assert ask(api, [published], formats=["docx"]).status_code == 400
    assert ask(api, []).status_code == 400


def test_it_refuses_an_export_above_the_limit_with_422(api, published, monkeypatch, ask):
    monkeypatch.setattr(jobs, "MAX_QUEUED_FILES", 1)

    response = ask(api, [published])

    assert response.status_code == 422
    assert "limit is 1" in response.json()["message"]


def test_another_company_sees_none_of_it(api, outsider_api, published, settings, tmp_path, ask):
    settings.MEDIA_ROOT = tmp_path
    job = api.get(ask(api, [published])["Location"]).json()

    assert job["download"]
    assert outsider_api.get(f"{LIST}{job['id']}/").status_code == 404
    assert outsider_api.get(f"{LIST}{job['id']}/download/").status_code == 404
    assert outsider_api.get(LIST).json()["results"] == []
    assert [row["id"] for row in api.get(LIST).json()["results"]] == [job["id"]]


def test_it_answers_409_to_a_download_before_the_zip_is_ready(api, acme, published, ask):
    job = BulkExport.objects.create(company=acme, formats=["pdf"], posting_ids=[published.pk])

    response = api.get(f"{LIST}{job.pk}/download/")

    assert response.status_code == 409
    assert "queued" in response.json()["message"]
    assert api.get(f"{LIST}{job.pk}/").json()["download"] is None


def test_a_retried_request_with_the_same_key_makes_one_export(
    api, published, settings, tmp_path, ask
):
    settings.MEDIA_ROOT = tmp_path

    first = ask(api, [published], HTTP_IDEMPOTENCY_KEY="sync-42")
    again = ask(api, [published], HTTP_IDEMPOTENCY_KEY="sync-42")

    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    assert BulkExport.objects.count() == 1


def test_it_lists_exports_in_a_fixed_number_of_queries(api, acme, recruiter):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    api.get(LIST)  # records the key's first use
    api.get(LIST)  # and keeps the key
    BulkExportFactory.create_batch(2, company=acme, requested_by=recruiter)
    few = queries()
    BulkExportFactory.create_batch(30, company=acme, requested_by=recruiter)

    # The page, with who asked for each export joined in.
    assert few == queries() == 1


def test_it_answers_404_when_the_storage_lost_the_zip(api, published, settings, tmp_path, ask):
    settings.MEDIA_ROOT = tmp_path
    job = BulkExport.objects.get(pk=api.get(ask(api, [published])["Location"]).json()["id"])
    job.file.storage.delete(job.file.name)

    response = api.get(f"{LIST}{job.pk}/download/")

    assert response.status_code == 404
    assert "no longer stored" in response.json()["message"]
