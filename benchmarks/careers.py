"""Careers page figures: a public posting page and the board, warm, against /healthz in the
same run (both through the test client, anonymous)."""

from django.test import Client
from django.urls import reverse

from hiring.models import JobPosting, Membership, Review
from hiring.postings import services as postings
from hiring.postings import workflow
from hiring.tenancy.services import member_add
from roles.models import Level, RoleFamily

POSTINGS = 30


def _published(company, recruiter, manager, number: int) -> JobPosting:
    posting = postings.posting_create_from_role(
        company=company,
        role_family=RoleFamily.objects.get(slug="data-scientist"),
        level=Level.objects.get(slug="ds-senior"),
        recruiter=recruiter,
        hiring_manager=manager,
        title=f"Senior Data Scientist {number}",
        locations="Denver, CO, US",
        salary_min="150000",
        salary_max="175000",
        summary="Design the experiments behind our pricing and tell the business what they say.",
        apply_url="https://jobs.example.com/apply",
    )
    workflow.posting_submit(posting=posting, by=recruiter)
    workflow.posting_review(posting=posting, by=manager, decision=Review.Decision.APPROVE)
    workflow.posting_publish(posting=JobPosting.objects.get(pk=posting.pk), by=recruiter)
    return JobPosting.objects.get(pk=posting.pk)


def _ok(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def careers_suite(*, median_time, count_queries, context):
    company, recruiter = context["company"], context["recruiter"]
    manager = member_add(
        company=company,
        username="bench-manager",
        password="pw",
        role=Membership.Role.HIRING_MANAGER,
    )
    postings = [_published(company, recruiter, manager, n) for n in range(POSTINGS)]
    client = Client()  # anonymous, as candidates and crawlers are
    page = _ok(client, reverse("careers:posting", args=[company.slug, postings[-1].slug]))
    board = _ok(client, reverse("careers:board", args=[company.slug]))
    health = _ok(client, reverse("healthz"))
    t_page, t_board, t_health = (median_time(call, 300) for call in (page, board, health))
    yield (
        f"careers posting page (warm): {1 / t_page:,.0f} requests/s, {count_queries(page)} "
        f"queries; /healthz {1 / t_health:,.0f} requests/s; ratio {t_health / t_page:.2f} "
        "(target: at least 0.5)"
    )
    yield (
        f"careers board, {POSTINGS} postings (warm): {1 / t_board:,.0f} requests/s, "
        f"{count_queries(board)} queries; ratio to /healthz {t_health / t_board:.2f}"
    )
