"""An integration written from the published schema alone: it finds the postings list, its
parameters and its page shape in /api/schema/, then mirrors every posting twice, the second
time incrementally with `updated_since`."""

import datetime

import pytest
from django.utils import timezone

from hiring.models import JobPosting
from hiring.postings.services import posting_create, posting_save
from hiring.postings.workflow import posting_archive

pytestmark = pytest.mark.django_db


class SchemaClient:
    """Knows the base URL and a key; everything else it reads from the schema."""

    def __init__(self, http, token):
        self.http = http
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        self.schema = http.get(
            "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
        ).json()

    def operation(self, operation_id):
        for path, item in self.schema["paths"].items():
            for method, operation in item.items():
                if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                    return method, path, operation
        raise LookupError(operation_id)

    def resolve(self, ref):
        node = self.schema
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def sync(self, state):
        """Pull every posting changed since the last sync into `state` (an upsert by id)."""
        method, path, operation = self.operation("postings_list")
        assert method == "get"
        params = {p["name"]: p for p in operation["parameters"]}
        page_schema = self.resolve(
            operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        )
        assert {"next", "results"} <= set(page_schema["properties"])
        assert params["updated_since"]["schema"]["format"] == "date-time"
        query = {"page_size": 2}
        if state.get("cursor_time"):
            query["updated_since"] = state["cursor_time"]
        url, requests = path, 0
        while url:
            response = self.http.get(url, query if url == path else None, **self.headers)
            assert response.status_code == 200, response.content
            page = response.json()
            requests += 1
            for item in page["results"]:
                state.setdefault("postings", {})[item["id"]] = item
                state["cursor_time"] = max(state.get("cursor_time", ""), item["updated_at"])
            url = page["next"]
        return requests


def test_it_mirrors_every_posting_then_only_the_changes(client, read_key, acme, mle, recruiter):
    postings = [
        posting_create(company=acme, title=f"Posting {n}", role_family=mle) for n in range(5)
    ]
    past = timezone.now() - datetime.timedelta(hours=1)
    for minutes, posting in enumerate(postings):
        JobPosting.objects.filter(pk=posting.pk).update(
            updated_at=past + datetime.timedelta(minutes=minutes)
        )
    integration = SchemaClient(client, read_key[1])
    state = {}

    full = integration.sync(state)

    assert full == 3
    assert set(state["postings"]) == {p.pk for p in postings}

    postings[1].title = "Renamed"
    posting_save(posting=postings[1], expected_version=postings[1].version)
    posting_archive(posting=postings[3], by=recruiter)
    new = posting_create(company=acme, title="New", role_family=mle)

    incremental = integration.sync(state)

    # The three changes and the last posting of the first sync (the bound is inclusive).
    assert incremental == 2
    assert state["postings"][postings[1].pk]["title"] == "Renamed"
    assert state["postings"][postings[3].pk]["status"] == "archived"
    assert new.pk in state["postings"]
    live = {item["id"]: item for item in _everything(client, read_key[1])}
    assert state["postings"] == live


def _everything(client, token):
    url, items = "/api/v1/postings/?page_size=200", []
    while url:
        page = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()
        items += page["results"]
        url = page["next"]
    return items
