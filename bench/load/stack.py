"""The production stack on loopback, as docker-compose.yml runs it: gunicorn (``config.wsgi`` with
``config/gunicorn.conf.py``: gthread workers behind the load-shedding gate; ``gunicorn_args`` add to or override it),
one Celery worker, PostgreSQL and Redis, under ``config.django.production``.

Its own PostgreSQL database (created here, dropped on exit) and two Redis database numbers of its own (cache
and broker; refused when they hold keys that are not this benchmark's, emptied on exit). Every process is
started in a session of its own and stopped by its process group id; ``close()`` is safe to call twice and runs
on Ctrl-C, on SIGTERM and on errors (``run.py`` calls it in ``finally``).

Production settings need on plain http on loopback: ``SECURE_SSL_REDIRECT=false`` (else every request is a 301
to https). The session and CSRF cookies stay ``Secure``: the generator sends the Cookie header itself, and the
server reads cookies whatever their flags. Mail goes to Django's in-memory backend.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
SECRET_KEY = "load-bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
FERNET_KEY = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="  # the key bench/bench_run.py uses; no real data
MARKER = "bridges-load-bench:owner"
GUNICORN_CONFIG = "config/gunicorn.conf.py"  # relative to backend/, where the processes start, as in the image


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stack:
    database: str = "bridges_load"
    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_user: str = "postgres"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_cache_db: int = 14
    redis_broker_db: int = 15
    port: int = 0
    gunicorn_args: list[str] = field(default_factory=list)
    worker: bool = True
    keep_database: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)
    """Settings for the server and the worker on top of the ones above (e.g. a lower sign-up limit in a test)."""
    ready_timeout: float = 90.0
    """Seconds the server and the worker may take to come up."""
    _processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    _created_database: bool = False
    _claimed_redis: bool = False
    _closed: bool = False
    logs: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bridges-load-")))

    @property
    def database_url(self) -> str:
        return f"postgres://{self.pg_user}@{self.pg_host}:{self.pg_port}/{self.database}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, *, production: bool = True) -> dict[str, str]:
        """The environment of the server, the worker and (with production=False) the population script."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CELERY_", "REDIS_"))}
        env.update(
            {
                "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'backend'}",
                "PYTHONUNBUFFERED": "1",
                "DATABASE_URL": self.database_url,
                "SECRET_KEY": SECRET_KEY,
                "PRIVACY_ENCRYPTION_KEYS": FERNET_KEY,
                "BRIDGES_VAR_DIR": str(self.logs / "var"),
                "LOG_LEVEL": "WARNING",
            }
        )
        if production:
            redis = f"redis://{self.redis_host}:{self.redis_port}"
            env.update(
                {
                    "DJANGO_SETTINGS_MODULE": "config.django.production",
                    "REDIS_URL": f"{redis}/{self.redis_cache_db}",
                    "CELERY_BROKER_URL": f"{redis}/{self.redis_broker_db}",
                    "ALLOWED_HOSTS": "127.0.0.1,localhost",
                    "SECURE_SSL_REDIRECT": "false",
                    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                }
            )
        else:
            env["DJANGO_SETTINGS_MODULE"] = "config.django.base"
        env.update(self.extra_env)
        return env

    # PostgreSQL ------------------------------------------------------------------------------------------------

    def _pg(self, *args: str) -> list[str]:
        return [*args, "-h", self.pg_host, "-p", str(self.pg_port), "-U", self.pg_user]

    def database_exists(self) -> bool:
        out = subprocess.run(
            [*self._pg("psql"), "-d", "postgres", "-Atc", "select datname from pg_database"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return self.database in out

    def create_database(self) -> None:
        subprocess.run([*self._pg("dropdb"), "--if-exists", "--force", self.database], check=True)
        subprocess.run([*self._pg("createdb"), self.database], check=True)
        self._created_database = True

    def drop_database(self) -> None:
        subprocess.run([*self._pg("dropdb"), "--if-exists", "--force", self.database], check=False)

    # Redis -----------------------------------------------------------------------------------------------------

    def _redis(self, db: int, *command: str) -> str:
        return subprocess.run(
            ["redis-cli", "-h", self.redis_host, "-p", str(self.redis_port), "-n", str(db), *command],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def claim_redis(self) -> None:
        for db in (self.redis_cache_db, self.redis_broker_db):
            if int(self._redis(db, "DBSIZE") or 0) and not int(self._redis(db, "EXISTS", MARKER) or 0):
                raise SystemExit(
                    f"Redis database {db} holds keys that are not this benchmark's: choose other numbers with "
                    "--redis-dbs CACHE,BROKER."
                )
        self._claimed_redis = True
        for db in (self.redis_cache_db, self.redis_broker_db):
            self._redis(db, "FLUSHDB")
            self._redis(db, "SET", MARKER, "1")

    def release_redis(self) -> None:
        if self._claimed_redis:
            for db in (self.redis_cache_db, self.redis_broker_db):
                subprocess.run(
                    ["redis-cli", "-h", self.redis_host, "-p", str(self.redis_port), "-n", str(db), "FLUSHDB"],
                    capture_output=True,
                    check=False,
                )
            self._claimed_redis = False

    # Processes -------------------------------------------------------------------------------------------------

    def _start(
        self, name: str, command: list[str], append: bool = False, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "ab" if append else "wb")  # noqa: SIM115 - open for the process's life
        process = subprocess.Popen(
            command,
            cwd=ROOT / "backend",
            env={**self.env(), **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its children, by its id
        )
        self._processes.append((name, process))
        return process

    def start(self) -> None:
        (self.logs / "var").mkdir(exist_ok=True)
        self.port = self.port or free_port()
        self._start_web()
        if self.worker:
            self._start(
                "worker",
                [
                    str(VENV_BIN / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                    # A name of its own, so that two stacks' workers on one machine are two nodes to Celery.
                    "--hostname",
                    f"bridges-{self.port}@%h",
                ],
                # The worker logs through Django's LOGGING: at INFO it says when it is ready and which tasks it ran.
                env={"LOG_LEVEL": "INFO"},
            )
        self._wait_ready()

    def restart_web(self) -> None:
        """A fresh gunicorn on the same port: what is queued in the old one's listen backlog (requests their
        clients gave up on long ago, which a sync worker still computes one by one) is dropped with it."""
        for name, process in list(self._processes):
            if name == "gunicorn":
                self._stop(process, grace=5.0, sig=signal.SIGQUIT)  # gunicorn's quick shutdown
                self._processes.remove((name, process))
        self._start_web()
        self._wait_ready()

    def _start_web(self) -> None:
        self._start(
            "gunicorn",
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "--config",
                GUNICORN_CONFIG,
                "--bind",
                f"127.0.0.1:{self.port}",
                *self.gunicorn_args,
                "--access-logfile",
                str(self.logs / "access.log"),
            ],
            append=True,
        )

    def _wait_ready(self) -> None:
        timeout = self.ready_timeout
        deadline = time.monotonic() + timeout
        web_ok = False
        worker_ok = not self.worker
        while time.monotonic() < deadline:
            for name, process in self._processes:
                if process.poll() is not None:
                    tail = (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]
                    raise SystemExit(f"{name} exited with {process.returncode} while starting:\n{tail}")
            if not web_ok:
                try:
                    with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as answer:
                        web_ok = answer.status == 200
                except OSError:
                    pass
            if not worker_ok:
                worker_ok = b" ready." in (self.logs / "worker.log").read_bytes()
            if web_ok and worker_ok:
                return
            time.sleep(0.3)
        raise SystemExit(f"the stack did not come up within {timeout:.0f} s; logs in {self.logs}")

    def served(self) -> int:
        """Requests gunicorn has answered so far (lines of its access log), abandoned ones included."""
        try:
            with open(self.logs / "access.log", "rb") as log:
                return sum(chunk.count(b"\n") for chunk in iter(lambda: log.read(1 << 20), b""))
        except FileNotFoundError:
            return 0

    @staticmethod
    def _stop(process: subprocess.Popen[bytes], grace: float = 15.0, sig: int = signal.SIGTERM) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_processes(self) -> None:
        for _name, process in self._processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for _name, process in self._processes:
            self._stop(process)
        self._processes.clear()

    def close(self, *, keep_logs: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        self.stop_processes()
        self.release_redis()
        if self._created_database and not self.keep_database:
            self.drop_database()
        if not keep_logs:
            shutil.rmtree(self.logs, ignore_errors=True)
