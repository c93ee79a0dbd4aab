"""A Celery worker whose matching runs stop for a long time in the middle, so that a test can kill it (SIGKILL)
there. BRIDGES_TEST_STALL_AT says where: "computed" (after the engine, before the write transaction) or "writing"
(inside the write transaction, after the proposals were inserted, before the commit). Started by
test_worker_kill_pg.py only."""

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


if os.environ.get("BRIDGES_TEST_STALL_AT", "computed") == "computed":
    matching.api.match = match_then_stall  # type: ignore[assignment]
else:
    from django.db.models import QuerySet

    from mentoring.models import Match

    original_bulk_create = QuerySet.bulk_create

    def bulk_create_then_stall(queryset: QuerySet, objs: list[object], *args: object, **kwargs: object) -> object:
        created = original_bulk_create(queryset, objs, *args, **kwargs)  # type: ignore[arg-type]
        if queryset.model is Match:
            Path(os.environ["BRIDGES_TEST_MARKER"]).write_text(f"wrote {len(created)}")
            time.sleep(600)
        return created

    QuerySet.bulk_create = bulk_create_then_stall  # type: ignore[assignment,method-assign]

from config.celery import app  # noqa: E402

app.worker_main(["worker", "--pool", "solo", "--loglevel", "WARNING", "--without-heartbeat", "--without-mingle"])
