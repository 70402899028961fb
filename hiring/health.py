"""`/healthz` for load balancers: is the database reachable, and the cache?"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .caching import cache_check


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    cache_check()
    return "ok"


@never_cache
def healthz(request):
    checks = {}
    healthy = True
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = check()
        except Exception as exc:  # any failure means unhealthy, whatever raised it
            checks[name] = f"error: {type(exc).__name__}"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
