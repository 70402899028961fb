"""Queued bulk exports: the job is stored, run by the task (inline in tests), and its ZIP
saved to the storage; old jobs are pruned with their files.

The task renders in a worker process: each test that runs a job starts one (a second or
two), so they export cheap formats.
"""

import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from hiring.exports import FORMATS, ExportedFile, ExportError, ExportResult, ExportTooLarge, jobs
from hiring.exports.errors import NO_POSTINGS, OTHER_COMPANY, TOO_MANY_FILES, UNKNOWN_FORMAT
from hiring.models import BulkExport, JobPosting
from tests.factories import BulkExportFactory, JobPostingFactory

Status = BulkExport.Status


@pytest.fixture
def request_export(acme, recruiter, django_capture_on_commit_callbacks):
    """Ask for an export as Rita; the task runs inline once the request is committed."""

    def request_export(postings, formats=("markdown", "text")):
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.bulk_export_request(
                company=acme, by=recruiter, postings=postings, formats=formats, draft=True
            )
        job.refresh_from_db()
        return job

    return request_export


def zip_of(job) -> zipfile.ZipFile:
    with job.file.open("rb") as file:
        return zipfile.ZipFile(io.BytesIO(file.read()))


def test_it_renders_the_zip_in_the_background_and_lists_what_failed(
    posting, make_posting, request_export, recruiter
):
    broken = make_posting("Data Scientist, Growth")
    JobPosting.objects.filter(pk=broken.pk).update(summary="x" * 1_000_000)

    job = request_export(JobPosting.objects.all())

    assert job.status == Status.DONE and job.error == ""
    assert job.requested_by == recruiter and job.formats == ["markdown", "text"]
    assert job.completed == job.total == 4
    assert job.started_at <= job.finished_at
    archive = zip_of(job)
    assert sorted(archive.namelist()) == [
        "export-errors.txt",
        "senior-data-scientist-draft.md",
        "senior-data-scientist-draft.txt",
    ]
    errors = archive.read("export-errors.txt").decode()
    assert "- Data Scientist, Growth (markdown): The summary is 1,000,000 characters" in errors
    assert [(f["posting_id"], f["title"], f["format"]) for f in job.failures] == [
        (broken.pk, "Data Scientist, Growth", "markdown"),
        (broken.pk, "Data Scientist, Growth", "text"),
    ]
    assert job.failures[0]["error"].startswith("The summary is 1,000,000 characters")


@pytest.mark.parametrize(
    ("postings", "formats", "message"),
    [
        ("none", ["markdown"], NO_POSTINGS),
        ("acme", ["docx"], UNKNOWN_FORMAT.format(name="docx", choices=", ".join(FORMATS))),
        ("globex", ["markdown"], OTHER_COMPANY.format(count=1)),
    ],
)
def test_it_refuses_what_it_cannot_export(
    acme, recruiter, posting, globex, postings, formats, message
):
    chosen = {
        "none": JobPosting.objects.none(),
        "acme": [posting],
        "globex": [posting, JobPostingFactory(company=globex, role_family=posting.role_family)],
    }[postings]
    with pytest.raises(ExportError) as error:
        jobs.bulk_export_request(company=acme, by=recruiter, postings=chosen, formats=formats)
    assert str(error.value) == message
    assert not BulkExport.objects.exists()


def test_it_refuses_more_files_than_the_queue_allows(
    acme, recruiter, posting, make_posting, monkeypatch
):
    make_posting("Data Scientist, Growth")
    monkeypatch.setattr(jobs, "MAX_QUEUED_FILES", 3)
    with pytest.raises(ExportTooLarge) as error:
        jobs.bulk_export_request(
            company=acme, by=recruiter, postings=JobPosting.objects.all(), formats=["pdf", "text"]
        )
    assert str(error.value) == TOO_MANY_FILES.format(size=4, limit=3)
    assert not BulkExport.objects.exists()


def test_it_only_exports_the_jobs_own_company_postings(acme, globex, posting):
    theirs = JobPostingFactory(
        company=globex, title="Globex Secret", role_family=posting.role_family
    )
    job = BulkExportFactory(
        company=acme, posting_ids=[posting.pk, theirs.pk], formats=["text"], draft=True, total=2
    )
    jobs.bulk_export_run(bulk_export_id=job.pk)
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert zip_of(job).namelist() == ["senior-data-scientist-draft.txt"]
    assert job.completed == job.total == 1


def test_it_runs_a_job_once(acme, posting):
    job = BulkExportFactory(company=acme, posting_ids=[posting.pk], formats=["text"], draft=True)
    assert jobs.export_postings_bulk.call(job.pk) == Status.DONE
    job.refresh_from_db()
    done = (job.status, job.file.name, job.finished_at)

    assert jobs.bulk_export_run(bulk_export_id=job.pk) is None
    job.refresh_from_db()
    assert (job.status, job.file.name, job.finished_at) == done


def test_it_leaves_a_job_another_run_has_taken_alone(acme, posting):
    job = BulkExportFactory(company=acme, posting_ids=[posting.pk], status=Status.RUNNING)
    assert jobs.bulk_export_run(bulk_export_id=job.pk) is None
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not job.file


def test_it_marks_a_job_failed_on_an_unexpected_error(acme, posting, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "export_many", broken)
    job = BulkExportFactory(company=acme, posting_ids=[posting.pk], total=1)

    jobs.bulk_export_run(bulk_export_id=job.pk)

    job.refresh_from_db()
    assert job.status == Status.FAILED and job.finished_at is not None
    assert job.error == jobs.JOB_FAILED and not job.file
    assert "disk on fire" in caplog.text  # the traceback is in the log, not on the page


def test_it_marks_a_job_failed_when_it_cannot_be_queued(
    acme, recruiter, posting, monkeypatch, django_capture_on_commit_callbacks
):
    class Unreachable:
        def enqueue(self, *args):
            raise ConnectionError("queue down")

    monkeypatch.setattr(jobs, "export_postings_bulk", Unreachable())
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.bulk_export_request(
            company=acme, by=recruiter, postings=[posting], formats=["text"]
        )
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.error == jobs.NOT_QUEUED


def test_it_prunes_old_finished_jobs_and_their_files(acme, django_capture_on_commit_callbacks):
    now = timezone.now()

    def job(status, days_ago):
        job = BulkExportFactory(
            company=acme, status=status, finished_at=now - datetime.timedelta(days=days_ago)
        )
        job.file.save("old.zip", ContentFile(b"PK"), save=True)
        return job

    old_done, old_failed, recent = job(Status.DONE, 8), job(Status.FAILED, 30), job(Status.DONE, 6)
    queued = BulkExportFactory(company=acme)
    storage = old_done.file.storage
    old_name = old_done.file.name

    stdout = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_bulk_exports", "--days", "7", stdout=stdout)

    assert stdout.getvalue() == "2 bulk export(s) deleted.\n"
    assert set(BulkExport.objects.all()) == {recent, queued}
    assert not storage.exists(old_name) and not storage.exists(old_failed.file.name)
    assert storage.exists(recent.file.name)


def test_prune_marks_failed_the_jobs_whose_worker_died(acme):
    now = timezone.now()
    lost = BulkExportFactory(
        company=acme, status=Status.RUNNING, started_at=now - datetime.timedelta(hours=7)
    )
    busy = BulkExportFactory(
        company=acme, status=Status.RUNNING, started_at=now - datetime.timedelta(minutes=5)
    )
    stdout = io.StringIO()

    call_command("prune_bulk_exports", stdout=stdout)

    assert stdout.getvalue() == "1 stuck bulk export(s) marked failed.\n0 bulk export(s) deleted.\n"
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert (lost.status, busy.status) == (Status.FAILED, Status.RUNNING)
    assert "killed without notice" in lost.error and lost.finished_at is not None


def test_prune_refuses_a_negative_number_of_days(acme):
    BulkExportFactory(company=acme, status=Status.DONE, finished_at=timezone.now())

    with pytest.raises(CommandError, match="--days cannot be negative"):
        call_command("prune_bulk_exports", "--days", "-1")

    assert BulkExport.objects.count() == 1


@pytest.fixture
def three_postings_job(acme):
    postings = JobPostingFactory.create_batch(3, company=acme)
    return BulkExportFactory(company=acme, formats=["text"], posting_ids=[p.pk for p in postings])


def stand_in(job, seen, *, delete_at=None):
    """Stands in for export_many: three text files, noting the progress saved before each."""

    def export_many(postings, formats, **kwargs):
        try:
            for n in range(1, 4):
                seen.append(BulkExport.objects.filter(pk=job.pk).values("completed").first())
                if n == delete_at:
                    BulkExport.objects.filter(pk=job.pk).delete()
                file = ExportedFile(f"posting-{n}.txt", "text/plain", b"text", "etag")
                yield ExportResult(
                    posting_id=n, title=f"Posting {n}", company="acme", format="text", file=file
                )
        finally:
            seen.append("closed")

    return export_many


def test_it_saves_the_progress_as_files_arrive(three_postings_job, monkeypatch):
    job, seen = three_postings_job, []
    monkeypatch.setattr(jobs, "export_many", stand_in(job, seen))
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)
    jobs.bulk_export_run(bulk_export_id=job.pk)
    assert seen == [{"completed": 0}, {"completed": 1}, {"completed": 2}, "closed"]
    job.refresh_from_db()
    assert job.status == Status.DONE and job.completed == job.total == 3
    assert sorted(zip_of(job).namelist()) == ["posting-1.txt", "posting-2.txt", "posting-3.txt"]


def test_it_stops_rendering_an_export_deleted_meanwhile(three_postings_job, monkeypatch, settings):
    job, seen = three_postings_job, []
    monkeypatch.setattr(jobs, "export_many", stand_in(job, seen, delete_at=2))
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)
    assert jobs.bulk_export_run(bulk_export_id=job.pk) is None
    assert seen == [{"completed": 0}, {"completed": 1}, "closed"]
    exports_folder = settings.MEDIA_ROOT / "bulk-exports"
    assert not exports_folder.exists() or not any(exports_folder.iterdir())
