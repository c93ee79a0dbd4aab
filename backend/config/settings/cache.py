"""The cache: Redis when REDIS_URL is set (shared by every process, needed for cross-process rate limits)."""

from config.env import env

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    # The embedded default is one process (runserver with eager tasks), so a local cache is enough.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bridges"}}

PROGRAMME_HEALTH_CACHE_SECONDS = env.int("PROGRAMME_HEALTH_CACHE_SECONDS", default=0)
"""How long a programme's health figures are served from the cache (mentoring.selectors.programme_health). 0 (the
embedded default, the tests and the browser journeys, which change data and read the figures at once) computes them
on every request; production settings make it 30 s."""
LIST_COUNT_CACHE_SECONDS = env.int("LIST_COUNT_CACHE_SECONDS", default=0)
"""How long the count of a long list (1,000 rows or more: a programme's participants, its mentors' load) is served
from the cache (common.pagination.CachedCountPaginator). 0 here (tests and browser journeys count every time);
production settings make it 30 s."""
