"""Metrics and logs (docs/operations.md): who may read /metrics, the worker's own metrics port, the log format."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from config.env import env

METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
"""The bearer token Prometheus sends to /metrics. Without one, /metrics answers 404 like any unknown address."""
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be a random value of at least 32 characters (or unset).")

CELERY_METRICS_ADDRESS = env.str("CELERY_METRICS_ADDRESS", default="127.0.0.1")
CELERY_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)
"""A Celery worker serves its task metrics at http://CELERY_METRICS_ADDRESS:CELERY_METRICS_PORT/metrics (the same
token) when this is set; 0 serves none. Its pool's processes count into PROMETHEUS_MULTIPROC_DIR."""

LOG_FORMATS = ("plain", "json")


def log_format(default: str) -> str:
    """LOG_FORMAT from the environment: ``plain`` (one readable line, the development default) or ``json`` (one
    object a line, the production default, for a log collector)."""
    chosen = env.str("LOG_FORMAT", default=default)
    if chosen not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {chosen!r}.")
    return chosen


def logging_config(*, default_format: str) -> dict[str, Any]:
    """Django's LOGGING: one console handler whose filters scrub email addresses and phone numbers from every
    record and give it the request id, in the LOG_FORMAT chosen (``default_format`` if none)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "personal_data": {"()": "common.log_filters.PersonalDataFilter"},
            "request_id": {"()": "common.observability.RequestIdFilter"},
        },
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {"()": "common.observability.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format(default_format),
                "filters": ["personal_data", "request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }
