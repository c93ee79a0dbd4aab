"""A worker killed (SIGKILL) in the middle of a matching run loses nothing and duplicates nothing: the task
is delivered again and a new worker finishes the run with exactly one set of proposals.

Needs PostgreSQL and a Redis broker (CI sets DATABASE_URL and CELERY_BROKER_URL)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from mentoring import services
from mentoring.models import Match, MatchingRun, MatchState
from tests.backend.mentoring.conftest import Programme1

REPO = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL"),
        reason="needs PostgreSQL and a Redis broker (set DATABASE_URL and CELERY_BROKER_URL)",
    ),
]


def worker(script: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *script], cwd=REPO / "backend", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_for(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def worker_env(**extra: str) -> dict[str, str]:
    db = connection.settings_dict
    return {
        **os.environ,
        # The worker must use the test database this test writes to, not the one DATABASE_URL names.
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PYTHONPATH": f"{REPO}:{REPO / 'backend'}",
        "DJANGO_SETTINGS_MODULE": "config.django.test",
        **extra,
    }


def test_run_through_the_api_on_a_real_worker_then_approve(
    mentoring: Programme1, client_for: Any, real_broker: Any
) -> None:
    celery = worker(["-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING"], worker_env())
    try:
        coordinator = client_for(mentoring.coordinator)
        started = coordinator.post(f"/api/v1/programmes/{mentoring.programme.id}/runs/", {}, format="json")
        assert started.status_code == 202 and started.json()["status"] == "queued"
        url = f"/api/v1/runs/{started.json()['id']}/"
        assert wait_for(lambda: coordinator.get(url).json()["status"] == "done", 90), coordinator.get(url).json()
    finally:
        celery.terminate()
        celery.wait(timeout=30)
    proposals = coordinator.get(f"/api/v1/programmes/{mentoring.programme.id}/matches/", {"state": "proposed"})
    first = proposals.json()["results"][0]
    approved = coordinator.post(f"/api/v1/matches/{first['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["state"] == "offered"


@pytest.mark.parametrize("stall_at", ["computed", "writing"])
def test_sigkill_in_the_middle_of_a_run_loses_and_duplicates_nothing(
    mentoring: Programme1, tmp_path: Path, real_broker: Any, stall_at: str
) -> None:
    # "writing": killed inside the write transaction, with the proposals inserted but not committed.
    marker = tmp_path / "stalled"
    env = worker_env(CELERY_VISIBILITY_TIMEOUT="3", BRIDGES_TEST_MARKER=str(marker), BRIDGES_TEST_STALL_AT=stall_at)
    slow = worker([str(Path(__file__).with_name("slow_worker.py"))], env)
    try:
        run = services.run_start(programme=mentoring.programme, by=mentoring.coordinator, now=timezone.now())
        assert wait_for(marker.exists, 60), f"the worker never reached {stall_at!r}"
        if stall_at == "writing":
            assert marker.read_text() == "wrote 4"  # the rows were there, in its open transaction
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=10)
    finally:
        if slow.poll() is None:
            slow.kill()
    run.refresh_from_db()
    assert run.status != "done" and not Match.objects.filter(run=run).exists()

    time.sleep(4)  # past the visibility timeout: the unacknowledged task is delivered again
    healthy = worker(["-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING"], env)
    try:
        assert wait_for(lambda: MatchingRun.objects.get(pk=run.pk).status == "done", 90), "the run was not redone"
    finally:
        healthy.terminate()
        healthy.wait(timeout=30)
    run.refresh_from_db()
    proposals = Match.objects.filter(run=run, state=MatchState.PROPOSED)
    assert proposals.count() == run.counts["proposals"] == 4
    assert len({p.mentee_id for p in proposals}) == 4  # no mentee twice
