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

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from hiring.caching import throttle_count


class _WindowThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        ident = self.client_ident(request)
        if ident is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        count = throttle_count(scope=self.scope, ident=ident, window=window, seconds=self.duration)
        self.retry_after = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self):
        return self.retry_after


class ApiKeyRateThrottle(_WindowThrottle):
    scope = "api_key"

    def client_ident(self, request):
        key = request.auth
        if getattr(key, "prefix", None):
            return f"key-{key.prefix}"
        if request.user and request.user.is_authenticated:
            return f"user-{request.user.pk}"
        return None


class AnonymousRateThrottle(_WindowThrottle):
    scope = "anonymous"

    def client_ident(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return self.get_ident(request)
