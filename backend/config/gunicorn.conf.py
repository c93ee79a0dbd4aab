"""gunicorn's settings for the web process: `gunicorn -c config/gunicorn.conf.py config.wsgi` (from backend/; the
Dockerfile, docker-compose.yml and bench/load/stack.py all start it so). Every number can be changed through the
environment without a new image; command-line flags win over this file.

The model (issue 16): a few processes with threads (gthread), each process behind a load-shedding gate
(common/shedding.py, limits in config/settings/serving.py).

- Processes (WEB_CONCURRENCY, default cores + 1): Python runs one thread at a time per process, so the work is
  spread over processes; one more than the cores keeps them busy while one waits for PostgreSQL. On the 2-core
  machine that is 3. Each process holds its own copy of the app (~150 MB) and one database connection per thread
  that has done work (CONN_MAX_AGE).
- Threads (GUNICORN_THREADS, default 12): a thread is cheap while it waits, and most of them wait: for a slow
  client to send its request (gthread hands a connection to a thread only once data has arrived, and parks
  kept-alive connections in its poller, not in a thread), for a place at the gate, or for the database. The gate
  lets only a few work at once (LOAD_SHEDDING_ACTIVE, 3) and queues a few more (LOAD_SHEDDING_QUEUE, 6); the other
  threads stay free to answer /healthz and to shed what does not fit at once, so neither waits behind the work.
  Keep GUNICORN_THREADS above ACTIVE + QUEUE.
- Timeouts: `timeout` (GUNICORN_TIMEOUT, 30 s) restarts a process whose main loop stopped answering gunicorn's
  heartbeat (a stuck process, not a slow request: gthread's main loop keeps beating while a thread works);
  `graceful_timeout` (30 s) lets requests in flight finish on a restart or a deploy (docker stops a container 10 s
  after SIGTERM unless `stop_grace_period` says more; compose gives web 35 s); `keepalive` (GUNICORN_KEEPALIVE,
  75 s) is longer than the proxy's idle timeout for its kept connections (deploy/Caddyfile: 60 s), so the proxy,
  not gunicorn, closes an idle connection and never sends a request on one gunicorn has just closed.
- `max_requests` (10,000, with up to 1,000 of jitter so the processes do not all restart together) replaces a
  process now and then, which bounds any slow growth of its memory. Not fewer: a new process spends seconds of CPU
  importing the app, and under load (where shed answers count as requests too) 2,000 restarted each process every
  half minute in bench/load.
"""

import os


def _number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    # The cores this process may run on (a container's cpuset), not the machine's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = _number("WEB_CONCURRENCY", _cores() + 1)
threads = _number("GUNICORN_THREADS", 12)
# Connections one process holds (in flight and kept alive); past it, a process stops accepting and leaves new
# connections to the others.
worker_connections = _number("GUNICORN_WORKER_CONNECTIONS", 1000)
timeout = _number("GUNICORN_TIMEOUT", 30)
graceful_timeout = _number("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _number("GUNICORN_KEEPALIVE", 75)
max_requests = _number("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _number("GUNICORN_MAX_REQUESTS_JITTER", 1000)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")


def post_worker_init(worker: object) -> None:
    """Once a process has loaded the app: load the URLs and every view they name too (Django does that at the
    first request otherwise), then take everything alive so far out of the cyclic garbage collector's sight with
    gc.freeze(). Those objects live as long as the process; without this every full collection walks them all again,
    which in bench/load was the largest single cost of a list page (31.5 → 22.6 ms of CPU for the participants page
    in a trial, see bench/README.md)."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and its views)
    gc.collect()
    gc.freeze()
