"""Login lockout per (account, address): after LOGIN_LOCKOUT_ATTEMPTS attempts that did not succeed, further
attempts for that email from that address are refused for LOGIN_LOCKOUT_SECONDS.

An attempt is counted *before* the password is checked, with the cache's atomic ``incr`` (Redis in production),
so that many guesses sent at once cannot all slip through between a check and a write: of 50 parallel wrong
guesses only the first LOGIN_LOCKOUT_ATTEMPTS reach the password check. A successful login clears the count.
The key does not depend on whether the account exists, so the answer never tells.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(email: str, address: str) -> str:
    digest = hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-lockout:{digest}"


def login_attempt_begin(*, email: str, address: str) -> bool:
    """Count one login attempt; False when the (account, address) pair is locked out."""
    key = _key(email, address)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:
        # The window ran out between add and incr: this attempt opens a new one.
        cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        attempts = cache.incr(key)
    return attempts <= settings.LOGIN_LOCKOUT_ATTEMPTS


def login_attempts_clear(*, email: str, address: str) -> None:
    cache.delete(_key(email, address))
