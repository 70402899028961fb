"""API personas: keys of each kind for Acme, a write key for Globex, and a client for each."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from hiring.integrations.keys import api_key_create
from hiring.models import ApiKey, Membership, Review
from hiring.postings.services import posting_save
from hiring.postings.workflow import posting_publish, posting_review, posting_submit


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def _client(token: str | None = None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def make_key(recruiter):
    def make(company, scope=ApiKey.Scope.WRITE, role=Membership.Role.RECRUITER, name="ATS"):
        return api_key_create(company=company, name=name, scope=scope, role=role, by=recruiter)

    return make


@pytest.fixture
def read_key(acme, make_key):
    return make_key(acme, scope=ApiKey.Scope.READ, name="Read-only sync")


@pytest.fixture
def write_key(acme, make_key):
    return make_key(acme, name="Two-way sync")


@pytest.fixture
def manager_key(acme, make_key):
    return make_key(acme, role=Membership.Role.HIRING_MANAGER, name="Approvals")


@pytest.fixture
def other_key(globex, make_key):
    return make_key(globex, name="Globex ATS")


@pytest.fixture
def anonymous():
    return _client()


@pytest.fixture
def api(write_key):
    """A client with Acme's write key."""
    return _client(write_key[1])


@pytest.fixture
def reader(read_key):
    return _client(read_key[1])


@pytest.fixture
def manager(manager_key):
    return _client(manager_key[1])


@pytest.fixture
def outsider_api(other_key):
    return _client(other_key[1])


@pytest.fixture
def client_for():
    return _client


# The Acme MLE draft with a rubric that the hiring tests use.
from tests.hiring.conftest import grow, posting  # noqa: E402,F401


@pytest.fixture
def published(posting, recruiter, hiring_manager):  # noqa: F811 (the fixture above)
    """Acme's posting, approved and published (with the location and pay Colorado needs)."""
    posting.locations = "Denver, CO, US"
    posting.salary_min, posting.salary_max = 140_000, 180_000
    posting_save(posting=posting, expected_version=posting.version)
    posting_submit(posting=posting, by=recruiter)
    posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
    posting_publish(posting=posting, by=recruiter)
    posting.refresh_from_db()
    return posting
