"""What people read, and how often: the request mixes and the polling tabs, built from the population's fixture.

Routes as in backend/config/urls.py and the apps' urls.py (the OpenAPI schema names the same). Participants'
requests carry the session of one of the pool's participants; coordinators' one of the coordinators' sessions
(logged in through the API with TOTP); reference data and /healthz go without a session. The conversation list,
its unread count and a conversation's messages are polled with If-None-Match, as the web app does
(frontend/src/features/messages/api/: every 30 s while the tab is visible): the generator keeps each session's
ETag per route, so a repeated poll of an unchanged list costs a 304.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.load.generator import Planned, poisson_times, uniform_times

ACCEPT = ("Accept", "application/json")


@dataclass(frozen=True)
class Target:
    """One request to send: a route for one person."""

    path: str
    headers: tuple[tuple[str, str], ...]
    etag_key: str | None = None


@dataclass(frozen=True)
class Endpoint:
    name: str
    role: str
    """participant, coordinator, public"""
    weight: float
    pick: Callable[[random.Random], Target]


class People:
    """The sessions of the fixture, grouped for the mixes."""

    def __init__(self, fixture: dict[str, Any], coordinator_cookies: list[str]) -> None:
        self.programme = fixture["programme"]
        self.participants = fixture["participants"]
        self.talkers = [p for p in self.participants if p["conversations"]]
        self.coordinators = coordinator_cookies

    @staticmethod
    def cookie(person: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        return (ACCEPT, ("Cookie", f"sessionid={person['session']}"))


def endpoints(people: People) -> list[Endpoint]:
    """Every endpoint of the mixes with its weight in the full read mix (per 100 requests, roughly)."""
    programme = f"/api/v1/programmes/{people.programme}"

    def participant(path: str, polled: bool = False) -> Callable[[random.Random], Target]:
        def pick(rng: random.Random) -> Target:
            person = rng.choice(people.participants)
            return Target(path, People.cookie(person), f"{person['session']} {path}" if polled else None)

        return pick

    def messages(rng: random.Random) -> Target:
        person = rng.choice(people.talkers or people.participants)
        if not person["conversations"]:
            return Target("/api/v1/conversations/", People.cookie(person))
        path = f"/api/v1/conversations/matches/{rng.choice(person['conversations'])}/messages/"
        return Target(path, People.cookie(person), f"{person['session']} {path}")

    def coordinator(path: str) -> Callable[[random.Random], Target]:
        def pick(rng: random.Random) -> Target:
            return Target(path, (ACCEPT, ("Cookie", rng.choice(people.coordinators))))

        return pick

    def pages(path: str, count: int) -> Callable[[random.Random], Target]:
        """The first page mostly, sometimes one of the next few: how a coordinator leafs through a list."""

        def pick(rng: random.Random) -> Target:
            page = 1 if rng.random() < 0.7 else rng.randint(2, count)
            sep = "&" if "?" in path else "?"
            full = path if page == 1 else f"{path}{sep}page={page}"
            return Target(full, (ACCEPT, ("Cookie", rng.choice(people.coordinators))))

        return pick

    def public(path: str) -> Callable[[random.Random], Target]:
        return lambda rng: Target(path, (ACCEPT,))

    return [
        Endpoint("me", "participant", 10, participant("/api/v1/me/")),
        Endpoint("matches (own)", "participant", 8, participant("/api/v1/matches/")),
        Endpoint("notifications", "participant", 5, participant("/api/v1/notifications/")),
        Endpoint("notifications unread", "participant", 10, participant("/api/v1/notifications/unread-count/")),
        Endpoint("conversations", "participant", 12, participant("/api/v1/conversations/", polled=True)),
        Endpoint("conversations unread", "participant", 14, participant("/api/v1/conversations/unread-count/", True)),
        Endpoint("messages", "participant", 6, messages),
        Endpoint("proposals", "coordinator", 5, pages(f"{programme}/matches/?state=proposed", 5)),
        Endpoint("matches (active)", "coordinator", 2, pages(f"{programme}/matches/?state=active", 5)),
        Endpoint("participants", "coordinator", 5, pages(f"{programme}/participants/", 5)),
        Endpoint("health", "coordinator", 3, coordinator(f"{programme}/health/")),
        Endpoint("runs", "coordinator", 1, coordinator(f"{programme}/runs/")),
        Endpoint("programme", "public", 3, public(f"{programme}/")),
        Endpoint("ref languages", "public", 3, public("/api/v1/reference/languages/")),
        Endpoint("ref sectors", "public", 2, public("/api/v1/reference/sectors/")),
        Endpoint("healthz", "public", 4, public("/healthz")),
    ]


MIXES = {
    "full": ("participant", "coordinator", "public"),
    "participants": ("participant", "public"),
    "coordinators": ("coordinator", "public"),
}


def mix_plan(chosen: list[Endpoint], *, rate: float, warmup: float, duration: float, seed: int) -> list[Planned]:
    """A Poisson schedule at ``rate`` per second for ``warmup + duration`` seconds, each request's endpoint drawn
    by weight; the warm-up's requests are sent and not measured."""
    rng = random.Random(seed)
    weights = [e.weight for e in chosen]
    plan = []
    for at in poisson_times(rate, warmup + duration, rng):
        endpoint = rng.choices(chosen, weights)[0]
        target = endpoint.pick(rng)
        plan.append(Planned(at, endpoint.name, target.path, target.headers, target.etag_key, measured=at >= warmup))
    return plan


POLLED = ("/api/v1/conversations/", "/api/v1/conversations/unread-count/")


def polling_plan(people: People, *, tabs: int, interval: float, cycles: int, seed: int) -> list[Planned]:
    """``tabs`` open tabs, each of one participant (people in conversations first), each polling the conversation
    list and its unread count every ``interval`` seconds from a random phase, with If-None-Match. The first
    cycle opens the tabs (it primes the ETags and is not measured); then ``cycles`` measured cycles."""
    rng = random.Random(seed)
    ordered = people.talkers + [p for p in people.participants if not p["conversations"]]
    plan = []
    for k in range(tabs):
        person = ordered[k % len(ordered)]
        phase = rng.random()
        for path in POLLED:
            name = "poll " + ("conversations" if path == POLLED[0] else "conversations unread")
            # A tab of the same person opened twice (fewer people than tabs) keeps ETags of its own.
            key = f"{k} {path}"
            for at in uniform_times(1 / interval, interval * (1 + cycles), phase=phase):
                plan.append(Planned(at, name, path, People.cookie(person), key, measured=at >= interval))
    plan.sort(key=lambda p: p.at)
    return plan
