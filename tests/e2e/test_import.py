"""A recruiter turns an existing job ad into a draft from the Analyse page."""

import pytest

from benchmarks import evaluation
from benchmarks.eval import DEFAULT_FILE
from hiring.models import JobPosting

from .axe import serious_violations
from .test_flows import log_into_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DS_AD = next(ad for ad in evaluation.load(DEFAULT_FILE) if ad.id == "dev-039")
ANALYSE = "/admin/hiring/jobposting/analyse/"


def test_a_recruiter_imports_a_real_ds_posting_and_gets_a_ds_draft(open_session):
    recruiter = open_session("import")
    page = recruiter.page
    log_into_admin(recruiter, "recruiter")

    recruiter.go(ANALYSE)
    assert serious_violations(page) == []
    page.fill("#id_title", DS_AD.title)
    page.fill("#id_text", DS_AD.text)
    page.click("input[type=submit][value=Analyse]")
    page.wait_for_selector("ul.matches")
    recruiter.shot("analysed")
    assert "Read as: Data Scientist" in page.content()
    assert serious_violations(page) == []

    page.click("input[type=submit][value='Create a draft from this text']")
    page.wait_for_selector("#jobposting_form")
    recruiter.shot("draft")

    posting = JobPosting.objects.get(title=DS_AD.title)
    assert page.url.endswith(f"/admin/hiring/jobposting/{posting.pk}/change/")
    assert page.locator("#id_role_family option:checked").inner_text() == "Data Scientist"
    messages = page.locator("ul.messagelist").inner_text()
    assert "Imported" in messages and "Kept in the summary" in messages
    assert "rules." not in messages
    assert page.input_value("#id_summary").strip()
    duties = page.eval_on_selector_all(
        "#responsibilities-group input[name$='-text']", "inputs => inputs.map(i => i.value)"
    )
    assert [d for d in duties if d] == [d.text for d in posting.responsibilities.all()]
    page.locator("#responsibilities-group").scroll_into_view_if_needed()
    recruiter.shot("duties")
