"""A Celery worker whose matching runs stop for a long time after computing and before writing, so that a
test can kill it (SIGKILL) in the middle of a run. Started by test_worker_kill_pg.py only."""

import os
import sys
import time
from pathlib import Path

import django

REPO = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(REPO), str(REPO / "backend")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.test")
django.setup()

import matching.api  # noqa: E402

original_match = matching.api.match


def match_then_stall(*args: object, **kwargs: object) -> object:
    result = original_match(*args, **kwargs)  # type: ignore[arg-type]
    Path(os.environ["BRIDGES_TEST_MARKER"]).write_text("computed")
    time.sleep(600)
    return result


matching.api.match = match_then_stall  # type: ignore[assignment]

from config.celery import app  # noqa: E402

app.worker_main(["worker", "--pool", "solo", "--loglevel", "WARNING", "--without-heartbeat", "--without-mingle"])
