"""A recruiter composes a posting with live guidance: findings appear while typing."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from hiring.models import JobPosting

from .test_flows import log_into_admin, pick_autocomplete, recruiter_action

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Machine Learning Engineer, Search Ranking"
AB_TESTING = "A/B testing & experimentation"
DRIFT = "#findings .finding[data-code='rules.W103']"


def serious_axe_violations(page):
    """axe-core's critical and serious violations on the page, as (rule, first node)."""
    result = Axe().run(page)
    return [
        (v["id"], v["nodes"][0]["target"], v["nodes"][0].get("failureSummary", ""))
        for v in result.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def new_mle_draft(session):
    page = session.page
    session.go("/admin/hiring/jobposting/add/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_role_family", label="Machine Learning Engineer")
    page.select_option("#id_level", label="Senior ML Engineer")
    page.select_option("#id_hiring_manager", label="Hugo Manager")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    return JobPosting.objects.get(title=TITLE)


@pytest.mark.parametrize(
    ("name", "viewport"),
    [
        ("compose-desktop", {"width": 1366, "height": 900}),
        ("compose-phone", {"width": 390, "height": 844}),
    ],
)
def test_it_shows_a_finding_while_typing_and_submits_the_fixed_posting(
    open_session, name, viewport
):
    recruiter = open_session(name, viewport=viewport)
    page = recruiter.page
    log_into_admin(recruiter, "recruiter")
    posting = new_mle_draft(recruiter)
    skills_before = posting.skills.count()
    assert serious_axe_violations(page) == []
    recruiter.shot("draft")

    # A/B testing as a heavy must-have: the finding shows up without saving, beside the row.
    page.click("#skills-group .add-row a")
    row = page.locator("#skills-group tr.dynamic-skills").last
    assert not row.locator("input[name$='-must_have']").is_checked()  # nice-to-have first
    pick_autocomplete(page, row, AB_TESTING)
    row.locator("input[name$='-must_have']").check()
    row.locator("select[name$='-emphasis']").select_option("3")
    page.wait_for_selector(DRIFT)
    page.wait_for_selector("#skills-group .guidance-row .inline-finding.warning")
    assert "A/B testing" in page.locator("#skills-group .guidance-row").inner_text()
    assert posting.skills.count() == skills_before  # nothing was saved
    row.scroll_into_view_if_needed()
    recruiter.shot("finding-while-typing")

    # Language: the flagged word is marked in a preview, with a neutral word to use.
    page.fill("#id_summary", "You are an aggressive engineer who ships ranking models.")
    page.wait_for_selector(".field-summary .marked-text mark")
    assert "(try “bold”)" in page.locator(".field-summary .marked-text").inner_text()
    page.locator(".field-summary").scroll_into_view_if_needed()
    recruiter.shot("word-marked")
    assert serious_axe_violations(page) == []

    # Fix both: drop the new row and reword the summary; the findings go, still unsaved.
    row.locator(".inline-deletelink").click()
    page.fill("#id_summary", "You will ship ranking models with a friendly team.")
    page.wait_for_selector(DRIFT, state="detached")
    page.wait_for_selector(".field-summary .marked-text", state="detached")
    recruiter.shot("fixed")

    page.click("input[name=_continue]")
    page.wait_for_load_state()
    assert page.locator(DRIFT).count() == 0
    recruiter_action(page, "Submit for review")
    assert "Submitted for review" in page.content()
    recruiter.shot("submitted")
    assert JobPosting.objects.get(pk=posting.pk).status == JobPosting.Status.IN_REVIEW
