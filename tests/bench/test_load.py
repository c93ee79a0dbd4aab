"""The load generator of bench/load, against a tiny asyncio HTTP server in this process.

Timing is asserted only as relations with wide margins (ordering, "grows by far more than the service time"),
never as tight numbers, so that a busy machine does not make these tests fail.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bench.load.generator import Planned, percentile, poisson_times, run_open_loop, summarise, uniform_times
from bench.load.http import ConnectionPool
from bench.load.run import totp
from bench.load.writes import busy_wait


class TinyServer:
    """Answers GETs: /missing 404, /boom 500, /tagged 200 with an ETag (304 to a matching If-None-Match),
    anything else 200; each answer after ``delay`` seconds, one at a time if ``serial``."""

    def __init__(self, delay: float = 0.0, serial: bool = False, keep_alive: bool = False) -> None:
        self.delay = delay
        self.serial = serial
        self.keep_alive = keep_alive
        self.arrivals: list[tuple[float, str]] = []
        self.lock = asyncio.Lock()
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
                path = head[0].split(" ")[1]
                headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
                self.arrivals.append((loop.time(), path))
                if self.serial:
                    async with self.lock:
                        await asyncio.sleep(self.delay)
                elif self.delay:
                    await asyncio.sleep(self.delay)
                status, body, extra = 200, b'{"ok": true}', ""
                if path == "/missing":
                    status = 404
                elif path == "/boom":
                    status = 500
                elif path == "/tagged":
                    extra = 'ETag: "v1"\r\n'
                    if headers.get("if-none-match") == '"v1"':
                        status, body = 304, b""
                connection = "keep-alive" if self.keep_alive else "close"
                head_out = f"HTTP/1.1 {status} X\r\nContent-Length: {len(body)}\r\n{extra}Connection: {connection}"
                writer.write(f"{head_out}\r\n\r\n".encode() + body)
                await writer.drain()
                if not self.keep_alive:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def serving(**options: object) -> AsyncIterator[tuple[TinyServer, ConnectionPool]]:
    server = TinyServer(**options)  # type: ignore[arg-type]
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    pool = ConnectionPool("127.0.0.1", server.port, limit=100)
    try:
        yield server, pool
    finally:
        await pool.close()
        listener.close()


def evenly(count: int, rate: float, path: str = "/", **options: object) -> list[Planned]:
    return [Planned(k / rate, "e", path, **options) for k in range(count)]  # type: ignore[arg-type]


# Schedules and percentiles (no network) ----------------------------------------------------------------------------


def test_uniform_times_are_evenly_spaced_inside_the_window() -> None:
    times = uniform_times(10, 1.0)
    assert times == pytest.approx([k / 10 for k in range(10)])
    shifted = uniform_times(4, 2.0, start=5.0, phase=0.5)
    assert shifted == pytest.approx([5.125, 5.375, 5.625, 5.875, 6.125, 6.375, 6.625, 6.875])
    assert uniform_times(0, 10) == []


def test_poisson_times_are_seeded_sorted_and_near_the_rate() -> None:
    first = poisson_times(1000, 10.0, random.Random(1))
    assert first == poisson_times(1000, 10.0, random.Random(1))
    assert first != poisson_times(1000, 10.0, random.Random(2))
    assert first == sorted(first) and first[0] >= 0 and first[-1] < 10.0
    assert 9000 < len(first) < 11000  # 10,000 expected; the standard deviation is 100
    gaps = [b - a for a, b in itertools.pairwise(first)]
    assert 0.0008 < sum(gaps) / len(gaps) < 0.0012  # exponential gaps of mean 1 / rate


def test_percentile_by_nearest_rank() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2
    assert percentile([1, 2, 3, 4], 100) == 4
    hundred = list(range(1, 101))
    assert (percentile(hundred, 50), percentile(hundred, 95), percentile(hundred, 99)) == (50, 95, 99)
    assert percentile(list(range(10)), 99) == 9  # ten values: p99 is the largest
    assert percentile([7.0], 1) == 7.0
    assert math.isnan(percentile([], 50))
    assert percentile([0.1, 0.2, math.inf], 99) == math.inf  # a timeout is infinitely slow
    with pytest.raises(ValueError):
        percentile([1], 0)


def test_totp_matches_rfc_6238() -> None:
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890", the RFC's SHA-1 key
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"


# Against the tiny server --------------------------------------------------------------------------------------------


def test_requests_leave_at_their_scheduled_times() -> None:
    async def scenario() -> tuple[list[Planned], list, TinyServer]:
        async with serving() as (server, pool):
            plan = evenly(20, rate=40)
            outcomes = await run_open_loop(pool, plan, max_in_flight=50, timeout=5)
            return plan, outcomes, server

    plan, outcomes, server = asyncio.run(scenario())
    assert [o.status for o in outcomes] == [200] * 20
    sent = [o.sent for o in outcomes]
    assert all(s is not None for s in sent)
    # Never early, in order, and spread over the schedule's half second (not bunched, not stretched).
    for p, o in zip(plan, outcomes, strict=True):
        assert o.sent >= p.at - 1e-3
        assert o.lag < 0.4  # generous: a busy machine delays a send, the schedule stays
    assert sent == sorted(sent)
    arrivals = [t for t, _ in server.arrivals]
    assert 0.3 < arrivals[-1] - arrivals[0] < 1.5


def test_latency_counts_from_the_intended_time_so_queueing_shows() -> None:
    """A server that does one request at a time, 20 ms each (50/s), offered 100/s over one connection: requests
    wait for the connection in the client; the service time stays ~20 ms, the latency from the intended send
    time grows to about half a second. A closed-loop client measuring from its own send would see ~20 ms."""

    async def scenario() -> tuple[list, list]:
        async with serving(delay=0.02, serial=True) as (_, pool):
            under = await run_open_loop(pool, evenly(8, rate=20), max_in_flight=100, timeout=10)
            pool.limit = 1
            over = await run_open_loop(pool, evenly(50, rate=100), max_in_flight=100, timeout=10)
            return under, over

    under, over = asyncio.run(scenario())
    assert all(o.status == 200 for o in under + over)
    stats_over = summarise(over, window=0.5)["e"]
    stats_under = summarise(under, window=0.4)["e"]
    first, last = over[:10], over[-10:]
    assert sum(o.latency for o in last) / 10 > sum(o.latency for o in first) / 10 + 0.2
    assert stats_over.p99 > 2 * stats_under.p99
    assert stats_over.p99 > 5 * stats_over.mean_service  # the wait is in the latency, not in the service time
    assert max(o.lag for o in last) > 0.2  # ... and shows as this client's lag (waiting for its one connection)


def test_the_in_flight_cap_drops_instead_of_queueing() -> None:
    async def scenario() -> tuple[list, TinyServer]:
        async with serving(delay=0.3) as (server, pool):
            outcomes = await run_open_loop(pool, evenly(10, rate=100), max_in_flight=3, timeout=5)
            return outcomes, server

    outcomes, server = asyncio.run(scenario())
    assert [o.error for o in outcomes[:3]] == [None] * 3
    assert [o.error for o in outcomes[3:]] == ["dropped"] * 7
    assert all(o.sent is None for o in outcomes[3:])
    assert len(server.arrivals) == 3  # the dropped ones never reached the server, not even late
    stats = summarise(outcomes, window=0.1)["e"]
    assert (stats.planned, stats.ok, stats.dropped, stats.errors) == (10, 3, 7, 7)


def test_timeouts_statuses_and_conditional_requests_are_counted() -> None:
    async def scenario() -> tuple[list, list, dict[str, str]]:
        async with serving() as (_, pool):
            etags: dict[str, str] = {}
            # The store is shared between runs: the second poll sends what the first one saw.
            first = [Planned(0.0, "tagged", "/tagged", etag_key="tab")]
            outcomes = await run_open_loop(pool, first, max_in_flight=10, timeout=5, etags=etags)
            plan = [
                Planned(0.00, "tagged", "/tagged", etag_key="tab"),
                Planned(0.01, "missing", "/missing"),
                Planned(0.02, "boom", "/boom"),
            ]
            outcomes += await run_open_loop(pool, plan, max_in_flight=10, timeout=5, etags=etags)
        async with serving(delay=0.5) as (_, slow):
            timed_out = await run_open_loop(slow, evenly(2, rate=100), max_in_flight=10, timeout=0.1)
        return outcomes, timed_out, etags

    outcomes, timed_out, etags = asyncio.run(scenario())
    assert [o.status for o in outcomes] == [200, 304, 404, 500]
    assert etags == {"tab": '"v1"'}
    stats = summarise(outcomes, window=1.0)
    assert (stats["tagged"].ok, stats["tagged"].not_modified, stats["tagged"].achieved_rate) == (1, 1, 2.0)
    assert (stats["missing"].client_errors, stats["boom"].server_errors) == (1, 1)
    assert (stats["ALL"].planned, stats["ALL"].errors) == (4, 2)
    assert [o.error for o in timed_out] == ["timeout", "timeout"]
    slow_stats = summarise(timed_out, window=1.0)["e"]
    assert slow_stats.timeouts == 2 and slow_stats.p99 == math.inf and slow_stats.achieved_rate == 0


def test_connections_are_reused_when_the_server_keeps_them_alive() -> None:
    async def scenario(keep_alive: bool) -> int:
        async with serving(keep_alive=keep_alive) as (_, pool):
            for _ in range(3):
                answer = await pool.get("/")
                assert answer.status == 200 and answer.body == b'{"ok": true}'
            return pool.opened

    assert asyncio.run(scenario(keep_alive=True)) == 1
    assert asyncio.run(scenario(keep_alive=False)) == 3


def test_only_a_shed_answer_is_sent_again_after_its_retry_after_spread_out() -> None:
    shed = b'{"type":"server_error","errors":[{"code":"server_busy","detail":"busy","attr":null}]}'
    rng = random.Random(3)
    waits = [busy_wait(503, {"retry-after": "2"}, shed, rng) for _ in range(200)]
    assert all(w is not None and 2 <= w <= 4 for w in waits)
    assert max(w for w in waits if w is not None) - min(w for w in waits if w is not None) > 1  # not all at once
    assert busy_wait(503, {"retry-after": "3600"}, shed, rng) <= 20  # capped
    for unusable in ("soon", "-1", "0", "nan"):
        assert 2 <= (busy_wait(503, {"retry-after": unusable}, shed, rng) or 0) <= 4
    # Any other answer stands: a 503 from elsewhere may have reached the application.
    assert busy_wait(503, {"retry-after": "2"}, b'{"errors":[{"code":"database_down"}]}', rng) is None
    assert busy_wait(409, {"retry-after": "2"}, shed, rng) is None
    assert busy_wait(200, {}, b"", rng) is None
