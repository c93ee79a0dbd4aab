"""Load benchmark of the API on the production stack (issue 16; issue 14 item 7 for the polling tabs).

    .venv/bin/python -m bench.load.run --quick                  # smoke test: small programme, seconds per rate
    .venv/bin/python -m bench.load.run                          # 20k × 6k, 50/100/200/400 req/s, polling tabs
    .venv/bin/python -m bench.load.run --size 5k --rates 50,100 --scenario mix
    .venv/bin/python -m bench.load.run --scenario polling --tabs 1000 --interval 30 --cycles 2
    .venv/bin/python -m bench.load.run --scenario writes          # 200 approvals + 200 accepts at once, checked

Steps: a PostgreSQL database of its own is created and filled (bench/load/population.py); gunicorn and one
Celery worker start under production settings on loopback with Redis databases of their own (bench/load/
stack.py); the coordinators log in through the API (password, then TOTP); every endpoint is asked once
(pre-flight: each must answer 2xx with real data); each endpoint's cost is measured alone on the idle server
(one client, one request at a time: mean service time ÷ /healthz's); then the read mix runs open-loop at each
rate (warm-up, then the measured window), the polling tabs run, and the write burst (bench/load/writes.py) sends
approvals and accepts all at once and checks the database after. Figures are printed and saved as JSON under
var/load/. Everything started is stopped and the database dropped on exit, Ctrl-C or error.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import math
import os
import random
import signal
import struct
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.load.generator import (
    EndpointStats,
    Planned,
    measure_service,
    run_open_loop,
    summarise,
)
from bench.load.http import ConnectionPool
from bench.load.mix import MIXES, Endpoint, People, endpoints, mix_plan, polling_plan
from bench.load.stack import GUNICORN_CONFIG, ROOT, VENV_BIN, Stack
from bench.load.writes import burst

SIZES = {"20k": (20000, 6000), "5k": (5000, 1500), "1k": (1000, 300)}


def totp(secret: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as allauth.mfa and authenticator apps compute it."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return str(code).zfill(digits)


async def login_coordinator(pool: ConnectionPool, email: str, password: str, secret: str) -> str:
    """Log in through allauth's browser API as the web app does (CSRF cookie, password, TOTP code); returns
    the Cookie header of the session."""
    cookies: dict[str, str] = {}

    def headers() -> dict[str, str]:
        return {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "X-CSRFToken": cookies.get("csrftoken", ""),
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }

    answer = await pool.get("/api/v1/csrf/", {"Accept": "application/json"})
    cookies.update(answer.cookies)
    body = json.dumps({"email": email, "password": password}).encode()
    answer = await pool.request("POST", "/_allauth/browser/v1/auth/login", headers(), body)
    cookies.update(answer.cookies)
    if answer.status == 401:  # two-step verification pending
        body = json.dumps({"code": totp(secret)}).encode()
        answer = await pool.request("POST", "/_allauth/browser/v1/auth/2fa/authenticate", headers(), body)
        cookies.update(answer.cookies)
    if answer.status != 200 or "sessionid" not in cookies:
        raise SystemExit(f"coordinator login failed ({answer.status}): {answer.body[:300]!r}")
    return f"sessionid={cookies['sessionid']}"


# Printing --------------------------------------------------------------------------------------------------------


def _ms(value: float, timeout: float) -> str:
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return f">{timeout:.0f}s"
    return f"{value * 1000:.0f}" if value < 10 else f"{value:.0f}s"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def stats_table(stats: dict[str, EndpointStats], timeout: float, order: list[str]) -> str:
    head = (
        f"{'endpoint':<22} {'sent':>6} {'2xx':>6} {'304':>6} {'4xx':>5} {'5xx':>5} {'t/o':>5} {'drop':>5}"
        f" {'io':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'ok/s':>7} {'KB':>6}"
    )
    lines = [head, "-" * len(head)]
    for name in [*[n for n in order if n in stats], *[n for n in stats if n not in order and n != "ALL"], "ALL"]:
        if name not in stats:
            continue
        s = stats[name]
        size = "–" if math.isnan(s.mean_size) else f"{s.mean_size / 1024:.1f}"
        lines.append(
            f"{name:<22} {s.planned:>6} {s.ok:>6} {s.not_modified:>6} {s.client_errors:>5} {s.server_errors:>5}"
            f" {s.timeouts:>5} {s.dropped:>5} {s.io_errors:>4} {_ms(s.p50, timeout):>7} {_ms(s.p95, timeout):>7}"
            f" {_ms(s.p99, timeout):>7} {s.achieved_rate:>7.1f} {size:>6}"
        )
    return "\n".join(lines)


# The phases ------------------------------------------------------------------------------------------------------


async def preflight(pool: ConnectionPool, chosen: list[Endpoint], rng: random.Random) -> list[str]:
    problems = []
    for endpoint in chosen:
        for _ in range(3):
            target = endpoint.pick(rng)
            answer = await pool.get(target.path, dict(target.headers))
            if not 200 <= answer.status < 300:
                problems.append(f"{endpoint.name}: {target.path} answered {answer.status}: {answer.body[:200]!r}")
                break
    return problems


async def measure_costs(
    pool: ConnectionPool, chosen: list[Endpoint], *, samples: int, timeout: float, seed: int
) -> list[dict[str, Any]]:
    """Each endpoint alone on the idle server, one request at a time; conditional ones also with a matching
    If-None-Match (their polled cost). Ratios are to /healthz's mean service time."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for endpoint in chosen:
        targets = [endpoint.pick(rng) for _ in range(8)]
        plain = [Planned(0, endpoint.name, t.path, t.headers) for t in targets]
        rows.append(_cost_row(endpoint.name, await measure_service(pool, plain, samples=samples, timeout=timeout)))
        if targets[0].etag_key is not None:
            conditional = []
            for t in targets:
                answer = await pool.get(t.path, dict(t.headers))
                if tag := answer.headers.get("etag"):
                    conditional.append(Planned(0, endpoint.name, t.path, (*t.headers, ("If-None-Match", tag))))
            if conditional:
                outcomes = await measure_service(pool, conditional, samples=samples, timeout=timeout)
                rows.append(_cost_row(f"{endpoint.name} (304)", outcomes))
    base = next((r["mean_ms"] for r in rows if r["endpoint"] == "healthz"), math.nan)
    for row in rows:
        row["ratio"] = row["mean_ms"] / base if base else math.nan
    return rows


def _cost_row(name: str, outcomes: list[Any]) -> dict[str, Any]:
    services = sorted(o.service for o in outcomes if o.service is not None)
    statuses = sorted({o.status for o in outcomes if o.status is not None})
    return {
        "endpoint": name,
        "samples": len(services),
        "mean_ms": 1000 * sum(services) / len(services) if services else math.nan,
        "median_ms": 1000 * services[len(services) // 2] if services else math.nan,
        "kb": sum(o.size for o in outcomes) / max(1, len(outcomes)) / 1024,
        "statuses": statuses,
    }


def cost_table(rows: list[dict[str, Any]]) -> str:
    head = f"{'endpoint':<28} {'n':>4} {'mean ms':>8} {'median':>8} {'× healthz':>10} {'KB':>7}  status"
    lines = [head, "-" * len(head)]
    for r in sorted(rows, key=lambda r: -r["ratio"] if not math.isnan(r["ratio"]) else 0):
        lines.append(
            f"{r['endpoint']:<28} {r['samples']:>4} {r['mean_ms']:>8.1f} {r['median_ms']:>8.1f} {r['ratio']:>10.1f}"
            f" {r['kb']:>7.1f}  {','.join(map(str, r['statuses']))}"
        )
    return "\n".join(lines)


async def settle(pool: ConnectionPool, stack: Stack, limit: float) -> str:
    """Wait until the server answers /healthz promptly again (its queue drained); if it does not within
    ``limit`` seconds, start a fresh gunicorn, so that one phase's backlog does not weigh on the next."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while loop.time() - start < limit:
        t = loop.time()
        try:
            async with asyncio.timeout(2):
                answer = await pool.get("/healthz")
            if answer.status == 200 and loop.time() - t < 0.2:
                return f"server drained after {loop.time() - start:.0f} s"
        except (TimeoutError, OSError):
            pass
        await asyncio.sleep(0.5)
    await asyncio.to_thread(stack.restart_web)
    return f"server not drained after {limit:.0f} s: gunicorn restarted"


async def bench(stack: Stack, fixture: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    pool = ConnectionPool("127.0.0.1", stack.port, limit=args.connections)
    results: dict[str, Any] = {"rates": [], "polling": None, "costs": []}
    cookies = [
        await login_coordinator(pool, c["email"], c["password"], fixture["totp_secret"])
        for c in fixture["coordinators"]
    ]
    people = People(fixture, cookies)
    every = endpoints(people)
    chosen = [e for e in every if e.role in MIXES[args.mix]]
    order = [e.name for e in every]
    problems = await preflight(pool, every, random.Random(args.seed))
    if problems:
        print("PRE-FLIGHT: some endpoints do not answer 2xx (their figures are for the error answer):")
        print("\n".join("  " + p for p in problems))
    else:
        print(f"pre-flight: all {len(every)} endpoints answer 2xx")
    results["preflight_problems"] = problems

    if args.scenario in ("mix", "all"):
        if args.cost_samples:
            print(f"\n## Cost per request, idle server, one client (load {_load()})\n")
            rows = await measure_costs(pool, every, samples=args.cost_samples, timeout=args.timeout, seed=args.seed)
            results["costs"] = rows
            print(cost_table(rows), flush=True)
        etags: dict[str, str] = {}
        for rate in args.rates:
            print(f"\n({await settle(pool, stack, args.drain)})", flush=True)
            plan = mix_plan(chosen, rate=rate, warmup=args.warmup, duration=args.duration, seed=args.seed + rate)
            before = _load()
            served = stack.served()
            t = time.perf_counter()
            outcomes = await run_open_loop(
                pool, plan, max_in_flight=args.max_in_flight, timeout=args.timeout, etags=etags
            )
            wall = time.perf_counter() - t
            served = stack.served() - served
            stats = summarise(outcomes, args.duration)
            total = stats["ALL"]
            print(
                f"\n## Mix '{args.mix}' at {rate} req/s: {args.warmup:g} s warm-up + {args.duration:g} s measured"
                f" (wall {wall:.0f} s; load {before} → {_load()}; client lag p99 {_ms(total.lag_p99, args.timeout)}"
                f" ms; gunicorn answered {served} requests, {served / wall:.1f}/s, abandoned ones included)\n"
            )
            print(stats_table(stats, args.timeout, order), flush=True)
            results["rates"].append(
                {
                    "rate": rate,
                    "load_before": before,
                    "load_after": _load(),
                    "server_answered": served,
                    "wall": wall,
                    "stats": _plain(stats),
                }
            )

    if args.scenario in ("polling", "all"):
        print(f"\n({await settle(pool, stack, args.drain)})", flush=True)
        plan = polling_plan(people, tabs=args.tabs, interval=args.interval, cycles=args.cycles, seed=args.seed)
        offered = 2 * args.tabs / args.interval
        before = _load()
        outcomes = await run_open_loop(pool, plan, max_in_flight=args.max_in_flight, timeout=args.timeout)
        stats = summarise(outcomes, args.interval * args.cycles)
        total = stats["ALL"]
        answered = total.ok + total.not_modified
        share = total.not_modified / answered if answered else math.nan
        print(
            f"\n## Polling: {args.tabs} open tabs, conversation list + unread count every {args.interval:g} s with"
            f" If-None-Match ({offered:.1f} req/s offered; first cycle primes the ETags, then {args.cycles} measured"
            f" cycles; load {before} → {_load()})\n"
        )
        print(stats_table(stats, args.timeout, []))
        print(f"\nachieved {total.achieved_rate:.1f} req/s, 304 share {share:.1%} of answers", flush=True)
        results["polling"] = {
            "tabs": args.tabs,
            "interval": args.interval,
            "offered_rate": offered,
            "share_304": share,
            "load_before": before,
            "load_after": _load(),
            "stats": _plain(stats),
        }
    if args.scenario in ("writes", "all"):
        print(f"\n({await settle(pool, stack, args.drain)})", flush=True)
        results["writes"] = await write_burst(stack, cookies, args)
    await pool.close()
    return results


async def write_burst(stack: Stack, cookies: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """bench/load/writes.py: choose the approvals and offers, send them all at once, check the database."""
    prepared_file, answers_file = stack.logs / "writes.json", stack.logs / "writes-answers.json"

    def step(*extra: str) -> str:
        command = [str(VENV_BIN / "python"), "-m", "bench.load.writes", *extra, "--prepared", str(prepared_file)]
        done = subprocess.run(
            command, cwd=ROOT, env=stack.env(production=False), check=True, capture_output=True, text=True
        )
        return done.stdout

    await asyncio.to_thread(step, "prepare", "--count", str(args.writes), "--seed", str(args.seed))
    prepared = json.loads(prepared_file.read_text())
    before = _load()
    # Each person on a connection of her own, as a burst of people in their browsers would be.
    people = len(prepared["approvals"]) + len(prepared["replays"]) + len(prepared["accepts"])
    own = ConnectionPool("127.0.0.1", stack.port, limit=people)
    try:
        outcome = await burst(own, prepared, cookies, args.write_timeout)
    finally:
        await own.close()
    answers_file.write_text(json.dumps(outcome["answers"]))
    problems = json.loads(await asyncio.to_thread(step, "verify", "--answers", str(answers_file)))
    summary = outcome["summary"]
    print(
        f"\n## Write burst: {len(prepared['approvals'])} approvals (+{len(prepared['replays'])} sent twice; "
        f"{prepared['racing_mentors']} mentors get one more than their free places, {len(prepared['raced_mentees'])}"
        f" mentees two at once) and {len(prepared['accepts'])}"
        f" accepts, all at once (load {before} → {_load()})\n"
    )
    print(
        f"answered {summary['requests']} requests in {summary['wall']:.2f} s: {summary['answered_per_s']:.1f}/s,"
        f" {summary['ok_per_s']:.1f} changes or replays/s; statuses {summary['statuses']}"
        + (f"; failed {summary['failures']}" if summary["failures"] else "")
        + (f"; sent again after 503 (server busy) {summary['retries']}" if summary["retries"] else "")
    )
    for action, q in summary["latency"].items():
        if q:
            print(
                f"  {action}: from the burst's start p50 {q[50] * 1000:.0f} ms, p95 {q[95] * 1000:.0f} ms,"
                f" p99 {q[99] * 1000:.0f} ms"
            )
    print(
        "consistency: "
        + (
            "exact (every answer matches the database; no mentor over capacity, no mentee"
            " with two open matches, one audit event and notice per change)"
            if not problems
            else f"{len(problems)} PROBLEMS"
        )
    )
    for problem in problems[:20]:
        print("  " + problem)
    return {
        "prepared": {k: prepared[k] for k in ("racing_mentors", "free_places")},
        "summary": summary,
        "problems": problems,
        "load_before": before,
        "load_after": _load(),
    }


def _plain(stats: dict[str, EndpointStats]) -> dict[str, Any]:
    def clean(value: Any) -> Any:
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return None if math.isnan(value) else "inf"
        if isinstance(value, dict):
            return {str(k): clean(v) for k, v in value.items()}
        return value

    return {name: clean(asdict(s)) for name, s in stats.items()}


def _git() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "backend"], cwd=ROOT, capture_output=True, text=True)
        return commit + ("+dirty backend" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1k × 300, 20 and 50 req/s for 5 s, 100 tabs: ~1 min")
    parser.add_argument("--scenario", choices=["mix", "polling", "writes", "all"], default="all")
    parser.add_argument("--writes", type=int, default=None, help="approvals and accepts in the write burst (each)")
    parser.add_argument(
        "--write-timeout", type=float, default=60.0, help="seconds a write of the burst may take from its sending"
    )
    parser.add_argument("--mix", choices=sorted(MIXES), default="full")
    parser.add_argument("--size", choices=sorted(SIZES), default=None, help="20k (default), 5k or 1k mentees")
    parser.add_argument("--rates", type=lambda s: [int(x) for x in s.split(",")], default=None)
    parser.add_argument("--warmup", type=float, default=None, help="seconds before each measured window")
    parser.add_argument("--duration", type=float, default=None, help="measured seconds per rate")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds from the intended send time")
    parser.add_argument("--max-in-flight", type=int, default=256)
    parser.add_argument(
        "--drain", type=float, default=20.0, help="seconds to wait for the server to drain between phases"
    )
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--cost-samples", type=int, default=None, help="requests per endpoint for its cost (0: skip)")
    parser.add_argument("--tabs", type=int, default=None)
    parser.add_argument("--interval", type=float, default=None, help="seconds between a tab's polls")
    parser.add_argument("--cycles", type=int, default=None, help="measured polling cycles")
    parser.add_argument("--pool", type=int, default=3000, help="participants given a session")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database", default="bridges_load")
    parser.add_argument("--redis-dbs", default="14,15", help="CACHE,BROKER database numbers of its own")
    parser.add_argument(
        "--gunicorn-args",
        default="",
        help="added to config/gunicorn.conf.py's settings (e.g. '--workers 3 --worker-class sync' for the old model)",
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--keep-logs", action="store_true", help="keep the servers' logs (kept anyway on failure)")
    parser.add_argument("--json", type=Path, default=None, help="where to save the figures (default var/load/)")
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {
        "size": "1k" if quick else "20k",
        "rates": [20, 50] if quick else [50, 100, 200, 400],
        "warmup": 2.0 if quick else 5.0,
        "duration": 5.0 if quick else 30.0,
        "cost_samples": 5 if quick else 20,
        "tabs": 100 if quick else 1000,
        "interval": 5.0 if quick else 30.0,
        "cycles": 1 if quick else 2,
        "writes": 30 if quick else 200,
    }
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    if quick:
        args.pool = min(args.pool, 300)
    return args


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM ends the run like Ctrl-C does: through main's finally, which stops the stack."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    mentees, mentors = SIZES[args.size]
    cache_db, broker_db = (int(x) for x in args.redis_dbs.split(","))
    stack = Stack(
        database=args.database,
        redis_cache_db=cache_db,
        redis_broker_db=broker_db,
        gunicorn_args=args.gunicorn_args.split(),
        keep_database=args.keep_db,
    )
    signal.signal(signal.SIGTERM, _interrupted)
    failed = True
    try:
        started = time.perf_counter()
        print(f"# Bridges load benchmark, {datetime.now():%Y-%m-%d %H:%M}, commit {_git()}, load {_load()}")
        print(f"population {mentees} mentees × {mentors} mentors into database {args.database} ...", flush=True)
        stack.claim_redis()
        stack.create_database()
        fixture_file = stack.logs / "fixture.json"
        subprocess.run(
            [
                str(VENV_BIN / "python"),
                "-m",
                "bench.load.population",
                "--mentees",
                str(mentees),
                "--mentors",
                str(mentors),
                "--seed",
                str(args.seed),
                "--pool",
                str(args.pool),
                "--out",
                str(fixture_file),
            ],
            cwd=ROOT,
            env=stack.env(production=False),
            check=True,
        )
        fixture = json.loads(fixture_file.read_text())
        print(
            f"population ready in {fixture['seconds']} s: {fixture['proposals']} proposals, "
            f"{len(fixture['participants'])} participant sessions; starting gunicorn"
            f" (-c {GUNICORN_CONFIG} {args.gunicorn_args}; LOAD_SHEDDING={os.environ.get('LOAD_SHEDDING', 'true')})"
            " + worker"
        )
        stack.start()
        print(f"stack up on {stack.base_url} after {time.perf_counter() - started:.0f} s; logs in {stack.logs}")
        results = asyncio.run(bench(stack, fixture, args))
        results["meta"] = {
            "date": datetime.now().isoformat(timespec="seconds"),
            "commit": _git(),
            "mentees": mentees,
            "mentors": mentors,
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        }
        out = args.json or ROOT / "var" / "load" / f"results-{datetime.now():%Y%m%d-%H%M%S}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1, default=str))
        print(
            f"\nfigures saved to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out};"
            f" total {time.perf_counter() - started:.0f} s; load {_load()}"
        )
        failed = False
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the stack and dropping the database", file=sys.stderr)
    finally:
        if failed:
            print(f"logs kept in {stack.logs}", file=sys.stderr)
        stack.close(keep_logs=failed or args.keep_logs)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
