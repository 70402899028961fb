"""Many postings at once: the command's bulk export (optionally in worker processes) and
the ZIP behind the admin's "Export selected".

Documents are read from the database in the parent; workers only render plain data, so
they never open a database connection.
"""

import io
import logging
import multiprocessing
import os
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import django
from django.conf import settings
from django.db.models import QuerySet

from hiring.models import JobPosting

from .base import Exporter
from .cache import ExportedFile, cached, fingerprint, store
from .document import Document, documents_for
from .errors import TOO_MANY_FILES, ExportError, ExportTooLarge
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


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """Spawned, not forked: a fork would copy the parent's database connections and threads.

    A spawned worker unpickles its initializer before Django is set up, so that cannot be
    a function of this package (importing it imports the models): `django.setup` is, and
    reads the settings module from the environment the worker inherits.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=django.setup,
    )


def export_many(
    postings: QuerySet[JobPosting] | Iterable[JobPosting],
    formats: str | Iterable[str],
    *,
    draft: bool = False,
    jobs: int = 1,
) -> Iterator[ExportResult]:
    """Export every posting in every format, yielding each result as it is ready.

    A posting that fails gets an ExportResult with its error and the others go on; cached
    files are returned without rendering; with `jobs` > 1 the rest render in processes.
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
            if not isinstance(outcome, ExportError):
                logger.error(
                    "Exporting %r as %s failed.", posting.title, exporter.name, exc_info=outcome
                )
            return ExportResult(**base, error=_message(outcome))
        return ExportResult(**base, file=store(etag, *outcome))

    if jobs <= 1 or len(pending) <= 1:
        for posting, exporter, document, etag in pending:
            try:
                outcome = exporter.render(document)
            except Exception as error:  # one broken posting must not stop the others
                outcome = error
            yield finished(posting, exporter, etag, outcome)
        return
    with worker_pool(jobs) as pool:
        futures = {
            pool.submit(render_in_worker, exporter.name, document): (posting, exporter, etag)
            for posting, exporter, document, etag in pending
        }
        for future in as_completed(futures):
            posting, exporter, etag = futures[future]
            try:
                outcome = future.result()
            except Exception as error:
                outcome = error
            yield finished(posting, exporter, etag, outcome)


def unique_name(name: str, taken: set[str], posting_id: int) -> str:
    """`name`, or `name` with the posting's id before the extension when already used."""
    if name in taken:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem}-{posting_id}{dot}{extension}" if dot else f"{name}-{posting_id}"
    taken.add(name)
    return name


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
    """A ZIP of every posting in every format; failures are listed in export-errors.txt."""
    exporters = exporters_for(formats)
    queryset = _queryset(postings)
    count = queryset.count() * len(exporters)
    if count > MAX_ZIP_FILES:
        raise ExportTooLarge(TOO_MANY_FILES.format(size=count, limit=MAX_ZIP_FILES))
    buffer = io.BytesIO()
    names: list[str] = []
    failures: list[ExportResult] = []
    taken = {ERRORS_FILENAME}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for result in export_many(queryset, [e.name for e in exporters], draft=draft):
            if result.ok:
                name = unique_name(result.file.filename, taken, result.posting_id)
                archive.writestr(name, result.file.content)
                names.append(name)
            else:
                failures.append(result)
        if failures:
            lines = ["These exports failed:", ""]
            lines += [f"- {r.title} ({r.format}): {r.error}" for r in failures]
            archive.writestr(ERRORS_FILENAME, "\n".join(lines) + "\n")
    return Bundle(content=buffer.getvalue(), names=tuple(names), failures=tuple(failures))


def export_zip(
    postings: QuerySet[JobPosting] | Iterable[JobPosting],
    formats: str | Iterable[str],
    *,
    draft: bool = False,
) -> bytes:
    """The ZIP's bytes; see `build_zip` for the names and failures as well."""
    return build_zip(postings, formats, draft=draft).content
