"""Schemathesis against the published schema, in process: every operation, every check,
bounded and deterministic. Zero server errors and zero schema violations.

Two expectations are widened, with reasons: the schema cannot say which slugs exist or
which version is current, so schema-valid data may still get 400 (unknown slug), 409
(wrong state), 412 (stale If-Match) or 422; and a missing If-Match is answered with 428
Precondition Required (RFC 6585), the status made for it.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from hiring import services
from hiring.models import Membership

MAX_EXAMPLES = 20
ALLOWED_FOR_VALID_DATA = ["2xx", "3xx", "400", "401", "403", "404", "409", "412", "422", "429"]
ALLOWED_FOR_MISSING_HEADER = ["400", "401", "403", "406", "415", "422", "428"]


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260301,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ALLOWED_FOR_VALID_DATA},
            "missing_required_header": {"expected-statuses": ALLOWED_FOR_MISSING_HEADER},
        },
    }
)
# Loading the schema needs no database: it is generated from the code.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


@pytest.fixture
def keep_test_connection():
    """The real WSGI handler closes the database connection after each request; the test
    client does not, and neither may this test, which runs inside one transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(keep_test_connection, db, write_key, posting, acme):
    """Acme's write key, with a posting and a second hiring manager to find."""
    services.member_add(
        company=acme, username="hana", password="pw", role=Membership.Role.HIRING_MANAGER
    )
    return write_key[1]


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_it_conforms_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
