"""Who may approve a posting or send it back: the queue, the review page, the decision and
the API agree, because they ask one rule (`selectors.postings_to_decide`).

Only the posting's hiring manager decides; when none is assigned, any hiring manager of
the company does. A hiring-manager API key decides for its company. A recruiter (or a
superuser) may hand the review to another manager of the company.
"""

import pytest
from django.urls import reverse

from hiring.integrations.keys import api_key_create
from hiring.models import JobPosting, Membership, Review
from hiring.postings.errors import NotAllowedError, PostingError
from hiring.postings.workflow import posting_reassign, posting_review, posting_submit

Status = JobPosting.Status
QUEUE = reverse("review:queue")

# (who, assigned to, may decide): every persona against a posting assigned to Hugo and
# one assigned to nobody.
TABLE = [
    ("hugo", "hugo", True),
    ("hugo", None, True),
    ("hana", "hugo", False),
    ("hana", None, True),
    ("oscar", "hugo", False),  # a manager at Globex
    ("oscar", None, False),
    ("rita", "hugo", False),  # Acme's recruiter
    ("rita", None, False),
    ("root", "hugo", False),  # a superuser reassigns, but does not decide
    ("root", None, False),
]


@pytest.fixture
def people(hiring_manager, second_manager, outside_manager, recruiter, superuser):
    return {
        user.username: user
        for user in (hiring_manager, second_manager, outside_manager, recruiter, superuser)
    }


@pytest.fixture
def in_review(posting, recruiter):
    posting_submit(posting=posting, by=recruiter)
    return JobPosting.objects.get(pk=posting.pk)


def assign(posting, username, people):
    """Who reviews it; nobody is left when the assigned manager's account was deleted."""
    JobPosting.objects.filter(pk=posting.pk).update(
        hiring_manager=people[username] if username else None
    )
    posting.refresh_from_db()
    return posting


def page(posting):
    return reverse("review:posting", args=[posting.pk])


@pytest.mark.parametrize(("who", "assigned", "may_decide"), TABLE)
def test_it_lists_shows_and_accepts_a_decision_only_for_who_may_decide(
    client, people, in_review, who, assigned, may_decide
):
    posting = assign(in_review, assigned, people)
    client.force_login(people[who])

    queue = client.get(QUEUE)
    detail = client.get(page(posting))
    decision = client.post(
        page(posting), {"decision": "approve", "expected_version": posting.version}
    )

    posting.refresh_from_db()
    if who == "oscar":  # another company's posting does not exist for him
        assert detail.status_code == decision.status_code == 404
    else:
        assert detail.status_code == 200
        assert ('name="decision"' in detail.content.decode()) is may_decide
        if assigned and not may_decide:
            assert "hugo decides on this posting" in detail.content.decode()
        assert decision.status_code == (302 if may_decide else 403)
    assert (posting.title in queue.content.decode()) is may_decide
    assert (posting.status == Status.APPROVED) is may_decide
    assert Review.objects.filter(posting=posting).exists() is may_decide


@pytest.mark.parametrize(("who", "assigned", "may_decide"), TABLE)
def test_it_lets_the_decision_service_follow_the_same_rule(
    people, in_review, who, assigned, may_decide
):
    posting = assign(in_review, assigned, people)
    if may_decide:
        posting_review(posting=posting, by=people[who], decision="approve")
        assert posting.status == Status.APPROVED
    else:
        with pytest.raises(NotAllowedError):
            posting_review(posting=posting, by=people[who], decision="approve")
        assert JobPosting.objects.get(pk=posting.pk).status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("who", "assigned", "status"),
    [
        ("hugo", "hugo", 200),
        ("hana", "hugo", 403),
        ("hana", None, 200),
        ("key", "hugo", 200),
        ("key", None, 200),
    ],
)
def test_it_applies_the_same_rule_to_the_api_approve_action(
    client, people, acme, in_review, who, assigned, status
):
    posting = assign(in_review, assigned, people)
    headers = {}
    if who == "key":
        _, token = api_key_create(
            company=acme, name="Approvals", scope="write", role=Membership.Role.HIRING_MANAGER
        )
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    else:
        client.force_login(people[who])

    response = client.post(
        f"/api/v1/postings/{posting.pk}/rubric/approve/",
        content_type="application/json",
        **headers,
    )

    assert response.status_code == status, response.content
    expected = Status.APPROVED if status == 200 else Status.IN_REVIEW
    assert JobPosting.objects.get(pk=posting.pk).status == expected


def test_it_lets_a_recruiter_hand_the_review_to_another_manager(
    client, people, recruiter, second_manager, hiring_manager, in_review
):
    client.force_login(recruiter)
    url = reverse("admin:hiring_reassign", args=[in_review.pk])
    form = client.get(url)
    assert form.status_code == 200 and "hana" in form.content.decode()

    opened_at = in_review.version

    response = client.post(url, {"hiring_manager": second_manager.pk})

    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.hiring_manager == second_manager
    # A decision form opened before the hand-over is stale.
    assert in_review.version == opened_at + 1
    client.force_login(second_manager)
    assert in_review.title in client.get(QUEUE).content.decode()
    client.force_login(hiring_manager)
    assert in_review.title not in client.get(QUEUE).content.decode()


def test_it_offers_only_the_companys_managers_to_take_over_a_review(
    client, recruiter, outside_manager, in_review
):
    client.force_login(recruiter)
    url = reverse("admin:hiring_reassign", args=[in_review.pk])
    response = client.post(url, {"hiring_manager": outside_manager.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert JobPosting.objects.get(pk=in_review.pk).hiring_manager.username == "hugo"


@pytest.mark.parametrize(
    ("who", "status", "allowed"),
    [
        ("rita", Status.IN_REVIEW, True),
        ("rita", Status.DRAFT, True),
        ("root", Status.IN_REVIEW, True),
        ("hugo", Status.IN_REVIEW, False),  # managers do not hand their reviews around
        ("hana", Status.IN_REVIEW, False),
        ("rita", Status.APPROVED, False),  # decided: there is no review to hand over
    ],
)
def test_it_lets_only_a_recruiter_or_superuser_reassign_a_pending_review(
    people, in_review, who, status, allowed
):
    JobPosting.objects.filter(pk=in_review.pk).update(status=status)
    in_review.refresh_from_db()
    hana = people["hana"]
    if allowed:
        posting_reassign(posting=in_review, hiring_manager=hana, by=people[who])
        assert JobPosting.objects.get(pk=in_review.pk).hiring_manager == hana
    else:
        with pytest.raises(PostingError):
            posting_reassign(posting=in_review, hiring_manager=hana, by=people[who])
        assert JobPosting.objects.get(pk=in_review.pk).hiring_manager.username == "hugo"


def test_it_refuses_to_hand_a_review_to_someone_who_is_not_a_manager_there(people, in_review):
    for user in (people["oscar"], people["rita"]):
        with pytest.raises(PostingError, match="not a hiring manager of Acme"):
            posting_reassign(posting=in_review, hiring_manager=user, by=people["rita"])
