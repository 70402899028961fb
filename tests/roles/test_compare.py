from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roles.models import Emphasis, EmphasisLevel, RoleFact
from roles.selectors import role_comparison
from tests.factories import SkillFactory

URL = reverse("admin:roles_compare")


def test_it_compares_ds_and_mle_side_by_side(client, recruiter, ds, mle):
    client.force_login(recruiter)
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    for heading in ("Skills", "Core responsibilities", "Career ladder", "Salary bands"):
        assert heading in content
    assert ds.name in content and mle.name in content
    assert RoleFact.objects.filter(kind="key_question").first().text in content


def test_it_puts_both_emphases_on_each_skill_row(ds, mle, skill):
    comparison = role_comparison(left=ds, right=mle)
    row = next(r for r in comparison.skills if r.skill == skill("statistics"))
    assert row.left.level == EmphasisLevel.HEAVY
    assert row.right.level < EmphasisLevel.HEAVY
    assert row.gap > 0


def test_it_builds_the_comparison_in_queries_that_do_not_grow(ds, mle):
    with CaptureQueriesContext(connection) as small:
        role_comparison(left=ds, right=mle)
    for new in SkillFactory.create_batch(20):
        Emphasis.objects.create(role_family=ds, skill=new, level=1, source="x")
    with CaptureQueriesContext(connection) as large:
        role_comparison(left=ds, right=mle)
    # family + facts + core responsibilities + levels + salary bands (with level),
    # emphases, skills
    assert len(small.captured_queries) == len(large.captured_queries) == 7


def test_it_refuses_the_page_to_anyone_outside_the_admin(client, hiring_manager):
    client.force_login(hiring_manager)
    assert client.get(URL).status_code == 302


def test_it_answers_404_for_an_unknown_role_family(client, recruiter):
    client.force_login(recruiter)
    assert client.get(URL, {"left": "astronaut"}).status_code == 404
