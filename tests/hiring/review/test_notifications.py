"""Review e-mails: who hears of each transition, what they read, and that a missing address
or a failing mail server never gets in the way of the transition."""

import logging

import pytest

from hiring.models import JobPosting
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from hiring.review.notifications import posting_email_send

Status = JobPosting.Status


@pytest.fixture
def addressed(recruiter, hiring_manager):
    recruiter.email = "rita@acme.example"
    recruiter.save(update_fields=["email"])
    hiring_manager.email = "hugo@acme.example"
    hiring_manager.save(update_fields=["email"])


@pytest.fixture
def public_url(settings):
    settings.ROLEKIT_PUBLIC_URL = "https://jobs.acme.example"
    return settings.ROLEKIT_PUBLIC_URL


def submit(posting, recruiter, capture):
    with capture(execute=True):
        posting_submit(posting=posting, by=recruiter)


def test_it_asks_the_hiring_manager_to_review_a_submitted_posting(
    posting, recruiter, addressed, public_url, mailoutbox, django_capture_on_commit_callbacks
):
    submit(posting, recruiter, django_capture_on_commit_callbacks)
    [mail] = mailoutbox
    assert mail.to == ["hugo@acme.example"]
    assert mail.subject == "Please review: ML Engineer"
    assert f"{public_url}/review/postings/{posting.pk}/" in mail.body


def test_it_tells_the_recruiter_of_changes_requested_with_the_managers_comment(
    posting,
    recruiter,
    hiring_manager,
    addressed,
    public_url,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    submit(posting, recruiter, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting_review(
            posting=posting,
            by=hiring_manager,
            decision="request_changes",
            comment="Show the top of the band.",
        )
    [mail] = mailoutbox
    assert mail.to == ["rita@acme.example"]
    assert mail.subject == "Changes requested: ML Engineer"
    assert "Show the top of the band." in mail.body
    assert f"{public_url}/admin/hiring/jobposting/{posting.pk}/change/" in mail.body


def test_it_tells_the_recruiter_of_an_approval_then_both_of_publication(
    posting,
    recruiter,
    hiring_manager,
    addressed,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    submit(posting, recruiter, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting_review(posting=posting, by=hiring_manager, decision="approve")
    [mail] = mailoutbox
    assert (mail.to, mail.subject) == (["rita@acme.example"], "Approved: ML Engineer")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        posting_publish(posting=posting, by=recruiter)
    assert sorted(m.to[0] for m in mailoutbox) == ["hugo@acme.example", "rita@acme.example"]
    assert {m.subject for m in mailoutbox} == {"Published: ML Engineer"}


def test_it_sends_nothing_to_a_user_without_an_address(
    posting, recruiter, mailoutbox, django_capture_on_commit_callbacks
):
    submit(posting, recruiter, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert JobPosting.objects.get(pk=posting.pk).status == Status.IN_REVIEW


def test_it_sends_nothing_before_the_transition_commits(posting, recruiter, addressed, mailoutbox):
    posting_submit(posting=posting, by=recruiter)
    assert mailoutbox == []


def test_it_logs_a_mail_server_failure_and_keeps_the_transition(
    posting,
    recruiter,
    addressed,
    mailoutbox,
    caplog,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr("hiring.review.notifications.send_mail", refuse)
    with caplog.at_level(logging.ERROR, logger="hiring.review.notifications"):
        submit(posting, recruiter, django_capture_on_commit_callbacks)
    assert JobPosting.objects.get(pk=posting.pk).status == Status.IN_REVIEW
    assert "Could not send the submitted e-mail" in caplog.text


def test_it_sends_nothing_for_a_posting_deleted_before_the_worker_ran(db):
    assert posting_email_send(event="submitted", posting_id=0) == 0
