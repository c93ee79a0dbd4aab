"""Rate limits of our own public views (allauth limits its own: see config/settings/allauth.py).

The rate is read from settings at each request (DRF's SimpleRateThrottle binds its rates at import), the counts live
in the default cache (Redis in production, so every web process shares them), and the address is the one every limit
takes (common/client_address.py), so a forged X-Forwarded-For does not open a new budget.
"""

import math
from typing import Any

from django.conf import settings
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from common.client_address import client_address


class AddressRateThrottle(SimpleRateThrottle):
    """A limit per client address; ``rate_setting`` names the setting that holds its rate."""

    rate_setting: str
    num_requests: int  # set by SimpleRateThrottle from the rate
    duration: int

    def get_rate(self) -> str | None:
        return getattr(settings, self.rate_setting) or None

    def get_ident(self, request: Any) -> str:
        return client_address(request)

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class OutcomeRateThrottle(AddressRateThrottle):
    """A limit that counts a request only once its answer is known, and only the answers ``counts`` picks.

    Checking before the view runs costs nothing; the view records the outcome (``OutcomeThrottledMixin``).
    """

    def counts(self, response: Response) -> bool:
        raise NotImplementedError

    def throttle_success(self) -> bool:
        return True  # checked only: record() counts the request when its answer is known

    def wait(self) -> float:
        # She may try again once the oldest of the counted requests that fill the budget leaves the window.
        if 0 < self.num_requests <= len(self.history):
            return max(1.0, self.history[self.num_requests - 1] + self.duration - self.now)
        return float(self.duration)

    def record(self, request: Any, view: Any) -> None:
        if self.rate is None:
            return
        key = self.get_cache_key(request, view)
        if key is None:
            return
        now = self.timer()
        history = [moment for moment in self.cache.get(key, []) if moment > now - self.duration]
        self.cache.set(key, [now, *history], self.duration)


class SignUpRateThrottle(OutcomeRateThrottle):
    """Accepted sign-ups (2xx) per address: SIGNUP_RATE_LIMIT."""

    scope = "signup"
    rate_setting = "SIGNUP_RATE_LIMIT"

    def counts(self, response: Response) -> bool:
        return 200 <= response.status_code < 300


class FailedSignUpRateThrottle(OutcomeRateThrottle):
    """Refused sign-ups (4xx, but not the 429 of a limit) per address: SIGNUP_FAILED_RATE_LIMIT, more generous, so
    that typing mistakes do not use up the budget of accepted ones."""

    scope = "signup_failed"
    rate_setting = "SIGNUP_FAILED_RATE_LIMIT"

    def counts(self, response: Response) -> bool:
        return 400 <= response.status_code < 500 and response.status_code != 429


class SignUpThrottled(exceptions.Throttled):
    """The 429 of the sign-up limits, telling her in her language when she can try again."""

    def __init__(self, wait: float) -> None:
        minutes = max(1, math.ceil(wait / 60))
        if minutes <= 60:
            detail = ngettext(
                "Too many sign-ups from this connection. Please try again in %(count)d minute.",
                "Too many sign-ups from this connection. Please try again in %(count)d minutes.",
                minutes,
            ) % {"count": minutes}
        else:
            hours = math.ceil(minutes / 60)
            detail = ngettext(
                "Too many sign-ups from this connection. Please try again in %(count)d hour.",
                "Too many sign-ups from this connection. Please try again in %(count)d hours.",
                hours,
            ) % {"count": hours}
        exceptions.APIException.__init__(self, detail, self.default_code)
        self.wait = math.ceil(wait)


class OutcomeThrottledMixin:
    """For an API view whose throttles count by outcome: records each answer with the throttles that count it."""

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        for throttle in self.get_throttles():  # type: ignore[attr-defined]
            if isinstance(throttle, OutcomeRateThrottle) and throttle.counts(response):
                throttle.record(request, self)
        return response
