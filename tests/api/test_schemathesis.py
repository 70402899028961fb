"""Schemathesis against the published schema, in process, as an ATS's generated client would
meet the API: every operation, every check, the examples, coverage and fuzzing phases and
the stateful phase that chains calls through the links it infers. Bounded and deterministic.

What schema-valid data may still get beyond schemathesis' defaults, and why:
- 400 everywhere: a slug, an id or a cursor is a well-formed string the schema cannot
  enumerate (`?role_family=pilot`, `{"skills": [{"skill": "0"}]}`, a cursor we never
  handed out);
- 412 where the operation takes If-Match: a well-formed ETag of another version;
- 422 where it takes an Idempotency-Key: a key drawn twice, for two different bodies;
- 428 for a missing If-Match (RFC 6585), the status made for it, which the schema documents.
The key's rate limit is raised: the suite checks the answers, not the throttle (which has
its own tests, 428 before 429 included). About 45 s on the 2-core machine.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, settings

from hiring.models import Membership
from hiring.tenancy.services import member_add

MAX_EXAMPLES = 10
SCENARIOS = 50
STEPS_PER_SCENARIO = 8
SEED = 20260301
# Schemathesis' defaults (less its "5xx": nothing a client sends may produce one).
DEFAULT_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429"]
DEFAULT_MISSING_HEADER = ["400", "401", "403", "406", "415", "422"]
SCHEMA_URL = "/api/schema/"
OPENAPI_JSON = "application/vnd.oai.openapi+json"


def operations_taking(raw: dict, header: str) -> list[str]:
    """The operations that take `header`, named as schemathesis names them."""
    return [
        f"{method.upper()} {path}"
        for path, item in raw["paths"].items()
        for method, operation in item.items()
        if any(p["in"] == "header" and p["name"] == header for p in operation.get("parameters", ()))
    ]


def also_accepting(operations: list[str], status: str) -> dict:
    return {
        "include-name": operations,
        "checks": {
            "positive_data_acceptance": {"expected-statuses": [*DEFAULT_ACCEPTED, "400", status]}
        },
    }


# The schema as served (schemathesis' WSGI client asks as `localhost` too). Loading it
# needs no database: it is generated from the code.
RAW = Client(HTTP_HOST="localhost").get(SCHEMA_URL, HTTP_ACCEPT=OPENAPI_JSON).json()
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "checks": {
            "positive_data_acceptance": {"expected-statuses": [*DEFAULT_ACCEPTED, "400"]},
            "missing_required_header": {"expected-statuses": [*DEFAULT_MISSING_HEADER, "428"]},
        },
        "operations": [
            also_accepting(operations_taking(RAW, "If-Match"), "412"),
            also_accepting(operations_taking(RAW, "Idempotency-Key"), "422"),
        ],
    }
)
schema = schemathesis.openapi.from_dict(RAW, config=CONFIG)
schema.app = get_wsgi_application()


@schema.auth(refresh_interval=None)
class WriteKey:
    """Acme's write key, on every request schemathesis means to authenticate (it strips it
    to check that the API then refuses). Each test makes a new key."""

    token: str | None = None

    def get(self, case, context):
        return WriteKey.token

    def set(self, case, token, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


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
def write_key_everywhere(keep_test_connection, db, write_key, posting, acme, settings):
    """Acme's write key with a rate limit it will not reach, a posting and a second hiring
    manager to find."""
    member_add(company=acme, username="hana", password="pw", role=Membership.Role.HIRING_MANAGER)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "1000000/minute", "anonymous": "60/minute"},
    }
    WriteKey.token = write_key[1]
    yield
    WriteKey.token = None


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_it_conforms_to_its_schema(case, write_key_everywhere):
    case.call_and_validate()


def test_it_conforms_to_its_schema_when_calls_are_chained(write_key_everywhere):
    schema.as_state_machine().run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS_PER_SCENARIO,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
