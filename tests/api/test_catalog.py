"""The catalog and the company's people, read-only; free-text analysis."""

import pytest

from hiring.findings.selectors import text_analysis
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_it_lists_skills_with_their_emphasis_per_role(reader):
    skills = {s["slug"]: s for s in results(reader, "/api/v1/skills/?page_size=200")}

    assert skills["statistics"]["emphasis"]["data-scientist"] == "heavy"
    assert skills["docker-kubernetes"]["emphasis"]["machine-learning-engineer"] == "heavy"
    assert skills["python"]["shared"] is True


def test_it_shows_the_companys_own_blocks_and_nobody_elses(reader, acme, globex):
    SkillFactory(company=acme, slug="acme-ranking-stack")
    SkillFactory(company=globex, slug="globex-secret-sauce")

    slugs = {s["slug"] for s in results(reader, "/api/v1/skills/?page_size=200")}

    assert "acme-ranking-stack" in slugs
    assert "globex-secret-sauce" not in slugs
    assert reader.get("/api/v1/skills/globex-secret-sauce/").status_code == 404


def test_it_filters_the_catalog(reader):
    levels = results(reader, "/api/v1/levels/?role_family=data-scientist")
    questions = results(reader, "/api/v1/interview-questions/?skill=sql&stage=technical")
    core = results(reader, "/api/v1/responsibilities/?core_for=machine-learning-engineer")
    bands = results(reader, "/api/v1/salary-bands/?region=IN")

    assert {level["role_family"] for level in levels} == {"data-scientist"}
    assert questions and {(q["skill"], q["stage"]) for q in questions} == {("sql", "technical")}
    assert all("machine-learning-engineer" in r["core_for"] for r in core)
    assert {band["region"] for band in bands} == {"IN"}
    assert reader.get("/api/v1/skills/?category=astrology").status_code == 400


def test_it_lists_the_companys_people_by_username(reader, recruiter, hiring_manager, outsider):
    people = {p["username"]: p["role"] for p in results(reader, "/api/v1/members/")}

    assert people == {"rita": "recruiter", "hugo": "hiring_manager"}


def test_it_analyses_free_text_for_read_only_keys_too(reader):
    body = {"title": "Junior Machine Learning Engineer", "text": "8+ years of Kubernetes."}

    response = reader.post("/api/v1/analyse/", body, format="json")
    no_slash = reader.post("/api/v1/analyse", body, format="json")

    assert response.status_code == no_slash.status_code == 200
    analysis = response.json()
    assert analysis["skills"] == ["docker-kubernetes"]
    assert analysis["matched"][0]["alias"] == "kubernetes"
    assert analysis["findings"] and set(analysis["counts"]) == {"error", "warning", "info"}
    assert no_slash.json() == analysis


def test_it_matches_the_companys_own_skill_aliases(reader, acme):
    SkillFactory(company=acme, slug="acme-ranker", name="Acme Ranker", aliases=["acme ranker"])

    response = reader.post(
        "/api/v1/analyse/", {"title": "MLE", "text": "You will own the Acme Ranker."}, format="json"
    )

    assert "acme-ranker" in response.json()["skills"]


def test_it_refuses_analysis_without_text(reader):
    response = reader.post("/api/v1/analyse/", {"title": "MLE"}, format="json")

    assert response.status_code == 400
    assert "text" in response.json()["fields"]


def test_it_keeps_an_analysis_until_the_text_or_the_catalog_changes(reader, acme, monkeypatch):

    runs = []
    analyse = text_analysis
    monkeypatch.setattr(
        "hiring.api.views.analysis.text_analysis",
        lambda **kwargs: runs.append(1) or analyse(**kwargs),
    )
    body = {"title": "MLE", "text": "You will own the Acme Ranker."}

    first = reader.post("/api/v1/analyse/", body, format="json").json()
    again = reader.post("/api/v1/analyse/", body, format="json").json()
    assert again == first and len(runs) == 1

    reader.post("/api/v1/analyse/", {**body, "text": "Kubernetes."}, format="json")
    assert len(runs) == 2

    SkillFactory(company=acme, slug="acme-ranker", name="Acme Ranker", aliases=["acme ranker"])
    fresh = reader.post("/api/v1/analyse/", body, format="json").json()
    assert len(runs) == 3 and "acme-ranker" in fresh["skills"]
