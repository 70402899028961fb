"""The posting's change form as a recruiter composes in it: rows that say what they are,
a skill search that finds what was typed, and a duplicate that names its skill."""

import re

import pytest
from django.urls import reverse

from hiring.postings.forms import DUPLICATE_SKILL
from hiring.postings.selectors import skill_match_rank
from tests.hiring.postings.test_admin import change_url, form_data

SEARCH = reverse("admin:hiring_skill_search")


def test_it_names_the_duplicate_skill_next_to_its_row_and_at_the_top(client, recruiter, posting):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    total = int(data["skills-TOTAL_FORMS"])
    first = posting.skills.select_related("skill").order_by("order").first()
    data.update(
        {
            "skills-TOTAL_FORMS": str(total + 1),
            f"skills-{total}-skill": str(first.skill_id),
            f"skills-{total}-emphasis": "2",
        }
    )
    response = client.post(change_url(posting), data)
    assert response.status_code == 200
    message = DUPLICATE_SKILL.format(skill=first.skill.name)
    [formset, _] = [f.formset for f in response.context["inline_admin_formsets"]]
    assert formset.forms[total].errors["skill"] == [message]
    assert response.context["row_errors"] == [(f"skills-{total}", f"Skill {total + 1}", message)]
    page = response.content.decode()
    assert "already exists" not in page and "duplicate data" not in page
    assert page.count(message) == 2  # beside the row, and in the summary at the top
    assert posting.skills.count() == total


def test_it_offers_a_new_skill_row_as_a_nice_to_have(client, recruiter, posting):
    client.force_login(recruiter)
    response = client.get(change_url(posting))
    [skills, _] = [f.formset for f in response.context["inline_admin_formsets"]]
    assert skills.empty_form["must_have"].value() is False
    assert skills.forms[0]["must_have"].value() is True  # saved rows keep theirs


def test_it_labels_every_input_of_the_inline_rows(client, recruiter, posting):
    client.force_login(recruiter)
    page = client.get(change_url(posting)).content.decode()
    rows = re.findall(
        r'<tr class="form-row[^"]*"\s+id="(?:skills|responsibilities)-\d+">(.*?)</tr>', page, re.S
    )
    assert rows
    for row in rows:
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", row):
            if 'type="hidden"' in tag:
                continue
            assert re.search(r'aria-label="[^"]*(?:skill|responsibility) \d+"', tag, re.I), tag
    assert 'aria-label="Emphasis of skill 1"' in page
    assert 'aria-label="Skill 1"' in page
    assert 'aria-label="Delete responsibility 1"' in page


@pytest.mark.parametrize(
    ("term", "name", "aliases", "rank"),
    [
        ("statistics", "Statistics", [], 0),
        ("statist", "Statistics", [], 1),
        ("statist", "A/B testing", ["statistical testing"], 3),
        ("test", "A/B testing", [], 2),
        ("k8s", "Docker / Kubernetes", ["k8s"], 3),
        ("bern", "Docker / Kubernetes", [], 4),
        ("experiments", "A/B testing", ["controlled experiments"], 5),
        ("sql", "Statistics", ["hypothesis tests"], None),
    ],
)
def test_it_ranks_a_skill_by_how_its_name_meets_the_term(term, name, aliases, rank):
    assert skill_match_rank(term=term, name=name, aliases=aliases) == rank


def test_it_searches_skills_by_name_first_and_leaves_out_the_postings_own(
    client, recruiter, posting, skill
):
    client.force_login(recruiter)
    response = client.get(SEARCH, {"term": "statist", "posting": posting.pk})
    names = [row["text"] for row in response.json()["results"]]
    assert names[0] == "Statistics"
    assert "A/B testing" not in names[:1]
    own = set(posting.skills.values_list("skill__name", flat=True))
    response = client.get(SEARCH, {"term": "", "posting": posting.pk})
    offered = {row["text"] for row in response.json()["results"]}
    assert offered and not offered & own


def test_it_keeps_the_skill_search_to_the_recruiters_company(client, outsider, posting):
    client.force_login(outsider)
    assert client.get(SEARCH, {"term": "sql", "posting": posting.pk}).status_code == 404


@pytest.mark.parametrize("button", ["_continue", "_save"])
def test_it_runs_the_analysis_once_per_save_and_stores_its_counts(
    client, recruiter, posting, skill, monkeypatch, button
):
    from hiring.findings import selectors
    from hiring.models import JobPosting

    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    total = int(data["skills-TOTAL_FORMS"])
    data.update(
        {
            "skills-TOTAL_FORMS": str(total + 1),
            f"skills-{total}-skill": str(skill("ab-testing").pk),
            f"skills-{total}-must_have": "on",
            f"skills-{total}-emphasis": "3",
            button: "1",
        }
    )
    runs = []
    analyse = selectors.postings_analysis
    monkeypatch.setattr(
        selectors, "postings_analysis", lambda *a, **k: runs.append(1) or analyse(*a, **k)
    )
    response = client.post(change_url(posting), data, follow=True)
    assert response.status_code == 200
    assert len(runs) == 1
    saved = JobPosting.objects.get(pk=posting.pk)
    assert saved.open_warnings > posting.open_warnings


def save_queries(client, posting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = form_data(client.get(change_url(posting)))
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(change_url(posting), {**data, "_save": "1"}).status_code == 302
    return len(ctx.captured_queries)


def test_it_saves_rows_left_alone_in_queries_that_do_not_grow_with_them(
    client, recruiter, posting, grow
):
    """Rows the recruiter did not touch are neither looked up one by one nor their
    constraints checked again: 80 rows once cost 450 queries."""
    client.force_login(recruiter)
    small = save_queries(client, posting)
    grow(posting, 30)
    assert save_queries(client, posting) == small
