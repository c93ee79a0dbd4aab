"""Server-side sessions for the browser; no tokens in browser storage."""

from config.settings.cache import REDIS_URL

# With Redis (production, shared by every process) a session is read from the cache and written through to the
# database: one query less on every signed-in request; the minute's seen-time alone goes to the cache only, and to
# the database at least every ten minutes (common.sessions). Without Redis the cache is per process, where a logout in
# one process would not reach another's copy, so the database alone holds sessions.
SESSION_ENGINE = "common.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = 30 * 60
"""Seconds without a request after which a session ends (common.middleware.SessionLifetimeMiddleware)."""
SESSION_ABSOLUTE_TIMEOUT = 12 * 60 * 60
"""Seconds after login after which a session ends however active it is."""
# The stored session outlives the idle limit so that the middleware can tell "your session ended" (401) from
# "you were never logged in"; the middleware itself enforces both limits, with every request renewing the idle one.
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
# A read does not write the session row: the middleware stores the seen-time at most once a minute, which is all the
# idle limit needs (it may then end up to a minute early, never late), and the cookie lasts the absolute limit anyway.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
