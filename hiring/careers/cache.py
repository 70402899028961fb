"""The careers pages' cache: rendered bytes per address, valid while the company's board
generation stands and the day has not changed (a posting expires at midnight).

The generation moves whenever a posting that has been published is saved (published,
revised, archived, expired) or deleted, and whenever the company is saved (hiring.signals),
so a warm page costs no query at all.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.crypto import get_random_string

GENERATION_KEY = "rolekit:careers:generation:{company_id}"
PAGE_KEY = "rolekit:careers:page:{path}"
# Pages are rebuilt at least this often, whatever happens to the generation.
PAGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class CachedPage:
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


def board_generation(company_id: int) -> str:
    key = GENERATION_KEY.format(company_id=company_id)
    return cache.get_or_set(key, lambda: get_random_string(16), timeout=None)


def board_changed(company_id: int) -> None:
    """Every cached page of the company is stale (called by hiring.signals, now and again
    once the transaction commits)."""
    cache.set(GENERATION_KEY.format(company_id=company_id), get_random_string(16), None)


def _page_key(path: str) -> str:
    return PAGE_KEY.format(path=hashlib.sha256(path.encode()).hexdigest())


def page_get(path: str, *, day: str) -> CachedPage | None:
    page = cache.get(_page_key(path))
    if page is None or page.day != day or page.generation != board_generation(page.company_id):
        return None
    return page


def page_set(path: str, page: CachedPage) -> None:
    cache.set(_page_key(path), page, PAGE_SECONDS)
