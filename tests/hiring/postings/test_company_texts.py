"""A posting's own versions of its company's texts: a collapsed fieldset on the change
form, blank for the company's text (shown as each box's placeholder), checked like the
company's."""

import pytest

from hiring.models import JobPosting
from hiring.models.company import CONTACT_NOT_EMAIL_OR_URL, TEXT_BLOCK_MAX_CHARS
from hiring.postings.texts import OVERRIDE_FIELDS
from hiring.tenancy.services import company_pay_statements_set
from tests.hiring.postings.test_admin import change_url, form_data

COLORADO = "Our Colorado range is the base salary; a bonus of up to 10% comes on top."


@pytest.fixture
def texts(acme):
    acme.about = "Acme measures what works."
    acme.equal_opportunity = "Acme is an equal-opportunity employer."
    acme.accommodations_contact = "access@acme.example"
    acme.save()
    company_pay_statements_set(company=acme, statements={"Colorado": COLORADO})
    return acme


def test_it_shows_the_overrides_collapsed_with_the_companys_texts(
    client, recruiter, posting, texts
):
    JobPosting.objects.filter(pk=posting.pk).update(locations="Denver, CO, US")
    client.force_login(recruiter)
    response = client.get(change_url(posting))
    html = response.content.decode()
    assert "Company texts (override)" in html
    assert "collapse" in html
    assert "Leave a text blank to use the company's" in html
    form = response.context["adminform"].form
    placeholders = {
        name: form.fields[name].widget.attrs.get("placeholder") for name in OVERRIDE_FIELDS
    }
    assert placeholders == {
        "about_company": "Acme measures what works.",
        "equal_opportunity": "Acme is an equal-opportunity employer.",
        "accommodations_contact": "access@acme.example",
        "pay_statement": COLORADO,
    }


def test_a_blank_benefits_box_shows_the_companys_benefits(client, recruiter, posting, texts):
    texts.benefits = "- 30 days of paid holiday"
    texts.save()
    JobPosting.objects.filter(pk=posting.pk).update(benefits="")
    client.force_login(recruiter)
    field = client.get(change_url(posting)).context["adminform"].form.fields["benefits"]
    assert field.widget.attrs["placeholder"] == "- 30 days of paid holiday"
    assert "Leave blank to use the company's benefits" in field.help_text


def test_it_saves_a_postings_own_texts(client, recruiter, posting, texts):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting)))
    data |= {
        "about_company": "The platform team of Acme.",
        "accommodations_contact": "https://acme.example/adjustments",
        "pay_statement": "This range is for every US location.",
    }
    response = client.post(change_url(posting), data)
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.about_company == "The platform team of Acme."
    assert posting.accommodations_contact == "https://acme.example/adjustments"
    assert posting.equal_opportunity == ""  # left blank: the company's


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"accommodations_contact": "call Rita"},
            "accommodations_contact",
            CONTACT_NOT_EMAIL_OR_URL,
        ),
        (
            {"pay_statement": "x" * (TEXT_BLOCK_MAX_CHARS + 1)},
            "pay_statement",
            f"Ensure this value has at most {TEXT_BLOCK_MAX_CHARS} characters (it has "
            f"{TEXT_BLOCK_MAX_CHARS + 1}).",
        ),
    ],
)
def test_it_refuses_a_bad_override_on_its_field(
    client, recruiter, posting, changes, field, message
):
    client.force_login(recruiter)
    data = form_data(client.get(change_url(posting))) | changes
    response = client.post(change_url(posting), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {field: [message]}
