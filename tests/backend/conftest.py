"""Shared fixtures: an API client per role and the two-programme world most API tests need."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, coordinator_of


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@dataclass
class World:
    programme_a: Programme
    programme_b: Programme
    closed: Programme
    coordinator_a: User
    coordinator_b: User
    mentee_a: Profile
    other_mentee_a: Profile
    mentor_a: Profile
    mentee_b: Profile


@pytest.fixture
def world(db: None) -> World:
    programme_a = ProgrammeFactory(name="Jobs Berlin")
    programme_b = ProgrammeFactory(name="Peer network", kind=ProgrammeKind.PEER_NETWORK, city="", country="BE")
    closed = ProgrammeFactory(name="Closed pilot", signup_open=False)
    return World(
        programme_a=programme_a,
        programme_b=programme_b,
        closed=closed,
        coordinator_a=coordinator_of(programme_a),
        coordinator_b=coordinator_of(programme_b),
        mentee_a=ProfileFactory(membership=MembershipFactory(programme=programme_a, role=Role.MENTEE)),
        other_mentee_a=ProfileFactory(membership=MembershipFactory(programme=programme_a, role=Role.MENTEE)),
        mentor_a=ProfileFactory(membership=MembershipFactory(programme=programme_a, role=Role.MENTOR), capacity=2),
        mentee_b=ProfileFactory(
            membership=MembershipFactory(programme=programme_b, role=Role.FRONTLINE_WORKER),
            organisation="Red Cross",
            topics_interest=["mental_health"],
        ),
    )


@pytest.fixture
def real_broker() -> Any:
    """Send tasks to the real broker (Redis in CI) for the duration of a test, for a worker process to run."""
    import os

    from config.celery import app

    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs a broker: set CELERY_BROKER_URL (CI uses Redis)")
    app.conf.task_always_eager = False
    app.control.purge()
    yield app
    app.conf.task_always_eager = True
