"""Every cache rolekit keeps: its keys, the generations they are built from, and the
receivers that move those generations when the rows behind them change.

A cached answer is only as fresh as its key. Keeping every key and every invalidation in
this one module lets a reader (and a test) check that each row an answer shows is named
by its key, or moves a generation its key holds.

Each generation is moved now, for this process, and again once the transaction commits:
a request that read the old rows in between must not leave them cached.

The cache is an optimisation. While it fails, every read is a miss and every write goes
nowhere, so that pages and API calls answer from the database; the failure is logged
once a minute, not once a call, and rate limits are counted in each process.
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Max, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.crypto import get_random_string
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from roles.models import (
    Emphasis,
    Level,
    Requirement,
    Responsibility,
    RoleFamily,
    SalaryBand,
    Skill,
)

from .models import (
    ApiKey,
    Company,
    Criterion,
    JobPosting,
    PostingResponsibility,
    PostingSkill,
    PostingVersion,
    Rubric,
    StageInterviewer,
)
from .rules import snapshot as rs

logger = logging.getLogger(__name__)

# A failing cache is logged at most this often (per process).
OUTAGE_LOG_SECONDS = 60
_last_outage_log: float | None = None


class CacheUnavailable(Exception):
    """The cache failed to count: the caller counts another way."""


def _outage(exc: Exception) -> None:
    global _last_outage_log
    now = time.monotonic()
    if _last_outage_log is None or now - _last_outage_log >= OUTAGE_LOG_SECONDS:
        _last_outage_log = now
        logger.error(
            "The cache is failing (%s: %s): answering from the database; "
            "this is logged once a minute while it lasts.",
            type(exc).__name__,
            exc,
        )


class _Cache:
    """The default cache, read as empty and written to nowhere while it fails."""

    def _call(self, name: str, miss, *args, **kwargs):
        try:
            return getattr(caches["default"], name)(*args, **kwargs)
        except Exception as exc:  # whatever the backend raises, the cache is not there
            _outage(exc)
            return miss

    def get(self, key):
        return self._call("get", None, key)

    def get_many(self, keys):
        return self._call("get_many", {}, keys)

    def set(self, key, value, timeout):
        self._call("set", None, key, value, timeout=timeout)

    def add(self, key, value, timeout):
        return self._call("add", False, key, value, timeout=timeout)

    def delete(self, key):
        self._call("delete", None, key)

    def incr(self, key):
        """Raises ValueError when there is no such key, CacheUnavailable when the cache fails."""
        try:
            return caches["default"].incr(key)
        except ValueError:
            raise
        except Exception as exc:
            _outage(exc)
            raise CacheUnavailable from exc


_cache_instance = _Cache()


def _cache() -> _Cache:
    return _cache_instance


def _token() -> str:
    return get_random_string(16)


def _tokens(*keys: str) -> list[str]:
    """The current token under each key, in one round trip; a missing one is created
    (with `add`, which never replaces a token another process just moved)."""
    cache = _cache()
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _token(), timeout=None)
            # None when the cache fails: a token of its own then matches nothing kept.
            found[key] = cache.get(key) or _token()
    return [found[key] for key in keys]


# The rules catalog

# Requirement: a posting's JSON shows the catalog's sentence for a skill row left blank.
CATALOG_MODELS = (Skill, Emphasis, Level, SalaryBand, RoleFamily, Responsibility, Requirement)
# The rules read which skills a responsibility exercises and which families it is core for.
CATALOG_LINKS = (Responsibility.skills.through, Responsibility.core_for.through)
CATALOG_GENERATION_KEY = "rolekit:catalog-generation"

# Built catalogs, per company, with the catalog generation they were built at. Building
# one takes 5 queries and the text matcher indexes its aliases once per catalog object,
# so every request reusing it saves both. `catalog_changed` puts a new random generation
# in the shared cache, so every process rebuilds after an edit (and after a cache flush).
_CATALOGS: dict[int | None, tuple[str, rs.Catalog]] = {}


def catalog_generation() -> str:
    [generation] = _tokens(CATALOG_GENERATION_KEY)
    return generation


def catalog_changed() -> None:
    """Tell every process that the catalog changed."""
    _cache().set(CATALOG_GENERATION_KEY, _token(), timeout=None)
    _CATALOGS.clear()
    if _open_transactions():
        # Until this transaction ends, a catalog built here may hold rows a rollback
        # would undo, and a rollback tells no one: such catalogs are not kept.
        connection.rolekit_catalog_uncommitted = True


def _open_transactions() -> int:
    """Transactions open on this connection, not counting a test case's own: those stand
    for committed data (as Django's check of `atomic(durable=True)` treats them)."""
    return sum(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _may_keep_catalog() -> bool:
    if getattr(connection, "rolekit_catalog_uncommitted", False):
        if _open_transactions():
            return False
        connection.rolekit_catalog_uncommitted = False  # committed or rolled back since
    return True


def rules_catalog(*, company=None) -> rs.Catalog:
    """The catalog as the rules see it: shared rows plus `company`'s own (a Company or its
    id; None for every row); built in 8 queries, then reused until the catalog changes."""
    # Imported here: the findings read the catalog through this function.
    from .findings.adapter import build_rules_catalog

    key = getattr(company, "pk", company)
    generation = catalog_generation()
    cached = _CATALOGS.get(key)
    if cached is not None and cached[0] == generation:
        return cached[1]
    catalog = build_rules_catalog(company=company)
    if _may_keep_catalog():
        _CATALOGS[key] = (generation, catalog)
    return catalog


# A company's postings

POSTINGS_GENERATION_KEY = "rolekit:postings-generation:{company_id}"
# What a posting shows besides its own row: its blocks, rubric and versions.
POSTING_PARTS = (
    PostingSkill,
    PostingResponsibility,
    PostingVersion,
    Rubric,
    Criterion,
    StageInterviewer,
)


def postings_generation(company_id: int) -> str:
    """A token that changes whenever a company's postings show something new without
    their own row changing: a posting created or deleted, one of its parts saved, the
    company or one of its people renamed.

    The posting's own saves, `QuerySet.update()`s included, all move `updated_at`; the
    API's cache keys on both, and so never needs to count the postings.
    """
    [generation] = _tokens(POSTINGS_GENERATION_KEY.format(company_id=company_id))
    return generation


def postings_changed(company_id: int) -> None:
    key = POSTINGS_GENERATION_KEY.format(company_id=company_id)
    _cache().set(key, _token(), timeout=None)


# API answers, kept as rendered JSON: ATS clients poll the same pages and postings far
# more often than they change. Keeping the rendered bytes, rather than the data, saves
# unpickling the data and encoding it again on every hit (about a millisecond for a page
# of 50 postings). People reading the browsable API get the data rendered afresh.

# How long an answer may live at most; every key names what it was built from, so a
# change is seen at once anyway.
API_ANSWER_SECONDS = 300


def api_postings_key(*, company, request) -> str:
    """The key of a page of the postings list. It changes whenever the page could: a
    posting saved (`updated_at`), added or removed (the postings generation), or the
    catalog edited (skill names are in the rows). One indexed query, no count."""
    latest = JobPosting.objects.filter(company=company).aggregate(latest=Max("updated_at"))
    parts = [
        str(company.pk),
        request.get_host(),
        request.get_full_path(),
        str(latest["latest"]),
        *_tokens(POSTINGS_GENERATION_KEY.format(company_id=company.pk), CATALOG_GENERATION_KEY),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"rolekit:api:postings:{digest}"


def api_posting_key(row: dict, *, company) -> str:
    """The key of one of `company`'s postings, from its row
    (`postings.selectors.posting_detail_row`) and the generations of what else it shows."""
    parts = [str(row["id"]), row["updated_at"].isoformat(), str(row["version"])]
    generations = _tokens(
        POSTINGS_GENERATION_KEY.format(company_id=company.pk), CATALOG_GENERATION_KEY
    )
    return ":".join(["rolekit:api:posting", *parts, *generations])


def api_analysis_key(*, company, title: str, text: str, thresholds, day) -> str:
    """The key of a text analysis: an ATS sends the same ad on every sync, and the answer
    stays the same for as long as the text, the catalog, the rules' thresholds and the
    date do."""
    digest = hashlib.sha256("\0".join([title, text, repr(thresholds)]).encode()).hexdigest()
    parts = [str(company.pk), catalog_generation(), day.isoformat(), digest]
    return ":".join(["rolekit:api:analysis", *parts])


def cached_json_response(view, key: str, build: Callable[[], Any]) -> HttpResponse:
    """The answer for `key`: from the cache, or `build()` rendered and kept."""
    request = view.request
    renderer = request.accepted_renderer
    if not isinstance(renderer, JSONRenderer):
        return Response(build())
    # `Accept: application/json; indent=2` renders differently, so it is part of the key.
    key = f"{key}:{request.accepted_media_type}"
    body = _cache().get(key)
    if body is None:
        body = renderer.render(build(), request.accepted_media_type, view.get_renderer_context())
        _cache().set(key, body, timeout=API_ANSWER_SECONDS)
    return HttpResponse(body, content_type=renderer.media_type)


# API keys: a key read from the database is kept, so that most requests authenticate
# without a query. Saving or deleting the key (or its company) drops it at once; the
# timeout bounds what a write that sends no signal leaves.

API_KEY_KEY = "rolekit:api-key:{prefix}"
API_KEY_SECONDS = 30


def api_key_cached(prefix: str, load: Callable[[], ApiKey | None]) -> ApiKey | None:
    """The key with `prefix`: from the cache, or `load()` and kept when there is one."""
    cache_key = API_KEY_KEY.format(prefix=prefix)
    key = _cache().get(cache_key)
    if key is None:
        key = load()
        if key is not None:
            _cache().set(cache_key, key, API_KEY_SECONDS)
    return key


def api_key_forget(*, prefix: str) -> None:
    """Drop the cached copy of a key: the next request reads it from the database."""
    _cache().delete(API_KEY_KEY.format(prefix=prefix))


# Rendered exports, by a hash of everything that goes into them (`exports.fingerprint`).

EXPORT_KEY = "rolekit:export:{etag}"
EXPORT_SECONDS = 30 * 24 * 3600
# Larger files are rendered every time rather than pushed into the cache.
EXPORT_MAX_BYTES = 10 * 1024 * 1024


def export_cached(etag: str) -> tuple[str, str, bytes] | None:
    """(filename, content type, content) rendered from the inputs `etag` hashes."""
    return _cache().get(EXPORT_KEY.format(etag=etag))


def export_keep(etag: str, filename: str, content_type: str, content: bytes) -> None:
    if len(content) <= EXPORT_MAX_BYTES:
        _cache().set(
            EXPORT_KEY.format(etag=etag), (filename, content_type, content), EXPORT_SECONDS
        )


# API rate limits: a counter per client and fixed window, raised with the cache's atomic
# `incr`, so that requests on several workers at once all count.

THROTTLE_KEY = "rolekit:throttle:{scope}:{ident}:{window}"
# While the cache fails, each process counts on its own: (scope, ident) -> (window, count).
_LOCAL_COUNTS: dict[tuple[str, str], tuple[int, int]] = {}
_LOCAL_COUNTS_LOCK = threading.Lock()
_LOCAL_COUNTS_MAX = 10_000


def throttle_count(*, scope: str, ident: str, window: int, seconds: int) -> int:
    """Count one more request of `ident` in `window` (of `seconds`); the count so far."""
    key = THROTTLE_KEY.format(scope=scope, ident=ident, window=window)
    cache = _cache()
    # The first request of a window creates the counter; `add` never resets one.
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=seconds + 1)
        return 1
    except CacheUnavailable:
        return _count_here(scope, ident, window)


def _count_here(scope: str, ident: str, window: int) -> int:
    """The count in this process alone: a client may then make its allowance once per
    process, which still stops a runaway client."""
    with _LOCAL_COUNTS_LOCK:
        if len(_LOCAL_COUNTS) >= _LOCAL_COUNTS_MAX:
            _LOCAL_COUNTS.clear()
        counted_window, count = _LOCAL_COUNTS.get((scope, ident), (window, 0))
        count = count + 1 if counted_window == window else 1
        _LOCAL_COUNTS[(scope, ident)] = (window, count)
        return count


# The careers pages, kept as rendered bytes per address: valid while the company's careers
# generation stands and the day has not changed (a posting expires at midnight), so that
# a warm page reads two cache keys and no database row. The generation moves whenever a
# posting that has been published is saved (published, revised, archived, expired) or
# deleted, and whenever its company is saved.

CAREERS_GENERATION_KEY = "rolekit:careers:generation:{company_id}"
CAREERS_PAGE_KEY = "rolekit:careers:page:{digest}"
# Pages are rebuilt at least this often, whatever happens to the generation.
CAREERS_PAGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class CareersPage:
    """One careers page as served: status, type and bytes (or where it moved to)."""

    company_id: int
    generation: str
    day: str
    status: int
    content_type: str
    content: bytes
    location: str = ""
    etag: str = field(init=False, default="")

    def __post_init__(self):
        # Hashed once when built, and kept with the page.
        if self.status == 200:
            digest = hashlib.sha256(self.content).hexdigest()[:32]
            object.__setattr__(self, "etag", f'"{digest}"')


def careers_generation(company_id: int) -> str:
    return _tokens(CAREERS_GENERATION_KEY.format(company_id=company_id))[0]


def careers_changed(company_id: int) -> None:
    _cache().set(CAREERS_GENERATION_KEY.format(company_id=company_id), _token(), timeout=None)


def _careers_key(address: str) -> str:
    return CAREERS_PAGE_KEY.format(digest=hashlib.sha256(address.encode()).hexdigest())


def careers_page_cached(address: str, *, day: str) -> CareersPage | None:
    """The page kept for `address`, unless its company or the day changed since."""
    page = _cache().get(_careers_key(address))
    if page is None or page.day != day or page.generation != careers_generation(page.company_id):
        return None
    return page


def careers_page_keep(address: str, page: CareersPage) -> None:
    _cache().set(_careers_key(address), page, CAREERS_PAGE_SECONDS)


# Health

HEALTH_KEY = "rolekit:healthz"


def cache_check() -> None:
    """Raise unless the cache gives back what was just stored in it."""
    cache, value = caches["default"], _token()  # not `_cache()`: this one must fail
    cache.set(HEALTH_KEY, value, timeout=10)
    if cache.get(HEALTH_KEY) != value:
        raise RuntimeError("the cache did not return what was stored")


# Receivers: what saves and deletes tell the caches.


def now_and_once_committed(action) -> None:
    action()
    transaction.on_commit(action)


def catalog_row_changed(**kwargs):
    now_and_once_committed(catalog_changed)


def posting_saved(instance, created, **kwargs):
    if created:
        now_and_once_committed(lambda: postings_changed(instance.company_id))
    if instance.published_version_id:  # on the careers page, or just taken off it
        now_and_once_committed(lambda: careers_changed(instance.company_id))


def posting_deleted(instance, **kwargs):
    now_and_once_committed(lambda: postings_changed(instance.company_id))
    now_and_once_committed(lambda: careers_changed(instance.company_id))


def api_key_changed(instance, **kwargs):
    now_and_once_committed(lambda: api_key_forget(prefix=instance.prefix))


def company_changed(instance, **kwargs):
    prefixes = list(instance.api_keys.values_list("prefix", flat=True))

    def forget():
        for prefix in prefixes:
            api_key_forget(prefix=prefix)
        postings_changed(instance.pk)

    now_and_once_committed(forget)
    now_and_once_committed(lambda: careers_changed(instance.pk))


def posting_part_changed(instance, **kwargs):
    # The parent is usually at hand (a formset or a service set it): no query then.
    parent = instance.rubric if isinstance(instance, Criterion | StageInterviewer) else instance
    company_id = (
        JobPosting.objects.filter(pk=parent.posting_id).values_list("company_id", flat=True).first()
        if not type(parent).posting.is_cached(parent)
        else parent.posting.company_id
    )
    if company_id is not None:
        now_and_once_committed(lambda: postings_changed(company_id))


SHOWN_USER_FIELDS = frozenset({"username", "first_name", "last_name"})


def user_changed(instance, created, update_fields=None, **kwargs):
    # Postings show their recruiter's, hiring manager's and approver's usernames, and their
    # interviewers' names too; a login saves only `last_login`, and a new user is on no
    # posting yet.
    if created or (update_fields is not None and not SHOWN_USER_FIELDS & set(update_fields)):
        return
    on = (
        Q(recruiter=instance)
        | Q(hiring_manager=instance)
        | Q(rubric__approved_by=instance)
        | Q(rubric__interviewers__interviewer=instance)
    )
    companies = set(JobPosting.objects.filter(on).values_list("company_id", flat=True))

    def moved():
        for company_id in companies:
            postings_changed(company_id)

    now_and_once_committed(moved)


def connect() -> None:
    """Called once, from `HiringConfig.ready`."""
    for model in CATALOG_MODELS:
        post_save.connect(catalog_row_changed, sender=model, dispatch_uid=f"catalog-save-{model}")
        post_delete.connect(
            catalog_row_changed, sender=model, dispatch_uid=f"catalog-delete-{model}"
        )
    for link in CATALOG_LINKS:
        m2m_changed.connect(catalog_row_changed, sender=link, dispatch_uid=f"catalog-m2m-{link}")
    post_save.connect(posting_saved, sender=JobPosting, dispatch_uid="posting-save")
    post_delete.connect(posting_deleted, sender=JobPosting, dispatch_uid="posting-delete")
    post_save.connect(api_key_changed, sender=ApiKey, dispatch_uid="key-save")
    post_delete.connect(api_key_changed, sender=ApiKey, dispatch_uid="key-delete")
    post_save.connect(company_changed, sender=Company, dispatch_uid="company-save")
    for model in POSTING_PARTS:
        post_save.connect(posting_part_changed, sender=model, dispatch_uid=f"part-save-{model}")
        post_delete.connect(posting_part_changed, sender=model, dispatch_uid=f"part-delete-{model}")
    post_save.connect(user_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="user-save")
