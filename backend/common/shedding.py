"""Load shedding for the web server: a gate in front of the application that lets a few requests work at once per
process, queues a few more for a short while, and answers the rest at once with 503 and ``Retry-After``. Reads are
what it sheds first: a change (an approval, an accept, a message) may wait where a read is shed (a longer queue,
``change_queue``, and a longer wait, ``change_max_wait``), and the web app sends a shed request again after
``Retry-After`` (frontend/src/api/busy.ts). bench/load --scenario writes measures a burst of changes.

Why here and not in gunicorn: a gthread worker accepts every connection (up to ``worker_connections``) and queues
it for its thread pool without any limit or clock, so an overloaded server makes every request wait in one long
first-in-first-out line (issue 16 measured 6-10 s), probes included. With more threads than the gate lets work
(see config/gunicorn.conf.py), the spare threads reach this gate at once and are answered in well under a
millisecond: either admitted, or told to come back, while the admitted ones finish at the speed two cores allow.

Probes pass the gate without waiting: a liveness probe that queues behind application work would make the load
balancer kill a server that is merely busy. ``/healthz`` is answered here, without Django (the same answer as
common.views.healthz, which serves it where there is no gate), so it costs a few microseconds of a spare thread
even while every place is taken; ``/readyz`` goes on to Django past the gate.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation.trans_real import parse_accept_lang_header
from prometheus_client import Counter

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# The cookie the web app sets when she picks a language (the same name common.views reads).
_LANGUAGE_COOKIE = "bridges_language"

_READS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing: the ones the gate sheds first."""

LIVENESS_PATH = "/healthz"
LIVENESS_BODY = {"status": "ok"}
_LIVENESS_BYTES = json.dumps(LIVENESS_BODY).encode()

REQUESTS_SHED = Counter(
    "bridges_http_requests_shed_total",
    "Requests the load-shedding gate answered 503 at once (the server was full); they never reach Django.",
)
"""Exposed at /metrics with the other metrics (common.observability), added up over the processes like them.
Defined here, not there, because observability reads this module (through common.views) and not the other way."""


@dataclass(frozen=True)
class GateLimits:
    active: int
    """Requests one process works on at once (more only share the same two cores and the same GIL)."""
    queue: int
    """Requests that may wait for a place; one more is answered 503 at once."""
    max_wait: float
    """Seconds a queued request waits for a place before it is answered 503."""
    retry_after: int
    """Seconds the 503 asks the client to wait (the ``Retry-After`` header)."""
    change_queue: int = 0
    """Requests that may wait when the one arriving is a change (POST, PUT, PATCH, DELETE): more than ``queue``, so
    that a person's change waits where a read is shed (a waiting change counts in the queue reads see). Keep it
    below the process's threads minus ``active``, so that a thread or two stay free for probes and shedding."""
    change_max_wait: float = 10.0
    """Seconds a waiting change waits for a place before it is answered 503."""


class AdmissionGate:
    """At most ``active`` holders at once, at most ``queue`` waiting, each for at most ``max_wait`` seconds.

    ``enter()`` returns True when the caller may go on (it must then call ``leave()``), False when it is shed.
    Thread-safe; one gate per process.
    """

    def __init__(self, limits: GateLimits) -> None:
        self.limits = limits
        self._places = threading.BoundedSemaphore(limits.active)
        self._lock = threading.Lock()
        self._waiting = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    def enter(self, *, change: bool = False) -> bool:
        """A place now, or after waiting: a read up to ``max_wait`` in a queue of at most ``queue``, a change up to
        ``change_max_wait`` in one of at most ``max(queue, change_queue)``."""
        if self._places.acquire(blocking=False):
            return True
        with self._lock:
            if self._waiting >= (max(self.limits.queue, self.limits.change_queue) if change else self.limits.queue):
                return False
            self._waiting += 1
        try:
            return self._places.acquire(timeout=self.limits.change_max_wait if change else self.limits.max_wait)
        finally:
            with self._lock:
                self._waiting -= 1

    def leave(self) -> None:
        self._places.release()


@lru_cache(maxsize=16)
def _busy_body(language: str) -> bytes:
    """The 503's body in the API's error format (common.errors, drf-standardized-errors), in her language."""
    with translation.override(language):
        detail = gettext("Bridges is very busy right now. Please try again in a few seconds.")
    error = {"code": "server_busy", "detail": detail, "attr": None}
    return json.dumps({"type": "server_error", "errors": [error]}, ensure_ascii=False).encode()


def _language(environ: dict[str, Any]) -> str:
    """Her language as the web app chose it (cookie), else her browser's first one the app speaks, else English;
    without touching the session or the database."""
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = parse_cookie(environ.get("HTTP_COOKIE", "")).get(_LANGUAGE_COOKIE, "")
    if chosen in languages:
        return chosen
    for code, _quality in parse_accept_lang_header(environ.get("HTTP_ACCEPT_LANGUAGE", "")):
        base = code.lower().split("-")[0]
        if base in languages:
            return base
    return "en"


class LoadShedding:
    """WSGI middleware: the application behind an ``AdmissionGate``; ``bypass`` paths go straight through."""

    def __init__(
        self,
        app: WSGIApp,
        gate: AdmissionGate,
        *,
        bypass: Iterable[str] = ("/readyz",),
        bypass_prefixes: Iterable[str] = (),
    ):
        self.app = app
        self.gate = gate
        self.bypass = frozenset(bypass)
        self.bypass_prefixes = tuple(bypass_prefixes)
        """Static files: cheap (sent by the server's sendfile), and a page missing one of its scripts is broken, so
        they are never shed."""
        self.shed = 0
        """Requests answered 503 by this gate so far (the tests read it; /metrics has REQUESTS_SHED)."""

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == LIVENESS_PATH and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            start_response(
                "200 OK",
                [
                    ("Content-Type", "application/json"),
                    ("Content-Length", str(len(_LIVENESS_BYTES))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [_LIVENESS_BYTES]
        if path in self.bypass or (self.bypass_prefixes and path.startswith(self.bypass_prefixes)):
            return self.app(environ, start_response)
        if not self.gate.enter(change=environ.get("REQUEST_METHOD", "GET") not in _READS):
            self.shed += 1
            REQUESTS_SHED.inc()
            return self._busy(environ, start_response)
        try:
            answer = self.app(environ, start_response)
        except BaseException:
            self.gate.leave()
            raise
        file_wrapper = environ.get("wsgi.file_wrapper")
        if file_wrapper is not None and isinstance(answer, file_wrapper):
            # A file (WhiteNoise's static files): the server sends it with sendfile, no Python work is left, and
            # it must stay the server's own wrapper for that.
            self.gate.leave()
            return answer
        return _ReleaseWhenClosed(answer, self.gate.leave)

    def _busy(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        body = _busy_body(_language(environ))
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Retry-After", str(self.gate.limits.retry_after)),
                ("Cache-Control", "no-store"),
            ],
        )
        return [body]


class _ReleaseWhenClosed:
    """The application's answer, passed on as it is; the gate's place is given back when the server closes it
    (after the last byte is written, PEP 3333), so a streamed answer keeps its place while it streams."""

    def __init__(self, answer: Iterable[bytes], release: Callable[[], None]) -> None:
        self._answer = answer
        self._release: Callable[[], None] | None = release

    def __iter__(self) -> Any:
        return iter(self._answer)

    def close(self) -> None:
        try:
            close = getattr(self._answer, "close", None)
            if close is not None:
                close()
        finally:
            release, self._release = self._release, None
            if release is not None:
                release()


def wrap(app: WSGIApp) -> WSGIApp:
    """The application behind the gate configured in settings (config/settings/serving.py), or as it is when
    shedding is switched off."""
    if not settings.LOAD_SHEDDING:
        return app
    limits = GateLimits(
        active=settings.LOAD_SHEDDING_ACTIVE,
        queue=settings.LOAD_SHEDDING_QUEUE,
        max_wait=settings.LOAD_SHEDDING_MAX_WAIT,
        retry_after=settings.LOAD_SHEDDING_RETRY_AFTER,
        change_queue=settings.LOAD_SHEDDING_CHANGE_QUEUE,
        change_max_wait=settings.LOAD_SHEDDING_CHANGE_MAX_WAIT,
    )
    return LoadShedding(app, AdmissionGate(limits), bypass_prefixes=(settings.STATIC_URL,))
