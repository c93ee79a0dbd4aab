"""Background jobs kept on a database row (matching runs, group formations): one at a time, queued by task name
after the commit, progress and a heartbeat while they run, given up when they stop answering, failed in plain words.

Generic: the caller passes its rows (a queryset), field names, messages and what "failed" means for its row.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from celery import current_app
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from common.errors import Conflict


@contextmanager
def one_at_a_time(busy_message: str) -> Iterator[None]:
    """Start a job's row inside this block; a database constraint that allows one running job refuses a second
    start, which becomes a plain 409 with ``busy_message``."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise Conflict(busy_message) from None


def queue_after_commit(task_name: str, job_id: object) -> None:
    """Queue the task named ``task_name`` with the job's id once the transaction commits. By name, so a service
    need not import its app's tasks module (which imports the services)."""
    job = str(job_id)

    def send() -> None:
        if task_name not in current_app.tasks:
            # A web process imports no tasks module by itself: run Celery's autodiscovery of the apps' tasks.py.
            current_app.autodiscover_tasks(force=True)
        current_app.tasks[task_name].delay(job)

    transaction.on_commit(send)


def give_up_stale(
    running: QuerySet[Any],
    *,
    now: datetime,
    after: timedelta,
    started_field: str,
    fail: Callable[[Any], object],
    heartbeat_field: str = "heartbeat_at",
) -> int:
    """Fail each running job whose worker has said nothing for ``after`` (it would block the next one for ever);
    a row that never beat counts from ``started_field``. Returns how many were given up."""
    since = now - after
    stale = running.filter(
        Q(**{f"{heartbeat_field}__lt": since})
        | Q(**{f"{heartbeat_field}__isnull": True, f"{started_field}__lt": since})
    )
    ids = list(stale.values_list("pk", flat=True))
    for job_id in ids:
        fail(job_id)
    return len(ids)


def progress_writer(
    running: QuerySet[Any],
    *,
    clock: Callable[[], datetime],
    fields: Callable[[float, str], dict[str, Any]],
    progress_field: str = "progress",
    heartbeat_field: str = "heartbeat_at",
) -> Callable[[float, str], None]:
    """The engine's progress callback: writes ``fields(fraction, stage)`` (with the percentage under
    ``progress_field``) and a heartbeat on the job's row while it is still running, outside the writing
    transaction, only when the percentage moved. ``fraction`` reaches ``fields`` clamped to 0..1."""
    last: dict[str, Any] = {"percent": None}

    def report(fraction: float, stage: str) -> None:
        update = fields(min(max(fraction, 0.0), 1.0), stage)
        if update[progress_field] != last["percent"]:
            last["percent"] = update[progress_field]
            running.update(**update, **{heartbeat_field: clock()})

    return report


def run_or_fail[Result](job_id: str, *, execute: Callable[[UUID], Result], fail: Callable[[UUID], object]) -> Result:
    """A task's body: run the job; on an unexpected error mark it failed (``fail`` words it plainly: the error's
    text, which may hold personal data, never reaches the row) and raise again for the worker's log."""
    try:
        return execute(UUID(job_id))
    except Exception:
        fail(UUID(job_id))
        raise
