"""The Celery app: tasks are autodiscovered in the apps' tasks.py modules. Every process (web and worker) wires the
request id into the tasks it queues and counts tasks and queries (common/observability.py); a worker logs through
Django's LOGGING (scrubbed, with the request id, JSON in production) rather than Celery's own handlers, and serves
its metrics on CELERY_METRICS_PORT when that is set."""

import logging.config
import os
import sys
from pathlib import Path
from typing import Any

from celery import Celery
from celery.signals import setup_logging, worker_ready

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")

from common import observability

app = Celery("bridges")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
observability.connect_signals()


@setup_logging.connect
def _django_logging(**_: Any) -> None:
    """A worker's log lines go through the same handler and filters as the web's (no personal data, the id)."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@worker_ready.connect
def _serve_worker_metrics(**_: Any) -> None:
    from django.conf import settings

    if settings.CELERY_METRICS_PORT:
        observability.serve_worker_metrics(settings.CELERY_METRICS_ADDRESS, settings.CELERY_METRICS_PORT)
