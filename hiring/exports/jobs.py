"""Bulk exports: many postings in several formats rendered into one ZIP by the task worker,
so that the request asking for them answers at once.

`bulk_export_request` checks and stores the job, then enqueues `export_postings_bulk` once
committed. `bulk_export_run` (what the task runs) renders in worker processes that are replaced
every ROLEKIT_EXPORT_RECYCLE_AFTER renders, writes the ZIP to a temporary file as results
arrive, and saves it to the default storage. Deleting a job deletes its file
(`bulk_export_deleted`).
"""

import datetime
import logging
import secrets
import tempfile
import time
from contextlib import closing

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from ..models import BulkExport, Company, JobPosting
from .bulk import ExportResult, ZipWriter, export_many, exporters_for
from .errors import NO_POSTINGS, OTHER_COMPANY, TOO_MANY_FILES, ExportError, ExportTooLarge
from .limits import MAX_QUEUED_FILES

logger = logging.getLogger(__name__)

Status = BulkExport.Status

JOB_FAILED = "The export stopped on an unexpected error; the details are in the server log."
JOB_STOPPED = "The export was stopped before it finished (its worker shut down); ask again."
JOB_LOST = (
    "The export was still running after {hours} hours: its worker was killed without "
    "notice (out of memory, say). Ask again."
)
# A job running this long has lost its worker: 2,000 files take minutes, not hours.
STUCK_AFTER = datetime.timedelta(hours=6)
NOT_QUEUED = "The export could not be queued; the details are in the server log."
# Progress is written at most this often: a 2,000-file job should not be 2,000 updates.
PROGRESS_SECONDS = 1.0


def bulk_export_request(
    *,
    company: Company,
    by,
    postings: QuerySet[JobPosting] | list[JobPosting],
    formats: list[str] | tuple[str, ...],
    draft: bool = False,
) -> BulkExport:
    """Store an export of `postings` in `formats` and queue it; raises ExportError when the
    selection is empty, a format unknown, a posting another company's, or the job too big."""
    exporters = exporters_for(formats)
    if isinstance(postings, QuerySet):
        rows = list(postings.values_list("pk", "company_id"))
    else:
        rows = [(posting.pk, posting.company_id) for posting in postings]
    posting_ids = sorted({pk for pk, _ in rows})
    if not posting_ids:
        raise ExportError(NO_POSTINGS)
    others = {pk for pk, company_id in rows if company_id != company.pk}
    if others:
        raise ExportError(OTHER_COMPANY.format(count=len(others)))
    total = len(posting_ids) * len(exporters)
    if total > MAX_QUEUED_FILES:
        raise ExportTooLarge(TOO_MANY_FILES.format(size=total, limit=MAX_QUEUED_FILES))
    job = BulkExport(
        company=company,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
        formats=[exporter.name for exporter in exporters],
        posting_ids=posting_ids,
        draft=draft,
        total=total,
    )
    job.full_clean()
    job.save()
    # Once committed, so that the worker finds the row.
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


@task()
def export_postings_bulk(bulk_export_id: int) -> str | None:
    """Render a queued bulk export into its ZIP; returns the job's final status."""
    job = bulk_export_run(bulk_export_id=bulk_export_id)
    return job.status if job else None


def _enqueue(bulk_export_id: int) -> None:
    """Hand the job to the task backend; if that fails the job is marked failed, not left
    queued for ever."""
    try:
        export_postings_bulk.enqueue(bulk_export_id)
    except Exception:
        logger.exception("Could not enqueue bulk export %s.", bulk_export_id)
        BulkExport.objects.filter(pk=bulk_export_id, status=Status.QUEUED).update(
            status=Status.FAILED, error=NOT_QUEUED, finished_at=timezone.now()
        )


def bulk_export_run(*, bulk_export_id: int) -> BulkExport | None:
    """Render a queued export into its ZIP. A job that is not queued (finished, or taken by
    another run) is left alone and None returned; so is one deleted while it ran."""
    claimed = BulkExport.objects.filter(pk=bulk_export_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = BulkExport.objects.select_related("company").get(pk=bulk_export_id)
    try:
        return _render(job)
    except BaseException as error:
        # Whatever happened, the job must not stay "running" for ever.
        logger.exception("Bulk export %s failed.", job.pk)
        BulkExport.objects.filter(pk=job.pk, status=Status.RUNNING).update(
            status=Status.FAILED,
            error=JOB_FAILED if isinstance(error, Exception) else JOB_STOPPED,
            finished_at=timezone.now(),
        )
        if not isinstance(error, Exception):
            raise  # the worker is shutting down: let it
        return BulkExport.objects.filter(pk=job.pk).first()


def _render(job: BulkExport) -> BulkExport | None:
    # Scoped to the job's company, whatever ids it holds; postings deleted since are skipped.
    postings = JobPosting.objects.filter(company=job.company, pk__in=job.posting_ids).order_by(
        "title", "pk"
    )
    job.total = postings.count() * len(job.formats)
    BulkExport.objects.filter(pk=job.pk).update(total=job.total)
    results = export_many(
        postings,
        job.formats,
        draft=job.draft,
        jobs=settings.ROLEKIT_EXPORT_JOBS,
        isolate=True,
    )
    saved_at = time.monotonic()
    with tempfile.TemporaryFile(suffix=".zip") as spool:
        with closing(results), ZipWriter(spool) as archive:
            for result in results:
                archive.add(result)
                job.completed += 1
                if time.monotonic() - saved_at >= PROGRESS_SECONDS:
                    if not _save_progress(job):
                        return None  # deleted meanwhile: stop rendering
                    saved_at = time.monotonic()
        # A name nobody can guess, in case the storage serves its files publicly.
        name = f"rolekit-postings-{job.pk}-{secrets.token_hex(8)}.zip"
        job.file.save(name, File(spool), save=False)
    job.failures = [_failure(result) for result in archive.failures]
    job.status = Status.DONE
    job.finished_at = timezone.now()
    finished = BulkExport.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=job.status,
        completed=job.completed,
        failures=job.failures,
        file=job.file.name,
        finished_at=job.finished_at,
    )
    if not finished:  # deleted while it ran
        job.file.delete(save=False)
        return None
    return job


def _save_progress(job: BulkExport) -> bool:
    return bool(
        BulkExport.objects.filter(pk=job.pk, status=Status.RUNNING).update(completed=job.completed)
    )


def _failure(result: ExportResult) -> dict:
    return {
        "posting_id": result.posting_id,
        "title": result.title,
        "format": result.format,
        "error": result.error,
    }


def bulk_exports_prune(*, days: int, now: datetime.datetime | None = None) -> int:
    """Delete the exports that finished more than `days` days ago, with their files;
    returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = BulkExport.objects.filter(status__in=[Status.DONE, Status.FAILED], finished_at__lt=cutoff)
    deleted, _ = old.delete()
    return deleted


def bulk_exports_fail_stuck(*, now: datetime.datetime | None = None) -> int:
    """Mark failed the exports still running after STUCK_AFTER: a worker killed without
    notice (SIGKILL, out of memory) leaves its job running; returns how many."""
    now = now or timezone.now()
    hours = int(STUCK_AFTER.total_seconds() // 3600)
    return BulkExport.objects.filter(
        status=Status.RUNNING, started_at__lt=now - STUCK_AFTER
    ).update(status=Status.FAILED, error=JOB_LOST.format(hours=hours), finished_at=now)


def bulk_export_deleted(instance, **kwargs) -> None:
    """Receives a BulkExport's `post_delete` (connected in `HiringConfig.ready`)."""
    # The ZIP goes with its job (admin, prune command, a deleted company), once the
    # delete is committed: a rolled-back delete keeps its file.
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
