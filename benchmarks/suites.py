"""The benchmark figures; each yields printable lines."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse


def _staff_client() -> Client:
    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def catalog_comparison(*, median_time, count_queries, client):
    ours = _get(client, reverse("admin:roles_compare"))
    bare = _get(client, reverse("bench-bare-catalog"))
    t_ours, t_bare = median_time(ours, 30), median_time(bare, 30)
    yield (
        f"catalog comparison page: {t_ours * 1000:.1f} ms, {count_queries(ours)} queries; "
        f"bare view {t_bare * 1000:.1f} ms, {count_queries(bare)} queries; "
        f"ratio {t_ours / t_bare:.1f}x"
    )


SUITES = [catalog_comparison]


def run_all(*, median_time, count_queries):
    client = _staff_client()
    yield "rolekit benchmarks (median of repeated requests; ratios against a same-run baseline)"
    for suite in SUITES:
        yield from suite(median_time=median_time, count_queries=count_queries, client=client)
