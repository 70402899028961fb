"""Exported files as HTTP downloads, for the admin, the review pages and the API."""

from django.http import FileResponse, HttpResponse

from .cache import ExportedFile


def file_response(exported: ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["ETag"] = f'"{exported.etag}"'
    return response


def zip_response(job) -> FileResponse:
    """A finished bulk export's ZIP, streamed from the storage; raises FileNotFoundError
    when the storage no longer has it."""
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"rolekit-postings-{job.pk}.zip",
        content_type="application/zip",
    )
