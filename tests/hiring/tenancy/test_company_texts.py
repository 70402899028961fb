"""The company's texts in the admin: bad input is refused with a message on the field, and
the pay-transparency statements are set once a jurisdiction."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hiring import caching
from hiring.models import CompanyPayStatement, JobPosting
from hiring.models.company import (
    CONTACT_NOT_EMAIL_OR_URL,
    DUPLICATE_JURISDICTION,
    TEXT_BLOCK_MAX_CHARS,
)
from hiring.postings.services import company_postings_refresh_findings, posting_clone
from hiring.tenancy.services import company_pay_statements_set

PREFIX = "pay_statements"


def company_form(company, **changes) -> dict:
    data = {
        "name": company.name,
        "slug": company.slug,
        "website": company.website,
        "brand_colour": company.brand_colour,
        "about": company.about,
        "benefits": company.benefits,
        "equal_opportunity": company.equal_opportunity,
        "accommodations_contact": company.accommodations_contact,
        "board_enabled": "on",
        "posting_days": company.posting_days,
        f"{PREFIX}-TOTAL_FORMS": "0",
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    return data | changes


def with_statements(data: dict, *rows: tuple[str, str]) -> dict:
    data = dict(data)
    data[f"{PREFIX}-TOTAL_FORMS"] = str(len(rows))
    for index, (jurisdiction, text) in enumerate(rows):
        data[f"{PREFIX}-{index}-jurisdiction"] = jurisdiction
        data[f"{PREFIX}-{index}-text"] = text
    return data


@pytest.fixture
def post(client, recruiter, acme):
    client.force_login(recruiter)
    url = reverse("admin:hiring_company_change", args=[acme.pk])

    def post(data):
        return client.post(url, data)

    return post


def errors_of(response) -> dict:
    """Field name -> messages, from the company form and each inline form."""
    found = {}
    form = response.context["adminform"].form
    found.update({name: list(messages) for name, messages in form.errors.items()})
    for formset in response.context["inline_admin_formsets"]:
        for index, inline_form in enumerate(formset.formset.forms):
            for name, messages in inline_form.errors.items():
                found[f"statement {index}: {name}"] = list(messages)
    return found


def test_it_shows_the_texts_and_the_statements_on_the_company_form(client, recruiter, acme):
    client.force_login(recruiter)
    html = client.get(reverse("admin:hiring_company_change", args=[acme.pk])).content.decode()
    assert "Texts every posting uses" in html
    assert 'name="equal_opportunity"' in html
    assert "Pay-transparency statements" in html
    # The jurisdictions come from the laws table, by name.
    assert '<option value="Colorado">Colorado</option>' in html
    assert '<option value="European Union">European Union</option>' in html


def test_it_saves_a_statement_per_jurisdiction(post, acme):
    response = post(
        with_statements(
            company_form(acme, accommodations_contact="access@acme.example"),
            ("Colorado", "Our Colorado range is the base salary."),
            ("European Union", "The range is the gross annual pay."),
        )
    )
    assert response.status_code == 302, errors_of(response)
    statements = dict(acme.pay_statements.values_list("jurisdiction", "text"))
    assert statements == {
        "Colorado": "Our Colorado range is the base salary.",
        "European Union": "The range is the gross annual pay.",
    }


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        (
            [("Atlantis", "Our range.")],
            "statement 0: jurisdiction",
            "Select a valid choice. Atlantis is not one of the available choices.",
        ),
        ([("Colorado", "")], "statement 0: text", "This field is required."),
        (
            [("Colorado", "Our range."), ("Colorado", "Another range.")],
            "statement 1: jurisdiction",
            DUPLICATE_JURISDICTION,
        ),
        (
            [("Colorado", "x" * (TEXT_BLOCK_MAX_CHARS + 1))],
            "statement 0: text",
            f"Ensure this value has at most {TEXT_BLOCK_MAX_CHARS} characters (it has "
            f"{TEXT_BLOCK_MAX_CHARS + 1}).",
        ),
    ],
    ids=["unknown jurisdiction", "blank text", "duplicate jurisdiction", "too long"],
)
def test_it_refuses_a_bad_statement_on_its_row(post, acme, rows, field, message):
    response = post(with_statements(company_form(acme), *rows))
    assert response.status_code == 200
    assert errors_of(response) == {field: [message]}
    assert not acme.pay_statements.exists()


def test_a_duplicate_of_a_saved_statement_is_refused_on_its_row(post, acme):
    company_pay_statements_set(company=acme, statements={"Colorado": "Our range."})
    saved = acme.pay_statements.get()
    data = with_statements(company_form(acme), ("Colorado", "Our range."), ("Colorado", "Again."))
    data[f"{PREFIX}-INITIAL_FORMS"] = "1"
    data[f"{PREFIX}-0-id"] = saved.pk
    data[f"{PREFIX}-0-company"] = acme.pk
    response = post(data)
    assert errors_of(response) == {"statement 1: jurisdiction": [DUPLICATE_JURISDICTION]}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"about": "x" * (TEXT_BLOCK_MAX_CHARS + 1)},
            "about",
            f"Ensure this value has at most {TEXT_BLOCK_MAX_CHARS} characters (it has "
            f"{TEXT_BLOCK_MAX_CHARS + 1}).",
        ),
        (
            {"equal_opportunity": "x" * (TEXT_BLOCK_MAX_CHARS + 1)},
            "equal_opportunity",
            f"Ensure this value has at most {TEXT_BLOCK_MAX_CHARS} characters (it has "
            f"{TEXT_BLOCK_MAX_CHARS + 1}).",
        ),
        (
            {"accommodations_contact": "Ask Rita in HR"},
            "accommodations_contact",
            CONTACT_NOT_EMAIL_OR_URL,
        ),
        (
            {"accommodations_contact": "javascript:alert(1)"},
            "accommodations_contact",
            CONTACT_NOT_EMAIL_OR_URL,
        ),
    ],
    ids=["about too long", "statement too long", "contact not an address", "contact script"],
)
def test_it_refuses_a_bad_company_text_on_its_field(post, acme, changes, field, message):
    response = post(company_form(acme, **changes))
    assert response.status_code == 200
    assert errors_of(response) == {field: [message]}


@pytest.mark.parametrize(
    "contact", ["accessibility@acme.example", "https://acme.example/adjustments", ""]
)
def test_it_takes_an_email_address_or_a_web_page_as_the_contact(post, acme, contact):
    response = post(company_form(acme, accommodations_contact=contact))
    assert response.status_code == 302, errors_of(response)
    acme.refresh_from_db()
    assert acme.accommodations_contact == contact


def test_the_service_checks_a_statement_as_the_admin_does(acme):
    with pytest.raises(ValidationError) as error:
        company_pay_statements_set(company=acme, statements={"Atlantis": "Our range."})
    assert "jurisdiction" in error.value.message_dict
    assert not CompanyPayStatement.objects.filter(company=acme).exists()


def test_the_service_replaces_the_companys_statements(acme):
    company_pay_statements_set(company=acme, statements={"Colorado": "A", "Illinois": "B"})
    company_pay_statements_set(company=acme, statements={"Colorado": "C"})
    assert dict(acme.pay_statements.values_list("jurisdiction", "text")) == {"Colorado": "C"}


def test_another_companys_recruiter_cannot_open_the_form(client, outsider, acme):
    client.force_login(outsider)
    response = client.get(reverse("admin:hiring_company_change", args=[acme.pk]))
    assert response.status_code == 404


def test_no_help_text_holds_what_a_browser_would_take_for_a_tag():
    # The admin shows help text as HTML: "<company>" would vanish from the page.
    from django.apps import apps

    for model in [
        *apps.get_app_config("hiring").get_models(),
        *apps.get_app_config("roles").get_models(),
    ]:
        for field in model._meta.get_fields():
            text = str(getattr(field, "help_text", "") or "")
            assert "<" not in text, f"{model.__name__}.{field.name}: {text}"


def test_saving_the_texts_refreshes_the_finding_counts_of_every_posting(post, acme, posting):
    """Each posting's language checks read its company's texts: the changelist's counts
    follow an edit of them without waiting for each posting to be saved."""
    before = JobPosting.objects.get(pk=posting.pk)
    response = post(company_form(acme, about="We hire people who dominate their market."))
    assert response.status_code == 302
    after = JobPosting.objects.get(pk=posting.pk)
    assert after.open_infos > before.open_infos
    assert after.updated_at > before.updated_at
    post(company_form(acme, about="Acme measures what works."))
    assert JobPosting.objects.get(pk=posting.pk).open_infos == before.open_infos


def test_refreshing_the_counts_of_many_postings_takes_the_same_queries(
    acme, posting, django_assert_num_queries
):
    # the analysis of all the postings (9, see tests/hiring/findings) and the catalog (8);
    # one write of those whose counts moved
    acme.about = "We hire people who dominate their market."
    acme.save()
    caching._CATALOGS.clear()
    with django_assert_num_queries(18):
        assert company_postings_refresh_findings(company=acme) == 1
    for _ in range(4):
        posting_clone(posting=posting)
    acme.about = "Acme measures what works."
    acme.save()
    caching._CATALOGS.clear()
    with django_assert_num_queries(18):
        assert company_postings_refresh_findings(company=acme) == 5
