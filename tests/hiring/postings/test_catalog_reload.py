"""Reloading the catalog rewords blocks that postings show; a posting under review or
approved gets a note saying so, which the review page and the admin show."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from hiring.models import JobPosting, PostingNote, Review
from hiring.postings.services import CATALOG_CHANGE, CATALOG_REWORDED, posting_create
from hiring.postings.workflow import posting_publish, posting_review, posting_submit
from roles.models import Responsibility

Status = JobPosting.Status
DUTY = "frame-business-problems-as-data-questions"
DUTY_TEXT = "Frame business problems as data and machine-learning questions"


def reload_catalog(tmp_path, skills=None, duties=None):
    """Load the real catalog with some shared skills renamed and responsibilities reworded."""
    data = json.loads(settings.ROLEKIT_CATALOG_FIXTURE.read_text(encoding="utf-8"))
    for row in data["skills"]:
        row["name"] = (skills or {}).get(row["slug"], row["name"])
    for row in data["responsibilities"]:
        row["text"] = (duties or {}).get(row["slug"], row["text"])
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("load_catalog", str(path), verbosity=0)


@pytest.fixture
def make(acme, recruiter, hiring_manager, ds, skill):
    """A posting using shared `python` and DUTY, walked to `status`."""

    def make(status, title=None, duty_text=""):
        duty = Responsibility.objects.get(slug=DUTY, company__isnull=True)
        posting = posting_create(
            company=acme,
            title=title or f"DS {status}",
            role_family=ds,
            recruiter=recruiter,
            hiring_manager=hiring_manager,
            skills=[(skill("python"), True, 3), (skill("sql"), True, 2)],
            responsibilities=[duty],
        )
        if duty_text:
            posting.responsibilities.update(text=duty_text)
        if status != Status.DRAFT:
            posting_submit(posting=posting, by=recruiter)
        if status in (Status.APPROVED, Status.PUBLISHED):
            posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
        if status == Status.PUBLISHED:
            posting_publish(posting=posting, by=recruiter)
        return JobPosting.objects.get(pk=posting.pk)

    return make


def test_it_notes_a_renamed_skill_on_postings_in_review_or_approved(tmp_path, make):
    postings = {status: make(status) for status in Status if status != Status.ARCHIVED}

    reload_catalog(tmp_path, skills={"python": "Python 3"})

    for status in (Status.IN_REVIEW, Status.APPROVED):
        (note,) = PostingNote.objects.filter(posting=postings[status])
        assert note.kind == PostingNote.Kind.CATALOG_CHANGE
        assert note.text == CATALOG_REWORDED.format(
            changes=CATALOG_CHANGE.format(kind="skill", before="Python", after="Python 3")
        )
        posting = JobPosting.objects.get(pk=postings[status].pk)
        # The change is a new version: a decision or an ETag based on the old wording is stale.
        assert posting.version == postings[status].version + 1 == note.posting_version
    for status in (Status.DRAFT, Status.PUBLISHED):
        assert not PostingNote.objects.filter(posting=postings[status]).exists()


def test_it_notes_a_reworded_responsibility_unless_the_posting_has_its_own_words(tmp_path, make):
    catalog_words = make(Status.IN_REVIEW, title="Catalog words")
    own_words = make(Status.IN_REVIEW, title="Own words", duty_text="Ask good questions")

    reload_catalog(tmp_path, duties={DUTY: "Frame business problems as questions"})

    (note,) = PostingNote.objects.filter(posting=catalog_words)
    assert f"responsibility “{DUTY_TEXT}” is now “Frame business problems as questions”" in (
        note.text
    )
    assert not PostingNote.objects.filter(posting=own_words).exists()


def test_it_lists_every_change_of_one_reload_in_one_note(tmp_path, make):
    posting = make(Status.APPROVED)

    reload_catalog(tmp_path, skills={"python": "Python 3", "sql": "SQL (any dialect)"})

    (note,) = PostingNote.objects.filter(posting=posting)
    assert "“Python” is now “Python 3”" in note.text
    assert "“SQL” is now “SQL (any dialect)”" in note.text


def test_it_adds_no_note_when_a_reload_rewords_nothing(tmp_path, make):
    posting = make(Status.IN_REVIEW)

    reload_catalog(tmp_path)

    assert not PostingNote.objects.exists()
    assert JobPosting.objects.get(pk=posting.pk).version == posting.version


def test_it_shows_the_note_on_the_review_page_and_in_the_admin(
    tmp_path, make, client, hiring_manager, recruiter
):
    posting = make(Status.IN_REVIEW)
    reload_catalog(tmp_path, skills={"python": "Python 3"})

    client.force_login(hiring_manager)
    review_page = client.get(reverse("review:posting", args=[posting.pk])).content.decode()
    client.force_login(recruiter)
    admin_page = client.get(reverse("admin:hiring_jobposting_change", args=[posting.pk]))

    for content in (review_page, admin_page.content.decode()):
        assert "“Python” is now “Python 3”" in content
