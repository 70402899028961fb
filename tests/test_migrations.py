"""Every migration is reversible: migrate forward, back to zero, and forward again."""

import os
import subprocess
import sys

from django.conf import settings


def manage(*args, database_url):
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args, "--noinput", "-v0"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hiring.settings.test",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_reverses_every_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    manage("migrate", database_url=url)
    # hiring depends on roles and roles on hiring's first migration: unwind hiring first.
    manage("migrate", "hiring", "zero", database_url=url)
    manage("migrate", "roles", "zero", database_url=url)
    manage("migrate", database_url=url)
