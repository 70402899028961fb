"""Where the public address shows outside the careers pages: the API and the exports."""

import json

import pytest
from rest_framework.test import APIClient

from hiring import exports
from hiring.api.serializers.postings import PostingDetailSerializer
from hiring.integrations.keys import api_key_create
from hiring.models import ApiKey, JobPosting
from hiring.postings import workflow

CANONICAL = "http://127.0.0.1:8000/jobs/acme/senior-data-scientist/"


@pytest.fixture
def api(acme, recruiter):
    _, token = api_key_create(company=acme, name="ATS", scope=ApiKey.Scope.READ, by=recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def public_urls(api) -> dict[str, str | None]:
    rows = api.get("/api/v1/postings/").json()["results"]
    return {row["title"]: row["public_url"] for row in rows}


def test_it_gives_the_api_the_public_address_of_published_postings_only(
    api, make_posting, live, recruiter
):
    make_posting("Data Scientist, Draft")
    assert public_urls(api) == {"Senior Data Scientist": CANONICAL, "Data Scientist, Draft": None}
    assert api.get(f"/api/v1/postings/{live.pk}/").json()["public_url"] == CANONICAL
    workflow.posting_archive(posting=live, by=recruiter)
    assert api.get(f"/api/v1/postings/{live.pk}/").json()["public_url"] is None


def test_it_gives_the_same_address_through_the_serializer(live):
    posting = JobPosting.objects.select_related("company").get(pk=live.pk)
    assert PostingDetailSerializer(posting).data["public_url"] == CANONICAL


def test_it_keeps_the_public_address_while_a_revision_is_in_progress(api, live, recruiter):
    workflow.posting_revise(posting=live, by=recruiter)
    assert public_urls(api) == {"Senior Data Scientist": CANONICAL}


def test_it_puts_the_last_day_and_the_page_in_the_exported_json_ld(live, make_posting):
    data = json.loads(exports.export(live, "jsonld").content)
    assert data["validThrough"] == live.valid_through.isoformat()
    assert data["url"] == CANONICAL
    draft = json.loads(exports.export(make_posting("Draft"), "jsonld", draft=True).content)
    assert "validThrough" not in draft
    assert draft["url"] == "https://jobs.acme.example/apply"  # no page yet: the apply link
