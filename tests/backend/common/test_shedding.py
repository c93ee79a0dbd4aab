"""Load shedding (common.shedding) through its WSGI surface: a request beyond the gate's places and queue is answered
503 at once with Retry-After and a plain answer in the API's error format, in her language; probes pass a full gate;
a place is given back when the answer has been sent; and config.wsgi serves Django behind the gate.

No clock in the assertions: requests are held inside the application with events, and the tests wait on
conditions (a request is inside, one is queued) rather than for durations."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.db import close_old_connections

from common.shedding import AdmissionGate, GateLimits, LoadShedding

WAIT = 30.0  # seconds a condition may take to become true on a busy machine before the test gives up


class HeldApp:
    """A WSGI application whose /slow requests stay inside until ``release`` is set."""

    def __init__(self) -> None:
        self.inside = threading.Semaphore(0)
        self.release = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        if environ["PATH_INFO"].startswith("/slow"):
            self.inside.release()
            assert self.release.wait(WAIT)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]


def call(app: Any, path: str, method: str = "GET", **headers: str) -> tuple[str, dict[str, str], bytes]:
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ["PATH_INFO"] = path
    environ["REQUEST_METHOD"] = method
    environ.update({f"HTTP_{name.upper()}": value for name, value in headers.items()})
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer["status"], answer["headers"] = status, dict(response_headers)

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], body


class Background:
    """Requests run in threads; ``result(i)`` waits for the i-th one's answer."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.answers: list[Any] = []
        self.threads: list[threading.Thread] = []

    def start(self, path: str, method: str = "GET") -> int:
        index = len(self.answers)
        self.answers.append(None)

        def run() -> None:
            self.answers[index] = call(self.app, path, method)

        thread = threading.Thread(target=run, daemon=True)
        self.threads.append(thread)
        thread.start()
        return index

    def result(self, index: int) -> tuple[str, dict[str, str], bytes]:
        self.threads[index].join(WAIT)
        assert self.answers[index] is not None, "the request did not finish"
        return self.answers[index]


def until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


@pytest.fixture
def held() -> Iterator[HeldApp]:
    app = HeldApp()
    yield app
    app.release.set()


def shedding(
    app: HeldApp,
    *,
    active: int = 1,
    queue: int = 0,
    max_wait: float = 30.0,
    change_queue: int = 0,
    change_max_wait: float = 30.0,
) -> LoadShedding:
    limits = GateLimits(
        active=active,
        queue=queue,
        max_wait=max_wait,
        retry_after=2,
        change_queue=change_queue,
        change_max_wait=change_max_wait,
    )
    return LoadShedding(app, AdmissionGate(limits))


def assert_busy(answer: tuple[str, dict[str, str], bytes]) -> dict[str, Any]:
    status, headers, body = answer
    assert status.startswith("503")
    assert headers["Retry-After"] == "2"
    assert headers["Content-Type"] == "application/json"
    payload = json.loads(body)
    assert payload["type"] == "server_error"
    [error] = payload["errors"]
    assert error["code"] == "server_busy" and error["attr"] is None
    return error


def test_a_request_beyond_the_places_and_the_queue_is_answered_503_at_once(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=0)
    background = Background(app)
    first = background.start("/slow")
    assert held.inside.acquire(timeout=WAIT)

    error = assert_busy(call(app, "/api/v1/me/"))
    assert error["detail"] == "Bridges is very busy right now. Please try again in a few seconds."
    assert app.shed == 1

    held.release.set()
    assert background.result(first)[0].startswith("200")
    assert call(app, "/api/v1/me/")[0].startswith("200")  # the place was given back


def test_the_busy_answer_is_in_her_language(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=0)
    background = Background(app)
    background.start("/slow")
    assert held.inside.acquire(timeout=WAIT)

    german = assert_busy(call(app, "/api/v1/me/", accept_language="de-AT,de;q=0.9,en;q=0.5"))
    assert german["detail"].startswith("Bridges ist gerade sehr ausgelastet")
    chosen = assert_busy(call(app, "/api/v1/me/", accept_language="de", cookie="bridges_language=ar"))
    assert chosen["detail"].startswith("Bridges مشغول")
    unknown = assert_busy(call(app, "/api/v1/me/", accept_language="xx"))
    assert unknown["detail"].startswith("Bridges is very busy")


def test_probes_pass_a_full_gate(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=0)
    Background(app).start("/slow")
    assert held.inside.acquire(timeout=WAIT)

    status, headers, body = call(app, "/healthz")  # answered by the gate itself: the application is not asked
    assert status.startswith("200") and json.loads(body) == {"status": "ok"}
    assert headers["Content-Type"] == "application/json"
    assert call(app, "/readyz") == ("200 OK", {"Content-Type": "text/plain"}, b"done")  # passed on, not queued
    assert app.shed == 0


def test_a_queued_request_is_served_when_a_place_frees_and_one_more_is_shed(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=1)
    background = Background(app)
    first = background.start("/slow-1")
    assert held.inside.acquire(timeout=WAIT)
    queued = background.start("/queued")
    until(lambda: app.gate.waiting == 1)

    assert_busy(call(app, "/another"))  # the queue is full

    held.release.set()
    assert background.result(first)[0].startswith("200")
    assert background.result(queued)[0].startswith("200")
    assert app.shed == 1


def test_a_request_that_waits_too_long_in_the_queue_is_shed(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=5, max_wait=0.01)
    background = Background(app)
    background.start("/slow")
    assert held.inside.acquire(timeout=WAIT)

    assert_busy(call(app, "/api/v1/me/"))  # queued, then given up on: the first one still holds the place
    assert app.gate.waiting == 0


def test_a_streamed_answer_keeps_its_place_until_it_is_closed() -> None:
    def streaming(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterator[bytes]:
        start_response("200 OK", [])
        yield b"part"

    app = LoadShedding(streaming, AdmissionGate(GateLimits(active=1, queue=0, max_wait=1.0, retry_after=2)))
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    result = app(environ, lambda *args: None)
    assert list(result) == [b"part"]
    assert_busy(call(app, "/"))  # not yet closed by the server: the place is still taken
    result.close()  # type: ignore[attr-defined]
    assert call(app, "/")[0].startswith("200")


def test_a_failing_application_gives_its_place_back() -> None:
    def failing(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        raise RuntimeError("boom")

    app = LoadShedding(failing, AdmissionGate(GateLimits(active=1, queue=0, max_wait=1.0, retry_after=2)))
    for _ in range(2):
        with pytest.raises(RuntimeError):
            call(app, "/")


@pytest.mark.django_db
def test_the_wsgi_entry_point_serves_django_behind_the_gate(settings: Any, db: None) -> None:
    """Production settings switch the gate on (config/django/production.py); config.wsgi then wraps Django in it,
    with static files let through."""
    from django.core.wsgi import get_wsgi_application

    from common.shedding import wrap

    settings.LOAD_SHEDDING = True
    application = wrap(get_wsgi_application())
    assert isinstance(application, LoadShedding)
    assert application.bypass_prefixes == ("/static/",)
    # /readyz passes the gate to Django, which answers it (whether every dependency is up is test_probes' concern).
    # As Django's test client does, the handler does not close the test's database connection after the request
    # (on PostgreSQL that would end the test's transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        status, _headers, body = call(application, "/readyz")
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert status[:3] in ("200", "503") and json.loads(body)["database"] == "up"


def test_the_development_server_has_no_gate(settings: Any) -> None:
    """`make run` and the browser journeys serve one developer: a page's burst of requests is never turned away."""
    from django.core.wsgi import get_wsgi_application

    from common.shedding import wrap

    settings.LOAD_SHEDDING = False
    assert not isinstance(wrap(get_wsgi_application()), LoadShedding)


def test_static_files_are_never_shed(held: HeldApp) -> None:
    """A page missing one of its scripts is broken: static files pass a full gate."""
    app = LoadShedding(
        held,
        AdmissionGate(GateLimits(active=1, queue=0, max_wait=30.0, retry_after=2)),
        bypass_prefixes=("/static/",),
    )
    background = Background(app)
    background.start("/slow")
    assert held.inside.acquire(timeout=WAIT)
    assert call(app, "/static/assets/index.js")[0].startswith("200")
    assert_busy(call(app, "/api/v1/me/"))


def test_a_change_waits_where_a_read_is_shed_and_its_queue_has_an_end_too(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=1, change_queue=3)
    background = Background(app)
    first = background.start("/slow-1")
    assert held.inside.acquire(timeout=WAIT)
    queued = background.start("/queued")
    until(lambda: app.gate.waiting == 1)  # the reads' queue is full

    changes = [background.start(f"/api/v1/matches/{n}/approve/", method) for n, method in enumerate(("POST", "DELETE"))]
    until(lambda: app.gate.waiting == 3)  # both changes wait, past the reads' queue
    assert_busy(call(app, "/api/v1/me/"))  # reads are shed
    assert_busy(call(app, "/api/v1/me/", "HEAD"))
    assert_busy(call(app, "/api/v1/matches/9/accept/", "POST"))  # the changes' queue is full too
    assert app.shed == 3

    held.release.set()
    for index in (first, queued, *changes):
        assert background.result(index)[0].startswith("200")  # every waiting change was served
    assert app.shed == 3


def test_a_change_is_shed_only_after_waiting_its_longest(held: HeldApp) -> None:
    app = shedding(held, active=1, queue=0, change_queue=1, change_max_wait=0.05)
    background = Background(app)
    first = background.start("/slow-1")
    assert held.inside.acquire(timeout=WAIT)
    assert_busy(call(app, "/api/v1/me/"))  # a read: at once
    started = time.monotonic()
    assert_busy(call(app, "/api/v1/matches/1/accept/", "POST"))
    assert time.monotonic() - started >= 0.05
    held.release.set()
    assert background.result(first)[0].startswith("200")
