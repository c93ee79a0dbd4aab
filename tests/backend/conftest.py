"""Shared fixtures: an API client per role and the two-programme world most API tests need."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from tests.backend.factories import MembershipFactory, ProfileFactory, ProgrammeFactory, coordinator_of


@pytest.fixture(autouse=True, scope="session")
def _compiled_catalogues() -> None:
    """The .mo files are built, not committed: compile them once, so that a bare pytest on a fresh clone speaks
    every language (make test compiles them first too)."""
    from django.conf import settings

    from common.catalogues import catalogue_paths, compile_catalogue

    for directory in settings.LOCALE_PATHS:
        for po in catalogue_paths(directory):
            compile_catalogue(po)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(autouse=True)
def _no_personal_data_leaves_the_app() -> Iterator[Any]:
    """After every test: no log record, Celery task message or error answer carries a name, email or phone
    number the factories gave someone, nor sensitive data (special-category answers, the marked free texts of
    reports); no email carries sensitive data. tests/backend/security/canaries.py says which strings these are
    and how each channel is watched."""
    from tests.backend.security.canaries import LeakWatch

    with LeakWatch() as watch:
        yield watch
    found = watch.found()
    assert not found, "personal or sensitive data left the app (tests/backend/security/canaries.py):\n" + "\n".join(
        found[:5]
    )


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate-limit and lockout counts live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _forced_logins_pass_two_step() -> Iterator[None]:
    """The one place where tests meet the two-step requirement of coordinators and staff: a request
    authenticated with DRF's ``force_authenticate`` (``client_for``) counts as having passed its TOTP code.
    Real sessions (allauth login, ``force_login``) are checked as in production; tests/backend/hardening/
    checks the refusal, also for forced logins with the ``enforce_two_step`` fixture.
    (Its own MonkeyPatch, so a test's ``monkeypatch.undo()`` leaves it in place.)"""
    from accounts import two_step

    real = two_step.two_step_passed

    def passed(request: Any, user: Any) -> bool:
        return getattr(request, "_force_auth_user", None) is not None or real(request, user)

    patcher = pytest.MonkeyPatch()
    patcher.setattr(two_step, "two_step_passed", passed)
    yield
    patcher.undo()


@pytest.fixture
def enforce_two_step() -> Iterator[None]:
    """Undo the test shortcut above: forced logins must pass TOTP like real ones."""
    from accounts import two_step

    patcher = pytest.MonkeyPatch()
    patcher.setattr(two_step, "two_step_passed", two_step.real_two_step_passed)
    yield
    patcher.undo()


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


def _with_sensitive_answers(profile: Profile) -> Profile:
    """She answered every sensitive question (canaries for the check above) but did not consent to their use
    in matching, so the engine never sees them."""
    from django.utils import timezone

    from privacy.sensitive import SENSITIVE_CODES
    from privacy.services import sensitive_attributes_set

    sensitive_attributes_set(user=profile.membership.user, codes=sorted(SENSITIVE_CODES), now=timezone.now())
    return profile


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
        mentee_a=_with_sensitive_answers(
            ProfileFactory(membership=MembershipFactory(programme=programme_a, role=Role.MENTEE))
        ),
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


@pytest.fixture(autouse=True)
def _celery_join_state_is_not_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """Celery's process-wide "inside a worker" flag makes every later `.get()` refuse; one CI run on PostgreSQL saw
    it left set by an earlier test (not reproduced since). Reset it after each test and name the test that set it."""
    from celery import _state

    yield
    if _state.task_join_will_block():
        _state._set_task_join_will_block(False)
        print(f"\n{request.node.nodeid} left Celery's worker flag set (task_join_will_block); reset it", flush=True)
