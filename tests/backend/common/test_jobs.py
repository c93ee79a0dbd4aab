"""The background-job helper (common.jobs) that matching runs and group formations share, tested once here on a
matching run's row; each app's own tests cover what its jobs do."""

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common import jobs
from common.errors import Conflict
from mentoring.models import RUNNING_STATUSES, MatchingRun, RunStatus
from programmes.models import Programme
from tests.backend.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

queued: list[str] = []


@shared_task(name="tests.common.record_job")
def record_job(job_id: str) -> None:
    queued.append(job_id)


def running(programme: Programme) -> Any:
    return MatchingRun.objects.filter(programme=programme, status__in=RUNNING_STATUSES)


def ticking(start: datetime) -> Callable[[], datetime]:
    """A clock that moves one second each time it is read."""
    times = iter(start + timedelta(seconds=n) for n in range(1000))
    return lambda: next(times)


def test_progress_is_written_with_a_heartbeat_only_when_the_percentage_moves() -> None:
    run = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.ENCODING)
    start = timezone.now()
    seen: list[tuple[float, str]] = []

    def fields(fraction: float, stage: str) -> dict[str, Any]:
        seen.append((fraction, stage))
        return {"progress": int(10 + 80 * fraction), "status": RunStatus.ASSIGNING}

    report = jobs.progress_writer(running(run.programme), clock=ticking(start), fields=fields)
    report(0.5, "assigning")
    run.refresh_from_db()
    assert (run.progress, run.status, run.heartbeat_at) == (50, RunStatus.ASSIGNING, start)
    report(0.501, "assigning")  # still 50 percent: nothing written, the clock is not read
    report(2.0, "assigning")  # clamped to 1
    run.refresh_from_db()
    assert (run.progress, run.heartbeat_at) == (90, start + timedelta(seconds=1))
    assert seen[-1] == (1.0, "assigning")


def test_progress_is_not_written_once_the_job_stopped_running() -> None:
    run = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.FAILED, progress=30)
    report = jobs.progress_writer(running(run.programme), clock=timezone.now, fields=lambda f, s: {"progress": 80})
    report(0.9, "assigning")
    run.refresh_from_db()
    assert (run.progress, run.status, run.heartbeat_at) == (30, RunStatus.FAILED, None)


def test_stale_jobs_are_given_up_and_live_ones_are_left_alone() -> None:
    now = timezone.now()
    programme = ProgrammeFactory()
    silent = MatchingRun.objects.create(programme=programme, status=RunStatus.ASSIGNING, heartbeat_at=now)
    never_beat = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.QUEUED)
    beating = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.ENCODING)
    finished = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.DONE, heartbeat_at=now)
    later = now + timedelta(minutes=16)
    MatchingRun.objects.filter(pk=beating.pk).update(heartbeat_at=later - timedelta(minutes=1))
    given_up: list[UUID] = []

    count = jobs.give_up_stale(
        MatchingRun.objects.filter(status__in=RUNNING_STATUSES),
        now=later,
        after=timedelta(minutes=15),
        started_field="created_at",
        fail=given_up.append,
    )

    assert count == 2 and set(given_up) == {silent.pk, never_beat.pk}
    assert beating.pk not in given_up and finished.pk not in given_up


def test_a_failure_is_recorded_by_the_caller_s_plain_words_and_raised_again() -> None:
    run = MatchingRun.objects.create(programme=ProgrammeFactory(), status=RunStatus.ASSIGNING)

    def execute(pk: UUID) -> str:
        raise RuntimeError("could not read the profile of Amina K., Rue de la Paix 3")

    def fail(pk: UUID) -> None:
        MatchingRun.objects.filter(pk=pk).update(status=RunStatus.FAILED, error="The run failed unexpectedly.")

    with pytest.raises(RuntimeError, match="Amina"):
        jobs.run_or_fail(str(run.pk), execute=execute, fail=fail)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error == "The run failed unexpectedly."
    assert "Amina" not in run.error


def test_a_job_that_succeeds_returns_its_result_and_is_not_failed() -> None:
    failed: list[UUID] = []
    job_id = UUID(int=7)
    assert jobs.run_or_fail(str(job_id), execute=lambda pk: f"done {pk.int}", fail=failed.append) == "done 7"
    assert failed == []


def test_a_second_start_is_refused_while_one_runs() -> None:
    programme = ProgrammeFactory()
    with jobs.one_at_a_time("A run is under way."):
        first = MatchingRun.objects.create(programme=programme)
    with pytest.raises(Conflict, match="A run is under way"), jobs.one_at_a_time("A run is under way."):
        MatchingRun.objects.create(programme=programme)
    # The refusal rolled back only the second start: the surrounding transaction goes on.
    assert list(MatchingRun.objects.filter(programme=programme)) == [first]
    with jobs.one_at_a_time("A run is under way."):  # once the first has finished, another may start
        MatchingRun.objects.filter(pk=first.pk).update(status=RunStatus.DONE)
        MatchingRun.objects.create(programme=programme)


def test_the_task_is_queued_by_name_only_after_the_commit(django_capture_on_commit_callbacks: Any) -> None:
    queued.clear()
    job_id = UUID(int=3)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        jobs.queue_after_commit("tests.common.record_job", job_id)
        assert queued == []
    assert len(callbacks) == 1 and queued == [str(job_id)]


QUEUE_FROM_A_WEB_PROCESS = """
import django
django.setup()
from unittest import mock
from celery.app.task import Task
from common import jobs
with mock.patch.object(Task, "delay", lambda task, *args: print(task.name, *args)):
    jobs.queue_after_commit("peers.form_groups", 42)
"""


def test_a_process_that_imported_no_tasks_module_finds_the_task_by_its_name() -> None:
    """A web process imports no app's tasks module; with eager tasks (no broker) a name alone would not run."""
    result = subprocess.run(
        [sys.executable, "-c", QUEUE_FROM_A_WEB_PROCESS],
        cwd=settings.BASE_DIR,
        # Queueing outside a transaction opens a connection: an in-memory database, whichever one the tests use.
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.django.test", "DATABASE_URL": "sqlite://:memory:"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "peers.form_groups 42"
