"""Production mode: deploy checks, health endpoint, logs."""

import json
import logging
import os
import subprocess
import sys
from unittest import mock

from django.conf import settings
from django.urls import reverse

from hiring.site.jsonlog import JsonFormatter

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hiring.settings.production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "rolekit.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://rolekit.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_checks_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    env = {k: v for k, v in {**os.environ, **PRODUCTION_ENV}.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


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


def test_it_writes_one_json_object_per_log_line():
    record = logging.makeLogRecord(
        {"name": "hiring", "levelname": "WARNING", "msg": "export %s failed", "args": ("x",)}
    )
    record.posting_id = 7
    line = JsonFormatter().format(record)
    payload = json.loads(line)
    assert payload["message"] == "export x failed"
    assert payload["level"] == "WARNING" and payload["posting_id"] == 7
