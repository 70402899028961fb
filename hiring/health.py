"""`/healthz` for load balancers: is the database reachable, and the cache?"""

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    cache = caches["default"]
    key, value = "rolekit:healthz", get_random_string(12)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was stored")
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
