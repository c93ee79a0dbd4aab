"""Production: secrets required from the environment, secure cookies and headers (check --deploy clean)."""

from django.core.exceptions import ImproperlyConfigured

from config.django.base import *  # noqa: F403
from config.env import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production.")
# The previous keys while what they signed (sessions, password-reset and invitation links) runs out: rotate by moving
# the old key here and setting a new SECRET_KEY (docs/operations.md, "Key rotation").
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Public demo logins have no place on a real server: a second, explicit flag besides DEMO_DATA is needed to load them.
DEMO_DATA_ALLOWED = env.bool("ALLOW_DEMO_DATA_IN_PRODUCTION", default=False)
LOAD_SHEDDING = env.bool("LOAD_SHEDDING", default=True)  # config/settings/serving.py

from config.settings.email import build_mailers  # noqa: E402
from config.settings.observability import logging_config  # noqa: E402
from config.settings.security import *  # noqa: E402,F403

MAILERS = build_mailers("django.core.mail.backends.smtp.EmailBackend")
# One JSON object a log line, for a log collector (LOG_FORMAT=plain for reading by eye).
LOGGING = logging_config(default_format="json")
# A dashboard open with several coordinators costs one computation of a programme's figures per half-minute (counts
# and rates only, no names; a change shows within that time).
PROGRAMME_HEALTH_CACHE_SECONDS = env.int("PROGRAMME_HEALTH_CACHE_SECONDS", default=30)
# The count of a programme's participants (and of its mentors' load) when 1,000 or more, for the same half-minute:
# counting them joins every one; the page itself is read by index.
LIST_COUNT_CACHE_SECONDS = env.int("LIST_COUNT_CACHE_SECONDS", default=30)
