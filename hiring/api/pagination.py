"""Cursor pagination in `updated_at` order: a sync that walks every page misses nothing,
even when postings change while it runs (a changed posting moves to the end)."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

INVALID_CURSOR = "This cursor is not one the API handed out; start again without it."
INVALID_PAGE_SIZE = "Send page_size as a whole number from 1 (larger than {max} means {max})."


class SyncCursorPagination(CursorPagination):
    ordering = ("updated_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_size_query_description = "Results per page (default 50); more than 200 means 200."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
            message = INVALID_PAGE_SIZE.format(max=self.max_page_size)
            raise ValidationError({self.page_size_query_param: [message]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = False
        if cursor is False or (cursor and "\x00" in (cursor.position or "")):
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]})
        return cursor


class CatalogCursorPagination(SyncCursorPagination):
    ordering = ("slug",)
    page_size = 100
