"""`/healthz`: ok, degraded without the cache (still serving), unavailable without the
database."""

from unittest import mock

from django.urls import reverse


def test_it_reports_healthy_when_database_and_cache_answer(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_it_reports_degraded_but_serving_when_the_cache_fails(client, db):
    """The site answers from the database: a 503 would take every server out at once."""
    with mock.patch("hiring.caching.caches") as caches:
        caches.__getitem__.return_value.get.side_effect = ConnectionError("down")
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "cache": "error: ConnectionError"}


def test_it_reports_unavailable_when_the_database_fails(client, db):
    with mock.patch("hiring.site.health.connection") as connection:
        connection.cursor.side_effect = ConnectionError("down")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "error: ConnectionError", "cache": "ok"}
