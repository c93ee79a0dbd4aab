"""A matching run through the database: reading the profiles, the engine, writing the proposals.

Generates a programme of seeded synthetic mentees and mentors (bench/synthetic.py) in its own database, then
times ``run_start`` + ``run_execute`` in this process and prints the seconds spent reading, in the engine and
writing, the number of SQL statements, and the progress values the run reported. Figures, never asserted.

    PYTHONPATH=. .venv/bin/python -m bench.bench_run                       # SQLite at var/bench_run.sqlite3
    PYTHONPATH=. .venv/bin/python -m bench.bench_run --reuse               # keep the generated programme
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bridges_bench_run PYTHONPATH=. .venv/bin/python -m bench.bench_run

On PostgreSQL the database is created (``createdb``) when it does not exist. ``--reuse`` keeps the programme of
an earlier call with the same sizes (its proposals are replaced by each run, as in production).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SLUG = "bench-run"


def _setup_django() -> str:
    sys.path.insert(0, str(ROOT / "backend"))
    url = os.environ.get("DATABASE_URL")
    if not url:
        (ROOT / "var").mkdir(exist_ok=True)
        url = os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench_run.sqlite3'}"
    elif url.startswith("postgres"):
        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        host, port, user = parsed.hostname or "127.0.0.1", str(parsed.port or 5432), parsed.username or "postgres"
        known = subprocess.run(
            ["psql", "-h", host, "-p", port, "-U", user, "-d", "postgres", "-Atc", "select datname from pg_database"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if name not in known:
            subprocess.run(["createdb", "-h", host, "-p", port, "-U", user, name], check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.base")
    os.environ.setdefault("PRIVACY_ENCRYPTION_KEYS", "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=")
    import django

    django.setup()
    from django.conf import settings

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    return url.split(":", 1)[0]


def _generate(n_mentees: int, n_mentors: int, seed: int = 0) -> Any:
    """A mentoring programme with ``n_mentees`` mentees and ``n_mentors`` mentors (10 % employers), a few of
    them with sensitive needs (with and without consent), some open matches, left members and blocks."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from bench import synthetic
    from mentoring.models import Match, MatchState
    from privacy.consents import consent_asked
    from privacy.models import ConsentPurpose, ConsentRecord, SensitiveAttributes
    from profiles.models import Gender, LanguageSkill, Profile, ProfileSector
    from programmes.models import Membership, Organisation, Programme, ProgrammeKind, Role
    from safeguarding.models import Block

    now = timezone.now()
    Programme.objects.filter(slug=SLUG).delete()
    User.objects.filter(email__endswith="@bench-run.example.org").delete()
    mentees = synthetic.mentees(n_mentees, seed=seed)
    mentors = synthetic.mentors(n_mentors, seed=seed)
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        programme = Programme.objects.create(
            organisation=organisation,
            kind=ProgrammeKind.MENTORING,
            slug=SLUG,
            name="Bench run",
            texts={"name": {"en": "Bench run"}},
            city="Berlin",
            country="DE",
            languages=["de", "en"],
        )
        coordinator = User.objects.create(email="coordinator@bench-run.example.org", display_name="Coordinator")
        Membership.objects.create(user=coordinator, programme=programme, role=Role.COORDINATOR)
        users, memberships, profiles, languages, sectors = [], [], [], [], []
        for i, person in enumerate([*mentees, *mentors]):
            is_mentee = i < n_mentees
            user = User(email=f"{person.id}@bench-run.example.org", display_name=person.id, password="!")
            role = Role.MENTEE if is_mentee else (Role.EMPLOYER if person.kind == "employer" else Role.MENTOR)
            membership = Membership(user=user, programme=programme, role=role, left_at=now if i % 97 == 5 else None)
            profile = Profile(
                membership=membership,
                goals=sorted(person.goals if is_mentee else person.offers),
                goals_text=person.goal_text if is_mentee else person.offer_text,
                city=person.city,
                country=person.country,
                online=person.online,
                availability=sorted(person.availability),
                gender=Gender.WOMAN if is_mentee or person.is_woman else Gender.MAN,
                woman_mentor_only=is_mentee and person.woman_mentor_only,
                online_only=is_mentee and person.online_only,
                capacity=None if is_mentee else person.capacity,
                verified_at=None if is_mentee or i % 23 == 0 else now,
                available=is_mentee or i % 31 != 0,
            )
            users.append(user)
            memberships.append(membership)
            profiles.append(profile)
            languages.extend(LanguageSkill(profile=profile, language=c, level=lv) for c, lv in person.languages.items())
            sectors.extend(ProfileSector(profile=profile, code=code) for code in sorted(person.sectors))
        User.objects.bulk_create(users, batch_size=2000)
        for membership, user in zip(memberships, users, strict=True):
            membership.user = user
        Membership.objects.bulk_create(memberships, batch_size=2000)
        for profile, membership in zip(profiles, memberships, strict=True):
            profile.membership = membership
        Profile.objects.bulk_create(profiles, batch_size=2000)
        LanguageSkill.objects.bulk_create(languages, batch_size=5000)
        ProfileSector.objects.bulk_create(sectors, batch_size=5000)
        # Sensitive needs for 3 % of the mentees, two thirds of them with consent to use them for matching.
        asked = consent_asked(programme=programme, purpose=ConsentPurpose.SENSITIVE_MATCHING, language="en")
        needy = users[:n_mentees:33]
        SensitiveAttributes.objects.bulk_create(
            SensitiveAttributes(user=user, codes=["children_school_hours"] if k % 2 else ["gbv_survivor"])
            for k, user in enumerate(needy)
        )
        ConsentRecord.objects.bulk_create(
            ConsentRecord(
                user=user,
                programme=programme,
                purpose=ConsentPurpose.SENSITIVE_MATCHING,
                text_version=asked.version,
                text=asked.text,
                language="en",
                given_at=now,
            )
            for k, user in enumerate(needy)
            if k % 3
        )
        # Open matches for 2 % of the mentees (with mentors who have room) and a few blocks.
        mentor_profiles = [p for p in profiles[n_mentees:] if (p.capacity or 0) >= 2 and p.membership.left_at is None]
        Match.objects.bulk_create(
            Match(
                programme=programme,
                mentee=profiles[k],
                mentor=mentor_profiles[j % len(mentor_profiles)],
                state=MatchState.ACTIVE,
                score=0.5,
                accepted_at=now,
            )
            for j, k in enumerate(range(7, n_mentees, 50))
        )
        Block.objects.bulk_create(
            Block(blocker=users[k], blocked=users[n_mentees + (k * 7) % n_mentors], programme=programme)
            for k in range(3, n_mentees, 400)
        )
    return programme


class _Counter:
    """Counts the SQL statements Django sends (an executemany counts once)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--mentors", type=int, default=6000)
    parser.add_argument("--reuse", action="store_true", help="keep the generated programme between calls")
    parser.add_argument("--runs", type=int, default=1, help="runs in a row on the same programme")
    args = parser.parse_args()
    vendor = _setup_django()

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import User
    from common import jobs
    from matching import api as engine_api
    from mentoring import services
    from mentoring.models import Match, MatchingRun, MatchState
    from programmes.models import Programme, Role

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    programme = Programme.objects.filter(slug=SLUG).first()
    sizes_match = programme is not None and (
        programme.memberships.filter(role=Role.MENTEE).count() == args.mentees
        and programme.memberships.filter(role__in=[Role.MENTOR, Role.EMPLOYER]).count() == args.mentors
    )
    if not (args.reuse and sizes_match):
        programme = _generate(args.mentees, args.mentors)
        print(f"generated {args.mentees} mentees × {args.mentors} mentors in {time.perf_counter() - t:.1f} s")
    assert programme is not None
    MatchingRun.objects.filter(programme=programme).exclude(status__in=["done", "failed"]).update(status="failed")
    coordinator = User.objects.get(email="coordinator@bench-run.example.org")

    # Time the run's stages around the engine: wrap the engine's entry point and the progress callback.
    marks: dict[str, float] = {}
    progress: list[tuple[int, str]] = []
    original_match = engine_api.match
    original_writer = jobs.progress_writer
    counter = _Counter()
    engine_queries: dict[str, int] = {}

    def timed_match(*a: Any, **kw: Any) -> Any:
        marks["engine_start"] = time.perf_counter()
        engine_queries["start"] = counter.count
        try:
            return original_match(*a, **kw)
        finally:
            marks["engine_end"] = time.perf_counter()
            engine_queries["end"] = counter.count

    def recording_writer(running: Any, *, fields: Any, **kw: Any) -> Any:
        def recorded(fraction: float, stage: str) -> dict[str, Any]:
            update = fields(fraction, stage)
            if not progress or progress[-1] != (update["progress"], str(update["status"])):
                progress.append((update["progress"], str(update["status"])))
            return update

        return original_writer(running, fields=recorded, **kw)

    engine_api.match = timed_match  # type: ignore[assignment]
    jobs.progress_writer = recording_writer  # type: ignore[assignment]
    jobs.queue_after_commit = lambda task_name, job_id: None  # type: ignore[assignment]  # run it here instead
    try:
        for number in range(args.runs):
            progress.clear()
            counter.count = 0
            with connection.execute_wrapper(counter):
                start = time.perf_counter()
                run = services.run_start(programme=programme, by=coordinator, now=timezone.now())
                run = services.run_execute(run_id=run.pk, clock=timezone.now)
                end = time.perf_counter()
            if run.status != "done":
                raise SystemExit(f"the run ended {run.status}: {run.error}")
            proposals = Match.objects.filter(run=run, state=MatchState.PROPOSED).count()
            read = marks["engine_start"] - start
            engine = marks["engine_end"] - marks["engine_start"]
            write = end - marks["engine_end"]
            print(
                f"[{vendor}] run {number + 1}: {args.mentees} mentees × {args.mentors} mentors → {proposals} proposals"
            )
            print(
                f"  read {read:6.2f} s  engine {engine:6.2f} s  write {write:6.2f} s  total {end - start:6.2f} s"
                f"  queries {counter.count} (read {engine_queries['start']},"
                f" engine {engine_queries['end'] - engine_queries['start']},"
                f" write {counter.count - engine_queries['end']})"
            )
            print(f"  engine's own timings: {run.timings}")
            print("  progress: " + " ".join(f"{p}%{s[:3]}" for p, s in progress) + f" → {run.progress}% {run.status}")
    finally:
        engine_api.match = original_match  # type: ignore[assignment]
        jobs.progress_writer = original_writer  # type: ignore[assignment]


if __name__ == "__main__":
    main()
