"""Fixtures for the pure rule tests: the hand-built catalog and the real one, no database."""

import pytest

from hiring.rules.snapshot import Catalog
from tests.rules.catalog_from_fixture import FIXTURE, load_catalog
from tests.rules.sample import CATALOG


@pytest.fixture
def catalog() -> Catalog:
    return CATALOG


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    if not FIXTURE.exists():
        pytest.skip(f"{FIXTURE} is not there yet")
    return load_catalog()
