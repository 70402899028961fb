"""The rules catalog, built once per catalog generation, and the generations the caches
key on."""

from django.core.cache import caches
from django.db import connection
from django.utils.crypto import get_random_string

from .findings.adapter import build_rules_catalog
from .rules import snapshot as rs

# Built catalogs, per company, with the catalog generation they were built at. Building
# one takes 5 queries and the text matcher indexes its aliases once per catalog object,
# so every request reusing it saves both. `catalog_changed` puts a new random generation
# in the shared cache, so every process rebuilds after an edit (and after a cache flush).
_CATALOGS: dict[int | None, tuple[str, rs.Catalog]] = {}
CATALOG_GENERATION_KEY = "rolekit:catalog-generation"


def catalog_generation() -> str:
    return caches["default"].get_or_set(
        CATALOG_GENERATION_KEY, lambda: get_random_string(16), timeout=None
    )


def catalog_changed() -> None:
    """Tell every process that the catalog changed (called by the catalog's signals)."""
    caches["default"].set(CATALOG_GENERATION_KEY, get_random_string(16), timeout=None)
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


POSTINGS_GENERATION_KEY = "rolekit:postings-generation:{company_id}"


def postings_generation(company_id: int) -> str:
    """A token that changes whenever one of a company's postings is created or deleted.

    Saves through `QuerySet.update()` send no signal, but they all move `updated_at`;
    the API's list cache keys on both, and so never needs to count the postings.
    """
    key = POSTINGS_GENERATION_KEY.format(company_id=company_id)
    return caches["default"].get_or_set(key, lambda: get_random_string(16), timeout=None)


def postings_changed(company_id: int) -> None:
    """Called by the posting signals (see `hiring.signals`)."""
    key = POSTINGS_GENERATION_KEY.format(company_id=company_id)
    caches["default"].set(key, get_random_string(16), timeout=None)


def rules_catalog(*, company=None) -> rs.Catalog:
    """The catalog as the rules see it: shared rows plus `company`'s own (a Company or its
    id; None for every row); built in 8 queries, then reused until the catalog changes."""
    key = getattr(company, "pk", company)
    generation = catalog_generation()
    cached = _CATALOGS.get(key)
    if cached is not None and cached[0] == generation:
        return cached[1]
    catalog = build_rules_catalog(company=company)
    if _may_keep_catalog():
        _CATALOGS[key] = (generation, catalog)
    return catalog
