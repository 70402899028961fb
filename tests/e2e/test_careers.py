"""The careers page end to end: a recruiter publishes in the admin, an anonymous visitor
finds the posting on the board, reads it, opens its PDF; archived, it is gone (410).
Every public page is checked with axe-core, on a desktop and on a phone."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from hiring import exports
from hiring.models import JobPosting

from .test_flows import log_into_admin, recruiter_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Data Scientist, Marketing Analytics"
BOARD = "/jobs/northwind-analytics/"
PHONE = {"width": 390, "height": 844}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def page_json_ld(page) -> dict:
    return json.loads(page.locator("script[type='application/ld+json']").text_content())


def test_a_published_posting_reaches_the_careers_page_and_leaves_it(open_session):
    recruiter = open_session("careers-recruiter")
    log_into_admin(recruiter, "recruiter")
    posting = JobPosting.objects.get(title=TITLE)
    recruiter.go(f"/admin/hiring/jobposting/{posting.pk}/change/")
    # The demo leaves one error open on it: the recruiter accepts it, then publishes.
    for error in recruiter.page.locator("#findings .finding.error").all():
        error.locator("input[type=text], textarea").first.fill("Assessed in the case study.")
        error.get_by_role("button", name="Acknowledge").click()
        recruiter.page.wait_for_load_state()
    recruiter_action(recruiter.page, "Publish")
    # Publishing asks first, and says where the posting goes.
    careers = recruiter.page.locator(".publish-careers")
    assert "careers page" in careers.inner_text()
    assert careers.get_by_role("link").get_attribute("href") == BOARD
    recruiter.shot("publish-confirm")
    recruiter.page.click("input[type=submit][value^='Publish version']")
    recruiter.page.wait_for_load_state()
    recruiter.shot("published")
    posting = JobPosting.objects.get(pk=posting.pk)
    assert posting.status == JobPosting.Status.PUBLISHED

    visitor = open_session("careers-visitor")
    page = visitor.page
    response = visitor.go(BOARD)
    assert response.status == 200
    visitor.shot("board")
    assert serious_violations(page) == []
    assert page.locator("h1").inner_text() == "Jobs at Northwind Analytics"

    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{BOARD}{posting.slug}/")
    visitor.shot("posting")
    assert serious_violations(page) == []
    assert page.locator("h1").inner_text() == TITLE

    # The JSON-LD in the page is the export's, but for `url`: the page is the canonical one.
    shown = page_json_ld(page)
    exported = json.loads(exports.export(posting, "jsonld").content)
    assert shown["url"] == exported["url"] == f"http://127.0.0.1:8000{BOARD}{posting.slug}/"
    assert {k: v for k, v in shown.items() if k != "url"} == {
        k: v for k, v in exported.items() if k != "url"
    }

    pdf_link = page.get_by_role("link", name="Download the posting as a PDF")
    pdf = visitor.context.request.get(visitor.base_url + pdf_link.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    recruiter.go(f"/admin/hiring/jobposting/{posting.pk}/change/")
    recruiter_action(recruiter.page, "Archive")
    # Archiving a live posting asks first and says it leaves the careers page.
    assert "This posting is live" in recruiter.page.content()
    recruiter.shot("archive-confirm")
    recruiter.page.click("input[value='Archive it']")
    recruiter.page.wait_for_load_state()
    response = page.reload()
    assert response.status == 410
    visitor.shot("gone")
    assert serious_violations(page) == []
    page.get_by_role("link", name="See the jobs open at Northwind Analytics").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name=TITLE).count() == 0


def test_the_careers_pages_work_on_a_phone(open_session):
    phone = open_session("careers-phone", viewport=PHONE)
    page = phone.page
    phone.go(BOARD)
    phone.shot("board")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []

    page.get_by_role("link", name="Senior Data Scientist, Experimentation").click()
    page.wait_for_load_state()
    phone.shot("posting")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []
    # The PDF link is a finger-sized target (WCAG 2.2: at least 24 px).
    pdf = page.get_by_role("link", name="Download the posting as a PDF")
    assert pdf.bounding_box()["height"] >= 24
    # Keyboard: the skip link comes first and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
