"""JSON in, and only JSON: a body that is not UTF-8 JSON is a clear 400, never a 500."""

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MALFORMED_JSON = "The body is not valid JSON: {error}"
NOT_UTF8 = "The body must be UTF-8 JSON text."


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(NOT_UTF8) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
            # A lone surrogate ("\ud800") parses but cannot be stored or rendered.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except (ValueError, UnicodeEncodeError, RecursionError) as exc:
            raise ParseError(MALFORMED_JSON.format(error=exc)) from None
        return data


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")
