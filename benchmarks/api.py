"""API figures: the postings list and a posting with its blocks, against a bare Django view
that builds the same JSON from `values()` in the same run (no DRF, no auth, no throttle)."""

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import reverse

from hiring.integrations.keys import api_key_create
from hiring.models import ApiKey, JobPosting, PostingResponsibility, PostingSkill
from hiring.postings.services import posting_create_from_role
from hiring.rubrics.services import rubric_build_from_posting
from roles.models import EmphasisLevel, Level, RoleFamily

PAGE = 50
POSTINGS = 60
EMPHASIS = {level.value: level.label for level in EmphasisLevel}


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat().replace("+00:00", "Z")


def _decimal(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def bare_postings(request):
    """The first page of `GET /api/v1/postings/?page_size=50`, built from `values()`."""
    company_id = int(request.GET["company"])
    rows = list(
        JobPosting.objects.filter(company_id=company_id)
        .order_by("updated_at", "id")
        .values(
            "id",
            "title",
            "status",
            "version",
            "company__slug",
            "role_family__slug",
            "level__slug",
            "locations",
            "remote_policy",
            "employment_type",
            "salary_min",
            "salary_max",
            "salary_currency",
            "salary_period",
            "years_min",
            "years_max",
            "summary",
            "team",
            "benefits",
            "apply_url",
            "recruiter__username",
            "hiring_manager__username",
            "published_version__number",
            "open_errors",
            "open_warnings",
            "open_infos",
            "created_at",
            "updated_at",
        )[: PAGE + 1]
    )
    page, more = rows[:PAGE], len(rows) > PAGE
    ids = [row["id"] for row in page]
    skills: dict[int, list] = {pk: [] for pk in ids}
    for row in (
        PostingSkill.objects.filter(posting_id__in=ids)
        .order_by("order", "id")
        .values("posting_id", "skill__slug", "skill__name", "must_have", "emphasis", "order")
    ):
        skills[row["posting_id"]].append(
            {
                "skill": row["skill__slug"],
                "name": row["skill__name"],
                "must_have": row["must_have"],
                "emphasis": EMPHASIS[row["emphasis"]],
                "order": row["order"],
            }
        )
    duties: dict[int, list] = {pk: [] for pk in ids}
    for row in (
        PostingResponsibility.objects.filter(posting_id__in=ids)
        .order_by("order", "id")
        .values("posting_id", "responsibility__slug", "responsibility__text", "text", "order")
    ):
        duties[row["posting_id"]].append(
            {
                "responsibility": row["responsibility__slug"],
                "text": row["text"],
                "display_text": row["text"] or row["responsibility__text"] or "",
                "order": row["order"],
            }
        )
    results = [
        {
            "id": row["id"],
            "title": row["title"],
            "status": row["status"],
            "version": row["version"],
            "company": row["company__slug"],
            "role_family": row["role_family__slug"],
            "level": row["level__slug"],
            "locations": [line.strip() for line in row["locations"].splitlines() if line.strip()],
            "remote_policy": row["remote_policy"],
            "employment_type": row["employment_type"],
            "salary_min": _decimal(row["salary_min"]),
            "salary_max": _decimal(row["salary_max"]),
            "salary_currency": row["salary_currency"],
            "salary_period": row["salary_period"],
            "years_min": row["years_min"],
            "years_max": row["years_max"],
            "summary": row["summary"],
            "team": row["team"],
            "benefits": row["benefits"],
            "apply_url": row["apply_url"],
            "recruiter": row["recruiter__username"],
            "hiring_manager": row["hiring_manager__username"],
            "published_version": row["published_version__number"],
            "open_findings": {
                "error": row["open_errors"],
                "warning": row["open_warnings"],
                "info": row["open_infos"],
            },
            "skills": skills[row["id"]],
            "responsibilities": duties[row["id"]],
            "created_at": _iso(row["created_at"]),
            "updated_at": _iso(row["updated_at"]),
        }
        for row in page
    ]
    next_url = request.build_absolute_uri("?cursor=next") if more else None
    return JsonResponse({"next": next_url, "previous": None, "results": results})


def _ok(client: Client, url: str, **headers):
    def call():
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    return call


def api_suite(*, median_time, count_queries, context):
    company, recruiter = context["company"], context["recruiter"]
    family = RoleFamily.objects.get(slug="machine-learning-engineer")
    level = Level.objects.get(slug="mle-senior")
    for number in range(POSTINGS):
        posting_create_from_role(
            company=company,
            role_family=family,
            level=level,
            recruiter=recruiter,
            title=f"API bench posting {number}",
            locations="Denver, CO, US\nRemote, US",
            summary="Build and run the models that rank our catalog. " * 5,
        )
    _, token = api_key_create(company=company, name="bench", scope=ApiKey.Scope.READ, by=recruiter)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "api_key": "1000000/minute"}
    api_settings = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    with override_settings(REST_FRAMEWORK=api_settings):
        listing = _ok(client, "/api/v1/postings/?page_size=50")
        bare = _ok(client, f"{reverse('bench-bare-api-postings')}?company={company.pk}")
        assert len(listing().json()["results"]) == len(bare().json()["results"]) == PAGE
        t_list, t_bare = median_time(listing, 30), median_time(bare, 30)

        def listing_uncached():
            cache.clear()  # every request builds its page, as the first poll after a change
            return listing()

        t_cold = median_time(listing_uncached, 30)
        yield (
            f"API postings list, {PAGE} per page with blocks: {1 / t_list:.0f} requests/s "
            f"({count_queries(listing)} queries, page cached), {1 / t_cold:.0f} requests/s "
            f"uncached ({count_queries(listing_uncached)} queries); bare values() view "
            f"{1 / t_bare:.0f} requests/s, {count_queries(bare)} queries; ratio "
            f"{t_bare / t_list:.2f} cached, {t_bare / t_cold:.2f} uncached (target: at least 0.5)"
        )
        posting = JobPosting.objects.filter(company=company).order_by("-pk").first()
        rubric_build_from_posting(posting=posting)
        detail = _ok(client, f"/api/v1/postings/{posting.pk}/")

        def detail_uncached():
            cache.clear()
            return detail()

        t_detail, t_detail_cold = median_time(detail, 50), median_time(detail_uncached, 50)
        yield (
            f"API posting with skills, responsibilities and rubric: {1 / t_detail:.0f} "
            f"requests/s cached ({count_queries(detail)} queries), {1 / t_detail_cold:.0f} "
            f"uncached ({count_queries(detail_uncached)} queries)"
        )
