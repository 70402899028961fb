"""`python -m hiring.site.createdb`, which `make serve` runs before migrating."""

import os
import subprocess
import sys

from django.conf import settings


def test_it_leaves_a_database_that_is_not_postgresql_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    done = subprocess.run(
        [sys.executable, "-m", "hiring.site.createdb"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert (done.returncode, done.stderr) == (0, "")
    assert not (tmp_path / "db.sqlite3").exists()
