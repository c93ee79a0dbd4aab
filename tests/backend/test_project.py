"""Project-wide checks: production settings, the OpenAPI schema, docker-compose, Celery and the demo data."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO / "backend", env=env, capture_output=True, text=True, timeout=120
    )


def _production_env(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.production",
        "SECRET_KEY": "x7!" + "k" * 20 + "Qz9#" + "m" * 30,
        "PRIVACY_ENCRYPTION_KEYS": "x" * 43 + "=",
        "ALLOWED_HOSTS": "bridges.example.org",
        "BRIDGES_VAR_DIR": str(var_dir),
    }


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.production",
        "ALLOWED_HOSTS": "x.org",
        "BRIDGES_VAR_DIR": str(tmp_path),
    }
    env.pop("SECRET_KEY", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_openapi_schema_generates_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "schema.yaml"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.django.test"}
    result = _manage("spectacular", "--validate", "--fail-on-warn", "--file", str(out), env=env)
    assert result.returncode == 0, result.stderr
    schema = yaml.safe_load(out.read_text())
    assert "/api/v1/programmes/{programme_id}/signup/" in schema["paths"]
    assert "SignUpInputRequest" in schema["components"]["schemas"]


@pytest.mark.django_db
def test_schema_and_docs_are_served(client: Any) -> None:
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_docker_compose_matches_the_settings() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat", "migrate"):
        service = services[name]
        env = service["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "config.django.production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert "SECRET_KEY" in env and "ALLOWED_HOSTS" in env
        assert service["build"] == "."
    assert services["web"]["command"][:2] == ["gunicorn", "config.wsgi"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert "healthcheck" in services[name], name
    pg = services["postgres"]["environment"]
    url = services["web"]["environment"]["DATABASE_URL"]
    assert url == f"postgres://{pg['POSTGRES_USER']}:{pg['POSTGRES_PASSWORD']}@postgres:5432/{pg['POSTGRES_DB']}"
    assert "healthz" in " ".join(services["web"]["healthcheck"]["test"])
    # Every environment variable compose sets is one the settings (or the metrics, for their process folder) read.
    settings_text = "\n".join(p.read_text() for p in (REPO / "backend" / "config").rglob("*.py"))
    read_text = settings_text + (REPO / "backend" / "common" / "observability.py").read_text()
    for name in ("web", "worker"):
        for key in services[name]["environment"]:
            assert key == "DJANGO_SETTINGS_MODULE" or f'"{key}"' in read_text, (name, key)
    # Several processes a container count into one empty, private folder, for /metrics to add them up.
    for name in ("web", "worker"):
        folder = services[name]["environment"]["PROMETHEUS_MULTIPROC_DIR"]
        assert services[name]["tmpfs"] == [folder], name
    assert services["worker"]["environment"]["CELERY_METRICS_PORT"] in services["worker"]["expose"]
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "requirements.lock" in dockerfile and "COPY matching" in dockerfile
    # The image carries the built web app where the settings and the app view look for it, and its collected
    # static files, so each web container serves the whole product without a shared volume.
    assert "npm ci" in dockerfile and "npm run build" in dockerfile
    assert "COPY --from=frontend /frontend/dist frontend/dist" in dockerfile
    assert "collectstatic" in dockerfile
    assert 'REPO_DIR / "frontend" / "dist"' in settings_text
    for name in ("web", "worker", "migrate"):
        assert "volumes" not in services[name], f"{name} must not hide the image's /app/var behind a volume"


def test_compose_runs_any_number_of_web_containers_behind_the_proxy() -> None:
    """`docker compose up --scale web=N --scale worker=M`: web publishes no host port (N containers would clash),
    the proxy (Caddy, deploy/Caddyfile) finds every web container by name on gunicorn's port and is the one
    proxy the app trusts for client addresses; web and the image start gunicorn with the same config file."""
    import re

    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    web, proxy = services["web"], services["proxy"]
    assert "ports" not in web and web["expose"] == ["8000"]
    config = web["command"][web["command"].index("--config") + 1]
    assert (REPO / "backend" / config).is_file()
    assert f'"--config", "{config}"' in (REPO / "Dockerfile").read_text()
    gunicorn_conf = (REPO / "backend" / config).read_text()
    assert '"GUNICORN_BIND", "0.0.0.0:8000"' in gunicorn_conf and 'worker_class = "gthread"' in gunicorn_conf
    assert web["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in proxy["volumes"]}
    assert mounts["/etc/caddy/Caddyfile"] == "./deploy/Caddyfile"
    caddyfile = (REPO / "deploy" / "Caddyfile").read_text()
    assert re.search(r"^\s*dynamic a web 8000\b", caddyfile, re.MULTILINE)
    # Caddy closes an idle kept connection before gunicorn does, so it never sends on one gunicorn has closed.
    caddy_keepalive = int(re.search(r"^\s*keepalive (\d+)s", caddyfile, re.MULTILINE).group(1))  # type: ignore[union-attr]
    gunicorn_keepalive = int(re.search(r'"GUNICORN_KEEPALIVE", (\d+)', gunicorn_conf).group(1))  # type: ignore[union-attr]
    assert caddy_keepalive < gunicorn_keepalive
    assert "BRIDGES_SITE" in proxy["environment"] and "{$BRIDGES_SITE:localhost}" in caddyfile
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def _interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${NAME:-default}` and `$$` (a literal dollar), enough for the migrate service's settings."""
    import re

    value = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: env.get(m.group(1)) or m.group(2), value)
    return value.replace("$$", "$")


@pytest.mark.parametrize(
    ("shell_env", "loads_demo"),
    [({}, False), ({"DEMO_DATA": "false"}, False), ({"DEMO_DATA": "yes please"}, False), ({"DEMO_DATA": "true"}, True)],
)
def test_compose_loads_the_demo_only_when_asked(tmp_path: Path, shell_env: dict[str, str], loads_demo: bool) -> None:
    """The public demo logins are opt-in under compose: migrate runs its command with a stand-in `python`."""
    migrate = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]["migrate"]
    environment = {key: _interpolate(str(value), shell_env) for key, value in migrate["environment"].items()}
    assert environment["DJANGO_SETTINGS_MODULE"] == "config.django.production"
    calls = tmp_path / "calls"
    fake_python = tmp_path / "python"
    fake_python.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    fake_python.chmod(0o755)
    shell, flag, script = migrate["command"]
    run_env = {"PATH": f"{tmp_path}:/usr/bin:/bin", **environment}
    subprocess.run([shell, flag, _interpolate(script, {})], env=run_env, check=True, timeout=30)
    ran = calls.read_text().splitlines()
    assert ran[0] == "manage.py migrate --no-input"
    assert ("manage.py load_demo" in ran) is loads_demo


def test_demo_data_is_refused_under_production_settings(tmp_path: Path) -> None:
    env = {**_production_env(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("ALLOW_DEMO_DATA_IN_PRODUCTION", None)
    refused = _manage("load_demo", env=env)
    assert refused.returncode != 0
    assert "ALLOW_DEMO_DATA_IN_PRODUCTION" in refused.stderr and "public" in refused.stderr
    assert not (tmp_path / "db.sqlite3").exists() or "Demo data loaded" not in refused.stdout
    # With the second flag it goes ahead (on a migrated database).
    env["ALLOW_DEMO_DATA_IN_PRODUCTION"] = "true"
    assert _manage("migrate", "--no-input", "-v", "0", env=env).returncode == 0
    allowed = _manage("load_demo", env=env)
    assert allowed.returncode == 0, allowed.stderr
    assert "Demo data loaded." in allowed.stdout


def test_health_task_runs_in_process() -> None:
    from django.conf import settings

    from common.tasks import ping

    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert ping.delay().get(timeout=30) == "pong"


def test_a_real_worker_picks_up_the_health_task_from_the_broker(real_broker: Any) -> None:
    from common.tasks import ping

    env = {**os.environ, "PYTHONPATH": f"{REPO}:{REPO / 'backend'}", "DJANGO_SETTINGS_MODULE": "config.django.test"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--loglevel", "WARNING"],
        cwd=REPO / "backend",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert ping.apply_async().get(timeout=60) == "pong"
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.django_db
def test_demo_data_loads_once_with_realistic_variety(capsys: Any) -> None:
    from learning.models import LearnedModel
    from mentoring.models import Match
    from profiles.models import LanguageSkill, Profile
    from programmes.models import Programme

    call_command("load_demo")
    first = capsys.readouterr().out
    assert "coordinator.berlin@demo.bridges.example" in first
    main = Profile.objects.filter(membership__programme__slug__in=["berlin-jobs-mentoring", "frontline-peer-network"])
    counts = {
        role: main.filter(membership__role=role).count()
        for role in ("mentee", "mentor", "employer", "frontline_worker")
    }
    assert counts == {"mentee": 200, "mentor": 60, "employer": 20, "frontline_worker": 120}
    # the main programme's people have no past matches; the 2025 cohorts' programme has them, and a success model
    assert not Match.objects.filter(programme__slug="berlin-jobs-mentoring").exists()
    past = Programme.objects.get(slug="berlin-jobs-mentoring-2025")
    assert past.signup_open is False and Match.objects.filter(programme=past, outcomes__isnull=False).count() >= 200
    assert LearnedModel.objects.get(programme=past).status == "ready"
    spoken = set(LanguageSkill.objects.values_list("language", flat=True))
    assert {"ar", "uk", "fa", "ti", "tr", "es", "fr", "en", "de"} <= spoken
    network = Programme.objects.get(slug="frontline-peer-network")
    countries = set(Profile.objects.filter(membership__programme=network).values_list("country", flat=True))
    assert countries == {"BE", "LU", "IT", "SE"}
    call_command("load_demo")
    assert "already loaded" in capsys.readouterr().out
    assert Profile.objects.count() == 400 + 120


@pytest.mark.django_db
def test_app_paths_serve_the_web_app_and_api_paths_stay_json(client: Any) -> None:
    page = client.get("/signup/some-programme")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    missing = client.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and not missing["Content-Type"].startswith("text/html")


def test_production_refuses_to_start_without_encryption_keys(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.django.production",
        "SECRET_KEY": "x7!" + "k" * 20 + "Qz9#" + "m" * 30,
        "ALLOWED_HOSTS": "x.org",
        "BRIDGES_VAR_DIR": str(tmp_path),
    }
    env.pop("PRIVACY_ENCRYPTION_KEYS", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "PRIVACY_ENCRYPTION_KEYS must be set" in result.stderr


def _import_task_modules() -> None:
    """What the worker does at start: import each app's tasks module, which registers its tasks."""
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.tasks") is not None:
            importlib.import_module(f"{config.name}.tasks")


def test_every_scheduled_task_exists_and_the_workflow_deadlines_are_on_the_schedule() -> None:
    from django.conf import settings

    from config.celery import app

    _import_task_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)  # a misspelt name would never run
    assert {
        "mentoring.expire_offers",
        "mentoring.remind_offers",
        "mentoring.complete_matches",
        "peers.send_followups",
        "privacy.retention",
    } <= scheduled


def test_only_tasks_that_are_safe_to_repeat_are_acknowledged_late() -> None:
    from django.conf import settings

    from config.celery import app

    _import_task_modules()
    assert settings.CELERY_TASK_ACKS_LATE is False  # the default for a new task: acknowledged on receipt
    late = {name for name, task in app.tasks.items() if not name.startswith("celery.") and task.acks_late}
    # Each of these re-checks its own state under a row lock (or writes all or nothing) before acting.
    assert late == {
        "mentoring.run_matching",
        "mentoring.expire_offers",
        "mentoring.remind_offers",
        "mentoring.complete_matches",
        "notifications.send_notification_email",
        "peers.form_groups",
        "peers.send_followups",
        "privacy.retention",
        "messaging.retention",
        "messaging.unread_emails",
        "outcomes.ask_questions",
        "outcomes.send_question_email",
    }


def _fake_commands(tmp_path: Path, uid: int) -> Path:
    """A PATH with a stand-in `id` and `apt-get` that records its calls (nothing is installed)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> {tmp_path / "apt-calls"}\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return bin_dir


@pytest.mark.parametrize("uid", [0, 1000])
def test_make_test_installs_the_browser_as_root_and_says_what_to_run_otherwise(tmp_path: Path, uid: int) -> None:
    bin_dir = _fake_commands(tmp_path, uid)
    missing = tmp_path / "no-chromium-here"
    result = subprocess.run(
        ["sh", str(REPO / "frontend" / "scripts" / "ensure-chromium.sh"), str(missing)],
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    calls = (tmp_path / "apt-calls").read_text() if (tmp_path / "apt-calls").exists() else ""
    if uid == 0:
        assert "install -y -qq chromium fonts-noto-core" in calls
    else:
        assert calls == ""
        assert result.returncode != 0
        assert "apt-get install -y chromium fonts-noto-core" in result.stderr
    assert "sh frontend/scripts/ensure-chromium.sh $(CHROMIUM)" in (REPO / "Makefile").read_text()


def test_gunicorn_freezes_what_the_app_loaded_before_it_serves() -> None:
    """Each web process loads the URLs and views, then moves what is alive out of the garbage collector's walk."""
    import gc
    import runpy

    conf = runpy.run_path(str(REPO / "backend" / "config" / "gunicorn.conf.py"))
    assert conf["worker_class"] == "gthread"
    gc.unfreeze()
    try:
        conf["post_worker_init"](object())
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
