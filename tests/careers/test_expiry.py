"""Postings past their last day leave the careers page: at once for visitors, and archived
(with the archive webhook) by the hourly sweep."""

import signal
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hiring.careers import tasks
from hiring.careers.services import postings_expire
from hiring.management.commands import run_worker
from hiring.models import JobPosting
from hiring.postings import workflow


def page_status(client, posting):
    return client.get(reverse("careers:posting", args=["acme", posting.slug])).status_code


def test_it_gives_a_posting_the_company_default_last_day_on_publish(acme, make_posting, publish):
    acme.posting_days = 30
    acme.save()
    posting = publish(make_posting())
    assert posting.valid_through == timezone.localdate() + timedelta(days=30)


def test_it_keeps_the_last_day_the_recruiter_chose(make_posting, publish):
    chosen = timezone.localdate() + timedelta(days=10)
    assert publish(make_posting(valid_through=chosen)).valid_through == chosen


def test_it_takes_an_expired_posting_down_and_archives_it_in_the_sweep(client, clock, live):
    last_day = live.valid_through
    clock.now = clock.now.replace(year=last_day.year, month=last_day.month, day=last_day.day)
    assert page_status(client, live) == 200
    assert postings_expire() == []

    clock.advance(days=1)
    # Visitors see it gone before the sweep runs: the day is part of every page's key.
    assert page_status(client, live) == 410
    board = client.get(reverse("careers:board", args=["acme"])).content.decode()
    assert "No open jobs" in board

    assert [p.pk for p in postings_expire()] == [live.pk]
    assert JobPosting.objects.get(pk=live.pk).status == JobPosting.Status.ARCHIVED
    assert page_status(client, live) == 410
    assert postings_expire() == []  # nothing left to do


def test_it_sends_the_archive_webhook_for_an_expired_posting(
    clock, live, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(workflow.events, "emit", lambda *event: sent.append(event))
    clock.advance(days=(live.valid_through - timezone.localdate()).days + 1)
    with django_capture_on_commit_callbacks(execute=True):
        postings_expire()
    assert sent == [("posting.archived", live.pk)]


@pytest.mark.parametrize("status", ["draft", "in_review", "approved", "archived"])
def test_it_leaves_postings_that_are_not_published_alone(clock, make_posting, status):
    posting = make_posting(valid_through=timezone.localdate() - timedelta(days=5))
    JobPosting.objects.filter(pk=posting.pk).update(status=status)
    assert postings_expire() == []
    assert JobPosting.objects.get(pk=posting.pk).status == status


def test_it_runs_as_a_command(clock, live, capsys):
    clock.advance(days=365)
    call_command("expire_postings")
    assert "1 expired posting(s) archived." in capsys.readouterr().out
    assert JobPosting.objects.get(pk=live.pk).status == JobPosting.Status.ARCHIVED


class Queued:
    """Stands in for the task: records each enqueue."""

    def __init__(self, calls):
        self.enqueue = lambda: calls.append(1)


class OneRound(run_worker.Command):
    """run_worker around a db_worker that fails at once: the command stops after one round."""

    def worker_command(self, *, queue_name, recycle_after):
        return [sys.executable, "-c", "raise SystemExit(3)"]


@pytest.mark.parametrize("due_in, queued", [(0, 1), (3600, 0)])
def test_it_is_queued_by_the_worker_when_due(monkeypatch, due_in, queued):
    calls = []
    monkeypatch.setattr(tasks, "expire_postings", Queued(calls))
    command = OneRound()
    due = command.sweep_when_due(run_worker.time.monotonic() + due_in)
    assert len(calls) == queued
    assert due > run_worker.time.monotonic() + 3500


def test_it_is_queued_as_the_worker_starts(monkeypatch):
    calls = []
    monkeypatch.setattr(tasks, "expire_postings", Queued(calls))
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        with pytest.raises(SystemExit):
            call_command(OneRound(), recycle_after=1)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert calls == [1]
