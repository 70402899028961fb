"""The product end to end, the way its users meet it."""

import pytest
from django.contrib.auth import get_user_model

from hiring.models import Company, JobPosting, Membership
from hiring.tenancy.services import member_add

from .axe import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Machine Learning Engineer, Ranking"
AB_TESTING = "A/B testing & experimentation"


def log_into_admin(session, username):
    session.go("/admin/login/")
    session.page.fill("#id_username", username)
    session.page.fill("#id_password", "rolekit-demo")
    session.page.click("input[type=submit]")
    session.page.wait_for_selector("#site-name")


def log_into_review(session, username):
    session.go("/review/login/")
    session.page.fill("#id_username", username)
    session.page.fill("#id_password", "rolekit-demo")
    session.page.click("button[type=submit]")
    session.page.wait_for_selector("text=Awaiting your review")


def pick_autocomplete(page, row, text):
    """Choose `text` in the admin's select2 autocomplete of an inline row."""
    row.locator(".select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", text[:12])
    page.click(f".select2-results__option:has-text('{text}')")


def save_and_continue(page):
    page.click("input[name=_continue]")
    page.wait_for_load_state()


def recruiter_action(page, label):
    page.click(f"#posting-actions button:has-text('{label}')")
    page.wait_for_load_state()


def test_it_goes_from_a_new_posting_to_a_published_pdf(open_session):
    recruiter = open_session("recruiter")
    page = recruiter.page
    log_into_admin(recruiter, "recruiter")

    # A new MLE posting pre-filled from its role family.
    recruiter.go("/admin/hiring/jobposting/add/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_role_family", label="Machine Learning Engineer")
    page.select_option("#id_level", label="Senior ML Engineer")
    page.select_option("#id_hiring_manager", label="Hugo Manager")
    recruiter.shot("new-posting")
    save_and_continue(page)
    assert page.locator("#skills-group tr.has_original").count() > 5  # pre-filled

    # A/B testing as a heavy must-have: the drift finding and the lean chart show it.
    page.click("#skills-group .add-row a")
    row = page.locator("#skills-group tr.dynamic-skills").last
    pick_autocomplete(page, row, AB_TESTING)
    row.locator("select[name$='-emphasis']").select_option("3")
    row.locator("input[name$='-must_have']").check()  # a new row starts as nice-to-have
    save_and_continue(page)
    recruiter.shot("ab-testing-added")
    assert page.locator("#findings .finding[data-code='rules.W103']").count() == 1
    assert "A/B testing" in page.locator("#findings").inner_text()
    assert page.locator(".lean-chart svg").count() == 1

    # Fix it: take A/B testing off the posting.
    chosen = f".select2-selection__rendered[title='{AB_TESTING}']"
    ab_row = page.locator(f"#skills-group tr.has_original:has({chosen})")
    ab_row.locator("input[name$='-DELETE']").check()
    save_and_continue(page)
    assert page.locator("#findings .finding[data-code='rules.W103']").count() == 0
    recruiter.shot("fixed")

    # Build the rubric, then submit.
    change_url = page.url
    recruiter_action(page, "Build rubric from posting")
    assert "Add a criterion for" in page.content()  # a proposal, applied once confirmed
    page.get_by_role("button", name="Apply the ticked changes").click()
    page.wait_for_load_state()
    assert "Rubric built" in page.content()
    recruiter.shot("rubric")
    page.goto(change_url)
    recruiter_action(page, "Submit for review")
    assert "Submitted for review" in page.content()
    posting_url = page.url

    # The hiring manager asks for changes on /review/, on a phone.
    manager = open_session("manager", viewport={"width": 390, "height": 844})
    log_into_review(manager, "manager")
    manager.page.click(f"text={TITLE}")
    manager.shot("review-page")
    manager.page.check("input[name=decision][value=request_changes]")
    manager.page.fill("textarea[name=comment]", "Say which ranking models the team runs.")
    manager.page.click("#decision button[type=submit]")
    manager.shot("changes-requested")
    assert "decision" in manager.page.content() and "recorded" in manager.page.content()

    # The recruiter sees the comment and submits again.
    page.goto(posting_url)
    assert (
        "Say which ranking models the team runs." in page.locator("#posting-reviews").inner_text()
    )
    recruiter.shot("sees-comment")
    recruiter_action(page, "Submit for review")

    # The manager approves.
    manager.go("/review/")
    manager.page.click(f"text={TITLE}")
    manager.page.check("input[name=decision][value=approve]")
    manager.page.click("#decision button[type=submit]")
    manager.shot("approved")

    # The recruiter publishes, after reading what it does, and downloads the PDF.
    page.goto(posting_url)
    recruiter_action(page, "Publish")
    page.wait_for_selector(".publish-effects")
    recruiter.shot("publish-confirm")
    assert serious_violations(page) == []
    page.click("input[type=submit][value='Publish version 1']")
    page.wait_for_load_state()
    recruiter.shot("published")
    posting = JobPosting.objects.get(title=TITLE)
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.versions.count() == 1
    with page.expect_download() as download_info:
        page.click("#posting-exports a:has-text('PDF (A4)')")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_it_keeps_another_company_out(open_session):
    globex = Company.objects.create(name="Globex", slug="globex")
    member_add(
        company=globex,
        username="olga",
        password="rolekit-demo",
        role=Membership.Role.RECRUITER,
    )
    member_add(
        company=globex,
        username="oscar",
        password="rolekit-demo",
        role=Membership.Role.HIRING_MANAGER,
    )
    posting = JobPosting.objects.get(title="Machine Learning Engineer, Platform")
    rubric = posting.rubric

    outsider = open_session("outsider")
    log_into_admin(outsider, "olga")
    for path in (
        f"/admin/hiring/jobposting/{posting.pk}/change/",
        f"/admin/hiring/jobposting/{posting.pk}/preview/",
        f"/admin/hiring/jobposting/{posting.pk}/versions/",
        f"/admin/hiring/rubric/{rubric.pk}/change/",
    ):
        assert outsider.go(path).status == 404, path
    outsider.go("/admin/hiring/jobposting/")
    outsider.shot("own-list")
    assert "Northwind" not in outsider.page.content()
    assert posting.title not in outsider.page.content()

    manager = open_session("outside-manager")
    manager.go("/review/login/")
    manager.page.fill("#id_username", "oscar")
    manager.page.fill("#id_password", "rolekit-demo")
    manager.page.click("button[type=submit]")
    assert posting.title not in manager.page.content()
    assert manager.go(f"/review/postings/{posting.pk}/").status == 404
    manager.shot("review-404")
    assert get_user_model().objects.filter(username="olga").exists()


def test_it_shows_the_api_docs_and_the_browsable_api_without_csp_violations(open_session):
    session = open_session("integrator")
    log_into_admin(session, "recruiter")
    session.go("/api/docs/")
    session.page.wait_for_selector(".swagger-ui .info")
    session.shot("api-docs")
    session.go("/api/v1/postings/")
    session.page.wait_for_selector("text=Posting")
    session.shot("browsable-api")
    # open_session's teardown asserts that the console reported no CSP violation
