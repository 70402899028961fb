"""The company's texts (benefits, equal opportunity, accommodations): set once, used by
every posting that leaves them blank, and frozen into each published version."""

from datetime import date

import pytest

from hiring import exports
from hiring.exports import jsonld
from hiring.exports.document import document_for
from hiring.exports.formats import get_exporter
from hiring.models import JobPosting
from hiring.tenancy.services import company_pay_statements_set

from .conftest import BENEFITS

COMPANY_BENEFITS = "- Four-day weeks in August\n- A bike to work"
STATEMENT = "Acme Analytics is an equal-opportunity employer."
CONTACT = "access@acme.example"


def text(posting, **kwargs) -> str:
    return get_exporter("text").render_bytes(document_for(posting, **kwargs)).decode()


def set_texts(company, **values):
    for name, value in values.items():
        setattr(company, name, value)
    company.save()


def test_a_posting_without_benefits_uses_the_companys(posting):
    set_texts(
        posting.company,
        benefits=COMPANY_BENEFITS,
        equal_opportunity=STATEMENT,
        accommodations_contact=CONTACT,
    )
    JobPosting.objects.filter(pk=posting.pk).update(benefits="")
    content = text(JobPosting.objects.get(pk=posting.pk), draft=True)
    assert "Four-day weeks in August" in content
    assert "EQUAL OPPORTUNITY" in content
    assert STATEMENT in content
    assert f"contact {CONTACT}." in content


def test_the_postings_own_benefits_override_the_companys(posting):
    set_texts(posting.company, benefits=COMPANY_BENEFITS)
    content = text(posting, draft=True)
    assert "25 days of holiday" in content
    assert "Four-day weeks" not in content
    assert document_for(posting, draft=True).snapshot["benefits"] == BENEFITS


def test_without_a_statement_or_contact_there_is_no_equal_opportunity_section(posting):
    assert "EQUAL OPPORTUNITY" not in text(posting, draft=True)


def test_a_published_version_keeps_the_texts_it_was_published_with(posting, publish):
    set_texts(posting.company, equal_opportunity=STATEMENT)
    published, _ = publish(posting)
    set_texts(published.company, equal_opportunity="A newer statement.")
    content = text(JobPosting.objects.get(pk=published.pk))
    assert STATEMENT in content
    assert "A newer statement." not in content


def test_json_ld_maps_the_company_texts(posting):
    set_texts(
        posting.company,
        about="Acme measures what works.",
        benefits=COMPANY_BENEFITS,
        equal_opportunity=STATEMENT,
    )
    JobPosting.objects.filter(pk=posting.pk).update(benefits="")
    posting = JobPosting.objects.get(pk=posting.pk)
    posting.company.refresh_from_db()
    data = jsonld.jobposting(document_for(posting, draft=True))
    assert data["jobBenefits"] == "- Four-day weeks in August\n- A bike to work"
    assert data["hiringOrganization"]["description"] == "Acme measures what works."
    assert data["employerOverview"] == "Acme measures what works."
    assert STATEMENT in data["description"]
    assert jsonld.problems(data) == []


# Pay-transparency statements, per-posting overrides, and what a version freezes

NEW_YORK = "Our New York range is the base salary we expect to pay in good faith."
COLORADO = "Our Colorado range is the base salary; a 10% bonus comes on top."
OWN_ABOUT = "The experimentation team of Acme."


def state(company, statements: dict[str, str]):
    company_pay_statements_set(company=company, statements=statements)


def test_it_shows_the_statement_of_the_law_covering_the_postings_places(posting):
    state(posting.company, {"New York City": NEW_YORK, "Colorado": COLORADO})
    content = text(posting, draft=True)
    pay = content[content.index("PAY AND BENEFITS") : content.index("HOW TO APPLY")]
    assert NEW_YORK in pay
    assert COLORADO not in content
    # After the range, before the benefits: what the range means, then what comes with it.
    assert pay.index("USD 150,000") < pay.index(NEW_YORK) < pay.index("25 days of holiday")


def test_a_statement_two_covering_laws_share_is_shown_once(posting):
    # "New York, NY" is both New York City's and New York State's.
    state(posting.company, {"New York City": NEW_YORK, "New York State": NEW_YORK})
    assert text(posting, draft=True).count(NEW_YORK) == 1


def test_a_posting_no_law_covers_shows_no_statement(make_posting, acme):
    state(acme, {"New York City": NEW_YORK, "Colorado": COLORADO})
    content = text(make_posting("Austin DS"), draft=True)
    assert NEW_YORK not in content and COLORADO not in content


def test_the_pay_check_and_the_statement_follow_the_same_laws(posting):
    """One rule decides where a law applies: the laws the statement is chosen by are the
    laws the pay check names."""
    from hiring.rules.pay import laws_covering

    laws = laws_covering(["New York, NY, US"], "hybrid", date.today())
    assert {law.jurisdiction for law in laws} == {"New York City", "New York State"}
    state(posting.company, {"New York State": NEW_YORK})
    assert NEW_YORK in text(posting, draft=True)


def test_a_postings_own_texts_replace_the_companys(posting):
    set_texts(
        posting.company,
        about="Acme measures what works.",
        equal_opportunity=STATEMENT,
        accommodations_contact=CONTACT,
    )
    state(posting.company, {"New York City": NEW_YORK})
    JobPosting.objects.filter(pk=posting.pk).update(
        about_company=OWN_ABOUT,
        equal_opportunity="We hire on skills alone.",
        accommodations_contact="https://acme.example/adjustments",
        pay_statement="This range is for New York; remote pay differs.",
    )
    content = text(JobPosting.objects.get(pk=posting.pk), draft=True)
    assert OWN_ABOUT in content and "Acme measures what works." not in content
    assert "We hire on skills alone." in content and STATEMENT not in content
    assert "contact https://acme.example/adjustments." in content and CONTACT not in content
    assert "remote pay differs" in content and NEW_YORK not in content


def test_a_blank_override_of_spaces_uses_the_companys_text(posting):
    set_texts(posting.company, about="Acme measures what works.")
    JobPosting.objects.filter(pk=posting.pk).update(about_company="  \n ")
    assert "Acme measures what works." in text(JobPosting.objects.get(pk=posting.pk), draft=True)


def edit_every_company_text(company):
    set_texts(
        company,
        about="A newer about text.",
        benefits="- A newer benefit",
        equal_opportunity="A newer statement.",
        accommodations_contact="newer@acme.example",
    )
    state(company, {"New York City": "A newer pay statement."})


@pytest.mark.parametrize("format", ["html", "markdown", "text", "jsonld", "pdf"])
def test_a_published_version_never_changes_when_the_company_edits_its_texts(
    posting, publish, format
):
    set_texts(
        posting.company,
        about="Acme measures what works.",
        equal_opportunity=STATEMENT,
        accommodations_contact=CONTACT,
    )
    state(posting.company, {"New York City": NEW_YORK})
    JobPosting.objects.filter(pk=posting.pk).update(benefits="")
    published, _ = publish(JobPosting.objects.get(pk=posting.pk))
    before = exports.export(published, format)

    edit_every_company_text(published.company)
    published = JobPosting.objects.get(pk=published.pk)
    after = exports.export(published, format)

    assert after.etag == before.etag
    assert after.content == before.content
    # The working copy reads the company's new texts.
    draft = exports.export(published, format, draft=True)
    assert draft.etag != before.etag
    if format != "pdf":
        body = draft.content.decode()
        for new in ("A newer about text.", "A newer statement.", "A newer pay statement."):
            assert new in body, new


def test_the_published_text_export_keeps_every_statement(posting, publish):
    set_texts(posting.company, about="Acme measures what works.", equal_opportunity=STATEMENT)
    state(posting.company, {"New York City": NEW_YORK})
    published, _ = publish(posting)
    edit_every_company_text(published.company)
    content = exports.export(JobPosting.objects.get(pk=published.pk), "text").content.decode()
    for kept in ("Acme measures what works.", STATEMENT, NEW_YORK):
        assert kept in content
    assert "newer" not in content


def test_json_ld_reads_the_texts_from_the_version(posting, publish):
    set_texts(posting.company, about="Acme measures what works.", benefits=COMPANY_BENEFITS)
    state(posting.company, {"New York City": NEW_YORK})
    JobPosting.objects.filter(pk=posting.pk).update(benefits="")
    published, _ = publish(JobPosting.objects.get(pk=posting.pk))
    edit_every_company_text(published.company)
    data = jsonld.jobposting(document_for(JobPosting.objects.get(pk=published.pk)))
    assert data["hiringOrganization"]["description"] == "Acme measures what works."
    assert data["employerOverview"] == "Acme measures what works."
    assert data["jobBenefits"] == COMPANY_BENEFITS
    description = data["description"]
    pay = description[description.index("Pay and benefits") : description.index("About Acme")]
    assert NEW_YORK in pay
    assert jsonld.problems(data) == []


def test_the_careers_page_shows_the_published_statement(posting, publish, client):
    state(posting.company, {"New York City": NEW_YORK})
    published, _ = publish(posting)
    edit_every_company_text(published.company)
    page = client.get(f"/jobs/{published.company.slug}/{published.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert NEW_YORK in html and "A newer pay statement." not in html
