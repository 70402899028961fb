"""A posting's own versions of its company's texts through the API: read and written like
its other fields, refused with a field message when too long or not what they should be,
and described in the schema."""

import pytest

from hiring.api import conditional
from hiring.models.company import CONTACT_NOT_EMAIL_OR_URL, TEXT_BLOCK_MAX_CHARS
from hiring.tenancy.services import company_pay_statements_set

pytestmark = pytest.mark.django_db

LIST = "/api/v1/postings/"
OVERRIDES = ("about_company", "equal_opportunity", "accommodations_contact", "pay_statement")
NEW = {
    "title": "ML Engineer, Ranking",
    "role_family": "machine-learning-engineer",
    "locations": ["Denver, CO, US"],
    "salary_min": 150000,
    "salary_max": 180000,
}
OWN = {
    "about_company": "The ranking team of Acme.",
    "equal_opportunity": "We hire on skills alone.",
    "accommodations_contact": "https://acme.example/adjustments",
    "pay_statement": "The range is the base salary; a bonus of up to 10% comes on top.",
}


@pytest.fixture(autouse=True)
def people(recruiter, hiring_manager):
    """Rita and Hugo work at Acme."""


def detail(posting) -> str:
    return f"/api/v1/postings/{posting.pk}/"


def test_it_reads_blank_overrides_as_empty_strings(api, posting):
    body = api.get(detail(posting)).json()
    assert {name: body[name] for name in OVERRIDES} == dict.fromkeys(OVERRIDES, "")
    listed = api.get(LIST).json()["results"][0]
    assert {name: listed[name] for name in OVERRIDES} == dict.fromkeys(OVERRIDES, "")


def test_it_creates_a_posting_with_its_own_texts(api):
    response = api.post(LIST, {**NEW, **OWN}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {name: body[name] for name in OVERRIDES} == OWN


def test_it_updates_an_override_and_clears_it_again(api, posting):
    posting.refresh_from_db()
    response = api.patch(
        detail(posting),
        {"pay_statement": OWN["pay_statement"]},
        format="json",
        HTTP_IF_MATCH=conditional.posting_etag(posting),
    )
    assert response.status_code == 200, response.content
    assert response.json()["pay_statement"] == OWN["pay_statement"]
    posting.refresh_from_db()
    response = api.patch(
        detail(posting),
        {"pay_statement": ""},
        format="json",
        HTTP_IF_MATCH=conditional.posting_etag(posting),
    )
    assert response.status_code == 200, response.content
    assert response.json()["pay_statement"] == ""


def test_a_draft_export_shows_the_override_and_a_blank_one_the_companys(api, acme):
    acme.equal_opportunity = "Acme is an equal-opportunity employer."
    acme.save()
    company_pay_statements_set(company=acme, statements={"Colorado": "Our Colorado range."})
    created = api.post(LIST, {**NEW, "about_company": "The ranking team."}, format="json")
    posting_id = created.json()["id"]
    text = api.get(f"/api/v1/postings/{posting_id}/exports/text/?draft=true")
    assert text.status_code == 200, text.content
    content = text.content.decode()
    assert "The ranking team." in content
    assert "Acme is an equal-opportunity employer." in content
    assert "Our Colorado range." in content


TOO_LONG = "x" * (TEXT_BLOCK_MAX_CHARS + 1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("about_company", TOO_LONG, f"no more than {TEXT_BLOCK_MAX_CHARS} characters"),
        ("equal_opportunity", TOO_LONG, f"no more than {TEXT_BLOCK_MAX_CHARS} characters"),
        ("pay_statement", TOO_LONG, f"no more than {TEXT_BLOCK_MAX_CHARS} characters"),
        ("pay_statement", 12, "Send a string."),
        ("about_company", None, "may not be null"),
        ("accommodations_contact", "call Rita", CONTACT_NOT_EMAIL_OR_URL),
        ("accommodations_contact", "javascript:alert(1)", CONTACT_NOT_EMAIL_OR_URL),
        ("accommodations_contact", "x" * 301, "no more than 300 characters"),
    ],
)
def test_it_refuses_a_bad_override_with_a_field_message(api, field, value, message):
    response = api.post(LIST, {**NEW, field: value}, format="json")
    assert response.status_code == 400, response.content
    messages = response.json()["fields"][field]
    assert any(message in text for text in messages), messages


def test_the_schema_describes_the_overrides(anonymous):
    schema = anonymous.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    components = schema.json()["components"]["schemas"]
    for name in OVERRIDES:
        written = components["PostingCreateRequest"]["properties"][name]
        assert written["type"] == "string" and written["maxLength"] > 0
        assert "leave blank to use the company's" in written["description"].lower()
        assert components["PatchedPostingUpdateRequest"]["properties"][name] == written
        read = components["PostingDetail"]["properties"][name]
        assert read["type"] == "string" and read["readOnly"]
