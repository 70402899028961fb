"""A posting's way from draft to published, and who may take each step."""

import pytest

from hiring.models import JobPosting, PostingVersion, Review
from hiring.postings.errors import PostingError
from hiring.postings.services import posting_save
from hiring.postings.versions import snapshot_diff
from hiring.postings.workflow import (
    posting_archive,
    posting_publish,
    posting_review,
    posting_revise,
    posting_submit,
)
from hiring.rubrics.services import rubric_build_from_posting

from .steps import walk

Status = JobPosting.Status


class TestFlow:
    def test_it_walks_draft_to_published_and_snapshots_it(self, draft, recruiter, hiring_manager):
        rubric_build_from_posting(posting=draft)
        walk(draft, recruiter, hiring_manager, "submit", "approve")
        assert draft.status == Status.APPROVED
        draft.rubric.refresh_from_db()
        assert draft.rubric.approved_by == hiring_manager
        version = posting_publish(posting=draft, by=recruiter)
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED
        assert draft.published_version == version and version.number == 1
        assert version.snapshot["title"] == "Senior Data Scientist"
        assert len(version.snapshot["skills"]) == draft.skills.count()
        assert version.snapshot["rubric"]

    def test_it_revises_a_published_posting_without_touching_the_live_version(
        self, draft, recruiter, hiring_manager
    ):
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        live = draft.published_version.snapshot
        posting_revise(posting=draft, by=recruiter)
        draft.title = "Staff Data Scientist"
        posting_save(posting=draft, expected_version=draft.version, by=recruiter)
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert draft.published_version.snapshot == live
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        numbers = list(draft.versions.order_by("number").values_list("number", flat=True))
        assert numbers == [1, 2]
        changes = snapshot_diff(*[v.snapshot for v in draft.versions.order_by("number")])
        assert any(c.field == "title" and c.after == "Staff Data Scientist" for c in changes)

    def test_it_never_rewrites_a_version(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit", "approve", "publish")
        version = draft.published_version
        version.snapshot = {"title": "rewritten"}
        with pytest.raises(ValueError, match="immutable"):
            version.save()
        assert PostingVersion.objects.get(pk=version.pk).snapshot["title"] != "rewritten"

    def test_it_archives_and_then_refuses_everything(self, draft, recruiter):
        posting_archive(posting=draft, by=recruiter)
        assert draft.status == Status.ARCHIVED
        for service in (posting_submit, posting_revise):
            with pytest.raises(PostingError, match="archived cannot be"):
                service(posting=draft, by=recruiter)
        with pytest.raises(PostingError, match="Only a draft"):
            posting_save(posting=draft, expected_version=draft.version)

    def test_it_sends_a_posting_back_with_a_comment(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit")
        review = posting_review(
            posting=draft, by=hiring_manager, decision="request_changes", comment="Too long."
        )
        assert draft.status == Status.CHANGES_REQUESTED and review.comment == "Too long."

    def test_it_requires_a_comment_to_request_changes(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit")
        with pytest.raises(PostingError, match="comment is required"):
            posting_review(
                posting=draft, by=hiring_manager, decision="request_changes", comment="  "
            )
        assert not Review.objects.exists()

    @pytest.mark.parametrize(
        ("steps", "action", "message"),
        [
            ((), "approve", "draft cannot be approved"),
            ((), "publish", "draft cannot be published"),
            (("submit",), "publish", "in review cannot be published"),
            (("submit",), "submit", "in review cannot be submitted"),
            (("submit", "approve"), "approve", "approved cannot be approved"),
            (("submit", "approve", "publish"), "submit", "published cannot be submitted"),
        ],
    )
    def test_it_refuses_illegal_transitions_with_a_clear_error(
        self, draft, recruiter, hiring_manager, steps, action, message
    ):
        walk(draft, recruiter, hiring_manager, *steps)
        before = draft.status
        with pytest.raises(PostingError, match=message):
            walk(draft, recruiter, hiring_manager, action)
        draft.refresh_from_db()
        assert draft.status == before

    def test_it_lets_only_a_hiring_manager_approve(
        self, draft, recruiter, second_recruiter, outside_manager, superuser, hiring_manager
    ):
        walk(draft, recruiter, hiring_manager, "submit")
        for user in (recruiter, second_recruiter, outside_manager, superuser):
            with pytest.raises(PostingError, match="Only a hiring manager"):
                posting_review(posting=draft, by=user, decision="approve")
        assert draft.status == Status.IN_REVIEW

    def test_it_refuses_a_hiring_manager_publishing(self, draft, recruiter, hiring_manager):
        walk(draft, recruiter, hiring_manager, "submit", "approve")
        with pytest.raises(PostingError, match="Only a recruiter"):
            posting_publish(posting=draft, by=hiring_manager)

    def test_it_needs_a_hiring_manager_before_submitting(self, draft, recruiter):
        draft.hiring_manager = None
        draft.save()
        with pytest.raises(PostingError, match="Choose the hiring manager"):
            posting_submit(posting=draft, by=recruiter)
