"""Who may do what, as one table: every endpoint, for each key (read, write, hiring manager)
of each company (own, other), with the expected status. The objects belong to Acme; "other"
keys are Globex's, which see Acme's objects as missing (404) and are refused writes their
scope or role does not allow before anything is looked up (403)."""

import json
from dataclasses import dataclass

import pytest

from hiring.findings.selectors import posting_analysis
from hiring.models import ApiKey, Membership
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db

PERSONAS = {
    "read": ("own", ApiKey.Scope.READ, Membership.Role.RECRUITER),
    "write": ("own", ApiKey.Scope.WRITE, Membership.Role.RECRUITER),
    "manager": ("own", ApiKey.Scope.WRITE, Membership.Role.HIRING_MANAGER),
    "other_read": ("other", ApiKey.Scope.READ, Membership.Role.RECRUITER),
    "other_write": ("other", ApiKey.Scope.WRITE, Membership.Role.RECRUITER),
    "other_manager": ("other", ApiKey.Scope.WRITE, Membership.Role.HIRING_MANAGER),
    "anonymous": None,
}


def reads(ok=200):
    """Anyone with a key of the company; the other company finds nothing."""
    return {
        "read": ok,
        "write": ok,
        "manager": ok,
        "other_read": 404,
        "other_write": 404,
        "other_manager": 404,
        "anonymous": 401,
    }


def lists():
    return {**{name: 200 for name in PERSONAS}, "anonymous": 401}


def recruiter_writes(ok):
    return {
        "read": 403,
        "write": ok,
        "manager": 403,
        "other_read": 403,
        "other_write": 404,
        "other_manager": 403,
        "anonymous": 401,
    }


def manager_writes(ok):
    return {
        "read": 403,
        "write": 403,
        "manager": ok,
        "other_read": 403,
        "other_write": 403,
        "other_manager": 404,
        "anonymous": 401,
    }


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    expected: dict
    state: str = "draft"
    body: dict | None = None
    if_match: bool = False
    content_type: str = "application/json"  # of a 2xx answer; errors are always JSON


CREATE = {"title": "Data Scientist", "role_family": "data-scientist"}
IMPORT = {"title": "Data Scientist", "text": "- Design A/B tests\n- 3+ years of SQL"}
RUBRIC = {"criteria": [{"title": "Ownership", "stage": "behavioural"}]}

TABLE = [
    Row("GET", "/api/v1/", lists()),
    Row("GET", "/api/v1/role-families/", lists()),
    Row("GET", "/api/v1/role-families/data-scientist/", lists()),
    Row("GET", "/api/v1/skills/", lists()),
    Row("GET", "/api/v1/skills/python/", lists()),
    Row("GET", "/api/v1/skills/{own_skill}/", reads()),
    Row("GET", "/api/v1/responsibilities/", lists()),
    Row("GET", "/api/v1/levels/", lists()),
    Row("GET", "/api/v1/levels/mle-mid/", lists()),
    Row("GET", "/api/v1/salary-bands/", lists()),
    Row("GET", "/api/v1/interview-questions/", lists()),
    Row("GET", "/api/v1/members/", lists()),
    Row("GET", "/api/v1/members/hugo/", reads()),
    Row("GET", "/api/v1/bulk-exports/", lists()),
    Row("POST", "/api/v1/analyse/", {**lists()}, body={"title": "MLE", "text": "Python"}),
    Row("GET", "/api/v1/postings/", lists()),
    Row("POST", "/api/v1/postings/", {**recruiter_writes(201), "other_write": 201}, body=CREATE),
    # An import writes into the caller's own company: Globex's write key makes a Globex draft.
    Row(
        "POST",
        "/api/v1/postings/import",
        {**recruiter_writes(201), "other_write": 201},
        body=IMPORT,
    ),
    Row("GET", "/api/v1/postings/{id}/", reads()),
    Row(
        "PATCH", "/api/v1/postings/{id}/", recruiter_writes(200), body={"title": "X"}, if_match=True
    ),
    Row("DELETE", "/api/v1/postings/{id}/", {**recruiter_writes(405), "other_write": 405}),
    Row("POST", "/api/v1/postings/{id}/submit/", recruiter_writes(200)),
    Row("POST", "/api/v1/postings/{id}/publish/", recruiter_writes(200), state="approved"),
    Row("POST", "/api/v1/postings/{id}/publish/", recruiter_writes(409)),
    Row("POST", "/api/v1/postings/{id}/revise/", recruiter_writes(200), state="published"),
    Row("POST", "/api/v1/postings/{id}/archive/", recruiter_writes(200)),
    Row("GET", "/api/v1/postings/{id}/versions/", reads(), state="published"),
    Row("GET", "/api/v1/postings/{id}/versions/1/", reads(), state="published"),
    Row("GET", "/api/v1/postings/{id}/versions/diff/", reads(), state="published"),
    Row("GET", "/api/v1/postings/{id}/rubric/", reads()),
    Row(
        "PATCH", "/api/v1/postings/{id}/rubric/", recruiter_writes(200), body=RUBRIC, if_match=True
    ),
    Row("POST", "/api/v1/postings/{id}/rubric/build/", recruiter_writes(200)),
    Row("POST", "/api/v1/postings/{id}/rubric/approve/", manager_writes(200), state="in_review"),
    Row(
        "POST",
        "/api/v1/postings/{id}/rubric/request-changes/",
        manager_writes(200),
        state="in_review",
        body={"comment": "Drop A/B testing."},
    ),
    Row("GET", "/api/v1/postings/{id}/findings/", reads()),
    Row(
        "POST",
        "/api/v1/postings/{id}/findings/acknowledge/",
        recruiter_writes(201),
        body={"fingerprint": "{fingerprint}", "reason": "Intended."},
    ),
    Row(
        "GET",
        "/api/v1/postings/{id}/exports/markdown/",
        reads(),
        state="published",
        content_type="text/markdown",
    ),
]

CASES = [
    pytest.param(row, persona, id=f"{row.method} {row.path} [{row.state}] {persona}")
    for row in TABLE
    for persona in PERSONAS
]


def _bring_to(posting, state, recruiter, hiring_manager):
    if state in ("in_review", "approved", "published"):
        posting_submit(posting=posting, by=recruiter)
    if state in ("approved", "published"):
        posting_review(posting=posting, by=hiring_manager, decision="approve")
    if state == "published":
        posting_publish(posting=posting, by=recruiter)
    posting.refresh_from_db()
    return posting


@pytest.mark.parametrize(("row", "persona"), CASES)
def test_it_allows_exactly_what_the_table_says(
    row, persona, posting, recruiter, hiring_manager, acme, globex, make_key, client_for
):
    posting = _bring_to(posting, row.state, recruiter, hiring_manager)
    own_skill = SkillFactory(company=acme, slug="acme-ranking-stack")
    token = None
    if PERSONAS[persona] is not None:
        company, scope, role = PERSONAS[persona]
        _, token = make_key(acme if company == "own" else globex, scope=scope, role=role)
    path = row.path.format(id=posting.pk, own_skill=own_skill.slug)
    body = row.body
    if body and "fingerprint" in body:
        row_ = posting_analysis(posting=posting).rows[0]
        body = {**body, "fingerprint": row_.finding.fingerprint}
    headers = {"HTTP_IF_MATCH": f'W/"{posting.pk}-{posting.version}"'} if row.if_match else {}

    response = client_for(token).generic(
        row.method,
        path,
        data="" if body is None else json.dumps(body),
        content_type="application/json",
        **headers,
    )

    assert response.status_code == row.expected[persona], response.content[:300]
    expected_type = row.content_type if response.status_code < 300 else "application/json"
    assert response["Content-Type"].startswith(expected_type), response["Content-Type"]
