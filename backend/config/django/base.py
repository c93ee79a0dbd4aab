"""Django settings shared by every mode; each concern's third-party settings live in config/settings/."""

from pathlib import Path

from whitenoise.compress import Compressor

from common.languages import INTERFACE_LANGUAGES, LANGUAGE_NAMES
from config.env import BASE_DIR, REPO_DIR, VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)


def _development_secret_key() -> str:
    """A key generated once per checkout, so a fresh clone runs without configuration."""
    from django.core.management.utils import get_random_secret_key

    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _development_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The demo data (`manage.py load_demo`) carries public passwords and a public TOTP secret: allowed on the embedded
# default, refused under production settings unless ALLOW_DEMO_DATA_IN_PRODUCTION is set as well.
DEMO_DATA_ALLOWED = True
CSRF_FAILURE_VIEW = "common.views.csrf_failure"  # JSON, like every other error the API gives

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.headless",
    "allauth.mfa",
    "common",
    "accounts",
    "programmes",
    "profiles",
    "privacy",
    "mentoring",
    "notifications",
    "peers",
    "safeguarding",
    "messaging",
    "imports",
    "reports",
    "invitations",
    "outcomes",
    "learning",
    "usecases",
]

# The headers every answer carries come first (outermost), so that the answers a later middleware gives by itself
# (the size limit's 413, the admin guard's 403/404, an expired session's 401, WhiteNoise's files) carry them too.
MIDDLEWARE = [
    # The request id first, so that every answer names it and every log line of the request carries it; then the
    # request metrics, which time all the rest (common/observability.py).
    "common.observability.RequestIdMiddleware",
    "common.observability.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "common.middleware.NoStoreMiddleware",
    "common.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.AdminGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# A SQLite file under var/ is the embedded default; DATABASE_URL points elsewhere (PostgreSQL in production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bridges.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (CONN_MAX_AGE + CONN_HEALTH_CHECKS) rather than Django's psycopg pool: each gunicorn worker
# thread (sync or gthread) keeps its own connection for a minute, so connections = workers x threads + Celery's
# concurrency, known in advance and far below max_connections; it needs no extra package (psycopg_pool), does not
# pool a second time behind PgBouncer (where a client-side pool only hides which server connection is whose), and
# the tests' threads close their own connections as before. The health check (one `SELECT 1` on a connection kept
# from an earlier request) replaces a connection the server dropped instead of failing the request with it.
# On SQLite it stays 0: the development server starts a thread per request, which would leave a connection behind.
_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60 if _POSTGRES else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if _POSTGRES and env.bool("DATABASE_SERVER_SIDE_BINDING", default=True):
    # Parameters sent apart from the statement (psycopg's server-side binding): the statement's text is then the
    # same for every user, so psycopg can prepare it on a kept connection after its fifth run (prepare_threshold;
    # Django turns preparing off unless it is given) and PostgreSQL stops planning it on every request. A
    # participant's own matches join eight tables: 5.3 ms a request in PostgreSQL, planning included, against
    # 1.3 ms prepared (bench/README.md, "Load"). Behind PgBouncer in transaction mode before 1.21 (which tracks
    # prepared statements), set DATABASE_PREPARED_STATEMENTS=false, or DATABASE_SERVER_SIDE_BINDING=false for both.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "server_side_binding": True,
            "prepare_threshold": 5 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None,
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on the embedded default: WAL lets readers go on while one writes; IMMEDIATE takes the
    # write lock when a transaction starts (a deferred one that upgrades later fails at once with "database is
    # locked" instead of waiting); the timeout is how long a writer waits for another.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages; Arabic is right-to-left. Spoken languages in profiles are any ISO 639 code.
LANGUAGE_CODE = "en"
LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in INTERFACE_LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The built web app; the browser journey of the pseudo-locale serves its own build (frontend/dist-pseudo).
FRONTEND_DIST = Path(env.str("FRONTEND_DIST", default=str(REPO_DIR / "frontend" / "dist")))
STATICFILES_DIRS = [d for d in [FRONTEND_DIST] if d.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes a brotli (.br) and a gzip (.gz) copy of every text file; WhiteNoise serves the smallest
    # the browser takes.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Vite names the files it builds after their content (assets/index-B2x9QkLm.js): a file of that name never
# changes, so the browser keeps it a year and never asks again. Everything else is checked after a minute;
# index.html, which names the current files, is never cached (common.views.single_page_app).
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/?(?:static/)?assets/.+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$"
WHITENOISE_MAX_AGE = 60
# Served from what collectstatic wrote (with its compressed copies), in `make run` as in production; runserver's own
# static handler (the browser journeys, which do not collect) still reads the build directly.
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
# Source maps are for developers: not worth compressing at every collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# No personal data in logs: every record passes the filter that scrubs email addresses and phone numbers, and
# nothing logs request bodies (django.request logs the path and status only). Every line names its request's id
# (common/observability.py); LOG_FORMAT=json writes one JSON object a line (the production default).
from config.settings.observability import logging_config  # noqa: E402

LOGGING = logging_config(default_format="plain")

from config.settings.allauth import *  # noqa: E402,F403
from config.settings.api import *  # noqa: E402,F403
from config.settings.cache import *  # noqa: E402,F403
from config.settings.celery import *  # noqa: E402,F403
from config.settings.email import *  # noqa: E402,F403
from config.settings.hardening import *  # noqa: E402,F403
from config.settings.invitations import *  # noqa: E402,F403
from config.settings.observability import *  # noqa: E402,F403
from config.settings.outcomes import *  # noqa: E402,F403
from config.settings.privacy import *  # noqa: E402,F403
from config.settings.serving import *  # noqa: E402,F403
from config.settings.sessions import *  # noqa: E402,F403
