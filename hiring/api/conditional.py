"""ETags and preconditions: `W/"<id>-<version>"` from JobPosting.version.

Updates need `If-Match` (428 without it, 412 when it names an older version), so that two
integrations, or an integration and a recruiter in the admin, never overwrite each other.
"""

import re

from django.utils.http import parse_etags
from rest_framework.exceptions import ValidationError

from hiring.models import JobPosting
from hiring.postings.errors import StaleVersionError
from hiring.postings.services import posting_check_version

from .errors import PreconditionFailed, PreconditionRequired

IF_MATCH_MISSING = (
    "Send If-Match with the ETag of the posting you read (GET it first); updates without it "
    "could overwrite someone else's changes."
)
IF_MATCH_STALE = (
    "This posting is now at version {current}; your If-Match names another version. Fetch it "
    "again, reapply your change and send the new ETag."
)
IF_MATCH_MALFORMED = (
    'If-Match must be the posting\'s ETag as the API sent it, e.g. W/"42-3" (a blind "*" is '
    "not accepted: it would overwrite changes you have not seen)."
)
ETAG_PATTERN = r'^(W/)?"[0-9]{1,18}-[0-9]{1,9}"$'
_ETAG = re.compile(r'^(?:W/)?"(?P<id>[0-9]{1,18})-(?P<version>[0-9]{1,9})"$')


def etag_for(pk, version) -> str:
    return f'W/"{pk}-{version}"'


def posting_etag(posting: JobPosting) -> str:
    return etag_for(posting.pk, posting.version)


def if_match(request, *, required: bool) -> str:
    """The `If-Match` header, empty when absent; raises 428 when it is required."""
    header = request.headers.get("If-Match", "").strip()
    if not header and required:
        raise PreconditionRequired(IF_MATCH_MISSING)
    return header


def expected_version(request, posting: JobPosting, *, required: bool) -> int | None:
    """The version an `If-Match` header names; raises 428/412 when it is missing or stale."""
    header = if_match(request, required=required)
    if not header:
        return None
    match = _ETAG.match(header)
    if match is None:
        raise ValidationError({"If-Match": [IF_MATCH_MALFORMED]})
    stale = PreconditionFailed(IF_MATCH_STALE.format(current=posting.version))
    if int(match["id"]) != posting.pk:
        raise stale
    try:
        posting_check_version(
            posting=posting, expected_version=int(match["version"]), current=posting.version
        )
    except StaleVersionError:
        raise stale from None
    return posting.version


def not_modified(request, etag: str) -> bool:
    """True when `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET)."""
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    wanted = _strip_weak(etag)
    tags = parse_etags(header)
    return "*" in tags or any(_strip_weak(tag) == wanted for tag in tags)


def _strip_weak(tag: str) -> str:
    return tag.removeprefix("W/")
