"""An exported file as an HTTP download, for the admin and the review pages."""

from django.http import HttpResponse

from .cache import ExportedFile


def file_response(exported: ExportedFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    response["ETag"] = f'"{exported.etag}"'
    return response
