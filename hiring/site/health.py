"""`/healthz` for load balancers: is the database reachable, and the cache?

Without the database nothing works: 503, and the balancer takes the server out. Without
the cache every page still answers from the database, only slower; and the cache is
shared, so every server would fail the check at once and a 503 would take the whole site
down for want of an optimisation. So a failing cache answers 200 with the status
"degraded" and the cache named, for monitoring to alert on.
"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from hiring.caching import cache_check


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    cache_check()
    return "ok"


# What the site cannot answer without; the cache only makes it faster.
REQUIRED = {"database"}


@never_cache
def healthz(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure means unhealthy, whatever raised it
            checks[name] = f"error: {type(exc).__name__}"
    failed = {name for name, result in checks.items() if result != "ok"}
    status = "unavailable" if failed & REQUIRED else "degraded" if failed else "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "unavailable" else 200
    )
