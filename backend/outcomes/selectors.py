"""Reads of outcomes: the training rows the learning app fits its models on, the open questions of one person, the
outcomes of one match for its programme's coordinators."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from mentoring.models import Match
from outcomes.models import TARGET_KINDS, Checkpoint, Outcome, OutcomeKind, OutcomeRequest, OutcomeSource
from privacy.models import ConsentPurpose, ConsentRecord
from programmes.models import Programme, Role

MENTEE_SIDE = Role.MENTEE
"""The side whose answers are preferred: she knows best what came of her match."""


@dataclass(frozen=True)
class TrainingOutcome:
    """One ended match and whether it led to what the target counts as success."""

    match_id: UUID
    programme_id: UUID
    mentee_profile_id: UUID
    mentor_profile_id: UUID
    success: bool
    ended_on: date | None
    sources: tuple[str, ...]
    """The sources ("self", "coordinator") of the answers the success was read from, sorted."""


def _consent_in_force_for_mentee() -> Exists:
    return Exists(
        ConsentRecord.objects.filter(
            user_id=OuterRef("match__mentee__membership__user_id"),
            programme_id=OuterRef("match__programme_id"),
            purpose=ConsentPurpose.IMPROVE_MATCHING,
            withdrawn_at__isnull=True,
        )
    )


def training_outcomes(*, programme_ids: Iterable[UUID], target: str) -> list[TrainingOutcome]:
    """One row per match of ``programme_ids`` with at least one usable answer (end, 3 or 6 months; "prefer not to
    say" is not usable) whose mentee's consent to "help improve matching" is in force now.

    Success: any usable answer of the mentee side (her own, or one a coordinator recorded from what she said) is in
    the target's kinds; the mentor side's answers count only when the mentee side has no usable answer. One query.
    Raises KeyError for an unknown target."""
    kinds = TARGET_KINDS[target]
    rows = (
        Outcome.objects.filter(
            match__programme_id__in=list(programme_ids),
            checkpoint__in=[Checkpoint.END, Checkpoint.MONTHS_3, Checkpoint.MONTHS_6],
        )
        .exclude(kind=OutcomeKind.PREFER_NOT)
        .filter(_consent_in_force_for_mentee())
        .values_list(
            "match_id",
            "match__programme_id",
            "match__mentee_id",
            "match__mentor_id",
            "match__closed_at",
            "respondent_role",
            "kind",
            "source",
        )
        .order_by("match_id")
    )
    by_match: dict[UUID, list[tuple[UUID, UUID, UUID, datetime | None, str, str, str]]] = defaultdict(list)
    for match_id, *rest in rows:
        by_match[match_id].append(tuple(rest))  # type: ignore[arg-type]
    found: list[TrainingOutcome] = []
    for match_id, answers in by_match.items():
        programme_id, mentee_id, mentor_id, closed_at = answers[0][:4]
        mentee_side = [answer for answer in answers if answer[4] == MENTEE_SIDE]
        used = mentee_side or answers
        found.append(
            TrainingOutcome(
                match_id=match_id,
                programme_id=programme_id,
                mentee_profile_id=mentee_id,
                mentor_profile_id=mentor_id,
                success=any(answer[5] in kinds for answer in used),
                ended_on=closed_at.date() if closed_at else None,
                sources=tuple(sorted({answer[6] for answer in used})),
            )
        )
    return found


def _with_answer(requests: QuerySet[OutcomeRequest]) -> QuerySet[OutcomeRequest]:
    """Each question's current answer (her side's outcome at its checkpoint), read in the same query."""
    answer = Outcome.objects.filter(
        match_id=OuterRef("match_id"), checkpoint=OuterRef("checkpoint"), respondent_role=OuterRef("respondent_role")
    ).values("kind")[:1]
    return requests.annotate(answer=Subquery(answer)).select_related(
        "match__programme", "match__mentee__membership__user", "match__mentor__membership__user"
    )


def question_with_answer(*, request: OutcomeRequest) -> OutcomeRequest:
    return _with_answer(OutcomeRequest.objects.filter(pk=request.pk)).get()


def open_questions(*, user: User, now: datetime) -> QuerySet[OutcomeRequest]:
    """Her questions not answered yet, not cancelled and whose time has not run out, newest first."""
    return _with_answer(
        OutcomeRequest.objects.filter(
            user=user, answered_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
        )
    ).order_by("-sent_at", "id")


def question_of(*, user: User, request_id: UUID, now: datetime) -> OutcomeRequest:
    """One of her questions she may still answer (or change her answer to); else the 404 of an unknown id."""
    found = (
        OutcomeRequest.objects.filter(pk=request_id, user=user, cancelled_at__isnull=True, expires_at__gt=now)
        .select_related("match")
        .first()
    )
    if found is None:
        raise NotFound(gettext("No such question."))
    return found


def match_of_programme(*, programme: Programme, match_id: UUID) -> Match:
    found = (
        Match.objects.filter(pk=match_id, programme=programme)
        .select_related("programme", "mentee__membership__user")
        .first()
    )
    if found is None:
        raise NotFound(gettext("No such match in this programme."))
    return found


def match_outcomes(*, match: Match) -> QuerySet[Outcome]:
    return Outcome.objects.filter(match=match).select_related("recorded_by").order_by("checkpoint", "respondent_role")


def outcomes_for_export(*, user: User, profile_ids: list[UUID]) -> list[dict[str, Any]]:
    """For her data export: her own answers, and those a coordinator recorded from what she told them."""
    outcomes = Outcome.objects.filter(
        Q(respondent=user) | Q(source=OutcomeSource.COORDINATOR, match__mentee_id__in=profile_ids)
    ).order_by("answered_at", "id")
    return [
        {
            "match": str(o.match_id),
            "checkpoint": o.checkpoint,
            "kind": o.kind,
            "respondent_role": o.respondent_role,
            "source": o.source,
            "answered_at": o.answered_at.isoformat(),
        }
        for o in outcomes
    ]


def outcome_questions_for_export(*, user: User) -> list[dict[str, Any]]:
    return [
        {
            "match": str(r.match_id),
            "checkpoint": r.checkpoint,
            "respondent_role": r.respondent_role,
            "sent_at": r.sent_at.isoformat(),
            "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
        }
        for r in OutcomeRequest.objects.filter(user=user).order_by("sent_at", "id")
    ]
