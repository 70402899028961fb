"""Many postings at once: the queued bulk export's ZIP, the command's bulk export and
`build_zip`, rendered in the calling process or in recycled worker processes.

Documents are read from the database in the parent; workers only render plain data, so
they never open a database connection.
"""

import io
import logging
import multiprocessing
import multiprocessing.pool
import os
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import django
from django.conf import settings
from django.db.models import QuerySet

from hiring.models import JobPosting

from .base import Exporter
from .cache import ExportedFile, cached, fingerprint, store
from .document import Document, documents_for
from .errors import RENDER_LOST, TOO_MANY_FILES, ExportError, ExportTooLarge, RenderLost
from .formats import FORMATS, get_exporter
from .limits import MAX_ZIP_FILES

logger = logging.getLogger(__name__)

UNEXPECTED = "Unexpected error ({kind}); the details are in the server log."
ERRORS_FILENAME = "export-errors.txt"


@dataclass(frozen=True)
class ExportResult:
    """One posting in one format: the file, or why there is none."""

    posting_id: int
    title: str
    company: str
    format: str
    file: ExportedFile | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.file is not None


def exporters_for(formats: str | Iterable[str]) -> list[Exporter]:
    names = [formats] if isinstance(formats, str) else list(formats)
    exporters = []
    for name in names:
        exporter = get_exporter(name)
        if exporter not in exporters:
            exporters.append(exporter)
    return exporters


def _queryset(postings) -> QuerySet[JobPosting]:
    if isinstance(postings, QuerySet):
        return postings
    return JobPosting.objects.filter(pk__in=[p.pk for p in postings])


def _message(error: Exception) -> str:
    if isinstance(error, ExportError):
        return str(error)
    return UNEXPECTED.format(kind=type(error).__name__)


def render_in_worker(format_name: str, document: Document) -> tuple[str, str, bytes]:
    """Render one document in a worker process (no database, no cache)."""
    return FORMATS[format_name].render(document)


def worker_pool(jobs: int, recycle_after: int | None = None) -> multiprocessing.pool.Pool:
    """Spawned, not forked: a fork would copy the parent's database connections and threads.
    Each worker renders at most `recycle_after` documents (None: no limit) and is then
    replaced, since WeasyPrint's memory grows on long documents.

    A spawned worker unpickles its initializer before Django is set up, so that cannot be
    a function of this package (importing it imports the models): `django.setup` is, and
    reads the settings module from the environment the worker inherits.

    multiprocessing.Pool rather than ProcessPoolExecutor, whose `max_tasks_per_child` hung
    on Python 3.13.0.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    return multiprocessing.get_context("spawn").Pool(
        processes=jobs, initializer=django.setup, maxtasksperchild=recycle_after
    )


def run_in_workers(
    calls: Iterable[tuple[Any, Callable, tuple]],
    *,
    jobs: int,
    recycle_after: int | None,
    timeout: float,
) -> Iterator[tuple[Any, Any]]:
    """Run each `(key, function, args)` in worker processes and yield `(key, outcome)`,
    the outcome being the function's result or the exception it raised.

    A Pool waits forever for a call whose worker died. A call that gives no answer within
    `timeout` seconds gets a RenderLost error, and the calls not done yet go to a fresh
    pool; leaving the `with` block terminates the old one, a stuck worker with it.
    """
    waiting = list(calls)
    while waiting:
        with worker_pool(min(jobs, len(waiting)), recycle_after) as pool:
            running = deque(
                (key, function, args, pool.apply_async(function, args))
                for key, function, args in waiting
            )
            waiting = []
            while running:
                key, *_, result = running.popleft()
                try:
                    outcome = result.get(timeout=timeout)
                except multiprocessing.TimeoutError:
                    logger.error("A worker gave no answer in %s seconds; starting afresh.", timeout)
                    outcome = RenderLost(RENDER_LOST.format(limit=timeout))
                    waiting = [item[:3] for item in running if not item[3].ready()]
                    running = deque(item for item in running if item[3].ready())
                except Exception as error:  # raised by the function, in the worker
                    outcome = error
                yield key, outcome


def export_many(
    postings: QuerySet[JobPosting] | Iterable[JobPosting],
    formats: str | Iterable[str],
    *,
    draft: bool = False,
    jobs: int = 1,
    isolate: bool = False,
) -> Iterator[ExportResult]:
    """Export every posting in every format, yielding each result as it is ready.

    A posting that fails gets an ExportResult with its error and the others go on; cached
    files are returned without rendering. With `jobs` > 1, or `isolate`, the rest render in
    worker processes recycled every ROLEKIT_EXPORT_RECYCLE_AFTER renders, so that no
    process's memory grows with the number of documents.
    """
    exporters = exporters_for(formats)
    queryset = _queryset(postings)
    audiences = {exporter.audience for exporter in exporters}
    documents = {
        audience: documents_for(queryset, audience=audience, draft=draft)
        for audience in sorted(audiences)
    }
    by_audience = {
        audience: {posting.pk: document for posting, document in rows}
        for audience, rows in documents.items()
    }
    postings_in_order = [posting for posting, _ in next(iter(documents.values()), [])]

    pending: list[tuple[JobPosting, Exporter, Document, str]] = []
    for posting in postings_in_order:
        for exporter in exporters:
            document = by_audience[exporter.audience][posting.pk]

            def result(file=None, error="", posting=posting, exporter=exporter):
                return ExportResult(
                    posting_id=posting.pk,
                    title=posting.title,
                    company=posting.company.slug,
                    format=exporter.name,
                    file=file,
                    error=error,
                )

            if isinstance(document, ExportError):
                yield result(error=str(document))
                continue
            try:
                document.check_limits()
                etag = fingerprint(document, exporter)
            except ExportError as error:
                yield result(error=str(error))
                continue
            hit = cached(etag)
            if hit is not None:
                yield result(file=hit)
            else:
                pending.append((posting, exporter, document, etag))

    def finished(posting, exporter, etag, outcome) -> ExportResult:
        base = {
            "posting_id": posting.pk,
            "title": posting.title,
            "company": posting.company.slug,
            "format": exporter.name,
        }
        if isinstance(outcome, Exception):
            if isinstance(outcome, RenderLost) or not isinstance(outcome, ExportError):
                logger.error(
                    "Exporting %r as %s failed.", posting.title, exporter.name, exc_info=outcome
                )
            return ExportResult(**base, error=_message(outcome))
        return ExportResult(**base, file=store(etag, *outcome))

    if not pending:
        return
    if not isolate and (jobs <= 1 or len(pending) <= 1):
        for posting, exporter, document, etag in pending:
            try:
                outcome = exporter.render(document)
            except Exception as error:  # one broken posting must not stop the others
                outcome = error
            yield finished(posting, exporter, etag, outcome)
        return
    calls = [
        (index, render_in_worker, (exporter.name, document))
        for index, (_, exporter, document, _) in enumerate(pending)
    ]
    outcomes = run_in_workers(
        calls,
        jobs=max(jobs, 1),
        recycle_after=settings.ROLEKIT_EXPORT_RECYCLE_AFTER,
        timeout=settings.ROLEKIT_EXPORT_RENDER_TIMEOUT,
    )
    for index, outcome in outcomes:
        posting, exporter, _, etag = pending[index]
        yield finished(posting, exporter, etag, outcome)


def unique_name(name: str, taken: set[str], posting_id: int) -> str:
    """`name`, or `name` with the posting's id before the extension when already used."""
    if name in taken:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem}-{posting_id}{dot}{extension}" if dot else f"{name}-{posting_id}"
    taken.add(name)
    return name


class ZipWriter:
    """A ZIP written into `file` (a path or a binary file) one result at a time, so that
    only one exported file is in memory; failures are listed in export-errors.txt on close.
    """

    def __init__(self, file: str | os.PathLike | IO[bytes]):
        self.archive = zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED)
        self.names: list[str] = []
        self.failures: list[ExportResult] = []
        self._taken = {ERRORS_FILENAME}

    def add(self, result: ExportResult) -> None:
        if result.ok:
            name = unique_name(result.file.filename, self._taken, result.posting_id)
            self.archive.writestr(name, result.file.content)
            self.names.append(name)
        else:
            self.failures.append(result)

    def close(self) -> None:
        if self.failures:
            lines = ["These exports failed:", ""]
            lines += [f"- {r.title} ({r.format}): {r.error}" for r in self.failures]
            self.archive.writestr(ERRORS_FILENAME, "\n".join(lines) + "\n")
        self.archive.close()

    def __enter__(self) -> "ZipWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


@dataclass(frozen=True)
class Bundle:
    content: bytes
    names: tuple[str, ...]
    failures: tuple[ExportResult, ...]


def build_zip(
    postings: QuerySet[JobPosting] | Iterable[JobPosting],
    formats: str | Iterable[str],
    *,
    draft: bool = False,
) -> Bundle:
    """A ZIP of every posting in every format, built in memory in this process; failures
    are listed in export-errors.txt."""
    exporters = exporters_for(formats)
    queryset = _queryset(postings)
    count = queryset.count() * len(exporters)
    if count > MAX_ZIP_FILES:
        raise ExportTooLarge(TOO_MANY_FILES.format(size=count, limit=MAX_ZIP_FILES))
    buffer = io.BytesIO()
    with ZipWriter(buffer) as archive:
        for result in export_many(queryset, [e.name for e in exporters], draft=draft):
            archive.add(result)
    return Bundle(
        content=buffer.getvalue(), names=tuple(archive.names), failures=tuple(archive.failures)
    )


def export_zip(
    postings: QuerySet[JobPosting] | Iterable[JobPosting],
    formats: str | Iterable[str],
    *,
    draft: bool = False,
) -> bytes:
    """The ZIP's bytes; see `build_zip` for the names and failures as well."""
    return build_zip(postings, formats, draft=draft).content
