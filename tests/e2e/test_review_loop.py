"""The review loop in the browser: the manager asks for changes on a section, the
recruiter sees the state and the comment beside it, fixes it and resubmits, and the
manager sees what changed before approving."""

import pytest
from django.utils import timezone

from hiring.exports.signoff import long_date
from hiring.models import JobPosting
from tests.exports import pdfs

from .axe import serious_violations
from .test_flows import log_into_admin, log_into_review, recruiter_action, save_and_continue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Machine Learning Engineer, Platform"  # in review in the demo
PAY_COMMENT = "Show the top of the band: candidates in Colorado expect it."
SKILL_COMMENT = "Say how many years of this the role needs."


def open_posting(session):
    session.go("/review/")
    session.page.click(f"text={TITLE}")
    session.page.wait_for_selector("#posting")


def test_it_follows_a_request_for_changes_to_an_approval(open_session):
    # The manager, on a laptop, asks for changes on the pay and on one skill.
    manager = open_session("loop-manager")
    log_into_review(manager, "manager")
    open_posting(manager)
    assert manager.page.locator("#since").count() == 0  # no decision yet
    assert serious_violations(manager.page) == []
    page = manager.page
    page.check("input[name=decision][value=request_changes]")
    page.fill("textarea[name=pay_comment]", PAY_COMMENT)
    skill = page.locator("select[name=requirements_block] option").nth(1).inner_text()
    page.select_option("select[name=requirements_block]", label=skill)
    page.fill("textarea[name=requirements_comment]", SKILL_COMMENT)
    manager.shot("asks-for-changes")
    page.click("#decision button[type=submit]")
    page.wait_for_selector(".messages")
    posting = JobPosting.objects.get(title=TITLE)
    assert posting.status == JobPosting.Status.CHANGES_REQUESTED

    # The recruiter's home says it waits on them, with the manager's words.
    recruiter = open_session("loop-recruiter")
    log_into_admin(recruiter, "recruiter")
    admin = recruiter.page
    recruiter.go("/admin/")
    waiting = admin.locator(f".home-action:has-text('{TITLE}')")
    assert waiting.locator(".home-why.changes").inner_text().startswith("Changes requested")
    recruiter.shot("home-badge")

    # It finds it in the list, then the comments beside their sections.
    recruiter.go("/admin/hiring/jobposting/?status__exact=changes_requested")
    row = admin.locator(f"#result_list tr:has-text('{TITLE}')")
    assert row.locator(".status-badge.changes_requested").inner_text() == "Changes requested"
    recruiter.shot("list-filtered")
    admin.click(f"text={TITLE}")
    admin.wait_for_selector("#changes-requested")
    beside = admin.locator(".review-section-comments")
    assert PAY_COMMENT in beside.first.inner_text() + beside.last.inner_text()
    assert (
        f"{skill}: {SKILL_COMMENT}"
        in admin.locator(".review-section-comments").all_inner_texts()[-1]
    )
    recruiter.shot("sees-state")
    beside.first.scroll_into_view_if_needed()
    recruiter.shot("sees-pay-comment")
    beside.last.scroll_into_view_if_needed()
    recruiter.shot("sees-skill-comment")

    # It raises the top of the band and resubmits.
    admin.fill("#id_salary_max", "175000")
    save_and_continue(admin)
    recruiter_action(admin, "Resubmit for review")
    assert "Submitted for review" in admin.content()
    recruiter.shot("resubmitted")

    # The manager, now on a phone, opens on what changed and approves.
    phone = open_session("loop-manager-phone", viewport={"width": 390, "height": 844})
    log_into_review(phone, "manager")
    open_posting(phone)
    since = phone.page.locator("#since").inner_text()
    assert "What changed since your last decision" in since
    assert "Pay: 135,000–160,000 USD per year → 135,000–175,000 USD per year" in since
    phone.shot("sees-what-changed")
    assert serious_violations(phone.page) == []
    phone.page.locator("#section-comments").scroll_into_view_if_needed()
    phone.shot("decision-form")
    phone.page.check("input[name=decision][value=approve]")
    phone.page.click("#decision button[type=submit]")
    phone.page.wait_for_selector(".messages")
    phone.shot("approved")
    assert JobPosting.objects.get(pk=posting.pk).status == JobPosting.Status.APPROVED

    # The sign-off packet now records the approval: who, when, which version.
    decision = posting.reviews.latest("created_at")
    packet = phone.page.request.get(f"{phone.base_url}/review/postings/{posting.pk}/packet/")
    assert packet.ok
    assert "-approved-" in packet.headers["content-disposition"]
    words = pdfs.text(packet.body())
    assert "DRAFT" not in words
    manager_name = decision.reviewer.get_full_name() or decision.reviewer.username
    on = long_date(timezone.localdate(decision.created_at))
    assert f"Approved by {manager_name} on {on}, version {decision.posting_version}" in words
    assert PAY_COMMENT in words  # the review history travels with it
