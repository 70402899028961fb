"""Without the seed articles, the catalog's source checks fail rather than skip."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.roles.test_catalog_sources import SEEDS_MISSING

SOURCE_TESTS = Path(__file__).with_name("test_catalog_sources.py")


def test_it_fails_the_source_checks_when_the_seed_articles_are_missing(tmp_path):
    # A copy of the module in a tree with no shared/seeds/ beside the repository.
    copy = tmp_path / "repo" / "tests" / "roles" / SOURCE_TESTS.name
    copy.parent.mkdir(parents=True)
    shutil.copy(SOURCE_TESTS, copy)

    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(copy), "-p", "no:django", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert run.returncode != 0, run.stdout
    missing = SEEDS_MISSING.format(seeds=tmp_path / "shared" / "seeds")
    assert missing.split(":")[0] in run.stdout
    assert "skipped" not in run.stdout
