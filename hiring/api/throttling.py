"""Rate limits per API key (or signed-in user) and per address for anonymous calls.

Counts live in the default cache: local memory here, Redis in production. Rates are read
on each request, so `override_settings` in tests and settings changes take effect.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiKeyRateThrottle(_SettingsRateThrottle):
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


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
