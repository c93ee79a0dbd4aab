"""The session engine where Redis is shared by every process: Django's cached_db (read from the cache, written
through to the database), except that a write of the seen-time alone goes to the cache only, as long as the
database's copy is less than WRITE_THROUGH_SECONDS old.

The seen-time is all the idle limit needs (common.middleware.SessionLifetimeMiddleware writes it at most once a
minute). Writing it through to the database was a transaction on every signed-in person's first request of each
minute: a tab polling every 30 seconds wrote the session table every other poll. Anything else that changes in a
session (a login, its two-step record, a new key, a logout) is written through at once, as before.

Should the cache lose a session (Redis restarted, the key evicted), the database's copy is read instead: its
seen-time is then at most WRITE_THROUGH_SECONDS behind, so the session may end that much early, never late.
"""

import copy
import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches

from common.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY

STORED_KEY = "bridges.session_stored"
"""When the session was last written to the database (seconds since the epoch)."""
WRITE_THROUGH_SECONDS = 10 * 60
"""The seen-time reaches the database at least this often while she is active (the idle limit is 30 minutes)."""
_CLOCK_KEYS = frozenset({SESSION_SEEN_KEY, SESSION_STARTED_KEY})
_MISSING = object()


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self._as_loaded: dict[str, Any] = {}

    def load(self) -> dict[str, Any]:
        data = super().load()
        # a deep copy: a value changed in place (a list appended to) must still count as a change
        self._as_loaded = copy.deepcopy(data)
        return data

    def save(self, must_create: bool = False) -> None:
        now = time.time()
        session = dict(self.items())
        if not must_create and self.session_key is not None and self._only_the_clock_changed(session, now):
            caches[settings.SESSION_CACHE_ALIAS].set(self.cache_key, session, self.get_expiry_age())
            return
        self[STORED_KEY] = now
        super().save(must_create)
        self._as_loaded = copy.deepcopy(dict(self.items()))

    def _only_the_clock_changed(self, session: dict[str, Any], now: float) -> bool:
        loaded = self._as_loaded
        stored = loaded.get(STORED_KEY)
        if not isinstance(stored, int | float) or not 0 <= now - stored < WRITE_THROUGH_SECONDS:
            return False
        changed = {
            key for key in session.keys() | loaded.keys() if session.get(key, _MISSING) != loaded.get(key, _MISSING)
        }
        return bool(changed) and changed <= _CLOCK_KEYS
