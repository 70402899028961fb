"""The company's texts (benefits, equal opportunity, accommodations): set once, used by
every posting that leaves them blank, and frozen into each published version."""

from hiring.exports import jsonld
from hiring.exports.document import document_for
from hiring.exports.formats import get_exporter
from hiring.models import JobPosting

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
