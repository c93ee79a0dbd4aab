"""Settings for the test suite: same as base, with a fast hasher where the hash itself is not under test."""

from config.django.base import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]

# Tasks run in-process in tests, also when CELERY_BROKER_URL is set; the tests that prove the real worker
# path turn this off with the `real_broker` fixture and start a worker process.
CELERY_TASK_ALWAYS_EAGER = True
