"""The write burst of the load benchmark (issue 16): approvals and accepts sent all at once, then a check that
the database is exactly consistent.

    .venv/bin/python -m bench.load.run --scenario writes             # 200 approvals + 200 accepts, 20k × 6k
    .venv/bin/python -m bench.load.run --scenario writes --writes 60 --size 5k

Three steps, as ``bench.load.run`` drives them:

1. ``prepare`` (a Django subprocess on the benchmark's database, like the population): chooses ``count``
   proposals of distinct mentees whose only possible refusal is the mentor's capacity (mentor verified and
   available, the pair not blocked, the mentee without an open match). They are chosen so that some mentors get
   more approvals than they have free places: those approvals race, and exactly ``free places`` of them may win.
   A tenth of them are sent twice (a coordinator's double click: the replay must change nothing). It also
   chooses ``count`` offers and gives each offer's mentor a session, some mentors several offers at once.
2. ``burst`` (the generator, no Django): every request at the same moment, coordinators' approvals and mentors'
   accepts mixed, over the pool's connections; it times each answer and the whole burst.
3. ``verify`` (a Django subprocess): every 2xx approval left its match offered, every refused or shed one left
   it proposed, and each mentor's won approvals equal min(free places, approvals that reached the application);
   of a mentee's two proposals exactly one became her offer; every accepted offer is active, every shed one still
   offered; exactly one audit event and one notice per change (none for a replay); no mentor holds more open
   matches than places and no mentee more than one, across the whole programme.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import secrets
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bench.load.generator import percentile
from bench.load.http import ConnectionPool

BUSY_RETRIES = 3
"""How often a shed request is sent again: as the web app does (frontend/src/api/busy.ts, BUSY_RETRIES)."""


def busy_wait(status: int, headers: Mapping[str, str], body: bytes, rng: random.Random) -> float | None:
    """Seconds to wait before sending a request again that the server's gate shed (503 server_busy: it never
    reached the application, so sending it again is safe for any method): Retry-After, spread over up to twice
    that so that the shed clients do not all come back at once. None for any other answer."""
    if status != 503 or b'"server_busy"' not in body:
        return None
    try:
        after = float(headers.get("retry-after", "2"))
    except ValueError:
        after = 2.0
    if not 0 < after < float("inf"):
        after = 2.0
    return min(after, 10.0) * (1 + rng.random())


def prepare(count: int, seed: int) -> dict[str, Any]:
    from django.db.models import Count, Q

    from accounts.models import User
    from bench.load.population import sessions_for
    from mentoring.models import OPEN_STATES, Match, MatchSource, MatchState
    from profiles.models import Profile
    from safeguarding.models import Block

    rng = random.Random(seed)
    programme = Match.objects.values_list("programme_id", flat=True).first()
    busy_mentees = set(Match.objects.filter(state__in=OPEN_STATES).values_list("mentee_id", flat=True))
    mentors = {
        p["pk"]: p
        for p in Profile.objects.filter(available=True, verified_at__isnull=False)
        .annotate(open=Count("matches_as_mentor", filter=Q(matches_as_mentor__state__in=OPEN_STATES)))
        .values("pk", "capacity", "open", "membership__user_id")
    }
    for mentor in mentors.values():
        mentor["free"] = max(0, (mentor["capacity"] or 0) - mentor["open"])
    blocked = {frozenset(pair) for pair in Block.objects.values_list("blocker_id", "blocked_id")}
    pending = set(
        Match.objects.filter(state__in=[MatchState.PROPOSED, *OPEN_STATES]).values_list("mentee_id", "mentor_id")
    )
    free_mentees = list(
        Profile.objects.filter(membership__role="mentee", membership__programme_id=programme)
        .exclude(pk__in=busy_mentees)
        .order_by("pk")
        .values_list("pk", "membership__user_id")
    )
    rng.shuffle(free_mentees)
    proposals = list(
        Match.objects.filter(state=MatchState.PROPOSED, mentor_id__in=list(mentors))
        .exclude(mentee_id__in=busy_mentees)
        .order_by("pk")
        .values("pk", "mentee_id", "mentor_id", "mentee__membership__user_id")
    )
    rng.shuffle(proposals)

    used_mentees: set[Any] = set()
    used_mentors: set[Any] = set()
    approvals: dict[str, str] = {}  # match → mentor, for the capacity check
    for proposal in proposals:
        mentor = mentors[proposal["mentor_id"]]
        pair = frozenset((proposal["mentee__membership__user_id"], mentor["membership__user_id"]))
        if len(approvals) < count and proposal["mentee_id"] not in used_mentees and pair not in blocked:
            used_mentees.add(proposal["mentee_id"])
            used_mentors.add(proposal["mentor_id"])
            approvals[str(proposal["pk"])] = str(proposal["mentor_id"])

    # Races made on purpose, as hand proposals: mentors who get one approval more than their free places, and
    # mentees with two proposals approved at once (to mentors with room: only one may become her offer).
    fresh = iter(m for m in free_mentees if m[0] not in used_mentees)
    spare = [m for m in mentors.values() if m["pk"] not in used_mentors and m["free"] >= 1]
    rng.shuffle(spare)
    made: list[Match] = []
    full_mentors = [m for m in spare if m["free"] <= 2][: max(1, count // 20)]
    roomy = [m for m in spare if m["free"] >= 3 and m not in full_mentors][: max(2, count // 10)]

    def propose(mentee: tuple[Any, Any], mentor: dict[str, Any]) -> Match | None:
        if (mentee[0], mentor["pk"]) in pending or frozenset((mentee[1], mentor["membership__user_id"])) in blocked:
            return None
        match = Match(
            programme_id=programme, mentee_id=mentee[0], mentor_id=mentor["pk"], source=MatchSource.HAND, score=0.5
        )
        made.append(match)
        return match

    for mentor in full_mentors:
        while sum(1 for m in made if m.mentor_id == mentor["pk"]) < mentor["free"] + 1:
            match = propose(next(fresh), mentor)
            if match is not None:
                approvals[str(match.pk)] = str(mentor["pk"])
    raced: list[list[str]] = []
    for first, second in zip(roomy[::2], roomy[1::2], strict=False):
        mentee = next(fresh)
        pair = [propose(mentee, first), propose(mentee, second)]
        if all(pair):
            raced.append([str(m.pk) for m in pair if m is not None])
        else:
            made[:] = [m for m in made if m not in pair]
    Match.objects.bulk_create(made)
    sent = Counter(approvals.values())

    offers = list(
        Match.objects.filter(state=MatchState.OFFERED, offer_expires_at__gt=_now())
        .order_by("mentor_id", "pk")
        .values("pk", "mentor_id", "mentor__membership__user_id")
    )
    rng.shuffle(offers)
    offers = offers[:count]
    users = {u.pk: u for u in User.objects.filter(pk__in={o["mentor__membership__user_id"] for o in offers})}
    keys = dict(zip(users, sessions_for(list(users.values())), strict=True))
    plain = list(approvals)
    by_id = {str(pk): mentor for pk, mentor in mentors.items()}
    return {
        "approvals": [*plain, *(m for pair in raced for m in pair)],
        "approval_mentor": approvals,
        "free_places": {m: by_id[m]["free"] for m in sent},
        "raced_mentees": raced,
        "racing_mentors": sum(1 for m, n in sent.items() if n > by_id[m]["free"]),
        "replays": rng.sample(plain, len(plain) // 10),
        "accepts": [{"match": str(o["pk"]), "session": keys[o["mentor__membership__user_id"]]} for o in offers],
    }


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


def verify(prepared: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """Every way the database could disagree with the answers, in plain words (empty: exactly consistent)."""
    from django.db.models import Count, Q

    from mentoring.models import OPEN_STATES, Match, MatchState
    from notifications.models import Notification
    from privacy.models import AuditEvent
    from profiles.models import Profile

    problems = []
    approvals, accepts = answers["approvals"], answers["accepts"]
    ids = [*prepared["approvals"], *(a["match"] for a in prepared["accepts"])]
    state = {str(pk): s for pk, s in Match.objects.filter(pk__in=ids).values_list("pk", "state")}
    won: Counter[str] = Counter()
    unanswered = 0
    for match in prepared["approvals"]:
        statuses = approvals.get(match, [])
        if not statuses:
            unanswered += 1  # the client gave up: the database may hold either state
        ok = [s for s in statuses if 200 <= s < 300]
        if statuses and state[match] != (MatchState.OFFERED if ok else MatchState.PROPOSED):
            problems.append(f"approval {match} answered {statuses} but the match is {state[match]}")
        if any(s not in (409, 503) and not 200 <= s < 300 for s in statuses):
            problems.append(f"approval {match} answered {statuses} (only 2xx, 409 for a race lost or 503 are right)")
        if ok and len(ok) != sum(s != 503 for s in statuses):
            problems.append(f"approval {match} sent twice answered {statuses}: a replay must answer as the first")
        if match in prepared["approval_mentor"]:
            won[prepared["approval_mentor"][match]] += state[match] == MatchState.OFFERED

    def reached(match: str) -> bool:
        """Sent and not shed every time: it reached the application."""
        return any(s != 503 for s in approvals.get(match, []))

    sent = Counter(mentor for match, mentor in prepared["approval_mentor"].items() if reached(match))
    for mentor, n in sent.items():
        expected = min(n, prepared["free_places"][mentor])
        if won[mentor] != expected and not unanswered:
            problems.append(f"mentor {mentor}: {won[mentor]} approvals won of {n} sent, {expected} places were free")
    for pair in prepared["raced_mentees"]:
        offered_now = [m for m in pair if state[m] == MatchState.OFFERED]
        if len(offered_now) > 1 or (len(offered_now) == 0 and all(map(reached, pair)) and not unanswered):
            problems.append(f"a mentee's two proposals approved at once: {len(offered_now)} became offers, not 1")
        if any(state[m] not in (MatchState.OFFERED, MatchState.PROPOSED) for m in pair):
            problems.append(f"a mentee's raced proposals ended as {[state[m] for m in pair]}")
    for accept in prepared["accepts"]:
        match, statuses = accept["match"], accepts.get(accept["match"], [])
        if not statuses:
            continue  # the client gave up
        if statuses == [503]:  # shed, every time it was sent: never reached the application
            if state[match] != MatchState.OFFERED:
                problems.append(f"accept {match} was shed (503) but the match is {state[match]}")
            continue
        if any(not 200 <= s < 300 for s in statuses):
            problems.append(f"accept {match} answered {statuses}")
        elif state[match] != MatchState.ACTIVE:
            problems.append(f"accept {match} answered {statuses} but the match is {state[match]}")
    offered = [m for m in prepared["approvals"] if state[m] == MatchState.OFFERED]
    accepted = [a["match"] for a in prepared["accepts"] if state[a["match"]] == MatchState.ACTIVE]
    for action, matches in (("match.approve", offered), ("match.accept", accepted)):
        events = Counter(
            AuditEvent.objects.filter(action=action, target_id__in=matches).values_list("target_id", flat=True)
        )
        wrong = [m for m in matches if events[m] != 1]
        if wrong:
            problems.append(f"{len(wrong)} matches without exactly one {action} audit event, e.g. {wrong[0]}")
    for kind, matches in (("offer_received", offered), ("offer_accepted", accepted)):
        notices = Counter(
            str(m)
            for m in Notification.objects.filter(kind=kind, match_id__in=matches).values_list("match_id", flat=True)
        )
        wrong = [m for m in matches if notices[m] < 1]
        if wrong:
            problems.append(f"{len(wrong)} matches without a {kind} notice, e.g. {wrong[0]}")
    over = (
        Profile.objects.annotate(open=Count("matches_as_mentor", filter=Q(matches_as_mentor__state__in=OPEN_STATES)))
        .filter(open__gt=0)
        .values_list("pk", "open", "capacity")
    )
    full = [(pk, n, c) for pk, n, c in over if n > (c or 0)]
    if full:
        problems.append(f"{len(full)} mentors hold more open matches than places, e.g. {full[0]}")
    doubled = (
        Match.objects.filter(state__in=OPEN_STATES).values("mentee_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    if doubled:
        problems.append(f"{doubled} mentees have more than one open match")
    return problems


async def burst(
    pool: ConnectionPool, prepared: dict[str, Any], coordinator_cookies: list[str], timeout: float
) -> dict[str, Any]:
    """Send every approval (and replay) and every accept at once; the answers by match, and the timings."""
    requests: list[tuple[str, str, str]] = []
    for i, match in enumerate([*prepared["approvals"], *prepared["replays"]]):
        requests.append(("approve", match, coordinator_cookies[i % len(coordinator_cookies)]))
    for accept in prepared["accepts"]:
        requests.append(("accept", accept["match"], f"sessionid={accept['session']}"))
    random.Random(0).shuffle(requests)
    answers: dict[str, dict[str, list[int]]] = {"approvals": defaultdict(list), "accepts": defaultdict(list)}
    latencies: dict[str, list[float]] = {"approve": [], "accept": []}
    failures: Counter[str] = Counter()
    start = time.perf_counter()

    retries = Counter[str]()
    rng = random.Random(1)

    async def one(action: str, match: str, cookie: str) -> None:
        token = secrets.token_hex(16)  # 32 characters: Django's CSRF check takes a bare secret as well
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "X-CSRFToken": token,
            "Cookie": f"{cookie}; csrftoken={token}",
        }
        path = f"/api/v1/matches/{match}/{action}/"
        for attempt in range(BUSY_RETRIES + 1):
            try:
                answer = await asyncio.wait_for(pool.request("POST", path, headers, b"{}"), timeout)
            except (TimeoutError, OSError) as error:
                failures[type(error).__name__] += 1
                return
            wait = busy_wait(answer.status, answer.headers, answer.body, rng)
            if wait is None or attempt == BUSY_RETRIES:
                break
            retries[action] += 1
            await asyncio.sleep(wait)
        latencies[action].append(time.perf_counter() - start)
        answers["approvals" if action == "approve" else "accepts"][match].append(answer.status)

    await asyncio.gather(*(one(*r) for r in requests))
    wall = time.perf_counter() - start
    statuses = Counter(s for group in answers.values() for found in group.values() for s in found)
    summary = {
        "requests": len(requests),
        "wall": wall,
        "answered_per_s": sum(statuses.values()) / wall if wall else 0.0,
        "ok_per_s": sum(n for s, n in statuses.items() if 200 <= s < 300) / wall if wall else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "failures": dict(failures),
        "retries": dict(retries),
        "latency": {
            action: {q: percentile(sorted(values), q) for q in (50, 95, 99)} if values else {}
            for action, values in latencies.items()
        },
    }
    return {"answers": {k: dict(v) for k, v in answers.items()}, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["prepare", "verify"])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--prepared", type=Path, required=True, help="prepare writes it, verify reads it")
    parser.add_argument("--answers", type=Path, help="verify: the burst's answers")
    args = parser.parse_args()
    from bench.load.population import _setup

    _setup()
    if args.step == "prepare":
        args.prepared.write_text(json.dumps(prepare(args.count, args.seed)))
    else:
        answers = json.loads(args.answers.read_text())
        problems = verify(json.loads(args.prepared.read_text()), answers)
        print(json.dumps(problems))


if __name__ == "__main__":
    main()
