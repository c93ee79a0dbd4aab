"""Rate limits of our own public views (allauth limits its own: see config/settings/allauth.py).

The rate is read from settings at each request (DRF's SimpleRateThrottle binds its rates at import), and the
counts live in the default cache: Redis in production, so every web process shares them.
"""

from typing import Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class SignUpRateThrottle(SimpleRateThrottle):
    scope = "signup"

    def get_rate(self) -> str | None:
        return settings.SIGNUP_RATE_LIMIT or None

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
