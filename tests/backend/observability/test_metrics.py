"""/metrics: only to the holder of METRICS_TOKEN (a 404 like any unknown address to everybody else); requests,
queries and Celery tasks counted under route and task names, never with ids or personal data; several processes
added up with PROMETHEUS_MULTIPROC_DIR; a worker's own metrics port."""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.test import Client, override_settings
from prometheus_client.parser import text_string_to_metric_families

from common.observability import serve_worker_metrics
from common.shedding import AdmissionGate, GateLimits, LoadShedding

REPO = Path(__file__).resolve().parents[3]
TOKEN = "a-long-random-metrics-token-for-the-tests-0123456789"


@pytest.fixture
def metrics_token() -> Iterator[str]:
    with override_settings(METRICS_TOKEN=TOKEN):
        yield TOKEN


def scrape(client: Client | None = None) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = (client or Client()).get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return samples(response.content.decode())


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scraped: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return scraped.get((name, frozenset(labels.items())), 0.0)


NOT_FOUND = {
    "type": "client_error",
    "errors": [{"code": "not_found", "detail": "There is no such address in the API.", "attr": None}],
}


@pytest.mark.parametrize(
    ("configured", "header", "method"),
    [
        ("", f"Bearer {TOKEN}", "get"),  # no token configured: no metrics at all
        (TOKEN, "", "get"),
        (TOKEN, f"Bearer {TOKEN}x", "get"),
        (TOKEN, f"Basic {TOKEN}", "get"),
        (TOKEN, f"Bearer {TOKEN}", "post"),
    ],
    ids=["not-configured", "no-token", "wrong-token", "other-scheme", "post"],
)
def test_without_the_token_metrics_answer_like_an_unknown_address(configured: str, header: str, method: str) -> None:
    with override_settings(METRICS_TOKEN=configured):
        response = getattr(Client(), method)("/metrics", HTTP_AUTHORIZATION=header)
        unknown = Client().get("/api/v1/no-such-address/")
    assert (response.status_code, response.json()) == (unknown.status_code, unknown.json()) == (404, NOT_FOUND)
    assert b"bridges_" not in response.content


@pytest.mark.django_db
def test_requests_and_queries_are_counted_by_route_name_never_by_path(
    metrics_token: str, world: Any, client_for: Any
) -> None:
    mentee = world.mentee_a
    client = client_for(mentee.membership.user)
    before = scrape()
    assert client.get(f"/api/v1/profiles/{mentee.pk}/").status_code == 200
    assert client.get("/api/v1/no-such-address/").status_code == 404
    text = Client().get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    after = samples(text)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("bridges_http_requests_total", view="v1:profile-detail", method="GET", status="200") == 1
    assert delta("bridges_http_requests_total", view="common.views.api_not_found", method="GET", status="404") == 1
    assert delta("bridges_http_request_duration_seconds_count", view="v1:profile-detail", method="GET") == 1
    assert delta("bridges_db_queries_total", alias="default") >= 1
    # No label names an object or a person: not the profile's id, not her name, email or phone.
    user = mentee.membership.user
    for personal in (str(mentee.pk), user.email, user.full_name, user.phone, "kanarienvogel"):
        assert personal.lower() not in text.lower()


def test_requests_shed_by_the_gate_are_counted(metrics_token: str) -> None:
    """The gate answers them before Django (so they are not in bridges_http_requests_total); its own counter is."""
    gate = AdmissionGate(GateLimits(active=1, queue=0, max_wait=0.0, retry_after=2))
    app = LoadShedding(lambda environ, start_response: [b"never called"], gate)
    assert gate.enter()  # the one place is taken
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ["PATH_INFO"] = "/api/v1/me/"
    statuses: list[str] = []
    before = scrape()
    app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    after = scrape()
    gate.leave()

    assert [status[:3] for status in statuses] == ["503", "503"]
    assert value(after, "bridges_http_requests_shed_total") - value(before, "bridges_http_requests_shed_total") == 2


@pytest.fixture(scope="module")
def tasks() -> Any:
    from config.celery import app

    @app.task(name="tests.observability.works")
    def works() -> str:
        return "done"

    @app.task(name="tests.observability.fails")
    def fails() -> None:
        raise RuntimeError("it broke")

    @app.task(bind=True, name="tests.observability.retries", max_retries=1, default_retry_delay=0)
    def retries(self: Any) -> None:
        raise self.retry(exc=RuntimeError("again"))

    return works, fails, retries


def test_celery_tasks_are_counted_and_timed_per_task_name(metrics_token: str, tasks: Any) -> None:
    works, fails, retries = tasks
    before = scrape()
    works.delay()
    fails.delay()
    retries.delay()
    after = scrape()

    def delta(name: str, task: str) -> float:
        return value(after, name, task=task) - value(before, name, task=task)

    assert delta("bridges_celery_tasks_started_total", "tests.observability.works") == 1
    assert delta("bridges_celery_tasks_succeeded_total", "tests.observability.works") == 1
    assert delta("bridges_celery_tasks_failed_total", "tests.observability.works") == 0
    assert delta("bridges_celery_task_duration_seconds_count", "tests.observability.works") == 1
    assert delta("bridges_celery_tasks_failed_total", "tests.observability.fails") == 1
    assert delta("bridges_celery_tasks_succeeded_total", "tests.observability.fails") == 0
    assert delta("bridges_celery_tasks_retried_total", "tests.observability.retries") >= 1


_COUNT_ONE = """
import sys
from common.observability import HTTP_REQUESTS
HTTP_REQUESTS.labels("healthz", "GET", "200").inc()
"""

_EXPOSE = """
import sys
from common.observability import exposition
sys.stdout.write(exposition().decode())
"""


def test_several_processes_are_added_up_with_a_multiprocess_directory(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'backend'}", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(3):  # three worker processes, one request each
        subprocess.run([sys.executable, "-c", _COUNT_ONE], env=env, check=True, timeout=60)
    scraped = subprocess.run(
        [sys.executable, "-c", _EXPOSE], env=env, check=True, timeout=60, capture_output=True, text=True
    )
    counted = value(samples(scraped.stdout), "bridges_http_requests_total", view="healthz", method="GET", status="200")
    assert counted == 3


def test_a_worker_serves_its_metrics_to_the_token_only(metrics_token: str, tasks: Any) -> None:
    works, _fails, _retries = tasks
    works.delay()
    server = serve_worker_metrics("127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.server_port}/metrics"
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 404
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            text = answer.read().decode()
        assert value(samples(text), "bridges_celery_tasks_succeeded_total", task="tests.observability.works") >= 1
        with pytest.raises(urllib.error.HTTPError) as elsewhere:
            urllib.request.urlopen(
                urllib.request.Request(url + "/x", headers={"Authorization": f"Bearer {TOKEN}"}), timeout=10
            )
        assert elsewhere.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_real_worker_serves_the_task_counts_of_its_pool(real_broker: Any, tmp_path: Path) -> None:
    """With a prefork pool the tasks run in child processes; the worker's metrics port (its main process) adds up
    their counts from PROMETHEUS_MULTIPROC_DIR."""
    import time

    from common.tasks import ping

    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": f"{REPO}:{REPO / 'backend'}",
        "DJANGO_SETTINGS_MODULE": "config.django.test",
        "METRICS_TOKEN": TOKEN,
        "CELERY_METRICS_PORT": str(port),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "prefork", "--concurrency", "2"],
        cwd=REPO / "backend",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(3):
            assert ping.apply_async().get(timeout=60) == "pong"
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        for _ in range(50):  # the server starts when the worker is ready, which the first task already proved
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    text = answer.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the worker's metrics port never answered")
        counted = samples(text)
        assert value(counted, "bridges_celery_tasks_succeeded_total", task="common.tasks.ping") == 3
        assert value(counted, "bridges_celery_task_duration_seconds_count", task="common.tasks.ping") == 3
    finally:
        worker.terminate()
        worker.wait(timeout=30)
