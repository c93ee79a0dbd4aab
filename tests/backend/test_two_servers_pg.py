"""Nothing assumes one process (issue 16, item 3): two gunicorn servers and two Celery workers on one PostgreSQL
database and one Redis, started as production runs them (bench/load/stack.py, production settings, the
gunicorn config file).

A session made on one server is honoured on the other and ended there for both; the sign-up limit and the login
lockout count across both servers (the counters live in Redis, not in a process); two matching runs for two
programmes started at once, one through each server, and a peer formation each run exactly once on the workers
and leave exactly their results.

Runs in CI's PostgreSQL phase (DATABASE_URL, CELERY_BROKER_URL and REDIS_URL set, see .ci/run); skipped on SQLite.
Waits are on conditions, polled, with generous limits; every process is stopped by its process group at the end.
"""

import http.client
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection

from bench.load.stack import FERNET_KEY, SECRET_KEY, Stack
from mentoring.models import Match, MatchingRun
from programmes.models import Membership, Programme, ProgrammeKind, Role
from tests.backend.factories import PASSWORD, ProgrammeFactory, UserFactory
from tests.backend.hardening.conftest import add_totp, totp_code
from tests.backend.hardening.test_enumeration_and_rate_limits import _signup_payload
from tests.backend.mentoring.conftest import mentee_profile, mentor_profile
from tests.backend.peers.conftest import worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("REDIS_URL") or not os.environ.get("CELERY_BROKER_URL"),
        reason="needs PostgreSQL and Redis (CI's PostgreSQL phase sets DATABASE_URL, REDIS_URL, CELERY_BROKER_URL)",
    ),
]

AUTH = "/_allauth/browser/v1/auth"
WAIT = 240.0  # seconds any one condition may take on a busy 2-core machine
LOCKED = "too_many_login_attempts"


class Browser:
    """One person's browser: her cookies, sent to whichever server she is told to ask (as a load balancer would)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, server: Stack, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        address = urlsplit(server.base_url)
        client = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        try:
            client.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
            answer = client.getresponse()
            raw = answer.read()
            for header, value in answer.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if cookie_value and "max-age=0" not in value.lower():
                        self.cookies[name.strip()] = cookie_value
                    else:
                        self.cookies.pop(name.strip(), None)
            return answer.status, json.loads(raw) if raw else None
        finally:
            client.close()

    def get(self, server: Stack, path: str) -> tuple[int, Any]:
        return self.request(server, "GET", path)

    def post(self, server: Stack, path: str, body: Any = None) -> tuple[int, Any]:
        if "csrftoken" not in self.cookies:
            self.get(server, "/api/v1/csrf/")
        return self.request(server, "POST", path, {} if body is None else body)

    def login(self, server: Stack, email: str, password: str = PASSWORD) -> tuple[int, Any]:
        status, answer = self.post(server, f"{AUTH}/login", {"email": email, "password": password})
        if status == 401 and any(flow["id"] == "mfa_authenticate" for flow in answer["data"]["flows"]):
            status, answer = self.post(server, f"{AUTH}/2fa/authenticate", {"code": totp_code()})
        return status, answer


def until(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"not within {WAIT:.0f} s: {what}")


def codes(answer: Any) -> list[str]:
    return [error.get("code", "") for error in (answer or {}).get("errors", [])]


@pytest.fixture
def servers(settings: Any) -> Iterator[tuple[Stack, Stack]]:
    """Two web servers, each with a worker, on the test database and Redis databases of their own."""
    # The servers' keys: what this process writes encrypted (factories) they must read, and the other way round.
    settings.SECRET_KEY = SECRET_KEY
    settings.PRIVACY_ENCRYPTION_KEYS = [FERNET_KEY]
    database = connection.settings_dict
    redis = urlsplit(os.environ["REDIS_URL"])
    limits = {"SIGNUP_RATE_LIMIT": "3/hour", "LOGIN_LOCKOUT_ATTEMPTS": "3"}
    stacks = [
        Stack(
            database=database["NAME"],
            pg_host=database["HOST"] or "127.0.0.1",
            pg_port=int(database["PORT"] or 5432),
            pg_user=database["USER"],
            redis_host=redis.hostname or "127.0.0.1",
            redis_port=redis.port or 6379,
            redis_cache_db=12,
            redis_broker_db=13,
            # Few processes and threads: two servers and the test share the machine's database connections.
            gunicorn_args=["--workers", "2", "--threads", "4"],
            extra_env=limits,
            ready_timeout=WAIT,
        )
        for _ in range(2)
    ]
    try:
        stacks[0].claim_redis()  # both use the same two Redis databases: that is the point
        for stack in stacks:
            stack.start()
        yield stacks[0], stacks[1]
    except BaseException:
        for stack in stacks:  # what the servers and workers said, for the failure's report
            for log in sorted(stack.logs.glob("*.log")):
                print(f"--- {log} (last 3,000 characters)\n{log.read_text(errors='replace')[-3000:]}")
        raise
    finally:
        for stack in reversed(stacks):  # the first one gives the Redis databases back, after both stopped
            stack.close()


def worker_log(stacks: tuple[Stack, Stack]) -> str:
    return "".join((stack.logs / "worker.log").read_text(errors="replace") for stack in stacks)


def test_two_servers_and_two_workers_share_sessions_limits_and_tasks(servers: tuple[Stack, Stack]) -> None:
    a, b = servers

    # The world: two mentoring programmes and a peer network, one coordinator of all three (with TOTP).
    first, second = ProgrammeFactory(name="Mentoring one"), ProgrammeFactory(name="Mentoring two")
    network = ProgrammeFactory(name="Peers", kind=ProgrammeKind.PEER_NETWORK, city="", country="BE")
    coordinator = UserFactory()
    add_totp(coordinator)
    for programme in (first, second, network):
        Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
    mentees: dict[Programme, list[Any]] = {}
    for programme in (first, second):
        mentees[programme] = [mentee_profile(programme) for _ in range(6)]
        for _ in range(3):
            mentor_profile(programme, capacity=2)
    for i in range(12):
        worker(network, i)
    amira = mentees[first][0].membership.user

    # A session made on one server is honoured on the other, and ending it there ends it for both.
    browser = Browser()
    status, _ = browser.login(a, amira.email)
    assert status == 200
    status, me = browser.get(b, "/api/v1/me/")
    assert status == 200 and me["email"] == amira.email
    status, _ = browser.request(b, "DELETE", f"{AUTH}/session")
    assert status == 401  # allauth's answer to a logout: no one is logged in now
    assert browser.get(a, "/api/v1/me/")[0] == 403

    # The sign-up limit (3 an hour from one address) counts across both servers.
    url = f"/api/v1/programmes/{first.id}/signup/"
    statuses = [
        Browser().post(server, url, _signup_payload(f"new{n}.kanarienvogel@example.org"))[0]
        for n, server in enumerate((a, b, a, b))
    ]
    assert statuses == [202, 202, 202, 429]

    # The login lockout (3 failed attempts per account and address) counts across both servers too.
    target = UserFactory()
    for server in (a, b, a):
        status, answer = Browser().login(server, target.email, "wrong-password-123")
        assert status == 400 and LOCKED not in codes(answer)
    status, answer = Browser().login(b, target.email)
    assert status == 400 and LOCKED in codes(answer)

    # Two matching runs at once, one started through each server, and a peer formation.
    office = Browser()
    assert office.login(a, coordinator.email)[0] == 200
    assert office.get(b, "/api/v1/me/")[0] == 200
    started: dict[Programme, Any] = {}

    def start(programme: Programme, server: Stack) -> None:
        started[programme] = office.post(server, f"/api/v1/programmes/{programme.id}/runs/", {})

    threads = [threading.Thread(target=start, args=pair) for pair in ((first, a), (second, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert [started[p][0] for p in (first, second)] == [202, 202], started
    status, opened = office.post(
        b, f"/api/v1/programmes/{network.id}/rounds/", {"name": "Spring", "min_size": 4, "max_size": 6}
    )
    assert status == 201, opened
    round_url = f"/api/v1/rounds/{opened['id']}/"
    status, forming = office.post(a, f"{round_url}form/")
    assert status == 202 and forming["status"] == "forming"

    runs = {p: f"/api/v1/runs/{started[p][1]['id']}/" for p in (first, second)}
    for programme, run_url in runs.items():
        detail = until(
            lambda run_url=run_url: (d := office.get(a, run_url)[1])["status"] in ("done", "failed") and d,
            f"the run of {programme.name} to finish",
        )
        assert detail["status"] == "done", detail
        # Three mentors with two places each, six mentees: every mentee has exactly one proposal.
        assert detail["counts"]["proposals"] == 6
        proposed = list(Match.objects.filter(programme=programme).values_list("mentee_id", flat=True))
        assert sorted(proposed) == sorted(profile.pk for profile in mentees[programme])
        assert MatchingRun.objects.filter(programme=programme).count() == 1
    round_detail = until(
        lambda: (d := office.get(b, round_url)[1])["status"] != "forming" and d, "the peer formation to finish"
    )
    assert round_detail["status"] == "draft" and round_detail["stats"]["workers"] == 12, round_detail

    # Each task ran once, on one of the two workers (a task run twice would show twice in their logs).
    log = worker_log(servers)
    for task, times in (("mentoring.run_matching", 2), ("peers.form_groups", 1)):
        succeeded = [line for line in log.splitlines() if f"Task {task}[" in line and "succeeded" in line]
        assert len(succeeded) == times, (task, succeeded)
