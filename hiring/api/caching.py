"""Answers kept in the cache as rendered JSON.

ATS clients poll the same pages and postings far more often than they change. Keeping
the rendered bytes, rather than the data, saves unpickling the data and encoding it again
on every hit (about a millisecond for a page of 50 postings). People reading the
browsable API get the data rendered afresh.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

# How long an answer may live at most; every key names what it was built from, so a
# change is seen at once anyway.
CACHE_SECONDS = 300


def cached_json_response(view, key: str, build: Callable[[], Any]) -> HttpResponse:
    """The answer for `key`: from the cache, or `build()` rendered and kept."""
    request = view.request
    renderer = request.accepted_renderer
    if not isinstance(renderer, JSONRenderer):
        return Response(build())
    # `Accept: application/json; indent=2` renders differently, so it is part of the key.
    key = f"{key}:{request.accepted_media_type}"
    body = cache.get(key)
    if body is None:
        body = renderer.render(build(), request.accepted_media_type, view.get_renderer_context())
        cache.set(key, body, timeout=CACHE_SECONDS)
    return HttpResponse(body, content_type=renderer.media_type)
