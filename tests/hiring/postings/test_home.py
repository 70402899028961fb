"""The recruiter's home, the admin index: postings by state, what needs action, decisions."""

import pytest
from django.urls import reverse

from hiring.models import JobPosting, Review
from hiring.postings.home import PER_STATE, recruiter_home
from hiring.postings.selectors import CHANGES_REQUESTED, postings_with_state
from hiring.postings.workflow import posting_review, posting_revise, posting_submit
from tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db

Status = JobPosting.Status
HOME = reverse("admin:index")


def state_of(posting) -> str:
    return postings_with_state(JobPosting.objects.filter(pk=posting.pk)).get().state


def send_back(posting, manager, comment="Drop the eight years."):
    posting_submit(posting=posting, by=posting.recruiter)
    posting_review(
        posting=posting, by=manager, decision=Review.Decision.REQUEST_CHANGES, comment=comment
    )


class TestChangesRequested:
    def test_a_draft_never_reviewed_is_a_draft(self, posting):
        assert state_of(posting) == Status.DRAFT

    def test_a_draft_sent_back_is_changes_requested(self, posting, hiring_manager):
        send_back(posting, hiring_manager)
        assert state_of(posting) == CHANGES_REQUESTED

    def test_resubmitting_moves_it_on(self, posting, hiring_manager):
        send_back(posting, hiring_manager)
        posting_submit(posting=posting, by=posting.recruiter)
        assert state_of(posting) == Status.IN_REVIEW

    def test_a_revision_after_approval_is_a_plain_draft(self, posting, hiring_manager):
        posting_submit(posting=posting, by=posting.recruiter)
        posting_review(posting=posting, by=hiring_manager, decision=Review.Decision.APPROVE)
        posting_revise(posting=posting, by=posting.recruiter)
        assert state_of(posting) == Status.DRAFT


def test_it_groups_my_postings_by_state_and_says_what_needs_action(
    posting, hiring_manager, recruiter, second_recruiter, acme, mle
):
    send_back(posting, hiring_manager)
    broken = JobPostingFactory(
        company=acme, role_family=mle, recruiter=recruiter, title="Broken", open_errors=2
    )
    JobPostingFactory(company=acme, role_family=mle, recruiter=second_recruiter, title="Remy's")
    JobPostingFactory(company=acme, role_family=mle, recruiter=recruiter, status=Status.ARCHIVED)

    home = recruiter_home(user=recruiter)

    by_state = {group.state: [p.title for p in group.postings] for group in home.groups}
    assert by_state == {
        Status.DRAFT: ["Broken"],
        CHANGES_REQUESTED: ["ML Engineer"],
        Status.IN_REVIEW: [],
        Status.APPROVED: [],
        Status.PUBLISHED: [],
    }
    assert [p.pk for p in home.actions] == [posting.pk, broken.pk]
    assert home.actions[0].latest_comment == "Drop the eight years."
    assert [(r.reviewer, r.decision) for r in home.decisions] == [
        (hiring_manager, Review.Decision.REQUEST_CHANGES)
    ]
    assert home.to_decide == []


def test_it_names_the_reviewer_and_quotes_a_section_comment_when_there_is_no_other(
    posting, hiring_manager, recruiter
):
    hiring_manager.first_name, hiring_manager.last_name = "Hugo", "Manager"
    hiring_manager.save()
    posting_submit(posting=posting, by=recruiter)
    posting_review(
        posting=posting,
        by=hiring_manager,
        decision=Review.Decision.REQUEST_CHANGES,
        comments=[{"section": "pay", "block": "", "text": "Show the top of the band."}],
    )

    (waiting,) = recruiter_home(user=recruiter).actions

    assert waiting.latest_reviewer == "Hugo Manager"
    assert waiting.latest_comment == "Show the top of the band."


def test_it_names_a_reviewer_without_a_name_by_their_login(posting, hiring_manager, recruiter):
    send_back(posting, hiring_manager)
    (waiting,) = recruiter_home(user=recruiter).actions
    assert waiting.latest_reviewer == hiring_manager.username


def test_it_shows_the_newest_few_of_each_state_with_its_total(recruiter, acme, mle):
    JobPostingFactory.create_batch(
        PER_STATE + 3, company=acme, role_family=mle, recruiter=recruiter
    )
    [drafts, *_] = recruiter_home(user=recruiter).groups
    assert (drafts.total, len(drafts.postings)) == (PER_STATE + 3, PER_STATE)
    assert drafts.postings == sorted(drafts.postings, key=lambda p: (p.updated_at, p.pk))[::-1]


def test_it_lists_a_managers_reviews_to_decide(posting, hiring_manager):
    posting_submit(posting=posting, by=posting.recruiter)
    assert recruiter_home(user=hiring_manager).to_decide == [posting]


def test_it_renders_the_home_in_queries_that_do_not_grow(
    client, recruiter, hiring_manager, acme, mle, django_assert_num_queries
):
    client.force_login(recruiter)
    for count in (2, 12):
        for posting in JobPostingFactory.create_batch(
            count, company=acme, role_family=mle, recruiter=recruiter, open_errors=1
        ):
            Review.objects.create(
                posting=posting,
                reviewer=hiring_manager,
                decision=Review.Decision.REQUEST_CHANGES,
                comment="Fix it.",
                posting_version=1,
            )
        # session, user, the user's and the groups' permissions, membership and company
        # (the scoping); the postings by state, what needs action, the latest decisions
        with django_assert_num_queries(9):
            page = client.get(HOME)
        assert page.status_code == 200


def test_the_home_says_it_in_plain_words(client, posting, hiring_manager, recruiter):
    send_back(posting, hiring_manager, comment="Eight years is not junior.")
    client.force_login(recruiter)
    page = client.get(HOME).content.decode()
    assert "New posting" in page
    assert "Changes requested by hugo: “Eight years is not junior.”" in page
    assert "hugo</strong>\n        asked for changes to" in page
    assert "rules." not in page and "mle-mid" not in page


@pytest.mark.parametrize(
    ("open_errors", "says"),
    [
        (0, "Approved: ready to publish"),
        (2, "Approved; 2 open errors to fix or acknowledge before publishing"),
    ],
)
def test_an_approved_posting_says_whether_it_can_be_published(
    client, recruiter, acme, mle, open_errors, says
):
    JobPostingFactory(
        company=acme,
        role_family=mle,
        recruiter=recruiter,
        status=Status.APPROVED,
        open_errors=open_errors,
    )
    client.force_login(recruiter)
    assert says in client.get(HOME).content.decode()
