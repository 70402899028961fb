"""List endpoints run a fixed number of queries, whether the company has 10 postings or 500."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hiring.models import JobPosting, PostingResponsibility, PostingSkill
from roles.models import Responsibility, Skill
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def add_postings(company, family, count, skills):
    postings = JobPosting.objects.bulk_create(
        JobPosting(company=company, title=f"Posting {n}", role_family=family) for n in range(count)
    )
    PostingSkill.objects.bulk_create(
        PostingSkill(posting=p, skill=s, order=i) for p in postings for i, s in enumerate(skills)
    )
    PostingResponsibility.objects.bulk_create(
        PostingResponsibility(posting=p, text=f"Duty {i}", order=i)
        for p in postings
        for i in range(3)
    )
    return postings


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), len(response.json()["results"])


def test_it_lists_postings_in_a_fixed_number_of_queries_at_any_size(api, acme, mle):
    skills = list(Skill.objects.filter(company__isnull=True)[:5])
    url = "/api/v1/postings/?page_size=200"
    add_postings(acme, mle, 10, skills)
    api.get(url)  # records the key's first use

    measured = []
    for more in (0, 490):
        add_postings(acme, mle, more, skills)
        cache.clear()
        cold = queries(api, url)
        warm = queries(api, url)
        measured.append((cold, warm))

    # Cold: the API key; the list's latest change; the page of postings; their skills;
    # their responsibilities. Warm: the latest change, then the cache (the key is cached).
    assert measured == [((5, 10), (1, 10)), ((5, 200), (1, 200))]


def test_it_serves_a_fresh_page_once_a_posting_changes(api, acme, mle):
    skills = list(Skill.objects.filter(company__isnull=True)[:2])
    url = "/api/v1/postings/?page_size=200"
    [posting] = add_postings(acme, mle, 1, skills)
    assert api.get(url).json()["results"][0]["title"] == posting.title
    posting.title = "Renamed"
    posting.save()
    assert api.get(url).json()["results"][0]["title"] == "Renamed"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # (The API key is cached after the first request.)
        # The page; each row's emphases (one prefetch).
        ("/api/v1/skills/?page_size=200", 2),
        # The page; their skills; the role families they are core for.
        ("/api/v1/responsibilities/?page_size=200", 3),
        # The page with the role family (and level) joined.
        ("/api/v1/levels/", 1),
        ("/api/v1/salary-bands/", 1),
        ("/api/v1/interview-questions/?page_size=200", 1),
        ("/api/v1/role-families/", 1),
        # The page of people with their memberships.
        ("/api/v1/members/", 1),
    ],
)
def test_it_lists_catalog_and_people_in_fixed_queries(api, acme, url, expected, recruiter):
    api.get(url)  # records the key's first use
    api.get(url)  # and keeps the key
    SkillFactory.create_batch(10, company=acme)
    Responsibility.objects.bulk_create(
        Responsibility(slug=f"acme-duty-{n}", text=f"Duty {n}", company=acme) for n in range(10)
    )
    small, _ = queries(api, url)
    SkillFactory.create_batch(150, company=acme)
    Responsibility.objects.bulk_create(
        Responsibility(slug=f"acme-more-{n}", text=f"More {n}", company=acme) for n in range(150)
    )
    large, _ = queries(api, url)

    assert small == large == expected


@pytest.mark.parametrize("pk", ["abc", "9" * 40, "-1"])
def test_it_answers_404_for_a_posting_id_that_is_not_a_number(api, pk):
    response = api.get(f"/api/v1/postings/{pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_it_serves_a_changed_posting_fresh(api, acme, mle):
    skills = list(Skill.objects.filter(company__isnull=True)[:2])
    [posting] = add_postings(acme, mle, 1, skills)
    url = f"/api/v1/postings/{posting.pk}/"
    assert api.get(url).json()["title"] == posting.title
    posting.title = "Renamed"
    posting.save()
    assert api.get(url).json()["title"] == "Renamed"
