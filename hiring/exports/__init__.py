"""Exports of a posting: web page, PDFs, Markdown, plain text and schema.org JSON-LD.

Every format is an exporter with one interface, `render(document) -> (filename,
content_type, bytes)`, registered by name in `FORMATS`. `export()` is what the admin, the
review pages and the API call: it builds the document (the published snapshot unless a
draft or a version is asked for), and returns the cached file when nothing changed.
"""

from hiring.models import JobPosting, PostingVersion

from .bulk import Bundle, ExportResult, build_zip, export_many, export_zip
from .cache import ExportedFile, export_document, fingerprint
from .document import (
    AUDIENCES,
    CANDIDATE,
    HIRING_MANAGER,
    INTERVIEWER,
    Branding,
    Document,
    document_for,
    documents_for,
    loaded_for_export,
    postings_for_export,
)
from .errors import ExportError, ExportTimeout, ExportTooLarge
from .formats import FORMATS, get_exporter
from .http import file_response, zip_response


def export(
    posting: JobPosting,
    format: str,
    *,
    version: PostingVersion | int | None = None,
    draft: bool = False,
    interviewer: dict | None = None,
) -> ExportedFile:
    """`posting` as a file in `format` (a key of FORMATS); raises ExportError.

    A posting read with `postings_for_export` is used as it is; any other is read again.
    `interviewer` ({"name", "stages"}) prints the interview kit for one person.
    """
    exporter = get_exporter(format)
    if not loaded_for_export(posting):
        posting = postings_for_export(JobPosting.objects.filter(pk=posting.pk)).get()
    document = document_for(
        posting,
        version=version,
        draft=draft,
        audience=exporter.audience,
        interviewer=interviewer,
    )
    return export_document(document, exporter)


def shows_working_copy(posting: JobPosting) -> bool:
    """Whether the kit and the packet print the working copy: yes, except of a published
    posting, whose working copy is what was published."""
    published = posting.status == JobPosting.Status.PUBLISHED and posting.published_version_id
    return not published


def export_kit(posting: JobPosting, *, interviewer=None) -> ExportedFile:
    """The interview kit as the admin and the review pages offer it: the whole kit, or
    one interviewer's (a `rubrics.selectors.Interviewer`) with only their stages."""
    person = None
    if interviewer is not None:
        person = {"name": interviewer.name, "stages": list(interviewer.stages)}
    return export(posting, "kit", draft=shows_working_copy(posting), interviewer=person)


__all__ = [
    "AUDIENCES",
    "CANDIDATE",
    "FORMATS",
    "HIRING_MANAGER",
    "INTERVIEWER",
    "Branding",
    "Bundle",
    "Document",
    "ExportError",
    "ExportResult",
    "ExportTimeout",
    "ExportTooLarge",
    "ExportedFile",
    "build_zip",
    "document_for",
    "documents_for",
    "export",
    "export_document",
    "export_kit",
    "export_many",
    "export_zip",
    "file_response",
    "fingerprint",
    "get_exporter",
    "loaded_for_export",
    "postings_for_export",
    "shows_working_copy",
    "zip_response",
]
