"""A seeded outcome history for a demo (or a browser test's) mentoring programme: closed past matches with what
came of them six months on, carrying a pattern a model can find (a mentor of her own sector who shares a language
with her well leads to work or training more often), and the consent that lets them be learned from."""

import random
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from accounts.models import User
from learning.models import LearnedModel
from learning.services import model_attempt_training, model_train
from mentoring.models import Match, MatchingRun, MatchSource, MatchState, RunStatus
from outcomes.models import Checkpoint, Outcome, OutcomeKind, OutcomeSource
from privacy.consents import consent_asked
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.models import Profile
from programmes.models import Programme, Role

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _good_shared_language(mentee: dict[str, str], mentor: dict[str, str]) -> bool:
    """Both speak one language at B2 or above."""
    return any(
        LEVELS.index(level) >= 3 and LEVELS.index(mentor.get(code, "A1")) >= 3
        for code, level in mentee.items()
        if level in LEVELS and mentor.get(code, "A1") in LEVELS
    )


def _consent(users: list[User], programme: Programme, now: datetime) -> None:
    """Their consent to "help improve matching", where it is not in force yet."""
    has = set(
        ConsentRecord.objects.filter(
            programme=programme,
            purpose=ConsentPurpose.IMPROVE_MATCHING,
            withdrawn_at__isnull=True,
            user__in=users,
        ).values_list("user_id", flat=True)
    )
    records = []
    for user in users:
        if user.pk in has:
            continue
        asked = consent_asked(
            programme=programme, purpose=ConsentPurpose.IMPROVE_MATCHING, language=user.preferred_language
        )
        records.append(
            ConsentRecord(
                user=user,
                programme=programme,
                purpose=ConsentPurpose.IMPROVE_MATCHING,
                text_version=asked.version,
                text=asked.text,
                language=asked.language,
                given_at=now,
            )
        )
    ConsentRecord.objects.bulk_create(records)


def _profiles(programme: Programme, roles: list[str]) -> list[Profile]:
    return list(
        Profile.objects.filter(membership__programme=programme, membership__role__in=roles)
        .select_related("membership__user")
        .prefetch_related("languages", "sectors")
        .order_by("membership__user__email")  # not by id: ids are random, and the history is to be the same each time
    )


def outcome_history_seed(*, programme: Programme, now: datetime, matches: int = 300, seed: int = 2026) -> int:
    """Closed past matches of the programme's mentees and mentors with a six-month outcome each, the last cohort
    made by a finished matching run (for the backtest), and everyone's consent to learn from them. Returns how
    many matches it made. Seeded: the same programme and seed give the same history."""
    rng = random.Random(seed)
    mentees = _profiles(programme, [Role.MENTEE])
    mentors = _profiles(programme, [Role.MENTOR, Role.EMPLOYER])
    if not mentees or not mentors:
        return 0
    languages = {p.pk: {s.language: s.level for s in p.languages.all()} for p in mentees + mentors}
    sectors = {p.pk: {s.code for s in p.sectors.all()} for p in mentees + mentors}
    with transaction.atomic():
        _consent([p.membership.user for p in mentees + mentors], programme, now)
        run_closed = now - timedelta(days=200)
        run = MatchingRun.objects.create(
            programme=programme,
            status=RunStatus.DONE,
            progress=100,
            settings={"mode": "optimal", "min_score": None, "mentees": None},
            started_at=run_closed - timedelta(days=180),
            finished_at=run_closed - timedelta(days=180),
            heartbeat_at=run_closed - timedelta(days=180),
        )
        rows: list[tuple[Match, dict[str, Any]]] = []
        last_cohort = max(1, min(len(mentees), matches // 4))
        for k in range(matches):
            mentee = mentees[k % len(mentees)]
            own_sector = [m for m in mentors if sectors[m.pk] & sectors[mentee.pk]]
            mentor = rng.choice(own_sector) if own_sector and rng.random() < 0.6 else rng.choice(mentors)
            in_run = k >= matches - last_cohort
            closed = run_closed - timedelta(days=0 if in_run else rng.randint(1, 500))
            accepted = closed - timedelta(days=180)
            same_sector = bool(sectors[mentor.pk] & sectors[mentee.pk])
            shared = _good_shared_language(languages[mentee.pk], languages[mentor.pk])
            chance = 0.12 + 0.25 * same_sector + 0.15 * shared + 0.33 * (same_sector and shared)
            success = rng.random() < chance
            kind = rng.choice([OutcomeKind.WORK, OutcomeKind.WORK, OutcomeKind.TRAINING]) if success else (
                rng.choice([OutcomeKind.NONE, OutcomeKind.NONE, OutcomeKind.LANGUAGE_COURSE])
            )  # fmt: skip
            match = Match(
                programme=programme,
                mentee=mentee,
                mentor=mentor,
                run=run if in_run else None,
                source=MatchSource.ENGINE if in_run else MatchSource.HAND,
                state=MatchState.CLOSED,
                offered_at=accepted - timedelta(days=3),
                accepted_at=accepted,
                closed_at=closed,
                closed_by_role="system",
                completed=True,
            )
            rows.append((match, {"kind": kind, "user": mentee.membership.user, "at": closed + timedelta(days=183)}))
        Match.objects.bulk_create([match for match, _ in rows])
        Outcome.objects.bulk_create(
            Outcome(
                match=match,
                checkpoint=Checkpoint.MONTHS_6,
                kind=answer["kind"],
                respondent_role=Role.MENTEE,
                source=OutcomeSource.SELF,
                respondent=answer["user"],
                answered_at=answer["at"],
            )
            for match, answer in rows
        )
        run.counts = {
            "mentees": last_cohort,
            "mentors": len(mentors),
            "proposals": last_cohort,
            "unmatched": 0,
            "total_score": 0.0,
        }
        run.save(update_fields=["counts"])
    return len(rows)


def model_train_now(*, programme: Programme, now: datetime, by: User | None = None) -> LearnedModel | None:
    """Train the programme's model here and now (not in a task): the demo's first model. None while one trains."""
    attempt = model_attempt_training(programme_id=programme.pk, requested_by_id=by.pk if by else None, now=now)
    if attempt is None:
        return None
    return model_train(attempt_id=attempt.pk, now=now)
