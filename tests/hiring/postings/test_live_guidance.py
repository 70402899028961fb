"""Live guidance: the change form's unsaved data read by the rules, nothing written."""

import pytest
from django.urls import reverse

from hiring.models import JobPosting
from hiring.tenancy.services import company_pay_statements_set
from tests.hiring.postings.test_admin import change_url, form_data

AB_TESTING = "ab-testing"


def live_url(posting):
    return reverse("admin:hiring_live_analysis", args=[posting.pk])


@pytest.fixture
def opened(client, recruiter, posting):
    """The change form's data as the browser would post it, before any edit."""
    client.force_login(recruiter)
    return form_data(client.get(change_url(posting)))


def test_it_reads_an_unsaved_summary_and_marks_the_coded_word_with_a_neutral_one(
    client, posting, opened
):
    opened["summary"] = "You are an aggressive rockstar who will crush it."
    response = client.post(live_url(posting), opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<mark class="info">aggressive</mark> <span class="neutral-word">(try “bold”)</span>'
        in page
    )
    assert 'data-target=".field-summary"' in page
    assert "Findings of your unsaved changes" in page
    fresh = JobPosting.objects.get(pk=posting.pk)
    assert fresh.summary == posting.summary and fresh.version == posting.version


def test_it_places_a_finding_on_an_unsaved_skill_row(client, posting, opened, skill):
    total = int(opened["skills-TOTAL_FORMS"])
    opened.update(
        {
            "skills-TOTAL_FORMS": str(total + 1),
            f"skills-{total}-skill": str(skill(AB_TESTING).pk),
            f"skills-{total}-must_have": "on",
            f"skills-{total}-emphasis": "3",
        }
    )
    before = client.post(live_url(posting), form_data_without(opened, total)).content.decode()
    after = client.post(live_url(posting), opened).content.decode()
    assert f'data-target="#skills-{total}"' in after
    assert f'data-target="#skills-{total}"' not in before
    assert posting.skills.count() == total  # nothing saved


def test_it_reads_an_unsaved_requirement_sentence_like_the_summary(client, posting, opened):
    opened["skills-0-requirement"] = "15 years of Kubernetes in production"
    page = client.post(live_url(posting), opened).content.decode()
    assert "15 years" in page and "Kubernetes" in page
    assert posting.skills.filter(requirement="").count() == posting.skills.count()


def form_data_without(data, index):
    trimmed = {k: v for k, v in data.items() if not k.startswith(f"skills-{index}-")}
    trimmed["skills-TOTAL_FORMS"] = str(index)
    return trimmed


def test_it_keeps_a_field_that_does_not_validate_at_its_saved_value(client, posting, opened):
    opened["salary_min"] = "lots"
    opened["years_min"] = "x"
    assert client.post(live_url(posting), opened).status_code == 200


def test_it_answers_only_a_post_from_the_postings_company(client, outsider, posting, opened):
    assert client.get(live_url(posting)).status_code == 405
    client.force_login(outsider)
    assert client.post(live_url(posting), opened).status_code == 404


def test_it_runs_in_queries_that_do_not_grow_with_blocks(
    client, posting, opened, grow, recruiter, django_assert_num_queries
):
    # session, user, membership, company, the posting with its family, level and
    # version, rubric, criteria, the family and the level chosen, skills,
    # responsibilities, the skills duties name, acknowledgements
    with django_assert_num_queries(13):
        client.post(live_url(posting), opened)
    grow(posting, 30)
    data = form_data(client.get(change_url(posting)))
    with django_assert_num_queries(13):
        client.post(live_url(posting), data)


@pytest.mark.parametrize(
    ("company_about", "typed", "marked"),
    [
        pytest.param("We dominate retail.", "", True, id="the company's text"),
        pytest.param("We dominate retail.", "Acme's platform team.", False, id="replaced"),
        pytest.param("Acme measures.", "We dominate retail.", True, id="the posting's own"),
    ],
)
def test_it_marks_a_coded_word_in_the_about_text_the_posting_shows(
    client, acme, posting, opened, company_about, typed, marked
):
    acme.about = company_about
    acme.save()
    opened["about_company"] = typed
    page = client.post(live_url(posting), opened).content.decode()
    assert ('<mark class="info">dominate</mark>' in page) is marked
    assert ('data-target=".field-about_company"' in page) is marked
    assert ("About the company as a candidate reads it" in page) is marked


def test_the_saved_change_form_marks_a_word_in_the_companys_pay_statement(
    client, acme, recruiter, posting
):
    company_pay_statements_set(company=acme, statements={"Colorado": "A rockstar range."})
    JobPosting.objects.filter(pk=posting.pk).update(locations="Denver, CO, US")
    client.force_login(recruiter)
    page = client.get(change_url(posting)).content.decode()
    assert '<mark class="info">rockstar</mark>' in page
    assert 'data-target=".field-pay_statement"' in page
