"""What operators watch (docs/operations.md): Prometheus metrics of requests, database queries and Celery tasks,
served at /metrics to a bearer token only; a request id on every log line of a request and of the tasks it
queues; and the JSON log format of production.

Labels never carry personal data: a request is counted under its route's name (``v1:profile-detail``, never the
path with its ids), a task under its name, a query under its database alias. Log lines are written with the
message already scrubbed (``common.log_filters``) and nothing else of the record: no ``extra`` fields, no
arguments.

Several processes (gunicorn's workers, Celery's pool) each count for themselves; with PROMETHEUS_MULTIPROC_DIR set
(an empty directory shared by the processes of one container, set before they start) prometheus-client writes
every process's counts there and /metrics adds them up.
"""

import contextvars
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from celery import signals as celery_signals
from django.conf import settings
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from common.log_filters import scrub
from common.shedding import REQUESTS_SHED as REQUESTS_SHED
from common.views import api_not_found

# --- the request id ---------------------------------------------------------------------------------------------

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "bridges_request_id"
"""The Celery message header that carries the request id from the web process into the task."""
# A proxy's id (a UUID, nginx's 32 hex digits, Caddy's UUID) passes; anything long, with spaces, an @ or other
# punctuation does not. At least one digit: a plain word (a name someone typed into the header) is not an id.
_WELL_FORMED = re.compile(r"(?=[^0-9]*[0-9])[A-Za-z0-9._-]{8,64}")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("bridges_request_id", default=None)


def well_formed_request_id(value: str | None) -> bool:
    return bool(value) and _WELL_FORMED.fullmatch(value or "") is not None


def new_request_id() -> str:
    return secrets.token_hex(16)


def current_request_id() -> str | None:
    """The id of the request (or of the request that queued the task) being handled in this context."""
    return _request_id.get()


def set_request_id(value: str | None) -> contextvars.Token[str | None]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str | None]) -> None:
    try:
        _request_id.reset(token)
    except ValueError:  # set in another context (a thread of its own): nothing of this context to restore
        _request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Gives every record the current request id (``-`` outside a request or task), for the formatters."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, request id, the message and any traceback. Only these:
    a record's ``extra`` fields and arguments are never written (they may hold what the message left out)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or _request_id.get() or "-",
            "message": scrub(record.getMessage()),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = scrub(record.exc_text)
        return json.dumps(line, ensure_ascii=False)


class RequestIdMiddleware:
    """Takes a well-formed X-Request-ID from the caller (the proxy in front sets one), else makes one; every log
    line of the request and of the tasks it queues carries it, and the answer names it. Goes first (outermost),
    so that every answer carries it. It stays set until Django has logged the answer (``request_finished``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER)
        request_id = given if given and well_formed_request_id(given) else new_request_id()
        _request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


def _forget_request_id(**_: Any) -> None:
    _request_id.set(None)


# --- metrics ----------------------------------------------------------------------------------------------------

HTTP_REQUESTS = Counter(
    "bridges_http_requests_total", "Answers given, by route name, method and status.", ["view", "method", "status"]
)
HTTP_DURATION = Histogram(
    "bridges_http_request_duration_seconds",
    "Time from the request reaching Django to its answer, by route name and method.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
DB_QUERIES = Counter("bridges_db_queries_total", "SQL statements run, by database alias.", ["alias"])
DB_ERRORS = Counter("bridges_db_query_errors_total", "SQL statements that raised, by database alias.", ["alias"])
DB_DURATION = Histogram(
    "bridges_db_query_duration_seconds",
    "Time of one SQL statement, by database alias.",
    ["alias"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
)
TASKS_STARTED = Counter("bridges_celery_tasks_started_total", "Celery tasks started, by task name.", ["task"])
TASKS_SUCCEEDED = Counter("bridges_celery_tasks_succeeded_total", "Celery tasks that succeeded.", ["task"])
TASKS_FAILED = Counter("bridges_celery_tasks_failed_total", "Celery tasks that raised.", ["task"])
TASKS_RETRIED = Counter("bridges_celery_tasks_retried_total", "Celery tasks that asked to be retried.", ["task"])
TASK_DURATION = Histogram(
    "bridges_celery_task_duration_seconds",
    "Time a Celery task ran, by task name (any outcome).",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0),
)

# REQUESTS_SHED (bridges_http_requests_shed_total, imported above) counts the load-shedding gate's 503s: defined with
# the gate in common.shedding, which answers them before Django, so they are not in HTTP_REQUESTS.

UNRESOLVED = "unresolved"
"""The view label of a request no route answered (or one refused before its route was looked up)."""


def view_label(request: HttpRequest) -> str:
    """The route's name (``v1:match-detail``), else its pattern (``healthz``): never the path, which has ids."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNRESOLVED
    return match.view_name or match.route or UNRESOLVED


class RequestMetricsMiddleware:
    """Counts every answer and times it, by route name, method and status. Goes right after RequestIdMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        view, method = view_label(request), _method(request.method)
        HTTP_DURATION.labels(view, method).observe(time.perf_counter() - started)
        HTTP_REQUESTS.labels(view, method, str(response.status_code)).inc()
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _method(method: str | None) -> str:
    return method if method in _METHODS else "other"  # a made-up method is not a new label value


def _observe_query(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    alias = context["connection"].alias
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    except Exception:
        DB_ERRORS.labels(alias).inc()
        raise
    finally:
        DB_DURATION.labels(alias).observe(time.perf_counter() - started)
        DB_QUERIES.labels(alias).inc()


def _instrument_connection(connection: Any, **_: Any) -> None:
    if _observe_query not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _observe_query)


# --- Celery: task metrics and the request id into the task ---------------------------------------------------------

_task_started: dict[str, float] = {}
_task_request_ids: dict[str, contextvars.Token[str | None]] = {}


def _task_name(sender: Any = None, task: Any = None) -> str:
    return str(getattr(task or sender, "name", None) or "unknown")


def _add_request_id_header(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = _request_id.get()
    if headers is not None and request_id and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


def _task_prerun(task_id: str = "", task: Any = None, **_: Any) -> None:
    TASKS_STARTED.labels(_task_name(task=task)).inc()
    _task_started[task_id] = time.perf_counter()
    request = getattr(task, "request", None)
    given = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(TASK_HEADER)
    # A task run in the request's own process (eager) keeps the request's id without a header.
    if isinstance(given, str) and well_formed_request_id(given):
        _task_request_ids[task_id] = _request_id.set(given)


def _task_postrun(task_id: str = "", task: Any = None, **_: Any) -> None:
    started = _task_started.pop(task_id, None)
    if started is not None:
        TASK_DURATION.labels(_task_name(task=task)).observe(time.perf_counter() - started)
    token = _task_request_ids.pop(task_id, None)
    if token is not None:
        reset_request_id(token)


def _task_succeeded(sender: Any = None, **_: Any) -> None:
    TASKS_SUCCEEDED.labels(_task_name(sender)).inc()


def _task_failed(sender: Any = None, **_: Any) -> None:
    TASKS_FAILED.labels(_task_name(sender)).inc()


def _task_retried(sender: Any = None, **_: Any) -> None:
    TASKS_RETRIED.labels(_task_name(sender)).inc()


def connect_signals() -> None:
    """Wire the request id, the query metrics and the task metrics (config/celery.py, in every process)."""
    from django.core.signals import request_finished

    request_finished.connect(_forget_request_id, dispatch_uid="bridges.observability.request_id")
    connection_created.connect(_instrument_connection, dispatch_uid="bridges.observability.db")
    celery_signals.before_task_publish.connect(_add_request_id_header, dispatch_uid="bridges.observability.publish")
    celery_signals.task_prerun.connect(_task_prerun, dispatch_uid="bridges.observability.prerun")
    celery_signals.task_postrun.connect(_task_postrun, dispatch_uid="bridges.observability.postrun")
    celery_signals.task_success.connect(_task_succeeded, dispatch_uid="bridges.observability.success")
    celery_signals.task_failure.connect(_task_failed, dispatch_uid="bridges.observability.failure")
    celery_signals.task_retry.connect(_task_retried, dispatch_uid="bridges.observability.retry")


# --- the exposition ---------------------------------------------------------------------------------------------


def exposition() -> bytes:
    """Every metric in Prometheus' text format: the sum over all processes with PROMETHEUS_MULTIPROC_DIR, else
    this process's own (the embedded default: one process)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def token_matches(authorization: str | None) -> bool:
    """Whether ``Authorization: Bearer <METRICS_TOKEN>`` was sent (compared in constant time); never without a
    configured token."""
    expected: str = settings.METRICS_TOKEN
    scheme, _, given = (authorization or "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


@csrf_exempt  # it changes nothing; any other method is an unknown address, not a CSRF page
def metrics(request: HttpRequest) -> HttpResponse:
    """The metrics to the holder of the token; to anybody else exactly what an unknown address answers."""
    if request.method not in ("GET", "HEAD") or not token_matches(request.headers.get("Authorization")):
        return api_not_found(request)
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Scrapes are not worth a log line each."""


class _ThreadingServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(target=self._handle, args=(request, client_address), daemon=True)
        thread.start()

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - a broken scrape must not end the worker's server
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


def _worker_metrics_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") != "/metrics" or not token_matches(environ.get("HTTP_AUTHORIZATION")):
        body = json.dumps(
            {"type": "client_error", "errors": [{"code": "not_found", "detail": "There is no such address."}]}
        ).encode()
        start_response("404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]
    body = exposition()
    start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(body)))])
    return [body]


def serve_worker_metrics(address: str, port: int) -> WSGIServer:
    """A Celery worker's own /metrics (same token) on ``address:port``, in a daemon thread of its main process:
    its pool's processes count into PROMETHEUS_MULTIPROC_DIR, which this reads. Returns the running server."""
    server = make_server(address, port, _worker_metrics_app, server_class=_ThreadingServer, handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="bridges-metrics", daemon=True).start()
    return server
