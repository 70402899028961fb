"""Brute-force protection of the login pages (/admin/login/, /review/login/) with django-axes.

Axes counts failed logins per account and per client address in the database and, past
`AXES_FAILURE_LIMIT` within `AXES_COOLOFF_TIME`, refuses even the right password. This
module gives axes the two things that are ours: which address a request came from, and
the page a locked-out user sees.
"""

import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse

LOCKED_OUT = (
    "Too many failed logins for this account or from this address. Try again in "
    "{minutes} minutes, or ask a rolekit administrator to unlock the account."
)


def client_address(request) -> str | None:
    """The address a login attempt came from.

    The peer's address, unless `ROLEKIT_TRUSTED_PROXIES` reverse proxies stand in front of
    the app: then the X-Forwarded-For entry the outermost of them appended. Entries to its
    left are whatever the client sent, so they are never read.
    """
    peer = request.META.get("REMOTE_ADDR")
    proxies = settings.ROLEKIT_TRUSTED_PROXIES
    if not proxies:
        return peer
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < proxies:
        # Not through the proxies (or a misconfigured count): only the peer is certain.
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return peer


def lockout_response(request, response=None, credentials=None) -> HttpResponse:
    """The login page the user was on, with the lockout as its error (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = LOCKED_OUT.format(minutes=minutes)
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    if form is None or not isinstance(response, TemplateResponse):
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    # The form already says "wrong username or password"; the lockout replaces that, since
    # even the right password is refused now.
    form.errors.clear()
    form.add_error(None, message)
    page = TemplateResponse(
        request, response.template_name, context, status=429, using=response.using
    )
    # Axes' middleware runs after the response was rendered: render this one too.
    return page.render()
