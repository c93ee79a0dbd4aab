"""The whole flow on PostgreSQL with a real Celery worker: formation started through the API runs on the worker,
the coordinator publishes, and a member sees her group.

Needs PostgreSQL and a Redis broker (CI sets DATABASE_URL and CELERY_BROKER_URL)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.backend.peers.conftest import Network

REPO = Path(__file__).resolve().parents[3]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("CELERY_BROKER_URL"),
        reason="needs PostgreSQL and a Redis broker (set DATABASE_URL and CELERY_BROKER_URL)",
    ),
]


def wait_for(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_formation_on_a_real_worker_then_publish_and_a_member_sees_her_group(
    network: Network, client_for: Any, real_broker: Any
) -> None:
    db = connection.settings_dict
    env = {
        **os.environ,
        # The worker must use the test database this test writes to, not the one DATABASE_URL names.
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PYTHONPATH": f"{REPO}:{REPO / 'backend'}",
        "DJANGO_SETTINGS_MODULE": "config.django.test",
    }
    celery = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING"],
        cwd=REPO / "backend",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    coordinator = client_for(network.coordinator)
    try:
        opened = coordinator.post(
            f"/api/v1/programmes/{network.programme.id}/rounds/",
            {"name": "Spring 2027", "min_size": 4, "max_size": 6},
            format="json",
        )
        assert opened.status_code == 201, opened.json()
        url = f"/api/v1/rounds/{opened.json()['id']}/"
        started = coordinator.post(f"{url}form/")
        assert started.status_code == 202 and started.json()["status"] == "forming"
        assert wait_for(lambda: coordinator.get(url).json()["status"] == "draft", 90), coordinator.get(url).json()
    finally:
        celery.terminate()
        celery.wait(timeout=30)
    detail = coordinator.get(url).json()
    assert detail["progress"] == 100 and detail["stats"]["workers"] == 12
    published = coordinator.post(f"{url}publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    member = client_for(network.workers[0].membership.user)
    groups = member.get("/api/v1/groups/").json()["results"]
    assert len(groups) == 1 and 4 <= len(groups[0]["members"]) <= 6
    assert any(person["is_me"] for person in groups[0]["members"])
