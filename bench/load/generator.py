"""An open-loop load generator: requests leave at fixed, pre-computed times, whatever the server does.

A closed-loop client (N users, each waiting for its answer before the next request) slows down with the server
and so hides the queue ("coordinated omission"). Here every request has an intended send time drawn in advance
(a seeded Poisson process, or evenly spaced), and its latency is measured from that intended time: a request
that had to wait behind others, in the server or in this client, shows the wait.

The generator is bounded: at most ``max_in_flight`` requests are outstanding; a request whose send time comes
while the cap is reached is not sent and is counted as ``dropped`` (never sent later, which would shift the
schedule); a request without an answer ``timeout`` seconds after its intended time counts as a ``timeout``.
Connections are capped by the pool (``bench/load/http.py``).

Percentiles are by nearest rank over every request that was sent: answered ones with their latency, timed-out
ones as infinitely slow (printed as ``>timeout``), so an endpoint that times out 2 % of the time has p99 = ∞.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bench.load.http import ConnectionPool, HTTPError


@dataclass(frozen=True)
class Planned:
    """One request of the schedule."""

    at: float
    """Intended send time, seconds after the start of the run."""
    endpoint: str
    """The name the figures are grouped by."""
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    etag_key: str | None = None
    """Where to keep the answer's ETag; the next request with this key sends it in If-None-Match."""
    measured: bool = True
    """False during warm-up: sent, but left out of the figures."""


@dataclass
class Outcome:
    endpoint: str
    intended: float
    """Intended send time (seconds after the start)."""
    measured: bool
    sent: float | None = None
    """When the request went on the wire, after a connection was free (None: never sent)."""
    done: float | None = None
    status: int | None = None
    error: str | None = None
    """dropped (cap reached, not sent), timeout, io (refused, reset), http (malformed answer)."""
    size: int = 0

    @property
    def latency(self) -> float:
        """Seconds from the intended send time to the complete answer (∞ for a timeout)."""
        if self.done is None:
            return math.inf
        return self.done - self.intended

    @property
    def service(self) -> float | None:
        """Seconds from the send to the complete answer (the server's time plus loopback)."""
        if self.done is None or self.sent is None:
            return None
        return self.done - self.sent

    @property
    def lag(self) -> float | None:
        """How late this client itself sent the request (its own scheduling delay plus a wait for a connection)."""
        return None if self.sent is None else self.sent - self.intended


def poisson_times(rate: float, duration: float, rng: random.Random, start: float = 0.0) -> list[float]:
    """Send times of a Poisson process of ``rate`` per second in [start, start + duration)."""
    times: list[float] = []
    if rate <= 0:
        return times
    t = start + rng.expovariate(rate)
    while t < start + duration:
        times.append(t)
        t += rng.expovariate(rate)
    return times


def uniform_times(rate: float, duration: float, start: float = 0.0, phase: float = 0.0) -> list[float]:
    """Evenly spaced send times, ``rate`` per second in [start, start + duration), the first after ``phase``
    (a fraction of one interval)."""
    if rate <= 0:
        return []
    step = 1.0 / rate
    count = math.ceil(duration * rate - phase - 1e-9)
    return [start + (k + phase) * step for k in range(max(0, count))]


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q ≤ 100) of an ascending sequence; NaN when it is empty.

    The smallest value with at least q % of the values at or below it: p50 of [1, 2, 3, 4] is 2, p99 of 100
    values is the 99th, of 10 values the largest.
    """
    if not sorted_values:
        return math.nan
    if not 0 < q <= 100:
        raise ValueError("q must be in (0, 100]")
    rank = math.ceil(q / 100 * len(sorted_values) - 1e-9)
    return sorted_values[min(max(rank, 1), len(sorted_values)) - 1]


async def run_open_loop(
    pool: ConnectionPool,
    plan: Iterable[Planned],
    *,
    max_in_flight: int,
    timeout: float,
    etags: dict[str, str] | None = None,
    on_answer: Callable[[Planned, int, dict[str, str], bytes], None] | None = None,
    lead: float = 0.05,
) -> list[Outcome]:
    """Send ``plan`` (sorted by ``at``) at its times and return one outcome per planned request, in plan order.

    ``etags`` is the store of the requests' ETag keys (shared between calls, so that a later run polls with
    what an earlier one saw); ``on_answer`` sees every answer (e.g. to check a body).
    """
    loop = asyncio.get_running_loop()
    start = loop.time() + lead
    etags = {} if etags is None else etags
    outcomes: list[Outcome] = []
    tasks: set[asyncio.Task[None]] = set()
    in_flight = 0

    async def one(p: Planned, outcome: Outcome) -> None:
        nonlocal in_flight
        headers = dict(p.headers)
        if p.etag_key is not None and p.etag_key in etags:
            headers["If-None-Match"] = etags[p.etag_key]
        deadline = start + p.at + timeout
        try:
            async with asyncio.timeout_at(deadline):
                response = await pool.get(p.path, headers, on_sent=lambda t: setattr(outcome, "sent", t - start))
            outcome.done = loop.time() - start
            outcome.status = response.status
            outcome.size = len(response.body)
            tag = response.headers.get("etag")
            if p.etag_key is not None and tag and response.status == 200:
                etags[p.etag_key] = tag
            if on_answer is not None:
                on_answer(p, response.status, response.headers, response.body)
        except TimeoutError:
            outcome.error = "timeout"
        except (OSError, HTTPError, asyncio.IncompleteReadError):
            outcome.error = "io"
            outcome.done = loop.time() - start
        finally:
            in_flight -= 1

    for p in plan:
        delay = start + p.at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        outcome = Outcome(endpoint=p.endpoint, intended=p.at, measured=p.measured)
        outcomes.append(outcome)
        if in_flight >= max_in_flight:
            outcome.error = "dropped"
            continue
        in_flight += 1
        task = asyncio.create_task(one(p, outcome))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.gather(*tasks)
    return outcomes


@dataclass
class EndpointStats:
    endpoint: str
    planned: int = 0
    ok: int = 0
    """2xx"""
    not_modified: int = 0
    """304"""
    other_3xx: int = 0
    client_errors: int = 0
    """4xx"""
    server_errors: int = 0
    """5xx"""
    timeouts: int = 0
    dropped: int = 0
    io_errors: int = 0
    p50: float = math.nan
    p95: float = math.nan
    p99: float = math.nan
    max: float = math.nan
    mean_service: float = math.nan
    mean_size: float = math.nan
    achieved_rate: float = 0.0
    """Successful answers (2xx and 304) per second of the measured window."""
    lag_p99: float = math.nan
    """This client's own 99th-percentile send delay: if it grows, the client, not the server, is the bottleneck."""
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.client_errors + self.server_errors + self.timeouts + self.dropped + self.io_errors

    @property
    def successes(self) -> int:
        return self.ok + self.not_modified


def summarise(outcomes: Iterable[Outcome], window: float, total: str | None = "ALL") -> dict[str, EndpointStats]:
    """Figures per endpoint (and over all of them under ``total``) for the measured outcomes; ``window`` is the
    measured duration in seconds (for the achieved rate)."""
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.measured:
            groups.setdefault(outcome.endpoint, []).append(outcome)
            if total:
                groups.setdefault(total, []).append(outcome)
    return {name: _stats(name, group, window) for name, group in groups.items()}


def _stats(name: str, group: list[Outcome], window: float) -> EndpointStats:
    stats = EndpointStats(endpoint=name, planned=len(group))
    latencies: list[float] = []
    services: list[float] = []
    sizes: list[int] = []
    lags: list[float] = []
    for o in group:
        if o.error == "dropped":
            stats.dropped += 1
            continue
        if o.error == "timeout":
            stats.timeouts += 1
        elif o.error == "io":
            stats.io_errors += 1
        elif o.status is not None:
            stats.statuses[o.status] = stats.statuses.get(o.status, 0) + 1
            if 200 <= o.status < 300:
                stats.ok += 1
            elif o.status == 304:
                stats.not_modified += 1
            elif 300 <= o.status < 400:
                stats.other_3xx += 1
            elif 400 <= o.status < 500:
                stats.client_errors += 1
            else:
                stats.server_errors += 1
            sizes.append(o.size)
            if (service := o.service) is not None:
                services.append(service)
        if o.error != "io":
            latencies.append(o.latency)
        if (lag := o.lag) is not None:
            lags.append(lag)
    latencies.sort()
    lags.sort()
    stats.p50, stats.p95, stats.p99 = (percentile(latencies, q) for q in (50, 95, 99))
    stats.max = latencies[-1] if latencies else math.nan
    stats.mean_service = sum(services) / len(services) if services else math.nan
    stats.mean_size = sum(sizes) / len(sizes) if sizes else math.nan
    stats.achieved_rate = stats.successes / window if window > 0 else 0.0
    stats.lag_p99 = percentile(lags, 99)
    return stats


async def measure_service(
    pool: ConnectionPool, requests: Sequence[Planned], *, samples: int, timeout: float
) -> list[Outcome]:
    """One client, one request at a time (closed loop, nothing else in flight): each request ``samples`` times,
    round-robin over ``requests``. Used for each endpoint's cost on an otherwise idle server."""
    outcomes: list[Outcome] = []
    loop = asyncio.get_running_loop()
    for k in range(samples):
        p = requests[k % len(requests)]
        start = loop.time()
        outcome = Outcome(endpoint=p.endpoint, intended=0.0, measured=True)
        try:
            async with asyncio.timeout(timeout):
                response = await pool.get(p.path, dict(p.headers))
            outcome.done = loop.time() - start
            outcome.sent = response.sent_at - start
            outcome.status = response.status
            outcome.size = len(response.body)
        except TimeoutError:
            outcome.error = "timeout"
        except (OSError, HTTPError, asyncio.IncompleteReadError):
            outcome.error = "io"
        outcomes.append(outcome)
    return outcomes
