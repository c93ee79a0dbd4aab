"""The load benchmark's population: one mentoring programme generated into a database of its own.

Run by ``bench.load.run`` as a subprocess with the server's environment (DATABASE_URL, SECRET_KEY,
PRIVACY_ENCRYPTION_KEYS), under ``config.django.base`` with eager tasks and no broker, so that nothing it does
reaches the worker. It writes a JSON file that the load generator reads (ids and session keys; no Django there).

What it makes, seeded:

1. The programme, its users, memberships, profiles, languages and sectors, sensitive needs with and without
   consent, 2 % active matches and a few blocks: ``bench.bench_run._generate`` (the synthetic population of
   ``bench/synthetic.py``), bulk-inserted.
2. A finished matching run through the real services (``run_start`` + ``run_execute``, in this process).
3. Its proposals moved on as a programme's weeks would: about 45 % still proposed, 20 % offered, 25 % active,
   5 % declined by the mentor, 5 % rejected by a coordinator (bulk updates, with the times and reason codes the
   services write).
4. A conversation for 60 % of the active matches with 1–12 encrypted messages each, read marks that leave about
   a third of them unread for one side; notices (offer received / shown / accepted) for the people concerned,
   half of them read.
5. Five coordinators with a password and the demo's TOTP secret (two-step verification is required of them):
   the generator logs them in through the real API (allauth's login + 2fa/authenticate).
6. Sessions for a pool of participants, created with Django's session engine directly (the same session data a
   login writes: user id, backend, the password hash's HMAC, the session-lifetime marks), because thousands of
   logins through the API would take minutes of Argon2 and run into the login rate limits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
COORDINATORS = 5
COORDINATOR_PASSWORD = "load-bench-coordinator-2026"


def _setup() -> None:
    sys.path.insert(0, str(ROOT / "backend"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")
    import django

    django.setup()
    from django.conf import settings

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _log(message: str, started: float) -> None:
    print(f"  [{time.perf_counter() - started:6.1f} s] {message}", flush=True)


def generate(n_mentees: int, n_mentors: int, seed: int, pool_size: int) -> dict[str, Any]:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from bench.bench_run import _generate
    from common import jobs
    from mentoring import services
    from mentoring.models import Match, MatchState
    from messaging.models import Conversation, ConversationKind, ConversationRead, Message
    from notifications.models import Audience, Notification
    from profiles.management.commands.load_demo import DEMO_TOTP_SECRET
    from programmes import reference_data
    from programmes.models import Membership, Role

    started = time.perf_counter()
    rng = random.Random(seed)
    call_command("migrate", verbosity=0)
    _log("migrated", started)
    programme = _generate(n_mentees, n_mentors, seed=seed)
    _log(f"generated {n_mentees} mentees × {n_mentors} mentors", started)

    # Coordinators: the one _generate made plus four more, each with a password and the demo's TOTP secret.
    password = make_password(COORDINATOR_PASSWORD)
    first = User.objects.get(email="coordinator@bench-run.example.org")
    first.password = password
    first.save(update_fields=["password"])
    coordinators = [first]
    for k in range(1, COORDINATORS):
        user = User.objects.create(
            email=f"coordinator{k}@bench-run.example.org", display_name=f"Coordinator {k}", password=password
        )
        Membership.objects.create(user=user, programme=programme, role=Role.COORDINATOR)
        coordinators.append(user)
    for user in coordinators:
        TOTP.activate(user, DEMO_TOTP_SECRET)

    # A finished matching run, through the services (the task is run here rather than queued).
    jobs.queue_after_commit = lambda task_name, job_id: None  # type: ignore[assignment]
    run = services.run_start(programme=programme, by=first, now=timezone.now())
    run = services.run_execute(run_id=run.pk, clock=timezone.now)
    if run.status != "done":
        raise SystemExit(f"the matching run ended {run.status}: {run.error}")
    proposals = list(
        Match.objects.filter(run=run, state=MatchState.PROPOSED).order_by("pk").values_list("pk", flat=True)
    )
    _log(f"matching run done: {len(proposals)} proposals", started)

    # The run's proposals, weeks later.
    now = timezone.now()
    rng.shuffle(proposals)
    n = len(proposals)
    cut = [int(n * f) for f in (0.45, 0.65, 0.90, 0.95)]
    offered, active = proposals[cut[0] : cut[1]], proposals[cut[1] : cut[2]]
    declined, rejected = proposals[cut[2] : cut[3]], proposals[cut[3] :]
    decline_code = reference_data.decline_reasons()[0].code
    # Along the state graph (a trigger enforces it): proposed → offered, then offered → active or declined.
    Match.objects.filter(pk__in=[*offered, *active, *declined]).update(
        state=MatchState.OFFERED,
        offered_at=now - timedelta(days=3),
        offer_expires_at=now + timedelta(days=programme.offer_expiry_days - 3),
    )
    Match.objects.filter(pk__in=active).update(
        state=MatchState.ACTIVE, offered_at=now - timedelta(days=20), accepted_at=now - timedelta(days=18)
    )
    Match.objects.filter(pk__in=declined).update(
        state=MatchState.DECLINED,
        offered_at=now - timedelta(days=20),
        closed_at=now - timedelta(days=19),
        reason_code=decline_code,
        closed_by_role="mentor",
    )
    Match.objects.filter(pk__in=rejected).update(
        state=MatchState.REJECTED, closed_at=now - timedelta(days=21), reason_code="other", closed_by_role="coordinator"
    )
    _log(
        f"proposals moved on: {n - cut[0]} of {n} (offered {len(offered)}, active {len(active)}, "
        f"declined {len(declined)}, rejected {len(rejected)})",
        started,
    )

    # Conversations for 60 % of the active matches (the run's and the ones generated active).
    active_matches = list(
        Match.objects.filter(programme=programme, state=MatchState.ACTIVE)
        .select_related("mentee__membership__user", "mentor__membership__user")
        .order_by("pk")
    )
    rng.shuffle(active_matches)
    talking = active_matches[: int(len(active_matches) * 0.6)]
    conversations, messages, reads = [], [], []
    for match in talking:
        mentee_user = match.mentee.membership.user
        mentor_user = match.mentor.membership.user
        count = rng.randint(1, 12)
        times = sorted(now - timedelta(days=17) + timedelta(minutes=rng.randint(0, 17 * 24 * 60)) for _ in range(count))
        conversation = Conversation(
            programme=programme, kind=ConversationKind.MATCH, match=match, last_message_at=times[-1]
        )
        conversations.append(conversation)
        for k, sent_at in enumerate(times):
            sender = mentee_user if rng.random() < 0.5 else mentor_user
            messages.append(
                Message(
                    conversation=conversation,
                    sender=sender,
                    text=f"Message {k + 1}: shall we meet at the library on Tuesday?",
                    sent_at=sent_at,
                )
            )
        for user in (mentee_user, mentor_user):
            # A third of the people have not read the newest message(s).
            read_at = times[-1] if rng.random() < 0.67 else times[max(0, len(times) - 3)] - timedelta(seconds=1)
            reads.append(ConversationRead(conversation=conversation, user=user, read_at=read_at))
    Conversation.objects.bulk_create(conversations, batch_size=2000)
    Message.objects.bulk_create(messages, batch_size=2000)
    ConversationRead.objects.bulk_create(reads, batch_size=2000)
    _log(f"{len(conversations)} conversations, {len(messages)} messages", started)

    # Notices about the offers and acceptances, half of them read.
    notices = []
    moved = Match.objects.filter(pk__in=[*offered, *active]).select_related(
        "mentee__membership__user", "mentor__membership__user"
    )
    for match in moved:
        mentee_user, mentor_user = match.mentee.membership.user, match.mentor.membership.user
        at = match.offered_at or now
        expires = (match.offer_expires_at or now).date().isoformat()
        shown = [
            (
                mentor_user,
                "offer_received",
                Audience.GENERAL,
                {
                    "mentee": mentee_user.display_name[:1] + ".",
                    "expires": expires,
                    "mentee_form": mentee_user.address_as,
                },
            ),
            (
                mentee_user,
                "offer_shown_to_mentee",
                Audience.GENERAL,
                {"mentor": mentor_user.display_name, "mentor_form": mentor_user.address_as},
            ),
        ]
        if match.state == MatchState.ACTIVE:
            shown.append(
                (
                    mentee_user,
                    "offer_accepted",
                    Audience.GENERAL,
                    {
                        "mentor": mentor_user.display_name,
                        "mentee": mentee_user.display_name,
                        "mentor_form": mentor_user.address_as,
                    },
                )
            )
        for user, kind, audience, params in shown:
            notices.append(
                Notification(
                    user=user,
                    kind=kind,
                    audience=audience,
                    programme=programme,
                    match_id=match.pk,
                    params=params,
                    dedupe_key=f"{kind}:{match.pk}:{user.pk}",
                    read_at=at + timedelta(hours=5) if rng.random() < 0.5 else None,
                    emailed_at=at,
                    created_at=at,
                )
            )
    Notification.objects.bulk_create(notices, batch_size=2000)
    _log(f"{len(notices)} notices", started)

    # The pool of participants with sessions: people in conversations first (the polling tabs take the first
    # 1,000), then people with an offer or a match, then anyone.
    in_conversation: dict[Any, list[str]] = {}
    for conversation in conversations:
        match = conversation.match
        for user in (match.mentee.membership.user, match.mentor.membership.user):
            in_conversation.setdefault(user, []).append(str(match.pk))
    matched_users = list(
        User.objects.filter(
            memberships__profile__in=Match.objects.filter(pk__in=[*offered, *active], programme=programme).values(
                "mentee"
            )
        ).distinct()
    )
    everyone = list(
        User.objects.filter(
            memberships__programme=programme, memberships__role__in=[Role.MENTEE, Role.MENTOR, Role.EMPLOYER]
        ).order_by("pk")
    )
    talkers = sorted(in_conversation, key=lambda u: str(u.pk))
    rng.shuffle(talkers)
    rng.shuffle(matched_users)
    rng.shuffle(everyone)
    pool: list[Any] = []
    seen: set[Any] = set()
    for user in [*talkers[: pool_size // 2], *matched_users, *everyone]:
        if user.pk not in seen and len(pool) < pool_size:
            seen.add(user.pk)
            pool.append(user)
    roles = dict(
        Membership.objects.filter(programme=programme, user__in=[u.pk for u in pool]).values_list("user", "role")
    )
    keys = sessions_for(pool)
    participants = [
        {"session": key, "role": roles.get(user.pk, ""), "conversations": in_conversation.get(user, [])}
        for user, key in zip(pool, keys, strict=True)
    ]
    _log(f"{len(keys)} participant sessions", started)
    # A database in service has its statistics and visibility map from autovacuum; one just bulk-filled has not,
    # and PostgreSQL then plans the lists for the empty tables it last saw (a 20k list's page: ~90 ms, not ~1 ms).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _log("vacuumed and analysed", started)
    return {
        "programme": str(programme.pk),
        "mentees": n_mentees,
        "mentors": n_mentors,
        "proposals": n,
        "coordinators": [{"email": u.email, "password": COORDINATOR_PASSWORD} for u in coordinators],
        "totp_secret": DEMO_TOTP_SECRET,
        "participants": participants,
        "seconds": round(time.perf_counter() - started, 1),
    }


def sessions_for(users: list[Any]) -> list[str]:
    """A signed-in session for each user, written with Django's session engine directly (the data a login
    writes: user id, backend, the password hash's HMAC, the session-lifetime marks, when it was written to the
    database); their keys, in order."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from common.sessions import STORED_KEY

    stamp = time.time()
    expire = timezone.now() + timedelta(hours=12)
    keys, sessions = [], []
    for user in users:
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
            "_auth_user_hash": user.get_session_auth_hash(),
            "bridges.session_started": stamp,
            "bridges.session_seen": stamp,
            STORED_KEY: stamp,
        }
        keys.append(key)
        sessions.append(Session(session_key=key, session_data=SessionStore().encode(data), expire_date=expire))
    Session.objects.bulk_create(sessions, batch_size=2000)
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--mentors", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pool", type=int, default=3000, help="participants given a session")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    _setup()
    fixture = generate(args.mentees, args.mentors, args.seed, args.pool)
    args.out.write_text(json.dumps(fixture))


if __name__ == "__main__":
    main()
