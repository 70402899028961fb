"""The caches never show what was changed (each model whose fields an API answer shows is
edited, and the next GET must show the edit), and never take the site down: with a cache
that raises on every call, the API, the admin and the review pages answer from the
database."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.urls import reverse
from rest_framework.test import APIClient

from hiring import caching
from hiring.integrations.keys import api_key_create
from hiring.models import ApiKey, Company, StageInterviewer
from hiring.postings.workflow import posting_submit

LIST = "/api/v1/postings/"


@pytest.fixture
def api(acme, recruiter):
    cache.clear()
    _, token = api_key_create(company=acme, name="ATS", scope=ApiKey.Scope.WRITE, by=recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    yield client
    cache.clear()


def _duty(posting):
    return posting.responsibilities.filter(text="").select_related("responsibility").first()


def _criterion(posting):
    return posting.rubric.criteria.filter(title="", skill__isnull=False).first()


def _save(instance, **fields):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.save()


def _rename_user(user):
    _save(get_user_model().objects.get(pk=user.pk), username=f"{user.username}-renamed")


# (what is edited, the edit, where the answer shows it, what it shows after the edit)
EDITS = [
    (
        "posting",
        lambda p: _save(p, title="Edited title"),
        lambda item: item["title"],
        "Edited title",
    ),
    (
        "company",
        lambda p: _save(Company.objects.get(pk=p.company_id), slug="acme-renamed"),
        lambda item: item["company"],
        "acme-renamed",
    ),
    (
        "role family",
        lambda p: _save(p.role_family, slug="ml-engineer-renamed"),
        lambda item: item["role_family"],
        "ml-engineer-renamed",
    ),
    (
        "level",
        lambda p: _save(p.level, slug="mle-mid-renamed"),
        lambda item: item["level"],
        "mle-mid-renamed",
    ),
    (
        "recruiter",
        lambda p: _rename_user(p.recruiter),
        lambda item: item["recruiter"],
        "rita-renamed",
    ),
    (
        "hiring manager",
        lambda p: _rename_user(p.hiring_manager),
        lambda item: item["hiring_manager"],
        "hugo-renamed",
    ),
    (
        "skill row",
        lambda p: _save(p.skills.order_by("order", "id").first(), must_have=False),
        lambda item: item["skills"][0]["must_have"],
        False,
    ),
    (
        "skill",
        lambda p: _save(p.skills.order_by("order", "id").first().skill, name="Renamed skill"),
        lambda item: item["skills"][0]["name"],
        "Renamed skill",
    ),
    (
        "responsibility row",
        lambda p: _save(_duty(p), text="Our own words"),
        lambda item: {d["display_text"] for d in item["responsibilities"]} >= {"Our own words"},
        True,
    ),
    (
        "responsibility",
        lambda p: _save(_duty(p).responsibility, text="Renamed duty"),
        lambda item: {d["display_text"] for d in item["responsibilities"]} >= {"Renamed duty"},
        True,
    ),
]
# Shown by one posting only (GET one posting): its rubric.
DETAIL_EDITS = [
    (
        "rubric",
        lambda p: _save(p.rubric, notes="Edited notes"),
        lambda item: item["rubric"]["notes"],
        "Edited notes",
    ),
    (
        "criterion",
        lambda p: _save(p.rubric.criteria.order_by("order", "id").first(), title="Edited"),
        lambda item: item["rubric"]["criteria"][0]["title"],
        "Edited",
    ),
    (
        "stage interviewer",
        lambda p: StageInterviewer.objects.create(
            rubric=p.rubric, stage="screen", interviewer=p.recruiter
        ),
        lambda item: [row["stage"] for row in item["rubric"]["interviewers"]],
        ["screen"],
    ),
    (
        "criterion's skill",
        lambda p: _save(_criterion(p).skill, name="Renamed skill"),
        lambda item: {c["display_title"] for c in item["rubric"]["criteria"]} >= {"Renamed skill"},
        True,
    ),
]


def _listed(api, posting):
    [item] = [item for item in api.get(LIST).json()["results"] if item["id"] == posting.pk]
    return item


@pytest.mark.parametrize(
    "edit, shown, expected", [case[1:] for case in EDITS], ids=[case[0] for case in EDITS]
)
def test_the_next_list_shows_an_edit(api, posting, edit, shown, expected):
    assert shown(_listed(api, posting)) != expected  # now cached

    edit(posting)

    assert shown(_listed(api, posting)) == expected


@pytest.mark.parametrize(
    "edit, shown, expected",
    [case[1:] for case in EDITS + DETAIL_EDITS],
    ids=[case[0] for case in EDITS + DETAIL_EDITS],
)
def test_the_next_detail_shows_an_edit(api, posting, edit, shown, expected):
    url = f"{LIST}{posting.pk}/"
    assert shown(api.get(url).json()) != expected  # now cached

    edit(posting)

    assert shown(api.get(url).json()) == expected


def test_the_next_detail_shows_an_interviewers_new_name(api, posting, second_manager):
    # Hana is on no other part of the posting: only her interview stage shows her.
    StageInterviewer.objects.create(
        rubric=posting.rubric, stage="screen", interviewer=second_manager
    )
    url = f"{LIST}{posting.pk}/"
    assert api.get(url).json()["rubric"]["interviewers"][0]["name"] == "hana"  # now cached

    _save(get_user_model().objects.get(pk=second_manager.pk), first_name="Hana", last_name="Ito")

    assert api.get(url).json()["rubric"]["interviewers"][0]["name"] == "Hana Ito"


def test_the_next_analysis_shows_an_edit_of_the_catalog(api, skill):
    text = {"title": "Data Scientist", "text": "You will use Frobnicate every day."}
    before = api.post("/api/v1/analyse/", text, format="json").json()
    python = skill("python")
    _save(python, aliases=[*python.aliases, "frobnicate"])

    after = api.post("/api/v1/analyse/", text, format="json").json()

    assert after != before


class BrokenCache(BaseCache):
    """A cache backend that raises on every call, as Redis does when it is not answering."""

    def __init__(self, server, params):
        super().__init__(params)

    def __getattribute__(self, name):
        if name in CACHE_METHODS:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        return super().__getattribute__(name)


CACHE_METHODS = {
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr",
    "set_many", "delete_many", "clear", "get_or_set",
}  # fmt: skip


@pytest.fixture
def broken_cache(settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
    caching._last_outage_log = None
    caching._LOCAL_COUNTS.clear()
    yield
    caching._LOCAL_COUNTS.clear()


@pytest.fixture
def in_review(posting, recruiter):
    posting_submit(posting=posting, by=recruiter)
    return posting


def test_the_api_answers_from_the_database_when_the_cache_fails(api, in_review, broken_cache):
    detail = f"{LIST}{in_review.pk}/"
    text = {"title": "Data Scientist", "text": "Design A/B tests in Python."}

    assert api.get(LIST).json()["results"][0]["id"] == in_review.pk
    assert api.get(detail).json()["title"] == in_review.title
    assert api.get(f"{detail}findings/").status_code == 200
    assert api.get(f"{detail}exports/markdown/").status_code == 200
    assert api.post("/api/v1/analyse/", text, format="json").status_code == 200
    created = api.post(LIST, {"title": "Analyst", "role_family": "data-scientist"}, format="json")
    assert created.status_code == 201
    assert api.get(f"{LIST}{created.json()['id']}/").json()["title"] == "Analyst"


def test_the_admin_and_review_pages_answer_when_the_cache_fails(
    client, in_review, recruiter, hiring_manager, broken_cache
):
    client.force_login(recruiter)
    for url in (
        reverse("admin:index"),
        reverse("admin:hiring_jobposting_changelist"),
        reverse("admin:hiring_jobposting_change", args=[in_review.pk]),
    ):
        assert client.get(url).status_code == 200, url

    client.logout()
    login = {"username": hiring_manager.username, "password": "pw"}
    assert client.post(reverse("review:login"), login).status_code == 302
    assert client.get(reverse("review:queue")).status_code == 200
    assert client.get(reverse("review:posting", args=[in_review.pk])).status_code == 200


def test_it_logs_the_outage_once_a_minute_not_once_a_call(api, posting, broken_cache, caplog):
    with caplog.at_level(logging.ERROR, logger="hiring.caching"):
        for _ in range(3):
            assert api.get(LIST).status_code == 200

    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["The cache is failing"]


def test_it_counts_rate_limits_in_the_process_when_the_cache_fails(api, broken_cache, settings):
    rates = {"api_key": "2/minute", "anonymous": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}

    assert [api.get(LIST).status_code for _ in range(3)] == [200, 200, 429]


def test_health_names_the_failing_cache(client, db, broken_cache):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "error: ConnectionError"},
    }
