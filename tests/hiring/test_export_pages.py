"""Where recruiters and hiring managers get the exports: admin buttons, the changelist
action and the bulk export's page, the review page's sign-off packet."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from hiring.exports import jobs
from hiring.exports.errors import OTHER_COMPANY, TOO_MANY_FILES
from hiring.exports.forms import DEFAULT_FORMATS
from hiring.models import BulkExport, JobPosting
from hiring.postings.admin import EXPORT_QUEUED
from hiring.postings.services import posting_clone
from hiring.postings.workflow import posting_submit
from tests.factories import BulkExportFactory, JobPostingFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def export_url(posting, format):
    return reverse("admin:hiring_export", args=[posting.pk, format])


def test_it_offers_every_export_on_the_change_form(client, recruiter, posting):
    client.force_login(recruiter)
    content = client.get(reverse("admin:hiring_jobposting_change", args=[posting.pk])).content
    for format in ("pdf", "pdf-letter", "html", "markdown", "text", "jsonld", "kit", "packet"):
        assert export_url(posting, format).encode() in content


def test_it_downloads_a_pdf(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.get(export_url(posting, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response.content.startswith(b"%PDF-") and response["ETag"]


def test_it_explains_an_export_that_cannot_be_made(client, recruiter, posting):
    JobPosting.objects.filter(pk=posting.pk).update(summary="x" * 1_100_000)
    client.force_login(recruiter)
    response = client.get(export_url(posting, "markdown"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(f"/{posting.pk}/change/")
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "characters" in messages[0]


def test_it_answers_404_for_an_unknown_format_or_another_company(
    client, recruiter, outsider, posting
):
    client.force_login(recruiter)
    response = client.get(export_url(posting, "docx"), follow=True)
    assert "docx" in str(next(iter(response.context["messages"])))
    client.force_login(outsider)
    assert client.get(export_url(posting, "pdf")).status_code == 404


def test_it_queues_the_selected_postings_and_opens_the_export(
    client, recruiter, posting, django_capture_on_commit_callbacks
):
    JobPosting.objects.filter(pk=posting.pk).update(locations="Denver, CO, US")
    clone = posting_clone(posting=posting, by=recruiter)
    JobPosting.objects.filter(pk=clone.pk).update(locations="")
    client.force_login(recruiter)
    url = reverse("admin:hiring_jobposting_changelist")
    selection = {"action": "export_selected", "_selected_action": [posting.pk, clone.pk]}
    # First the recruiter picks the formats: nothing is queued yet.
    choice = client.post(url, selection)
    assert choice.status_code == 200 and not BulkExport.objects.exists()
    assert choice.context["form"]["formats"].initial == DEFAULT_FORMATS
    with django_capture_on_commit_callbacks(execute=True):  # the task runs inline
        response = client.post(url, {**selection, "apply": "1", "formats": DEFAULT_FORMATS})
    job = BulkExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:hiring_bulkexport_change", args=[job.pk])
    assert job.status == BulkExport.Status.DONE and job.requested_by == recruiter

    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [EXPORT_QUEUED.format(count=8)]
    content = page.content.decode()
    assert "8 of 8 files, 1 failed" in content and "http-equiv" not in content
    download_url = reverse("admin:hiring_bulkexport_download", args=[job.pk])
    assert download_url in content and "Download ZIP" in content

    download = client.get(download_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == (
        f'attachment; filename="rolekit-postings-{job.pk}.zip"'
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len([n for n in names if n.endswith(".pdf")]) == 2
    assert len([n for n in names if n.endswith(".md")]) == 2
    # Job boards reject a posting without a location: listed, not silently dropped.
    assert len([n for n in names if n.endswith(".jsonld")]) == 1
    assert "jobLocation is required" in archive.read("export-errors.txt").decode()
    assert "jobLocation is required" in content


def test_it_refuses_a_selection_beyond_the_queue_limit(client, recruiter, posting, monkeypatch):
    monkeypatch.setattr(jobs, "MAX_QUEUED_FILES", 3)
    client.force_login(recruiter)
    url = reverse("admin:hiring_jobposting_changelist") + "?status__exact=draft"
    response = client.post(
        url,
        {"action": "export_selected", "_selected_action": [posting.pk], "apply": "1",
         "formats": DEFAULT_FORMATS},
        follow=True,
    )  # fmt: skip
    assert response.redirect_chain == [(url, 302)]
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [TOO_MANY_FILES.format(size=4, limit=3)]
    assert not BulkExport.objects.exists()


def test_it_asks_a_superuser_for_one_company_at_a_time(client, superuser, posting, globex):
    theirs = JobPostingFactory(company=globex, role_family=posting.role_family)
    client.force_login(superuser)
    response = client.post(
        reverse("admin:hiring_jobposting_changelist"),
        {
            "action": "export_selected",
            "_selected_action": [posting.pk, theirs.pk],
            "apply": "1",
            "formats": ["pdf"],
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [OTHER_COMPANY.format(count=1)]
    assert not BulkExport.objects.exists()


def test_it_reloads_the_export_page_until_the_export_is_finished(client, recruiter, acme):
    job = BulkExportFactory(company=acme, requested_by=recruiter, total=120, completed=37)
    client.force_login(recruiter)
    url = reverse("admin:hiring_bulkexport_change", args=[job.pk])
    content = client.get(url).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in content
    assert "37 of 120 files" in content and "Download ZIP" not in content
    BulkExport.objects.filter(pk=job.pk).update(status="failed", error="It broke.")
    content = client.get(url).content.decode()
    assert "http-equiv" not in content and "It broke." in content
    assert client.get(reverse("admin:hiring_bulkexport_download", args=[job.pk])).status_code == 404


@pytest.fixture
def finished_export(acme, recruiter):
    job = BulkExportFactory(
        company=acme, requested_by=recruiter, status="done", total=1, completed=1
    )
    job.file.save("acme.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=True)
    return job


def test_it_keeps_an_export_from_another_company(client, outsider, finished_export):
    client.force_login(outsider)
    for name in ("change", "delete", "download"):
        url = reverse(f"admin:hiring_bulkexport_{name}", args=[finished_export.pk])
        assert client.get(url).status_code == 404, name
    listed = client.get(reverse("admin:hiring_bulkexport_changelist")).context["cl"].result_list
    assert finished_export not in listed


def test_it_deletes_the_zip_with_its_export(
    client, recruiter, finished_export, django_capture_on_commit_callbacks
):
    storage, name = finished_export.file.storage, finished_export.file.name
    client.force_login(recruiter)
    url = reverse("admin:hiring_bulkexport_delete", args=[finished_export.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302
    assert not BulkExport.objects.exists() and not storage.exists(name)


def test_it_lists_exports_in_queries_that_do_not_grow(
    client, recruiter, acme, django_assert_num_queries
):
    client.force_login(recruiter)
    url = reverse("admin:hiring_bulkexport_changelist")
    for count in (2, 20):
        BulkExportFactory.create_batch(count, company=acme, requested_by=recruiter)
        # session, user, membership and company (the scoping), the filtered and the full
        # count, the user's and the groups' permissions, one page of exports with their
        # requesters and company
        with django_assert_num_queries(9):
            assert client.get(url).status_code == 200


def test_it_gives_the_hiring_manager_the_sign_off_packet(
    client, hiring_manager, outside_manager, posting, recruiter
):
    posting_submit(posting=posting, by=recruiter)
    client.force_login(hiring_manager)
    page = client.get(reverse("review:posting", args=[posting.pk])).content.decode()
    url = reverse("review:packet", args=[posting.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    client.force_login(outside_manager)
    assert client.get(url).status_code == 404


def test_it_shows_an_export_in_queries_that_do_not_grow_with_its_failures(
    client, recruiter, acme, posting, django_assert_num_queries
):
    failure = {"posting_id": posting.pk, "title": "T", "format": "pdf", "error": "Broken."}
    jobs = [
        BulkExportFactory(
            company=acme,
            requested_by=recruiter,
            status="failed",
            total=count,
            completed=count,
            failures=[failure] * count,
        )
        for count in (1, 50)
    ]
    client.force_login(recruiter)
    client.get(reverse("admin:hiring_bulkexport_change", args=[jobs[0].pk]))  # caches types
    for job in jobs:
        # session, user, membership and company (the scoping), the export with its
        # requester, the user's and the groups' permissions
        with django_assert_num_queries(7):
            client.get(reverse("admin:hiring_bulkexport_change", args=[job.pk]))


@pytest.mark.parametrize(
    ("formats", "files", "error"),
    [
        (["markdown"], 1, ""),
        (["pdf", "kit", "jsonld"], 3, ""),
        ([], 0, "Pick at least one format to export."),
        (["docx"], 0, "Select a valid choice."),
    ],
)
def test_it_exports_the_formats_the_recruiter_picks(
    client, recruiter, posting, formats, files, error, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)
    data = {"action": "export_selected", "_selected_action": [posting.pk], "apply": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:hiring_jobposting_changelist"), {**data, "formats": formats}
        )
    if error:
        assert response.status_code == 200 and error in response.content.decode()
        assert not BulkExport.objects.exists()
    else:
        job = BulkExport.objects.get()
        assert job.formats == formats and job.total == files
