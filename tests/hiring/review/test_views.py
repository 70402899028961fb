import pytest
from django.urls import reverse

from hiring.models import JobPosting, Review
from hiring.postings.workflow import posting_review, posting_submit

QUEUE = reverse("review:queue")


@pytest.fixture
def submitted(posting, recruiter):
    posting_submit(posting=posting, by=recruiter)
    return posting


def page(posting):
    return reverse("review:posting", args=[posting.pk])


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and reverse("review:login") in response["Location"]


def test_it_logs_a_hiring_manager_in(client, hiring_manager):
    response = client.post(reverse("review:login"), {"username": "hugo", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == QUEUE


def test_it_queues_postings_awaiting_the_manager(client, hiring_manager, submitted):
    client.force_login(hiring_manager)
    response = client.get(QUEUE)
    assert submitted.title in response.content.decode()


def test_it_shows_posting_and_rubric_side_by_side(client, hiring_manager, submitted):
    client.force_login(hiring_manager)
    response = client.get(page(submitted))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="posting"' in content and 'id="rubric"' in content
    first = submitted.rubric.criteria.first()
    assert first.display_title in content and first.anchor_strong_yes[:30] in content
    assert 'name="decision"' in content


def test_it_records_an_approval(client, hiring_manager, submitted):
    client.force_login(hiring_manager)
    response = client.post(
        page(submitted), {"decision": "approve", "expected_version": submitted.version}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == JobPosting.Status.APPROVED
    assert Review.objects.get().reviewer == hiring_manager


def test_it_requires_a_comment_to_request_changes_and_keeps_the_choice(
    client, hiring_manager, submitted
):
    client.force_login(hiring_manager)
    response = client.post(
        page(submitted),
        {"decision": "request_changes", "comment": "", "expected_version": submitted.version},
    )
    assert response.status_code == 400
    assert "comment is required" in response.content.decode()
    assert response.context["form"]["decision"].value() == "request_changes"
    submitted.refresh_from_db()
    assert submitted.status == JobPosting.Status.IN_REVIEW


def test_it_shows_the_history_of_reviews(client, hiring_manager, recruiter, submitted):
    posting_review(
        posting=submitted, by=hiring_manager, decision="request_changes", comment="Cut k8s."
    )
    posting_submit(posting=submitted, by=recruiter)
    client.force_login(hiring_manager)
    content = client.get(page(submitted)).content.decode()
    assert "Cut k8s." in content and "Changes requested" in content


def test_it_refuses_a_decision_on_a_stale_version(client, hiring_manager, submitted):
    client.force_login(hiring_manager)
    response = client.post(
        page(submitted), {"decision": "approve", "expected_version": submitted.version - 1}
    )
    assert response.status_code == 400
    assert "changed this posting" in response.content.decode()
    assert not Review.objects.exists()
    assert JobPosting.objects.get(pk=submitted.pk).status == JobPosting.Status.IN_REVIEW


def test_it_lets_a_recruiter_read_but_not_decide(client, recruiter, submitted):
    client.force_login(recruiter)
    response = client.get(page(submitted))
    assert response.status_code == 200 and 'name="decision"' not in response.content.decode()
    assert client.post(page(submitted), {"decision": "approve"}).status_code == 403


def test_it_refuses_users_without_a_company(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="pw"))
    assert client.get(QUEUE).status_code == 403


def test_it_renders_a_phone_friendly_page(client, hiring_manager, submitted):
    client.force_login(hiring_manager)
    content = client.get(page(submitted)).content.decode()
    assert 'name="viewport"' in content


def test_the_decision_is_offered_as_what_the_manager_does():
    from hiring.review.forms import ReviewForm

    labels = [label for _, label in ReviewForm().fields["decision"].choices]
    assert labels == ["Approve", "Request changes"]
