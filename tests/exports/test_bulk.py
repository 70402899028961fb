"""Many postings at once: the ZIP, and rendering in worker processes that are recycled.

Each worker process costs a second or two to start (Django and WeasyPrint), so these tests
start few of them and render cheap formats.
"""

import io
import os
import zipfile
from collections import Counter

import pytest

from hiring import exports
from hiring.exports import FORMATS, ExportTooLarge, bulk
from hiring.exports.errors import RENDER_LOST, TOO_MANY_FILES, RenderLost
from hiring.models import JobPosting, Rubric

from . import pdfs


def names(content: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_it_zips_every_posting_in_every_format(posting, make_posting):
    other = make_posting("Data Scientist, Growth")
    content = exports.export_zip([posting, other], ["pdf", "markdown"], draft=True)
    assert names(content) == [
        "data-scientist-growth-draft.md",
        "data-scientist-growth-draft.pdf",
        "senior-data-scientist-draft.md",
        "senior-data-scientist-draft.pdf",
    ]
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert "Senior Data Scientist" in pdfs.text(archive.read("senior-data-scientist-draft.pdf"))


def test_it_takes_a_queryset_too(published):
    content = exports.export_zip(JobPosting.objects.all(), "jsonld")
    assert names(content) == ["senior-data-scientist-v1.jsonld"]


def test_it_lists_the_postings_that_failed_inside_the_zip(posting, make_posting):
    without_rubric = make_posting("Data Scientist, Growth")
    Rubric.objects.filter(posting=without_rubric).delete()
    bundle = exports.build_zip([posting, without_rubric], ["kit"], draft=True)
    assert names(bundle.content) == [
        "export-errors.txt",
        "senior-data-scientist-draft-interview-kit.pdf",
    ]
    errors = zipfile.ZipFile(io.BytesIO(bundle.content)).read("export-errors.txt").decode()
    assert (
        "- Data Scientist, Growth (kit): 'Data Scientist, Growth' has no interview rubric" in errors
    )
    assert [failure.title for failure in bundle.failures] == ["Data Scientist, Growth"]


def test_it_refuses_a_zip_beyond_the_file_limit(posting, make_posting, monkeypatch):
    make_posting("Data Scientist, Growth")
    monkeypatch.setattr(bulk, "MAX_ZIP_FILES", 3)
    with pytest.raises(ExportTooLarge) as error:
        exports.export_zip(JobPosting.objects.all(), ["pdf", "text"], draft=True)
    assert str(error.value) == TOO_MANY_FILES.format(size=4, limit=3)


def test_it_renders_in_worker_processes_the_same_files_as_in_one(posting, make_posting):
    make_posting("Data Scientist, Growth")
    make_posting("Data Scientist, Pricing")
    queryset = JobPosting.objects.order_by("pk")

    parallel = {
        r.file.filename: r.file for r in bulk.export_many(queryset, "markdown", draft=True, jobs=2)
    }
    assert len(parallel) == 3
    # Now cached: a second pass renders nothing and returns the same files.
    serial = {r.file.filename: r.file for r in bulk.export_many(queryset, "markdown", draft=True)}
    assert serial == parallel


def test_it_reports_a_worker_failure_as_that_postings_error(posting, make_posting):
    broken = make_posting("Data Scientist, Growth")
    Rubric.objects.filter(posting=broken).delete()
    make_posting("Data Scientist, Pricing")
    results = list(bulk.export_many(JobPosting.objects.all(), "kit", draft=True, jobs=2))
    failed = [r for r in results if not r.ok]
    assert [r.title for r in failed] == ["Data Scientist, Growth"]
    assert "has no interview rubric" in failed[0].error
    assert sum(r.ok for r in results) == 2


def test_it_writes_a_zip_to_a_file_as_results_arrive(posting, make_posting, tmp_path):
    broken = make_posting("Data Scientist, Growth")
    JobPosting.objects.filter(pk=broken.pk).update(summary="x" * 1_000_000)
    path = tmp_path / "postings.zip"
    with bulk.ZipWriter(path) as archive:
        for result in bulk.export_many(JobPosting.objects.all(), "text", draft=True):
            archive.add(result)
    assert names(path.read_bytes()) == ["export-errors.txt", "senior-data-scientist-draft.txt"]
    assert archive.names == ["senior-data-scientist-draft.txt"]
    assert [failure.title for failure in archive.failures] == ["Data Scientist, Growth"]


def test_it_renders_in_a_worker_process_when_isolated_even_with_one_job(posting, monkeypatch):
    def broken_here(document):
        raise AssertionError("rendered in the calling process")

    monkeypatch.setattr(FORMATS["markdown"], "render", broken_here)
    [result] = bulk.export_many([posting], "markdown", draft=True, isolate=True)
    assert result.ok and result.file.filename == "senior-data-scientist-draft.md"


def test_it_replaces_a_worker_after_a_fixed_number_of_calls():
    calls = [(n, os.getpid, ()) for n in range(5)]
    outcomes = dict(bulk.run_in_workers(calls, jobs=1, recycle_after=2, timeout=60))
    assert sorted(outcomes) == [0, 1, 2, 3, 4]
    per_worker = Counter(outcomes.values())
    assert len(per_worker) >= 3
    assert max(per_worker.values()) <= 2
    assert os.getpid() not in per_worker


def test_it_reports_a_call_whose_worker_died_and_goes_on_with_the_rest(caplog):
    # os._exit kills the worker mid-call: a plain Pool would wait for its answer forever.
    calls = [("dies", os._exit, (1,)), ("next", os.getpid, ())]
    outcomes = dict(bulk.run_in_workers(calls, jobs=1, recycle_after=None, timeout=5))
    assert isinstance(outcomes["dies"], RenderLost)
    assert str(outcomes["dies"]) == RENDER_LOST.format(limit=5)
    assert isinstance(outcomes["next"], int)
    assert "gave no answer in 5 seconds" in caplog.text
