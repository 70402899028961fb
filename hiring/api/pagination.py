"""Cursor pagination in `updated_at` order: a sync that walks every page misses nothing,
even when postings change while it runs (a changed posting moves to the end).

Cursors are signed: a client can only hand back a cursor the API gave it. DRF decodes
anything that is base64, so `AAAA` (three NUL bytes) or an empty cursor used to restart
the list silently while other made-up cursors were refused.
"""

from base64 import b64decode
from urllib import parse

from django.core import signing
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.utils.urls import replace_query_param

INVALID_CURSOR = "This cursor is not one the API handed out; start again without it."
INVALID_PAGE_SIZE = "Send page_size as a whole number from 1 (larger than {max} means {max})."
CURSOR_HELP = "Opaque: follow the `next` or `previous` link as it is; leave it out to start."
CURSOR_SALT = "hiring.api.pagination.cursor"


class SyncCursorPagination(CursorPagination):
    ordering = ("updated_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    page_size_query_description = "Results per page (default 50); more than 200 means 200."
    cursor_query_description = CURSOR_HELP

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
            if parameter["name"] == self.cursor_query_param:
                parameter["schema"]["minLength"] = 1
        return parameters

    def encode_cursor(self, cursor):
        """DRF's link, with its cursor signed."""
        url = super().encode_cursor(cursor)
        [encoded] = parse.parse_qs(parse.urlsplit(url).query)[self.cursor_query_param]
        signed = signing.Signer(salt=CURSOR_SALT).sign(encoded)
        return replace_query_param(url, self.cursor_query_param, signed)

    def decode_cursor(self, request):
        signed = request.query_params.get(self.cursor_query_param)
        if signed is None:
            return None
        try:
            encoded = signing.Signer(salt=CURSOR_SALT).unsign(signed)
        except signing.BadSignature:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        # Signed by us, so it holds what `encode_cursor` put in: DRF's o, r and p tokens.
        tokens = parse.parse_qs(b64decode(encoded).decode("ascii"), keep_blank_values=True)
        return Cursor(
            offset=int(tokens.get("o", ["0"])[0]),
            reverse=tokens.get("r", ["0"])[0] == "1",
            position=tokens.get("p", [None])[0],
        )


class CatalogCursorPagination(SyncCursorPagination):
    ordering = ("slug",)
    page_size = 100
