"""Rate limits per API key (or signed-in user) and per address for anonymous calls.

Counts live in the default cache: local memory here, Redis in production. Rates are read
on each request, so `override_settings` in tests and settings changes take effect.

Each limit is a counter per fixed window (a minute for "600/minute"), raised with the
cache's atomic `incr`. DRF's own throttle keeps the time of every request in one cache
entry and writes the whole list back: requests on several workers at once overwrite each
other's counts, and a key allowed thousands of requests a minute moved that whole list
through the cache twice per request. A window lets a client use its allowance twice
over across a window's edge at most.
"""

import time

from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _WindowThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        key = f"{key}:{window}"
        # The first request of a window creates the counter; `add` never resets one.
        cache.add(key, 0, timeout=self.duration + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        self.retry_after = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self):
        return self.retry_after


class ApiKeyRateThrottle(_WindowThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = request.auth
        if getattr(key, "prefix", None):
            ident = f"key-{key.prefix}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_WindowThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
