"""Publish asks first, and says what publishing does: a frozen version, the exports, the
webhooks to the ATS."""

import re

import pytest
from django.urls import reverse

from hiring.models import JobPosting, Review, WebhookDelivery
from hiring.postings import workflow
from hiring.postings.services import posting_save
from hiring.webhooks import events
from hiring.webhooks.endpoints import endpoint_create

ATS = "https://ats.example.com/rolekit"


@pytest.fixture(autouse=True)
def public_receivers(settings):
    settings.ROLEKIT_WEBHOOKS_ALLOW_PRIVATE = True


def approve(posting, recruiter, hiring_manager):
    workflow.posting_submit(posting=posting, by=recruiter)
    workflow.posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
    posting.refresh_from_db()
    return posting


@pytest.fixture
def approved(posting, recruiter, hiring_manager):
    """Acme's MLE posting, approved, with the place and pay Colorado asks for."""
    posting.locations = "Denver, CO, US"
    posting.salary_min, posting.salary_max = 140_000, 180_000
    posting_save(posting=posting, expected_version=posting.version)
    return approve(posting, recruiter, hiring_manager)


def confirm_url(posting):
    return reverse("admin:hiring_publish", args=[posting.pk])


def test_the_change_page_publish_button_asks_first(client, recruiter, approved):
    client.force_login(recruiter)
    content = client.get(
        reverse("admin:hiring_jobposting_change", args=[approved.pk])
    ).content.decode()
    form = re.search(r'<form id="action-publish"[^>]*>', content).group(0)
    assert 'method="get"' in form and f'action="{confirm_url(approved)}"' in form


def test_it_says_what_publishing_does_and_changes_nothing(
    client, recruiter, approved, acme, globex
):
    endpoint_create(
        company=acme, url=ATS, events=[events.POSTING_PUBLISHED], description="Greenhouse"
    )
    endpoint_create(company=acme, url=ATS + "/archive", events=[events.POSTING_ARCHIVED])
    endpoint_create(company=acme, url=ATS + "/off", events=[events.POSTING_PUBLISHED], active=False)
    endpoint_create(company=globex, url=ATS + "/globex", events=[events.POSTING_PUBLISHED])
    client.force_login(recruiter)

    response = client.get(confirm_url(approved))

    content = response.content.decode()
    assert response.status_code == 200
    assert "saved as version 1" in content and "It never changes" in content
    assert "JSON-LD for job boards show version 1" in content
    assert "goes to 1 webhook endpoint," in content
    assert f"{ATS} (Greenhouse)" in content and "/globex" not in content and "/off" not in content
    assert 'value="Publish version 1"' in content
    assert "rules." not in content
    approved.refresh_from_db()
    assert approved.status == JobPosting.Status.APPROVED
    assert not approved.versions.exists() and not WebhookDelivery.objects.exists()


def test_its_button_publishes(client, recruiter, approved):
    client.force_login(recruiter)
    content = client.get(confirm_url(approved)).content.decode()
    action = re.search(r'<form method="post" action="([^"]+)"', content).group(1)

    response = client.post(action)

    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == JobPosting.Status.PUBLISHED
    assert approved.published_version.number == 1


def test_a_second_publish_names_the_version_it_replaces(
    client, recruiter, hiring_manager, approved
):
    workflow.posting_publish(posting=approved, by=recruiter)
    workflow.posting_revise(posting=approved, by=recruiter)
    approve(approved, recruiter, hiring_manager)
    client.force_login(recruiter)

    content = client.get(confirm_url(approved)).content.decode()

    assert "saved as version 2, which replaces version 1" in content
    assert "No webhook endpoint of your company listens" in content


def test_open_errors_are_listed_and_there_is_no_publish_button(
    client, recruiter, hiring_manager, posting
):
    posting.locations = "Denver, CO, US"  # Colorado asks for a pay range; there is none
    posting_save(posting=posting, expected_version=posting.version)
    approve(posting, recruiter, hiring_manager)
    client.force_login(recruiter)

    content = client.get(confirm_url(posting)).content.decode()

    assert "It cannot be published yet" in content
    assert "Publish version" not in content
    assert f"/admin/hiring/jobposting/{posting.pk}/change/#findings" in content
    assert "Back to the posting" in content and "Cancel: nothing changes" not in content


def test_a_draft_is_told_it_needs_an_approval(client, recruiter, posting):
    client.force_login(recruiter)
    content = client.get(confirm_url(posting)).content.decode()
    assert "only an approved posting can be published" in content
    assert "Publish version" not in content


def test_another_company_finds_nothing(client, outsider, approved):
    client.force_login(outsider)
    assert client.get(confirm_url(approved)).status_code == 404


@pytest.mark.parametrize(
    ("apply_url", "warned"), [("", True), ("https://ats.example/jobs/1/apply", False)]
)
def test_it_warns_when_candidates_would_have_no_apply_link(
    client, recruiter, hiring_manager, posting, apply_url, warned
):
    posting.apply_url = apply_url
    posting_save(posting=posting, expected_version=posting.version)
    approve(posting, recruiter, hiring_manager)
    client.force_login(recruiter)
    content = client.get(confirm_url(posting)).content.decode()
    assert ("It has no apply link" in content) is warned


def archive_url(posting):
    return reverse("admin:hiring_archive", args=[posting.pk])


def test_archiving_a_live_posting_asks_first_and_says_it_leaves_the_careers_page(
    client, recruiter, hiring_manager, posting
):
    approve(posting, recruiter, hiring_manager)
    workflow.posting_publish(posting=posting, by=recruiter)
    client.force_login(recruiter)

    change = client.get(reverse("admin:hiring_jobposting_change", args=[posting.pk]))
    assert f'id="action-archive" method="get" action="{archive_url(posting)}"' in (
        change.content.decode()
    )
    content = client.get(archive_url(posting)).content.decode()

    assert "This posting is live" in content and "careers page" in content
    assert 'value="Archive it"' in content
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED  # asking changed nothing


def test_archiving_a_draft_says_candidates_see_no_change(client, recruiter, posting):
    client.force_login(recruiter)
    content = client.get(archive_url(posting)).content.decode()
    assert "candidates see no change" in content


def test_another_companys_posting_has_no_archive_page(client, outsider, posting):
    client.force_login(outsider)
    assert client.get(archive_url(posting)).status_code == 404
