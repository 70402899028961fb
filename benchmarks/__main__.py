"""Run every benchmark against a throw-away database and print the figures.

Times are medians of repeated requests through Django's test client, so both sides of
a ratio pay the same middleware and client costs.
"""

import os
import statistics
import sys
import time

import django


def median_time(call, repeat: int) -> float:
    call()  # warm caches and templates
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def count_queries(call) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hiring.settings.test")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.ROOT_URLCONF = "benchmarks.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_catalog", verbosity=0)
        from . import suites

        for line in suites.run_all(
            median_time=median_time, count_queries=count_queries, only=sys.argv[1:]
        ):
            print(line)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
