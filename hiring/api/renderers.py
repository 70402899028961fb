"""DRF's browsable API under our Content Security Policy."""

from functools import wraps

from django.conf import settings
from django.utils.csp import CSP
from rest_framework import renderers


def csp_allowing_inline_styles() -> dict:
    """Our policy, but inline styles allowed: for the API's developer pages only, whose
    third-party JavaScript (jQuery, Bootstrap, Swagger UI) sets styles inline."""
    return {**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}


def allow_inline_styles(view):
    """Serve `view` under `csp_allowing_inline_styles()` (read per response, not at import)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_config = csp_allowing_inline_styles()
        return response

    return wrapped


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """Inline styles allowed on this HTML page alone; JSON keeps the full policy."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_config = {
                **settings.SECURE_CSP,
                "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
            }
        return super().render(data, accepted_media_type, renderer_context)
