"""The request id: taken from a well-formed X-Request-ID (else made), named in the answer, on every log line of the
request and of the tasks it queues (in-process and on a real worker); production writes one JSON object a line,
scrubbed like every other log line (the canary rules)."""

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from common.log_filters import PersonalDataFilter
from common.observability import JsonFormatter, RequestIdFilter, current_request_id, reset_request_id, set_request_id

REPO = Path(__file__).resolve().parents[3]
PROXY_ID = "4f6c2a9e-1b7d-4c3e-9a8f-2d5e6b7c8a90"

task_logger = logging.getLogger("bridges.tests.task")
view_logger = logging.getLogger("bridges.tests.view")


def _queued_task() -> Any:
    from config.celery import app

    @app.task(name="tests.observability.logs")
    def logs() -> None:
        task_logger.warning("the task ran")

    return logs


def _view(request: HttpRequest) -> HttpResponse:
    view_logger.warning("queueing the task")
    _queued_task().delay()
    return HttpResponse("queued")


urlpatterns = [path("queue", _view)]


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The lines as production writes them: the same filters and formatter as LOGGING's console handler."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (PROXY_ID, True),
        ("0123456789abcdef0123456789abcdef", True),
        ("req-2026.12.06_42", True),
        ("short1", False),
        ("x" * 60 + "12345", False),
        ("person0.kanarienvogel@example.org", False),
        ("Kanarienvogel", False),  # a plain word: no digit
        ("abc 123456789", False),
        ("abc\n123456789", False),
    ],
)
def test_a_well_formed_request_id_is_kept_and_anything_else_replaced(given: str, kept: bool) -> None:
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=given)
    answered = response["X-Request-ID"]
    if kept:
        assert answered == given
    else:
        assert answered != given and len(answered) == 32 and int(answered, 16) >= 0


def test_each_request_without_an_id_gets_its_own() -> None:
    first, second = (Client().get("/healthz")["X-Request-ID"] for _ in range(2))
    assert first != second
    assert current_request_id() is None  # nothing is left behind once the answer is done


@pytest.mark.urls("tests.backend.observability.test_request_id")
def test_every_log_line_of_a_request_and_of_its_task_carries_the_id(json_lines: io.StringIO) -> None:
    response = Client().get("/queue", HTTP_X_REQUEST_ID=PROXY_ID)
    assert response.status_code == 200 and response["X-Request-ID"] == PROXY_ID
    logged = {line["logger"]: line for line in lines(json_lines)}
    assert logged["bridges.tests.view"]["request_id"] == PROXY_ID
    assert logged["bridges.tests.task"]["request_id"] == PROXY_ID  # the task queued by the request
    assert logged["bridges.tests.task"]["message"] == "the task ran"
    logging.getLogger("bridges.tests.after").warning("after the request")
    assert lines(json_lines)[-1]["request_id"] == "-"


def test_json_lines_keep_the_canary_rules(json_lines: io.StringIO, _no_personal_data_leaves_the_app: Any) -> None:
    """A careless log call (an address in the message, the record's extra fields, the exception): the line written
    has none of it."""
    email, phone = "kanarienvogel.json@example.org", "+49 151 5551 0042"
    token = set_request_id(PROXY_ID)
    try:
        logger = logging.getLogger("bridges.tests.careless")
        logger.warning("sent to %s", email, extra={"email": email, "full_name": "Kanarienvogel Json"})
        try:
            raise ValueError(f"no account for {email} or {phone}")
        except ValueError:
            logger.exception("lookup failed")
    finally:
        reset_request_id(token)
    written = json_lines.getvalue()
    assert len(lines(json_lines)) == 2 and all(line["request_id"] == PROXY_ID for line in lines(json_lines))
    assert "[email]" in written and "[phone]" in written and "ValueError" in written
    assert "kanarienvogel" not in written.lower() and "5551 0042" not in written
    _no_personal_data_leaves_the_app.clear()  # the suite-wide watch saw the careless calls, as it should


def test_production_settings_write_json_lines_and_development_plain_ones(tmp_path: Path) -> None:
    script = "import django, logging; django.setup(); logging.getLogger('bridges.check').warning('mail %s', 'a@b.org')"
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO}:{REPO / 'backend'}",
        "SECRET_KEY": "x7!" + "k" * 20 + "Qz9#" + "m" * 30,
        "PRIVACY_ENCRYPTION_KEYS": "x" * 43 + "=",
        "ALLOWED_HOSTS": "bridges.example",
        "BRIDGES_VAR_DIR": str(tmp_path),
    }
    env.pop("LOG_FORMAT", None)
    written = {}
    for settings in ("production", "base"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "DJANGO_SETTINGS_MODULE": f"config.django.{settings}"},
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO / "backend",
        )
        assert done.returncode == 0, done.stderr
        written[settings] = [line for line in done.stderr.splitlines() if "bridges.check" in line]
    line = json.loads(written["production"][-1])
    assert line | {"time": None} == {
        "time": None,
        "level": "WARNING",
        "logger": "bridges.check",
        "request_id": "-",
        "message": "mail [email]",
    }
    assert written["base"][-1].endswith("WARNING bridges.check [-] mail [email]")


def test_a_real_worker_logs_with_the_id_of_the_request_that_queued_its_task(real_broker: Any, tmp_path: Path) -> None:
    from common.tasks import ping

    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO}:{REPO / 'backend'}",
        "DJANGO_SETTINGS_MODULE": "config.django.test",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo"],
            cwd=REPO / "backend",
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        token = set_request_id(PROXY_ID)
        try:
            assert ping.apply_async().get(timeout=60) == "pong"
        finally:
            reset_request_id(token)
            worker.terminate()
            worker.wait(timeout=30)
    logged = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    succeeded = [line for line in logged if "common.tasks.ping" in line["message"] and "succeeded" in line["message"]]
    assert succeeded and all(line["request_id"] == PROXY_ID for line in succeeded), log.read_text()[-2000:]
