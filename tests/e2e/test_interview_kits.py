"""Interview kits in the browser: the manager sees who runs which stage and downloads the
kit printed for one interviewer; the recruiter sees the same on the rubric's page."""

from pathlib import Path

import pytest

from hiring.models import JobPosting
from tests.exports import pdfs

from .axe import serious_violations
from .test_flows import log_into_admin, log_into_review

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Machine Learning Engineer, Platform"  # in review in the demo, its stages staffed


@pytest.mark.parametrize("width", [1366, 390])
def test_the_manager_downloads_an_interviewers_kit(open_session, width):
    manager = open_session(f"kits-manager-{width}", viewport={"width": width, "height": 900})
    log_into_review(manager, "manager")
    posting = JobPosting.objects.get(title=TITLE)
    manager.go(f"/review/postings/{posting.pk}/")
    page = manager.page
    staff = page.locator(".staff")
    assert "Hugo Manager" in staff.locator(".staff-table").inner_text()
    staff.scroll_into_view_if_needed()
    manager.shot("interviewers")
    assert serious_violations(page) == []
    # Nothing runs off the side of a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    with page.expect_download() as download:
        page.click("text=Kit for Hugo Manager")
    kit = download.value
    assert kit.suggested_filename.endswith("-interview-kit-hugo-manager.pdf")
    text = pdfs.text(Path(kit.path()).read_bytes())
    assert "Interview kit for Hugo Manager" in text


def test_the_recruiter_sees_the_interviewers_and_their_kits(open_session):
    recruiter = open_session("kits-recruiter")
    log_into_admin(recruiter, "recruiter")
    posting = JobPosting.objects.get(title="Machine Learning Engineer, Growth")  # a draft
    recruiter.go(f"/admin/hiring/rubric/{posting.rubric.pk}/change/")
    page = recruiter.page
    group = page.locator("#interviewers-group")
    assert group.locator("select[name$='-interviewer']").count() >= 2
    group.scroll_into_view_if_needed()
    recruiter.shot("interviewers")
    links = page.locator(".field-interview_kits a")
    assert links.first.inner_text() == "Whole kit"
    assert "For Hugo Manager" in page.locator(".field-interview_kits").inner_text()
