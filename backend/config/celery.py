"""The Celery app: tasks are autodiscovered in the apps' tasks.py modules."""

import os
import sys
from pathlib import Path

from celery import Celery

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")

app = Celery("bridges")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
