"""A recruiter starts from the home page: New posting, the guided steps, the draft, submit;
on a 1366x900 screen and on a 390x844 phone."""

from urllib.parse import urlsplit

import pytest

from hiring.models import JobPosting

from .axe import serious_violations
from .test_flows import log_into_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# From the home page to a submitted posting: New posting, the family, the level,
# Continue, Create the draft, Submit for review. Each is one click and one page load;
# the places are typed, the pay, the title and the reviewer come filled in.
CLICKS = 6


def fits_the_width(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_a_recruiter_goes_from_home_to_a_submitted_posting(open_session, screen):
    recruiter = open_session(f"home-{screen}", viewport=SCREENS[screen])
    page = recruiter.page
    log_into_admin(recruiter, "recruiter")
    loads = []
    page.on("load", lambda: loads.append(page.url))
    clicks = 0

    def click(selector):
        nonlocal clicks
        clicks += 1
        page.click(selector)
        page.wait_for_load_state()

    recruiter.shot("home")
    assert page.locator("h2:has-text('Needs your action')").count() == 1
    assert "API keys" not in page.content() and "Salary bands" not in page.content()
    assert serious_violations(page) == []
    assert fits_the_width(page)

    click("a.home-new")
    recruiter.shot("family")
    assert serious_violations(page) == []
    click("button.guided-choice:has-text('Machine Learning Engineer')")
    recruiter.shot("level")
    levels = page.locator("button.guided-choice .guided-choice-name").all_inner_texts()
    assert "Senior ML Engineer" in levels and "Senior Data Scientist" not in levels
    assert serious_violations(page) == []
    click("button.guided-choice:has-text('Senior ML Engineer')")
    page.fill("#id_locations", "Denver, CO, US")
    recruiter.shot("places")
    assert serious_violations(page) == []
    click("input[type=submit][value='Continue to pay']")
    recruiter.shot("pay")
    assert "Colorado requires a pay range in the posting." in page.content()
    assert page.input_value("#id_salary_min") == "170000"
    assert serious_violations(page) == []
    assert fits_the_width(page)
    page.fill("#id_title", f"ML Engineer, Search ({screen})")
    click("input[type=submit][value='Create the draft']")
    recruiter.shot("draft")
    posting = JobPosting.objects.get(title=f"ML Engineer, Search ({screen})")
    assert page.url.endswith(f"/admin/hiring/jobposting/{posting.pk}/change/")
    assert page.locator(".field-version, .field-live_version").count() == 0

    click("#posting-actions button:has-text('Submit for review')")
    recruiter.shot("submitted")
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.IN_REVIEW
    assert (posting.salary_min, posting.salary_max) == (170000, 220000)
    # The log-in's own landing on home may report its load late, on a busy machine: it is
    # not a step of the journey, which never comes back to home.
    steps = [url for url in loads if urlsplit(url).path != "/admin/"]
    assert (clicks, len(steps)) == (CLICKS, CLICKS), loads


def test_the_postings_list_fits_1366_px_beside_the_sidebar(open_session):
    recruiter = open_session("postings-list")
    page = recruiter.page
    log_into_admin(recruiter, "recruiter")
    recruiter.go("/admin/hiring/jobposting/")
    recruiter.shot("1366")
    assert page.locator("#nav-sidebar").is_visible()
    assert fits_the_width(page)
    table = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert table["x"] + table["width"] <= filters["x"]  # nothing under the filters
    headers = page.locator("#result_list thead th").all_inner_texts()[1:]
    assert [header.strip().lower() for header in headers] == [
        "posting",
        "status",
        "open findings",
        "updated at",
    ]
