"""The mentoring workflow: matching runs, proposals, offers, matches and feedback.

Every change runs in a transaction, locks the rows that guard an invariant, writes its audit row and
queues notifications after commit. The caller passes the time in.
"""

import json
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Exists, JSONField, OuterRef, Q, UUIDField
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import User
from common import jobs
from common.errors import Conflict, DomainError, NotAllowed
from common.rule_words import rule_list
from matching import api as engine
from matching.records import MatchingInputError, MatchResult
from mentoring import database_rules
from mentoring import engine as adapter
from mentoring.models import (
    OPEN_STATES,
    RUNNING_STATUSES,
    Feedback,
    Match,
    MatchingRun,
    MatchSource,
    MatchState,
    RunStatus,
)
from mentoring.transitions import InvalidTransition, check_role, check_transition
from notifications.services import notify, notify_each
from outcomes.services import outcome_from_feedback
from privacy.audit import audit_record
from privacy.sensitive import pseudonym
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from programmes.services import check_programme_open
from safeguarding.blocks import is_blocked_between

logger = logging.getLogger(__name__)

STALE_RUN_AFTER = timedelta(minutes=15)
REMIND_BEFORE_EXPIRY = timedelta(days=2)
MODES = ("optimal", "max_matched", "stable", "greedy")


class CapacityFull(Conflict):
    """The mentor has no free place."""


FULL_MESSAGE = gettext_lazy("This mentor has no free place; choose another mentor.")


def _coordinators(programme: Programme) -> list[User]:
    return list(User.objects.filter(memberships__programme=programme, memberships__role=Role.COORDINATOR))


def _user_of(profile: Profile) -> User:
    return profile.membership.user


def _name(profile: Profile) -> str:
    return profile.membership.user.display_name


def _tell(match: Match, kind: str, users: Iterable[User], params: dict[str, Any], now: datetime) -> None:
    """Notify each person once per event: replaying the change that caused it sends nothing more."""
    notify_each(
        users=users,
        kind=kind,
        programme=match.programme,
        match_id=match.pk,
        params=params,
        dedupe_key=lambda user: f"{kind}:{match.pk}:{user.pk}",
        now=now,
    )


# ---------------------------------------------------------------------------------------------- runs


def run_start(
    *,
    programme: Programme,
    by: User,
    now: datetime,
    mentee_ids: list[UUID] | None = None,
    mode: str = "optimal",
    min_score: float | None = None,
) -> MatchingRun:
    """Queue a matching run; refused while another run of the programme is under way."""
    if programme.kind != ProgrammeKind.MENTORING:
        raise DomainError(gettext("Matching runs are for mentoring programmes."))
    check_programme_open(programme)
    if mode not in MODES:
        raise DomainError(gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(MODES)}, field="mode")
    with transaction.atomic():
        # A run whose worker died without a trace would block the programme for ever: give up on it.
        jobs.give_up_stale(
            MatchingRun.objects.filter(programme=programme, status__in=RUNNING_STATUSES),
            now=now,
            after=STALE_RUN_AFTER,
            started_field="created_at",
            fail=lambda run_id: _run_failed(run_id, "The run stopped answering and was given up.", now),
        )
        if mentee_ids is not None:
            known = set(
                Profile.objects.filter(
                    pk__in=mentee_ids, membership__programme=programme, membership__role=Role.MENTEE
                ).values_list("pk", flat=True)
            )
            unknown = [str(pk) for pk in mentee_ids if pk not in known]
            if unknown:
                raise DomainError(
                    gettext("These are not mentees of this programme: %(ids)s.") % {"ids": ", ".join(unknown)},
                    field="mentees",
                )
        refusal = adapter.learning_refusal(programme, mentee_ids=mentee_ids, mode=mode)
        if refusal is not None:
            raise DomainError(refusal)
        with jobs.one_at_a_time("A matching run for this programme is already under way; wait for it to finish."):
            run = MatchingRun.objects.create(
                programme=programme,
                started_by=by,
                heartbeat_at=now,
                settings={
                    "mode": mode,
                    "min_score": min_score,
                    "mentees": [str(pk) for pk in mentee_ids] if mentee_ids is not None else None,
                },
            )
        audit_record(action="run.start", target=run, at=now, actor=by, actor_role="coordinator", programme=programme)
        jobs.queue_after_commit("mentoring.run_matching", run.pk)
    return run


_PROGRESS_SPANS = {
    "reading": (0, 10, RunStatus.ENCODING),
    "encoding": (10, 20, RunStatus.ENCODING),
    "learning": (20, 35, RunStatus.ASSIGNING),  # predicting every pair's success, with a learned part only
    "candidates": (35, 50, RunStatus.ASSIGNING),
    "assigning": (50, 60, RunStatus.ASSIGNING),
    "proving": (60, 80, RunStatus.ASSIGNING),
    "bound": (60, 80, RunStatus.ASSIGNING),
    "explaining": (80, 85, RunStatus.ASSIGNING),
    "writing": (85, 100, RunStatus.WRITING),
}
"""Percent spans of a run's stages: reading the profiles, the engine's own stages, writing the proposals."""

COPY_FROM = 1000
"""From this many proposals on, they are written with PostgreSQL's COPY (one prepared INSERT run for every row on
SQLite) rather than ``bulk_create``'s batches."""


def _certificate(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The part of the engine's certificate a coordinator is shown: whether the run is the best possible,
    else by how much it could fall short, and the work it took. Empty for modes that prove nothing."""
    found = stats.get("certificate")
    if not found:
        return {}
    return {
        "proven": bool(found["proven"]),
        "matched_proven": bool(found["matched_proven"]),
        "objective": "matched_then_score" if stats.get("mode") == "max_matched" else "total_score",
        "upper_bound": round(float(found["upper_bound"]), 6),
        "gap": round(float(found["gap"]), 6),
        "rounds": int(found["rounds"]),
        "pairs_added": int(found["pairs_added"]),
        "stopped": str(found["stopped"]),
    }


def _run_progress(fraction: float, stage: str) -> dict[str, Any]:
    """Where the stage and fraction put the run: its percentage and status."""
    start, end, status = _PROGRESS_SPANS.get(stage, (80, 85, RunStatus.ASSIGNING))
    return {"progress": int(start + (end - start) * fraction), "status": status}


def _run_reporter(run_id: UUID, clock: Callable[[], datetime]) -> Callable[[float, str], None]:
    """The run's progress callback, for its reading, the engine's stages and its writing: never goes back."""
    highest = {"progress": 0}

    def fields(fraction: float, stage: str) -> dict[str, Any]:
        update = _run_progress(fraction, stage)
        highest["progress"] = max(highest["progress"], update["progress"])
        return {**update, "progress": highest["progress"]}

    return jobs.progress_writer(
        MatchingRun.objects.filter(pk=run_id, status__in=RUNNING_STATUSES), clock=clock, fields=fields
    )


def _proposal_rows(result: MatchResult) -> list[dict[str, Any]]:
    """The engine's pairs as the fields of their proposals (alternatives still unfiltered), built before the
    writing transaction opens."""
    alternatives = result.alternatives
    return [
        {
            "mentee_id": assignment.mentee_id,
            "mentor_id": assignment.mentor_id,
            "score": round(assignment.score, 4),
            "parts": [{"name": name, "value": round(value, 4)} for name, value in assignment.parts.items()],
            "reasons": adapter.reasons_data(assignment.reasons),
            "alternatives": [
                (c.mentor_id, {"mentor": c.mentor_id, "score": round(c.score, 4), "rank": c.rank})
                for c in alternatives.get(assignment.mentee_id, [])
            ],
        }
        for assignment in result.assignments
    ]


def _proposals_delete(*, programme: Programme, mentee_ids: list[UUID]) -> None:
    """Delete the engine's proposals nobody acted on for these mentees. Rows that nothing refers to (no feedback,
    no safety report) go in one statement per slice of ids; any other is deleted the ORM's way, with its
    cascades."""
    for start in range(0, len(mentee_ids), 5000):
        proposals = Match.objects.filter(
            programme=programme,
            state=MatchState.PROPOSED,
            source=MatchSource.ENGINE,
            mentee_id__in=mentee_ids[start : start + 5000],
        )
        proposals.exclude(_referenced())._raw_delete(proposals.db)
        proposals.delete()


def _referenced() -> Q:
    """A match some other row refers to (feedback, a safety report, any foreign key to a match added later)."""
    referenced = Q()
    for relation in Match._meta.related_objects:
        rows = relation.related_model._base_manager.filter(**{relation.field.name: OuterRef("pk")})
        referenced |= Q(Exists(rows))
    return referenced


def _proposals_insert(rows: list[dict[str, Any]], *, fixed: dict[str, Any]) -> None:
    """Insert the proposals: ``bulk_create`` for a few, else PostgreSQL's COPY (an executemany of one prepared
    INSERT elsewhere). Every column gets what the ORM would write: the given values, else the field's default
    (``created_at``/``updated_at`` now, one microsecond apart in the order given, as the ORM's one by one)."""
    if len(rows) < COPY_FROM:
        Match.objects.bulk_create((Match(**fixed, **row) for row in rows), batch_size=500)
        return
    connection = transaction.get_connection()
    postgres = connection.vendor == "postgresql"
    fields = Match._meta.concrete_fields
    given = {*rows[0], "id", "created_at", "updated_at"}
    constant = {
        field.attname: _to_db(field, connection)(fixed.get(field.attname, field.get_default()))
        for field in fields
        if field.attname not in given
    }
    converters = [(field.attname, _to_db(field, connection)) for field in fields]
    now = timezone.now()

    def row_values(index: int, row: dict[str, Any]) -> list[Any]:
        at = now + timedelta(microseconds=index)
        values = {**row, "id": uuid.uuid4(), "created_at": at, "updated_at": at}
        return [constant[name] if name in constant else convert(values[name]) for name, convert in converters]

    table = connection.ops.quote_name(Match._meta.db_table)
    names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for index, row in enumerate(rows):
                    copy.write_row(row_values(index, row))
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                [row_values(index, row) for index, row in enumerate(rows)],
            )


def _to_db(field: Any, connection: Any) -> Callable[[Any], Any]:
    """How a value of ``field`` goes to the database in a COPY row (text) or a prepared INSERT: JSON as its text,
    a UUID as COPY reads it or as Django stores it on SQLite (32 hex digits), a time as the backend takes it; any
    other value prepared by the field itself."""
    postgres = connection.vendor == "postgresql"
    if isinstance(field, JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    if isinstance(getattr(field, "target_field", field), UUIDField):
        if postgres:
            return lambda value: None if value is None else str(value)
        return lambda value: None if value is None else (value if isinstance(value, UUID) else UUID(str(value))).hex
    if isinstance(field, DateTimeField) and not postgres:
        return lambda value: connection.ops.adapt_datetimefield_value(value)
    return lambda value: field.get_db_prep_save(value, connection)


def run_execute(*, run_id: UUID, clock: Callable[[], datetime]) -> MatchingRun:
    """Compute a run and write its proposals in one transaction. Safe to call again: a finished run is left
    alone, and an interrupted one is computed anew (nothing of it was written).

    The profiles are read set-based (a few queries whatever the size); the proposals are built before the
    writing transaction and inserted in one statement. Progress: reading 0-10 %, the engine 10-85 %, writing
    85-100 %."""
    run = MatchingRun.objects.select_related("programme").get(pk=run_id)
    if run.status not in RUNNING_STATUSES:
        return run
    programme = run.programme
    started = clock()
    MatchingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.ENCODING, progress=0, started_at=started, heartbeat_at=started
    )
    report = _run_reporter(run.pk, clock)
    try:
        report(0.0, "reading")
        mentees = adapter.waiting_mentee_records(programme, only=run.settings.get("mentees"), now=started)
        report(0.5, "reading")
        mentors = adapter.mentor_pool(programme)
        config = adapter.config_for(programme, remaining=mentors.remaining, min_score=run.settings.get("min_score"))
        report(1.0, "reading")
        result, learning = adapter.learned_match(
            programme,
            mentees,
            mentors.records,
            config,
            mode=run.settings.get("mode", "optimal"),
            progress=report,
            now=started,
            match=engine.match,
        )
        report(0.1, "writing")  # 86 %: past the engine's last percent, so the status "writing" is written
        rows = _proposal_rows(result)
        report(0.4, "writing")
        with transaction.atomic():
            locked = MatchingRun.objects.select_for_update().get(pk=run.pk)
            if locked.status not in RUNNING_STATUSES:
                return locked
            # Proposals of earlier runs that nobody acted on are replaced by this run's.
            _proposals_delete(programme=programme, mentee_ids=[UUID(mentee.id) for mentee in mentees])
            # A block (or a decline) made while the engine ran is a hard rule too: read again, and such pairs
            # are not proposed; their mentees are unmatched for that reason.
            excluded = adapter.exclusions(programme)
            unmatched = {mentee: adapter.reasons_data(reasons) for mentee, reasons in result.unmatched.items()}
            proposals = []
            for row in rows:
                if (row["mentee_id"], row["mentor_id"]) in excluded:
                    unmatched[row["mentee_id"]] = [{"code": "excluded_pair", "params": {}}]
                    continue
                alternatives = [c for mentor, c in row["alternatives"] if (row["mentee_id"], mentor) not in excluded]
                proposals.append({**row, "alternatives": alternatives})
            _proposals_insert(
                proposals, fixed={"programme_id": programme.pk, "run_id": locked.pk, "source": MatchSource.ENGINE}
            )
            finished = clock()
            locked.status = RunStatus.DONE
            locked.progress = 100
            locked.finished_at = finished
            locked.heartbeat_at = finished
            locked.unmatched = unmatched
            locked.counts = {
                "mentees": len(mentees),
                "mentors": len(mentors.records),
                "proposals": len(proposals),
                "unmatched": len(unmatched),
                "total_score": round(sum(p["score"] for p in proposals), 4),
            }
            locked.certificate = _certificate(result.stats)
            locked.settings = {**locked.settings, "weights": adapter.run_weights(config)}
            if learning.get("used"):
                # kept with the run so that its pairs' learned part can be explained later as the run scored it
                locked.settings["learned"] = {
                    "weight": learning["weight"],
                    "target": learning["target"],
                    "base_rate": learning["base_rate"],
                }
            locked.learning = learning
            locked.timings = {
                **{k: round(v, 4) for k, v in dict(result.stats.get("timings", {})).items()},
                "total": round((finished - started).total_seconds(), 4),
            }
            locked.save()
            audit_record(
                action="run.finish",
                target=locked,
                at=finished,
                actor=None,
                actor_role="system",
                programme=programme,
                detail=locked.counts,
            )
            for coordinator in _coordinators(programme):
                notify(
                    user=coordinator,
                    kind="run_finished",
                    params={
                        "proposals": len(proposals),
                        "unmatched": len(unmatched),
                        "programme": programme.name,
                    },
                    programme=programme,
                    dedupe_key=f"run_finished:{locked.pk}:{coordinator.pk}",
                    now=finished,
                )
        return locked
    except MatchingInputError as error:
        return _run_failed(run.pk, f"The profiles could not be matched: {error}", clock())


def _run_failed(run_id: UUID, message: str, now: datetime) -> MatchingRun:
    MatchingRun.objects.filter(pk=run_id, status__in=RUNNING_STATUSES).update(
        status=RunStatus.FAILED, error=message, finished_at=now
    )
    return MatchingRun.objects.get(pk=run_id)


def run_fail(*, run_id: UUID, now: datetime) -> MatchingRun:
    """Mark a run failed after an unexpected error; nothing of it was written."""
    return _run_failed(run_id, "The run failed unexpectedly. Nothing was changed; you can start it again.", now)


# ----------------------------------------------------------------------------------------- matches


def _lock(match: Match) -> tuple[Match, Profile, Profile]:
    """Lock the match and both profiles, always in the same order so that two requests cannot deadlock."""
    locked = Match.objects.select_for_update().get(pk=match.pk)
    profiles = {
        p.pk: p
        for p in Profile.objects.select_for_update()
        .select_related("membership__user")
        .filter(pk__in=[locked.mentee_id, locked.mentor_id])
        .order_by("pk")
    }
    return locked, profiles[locked.mentee_id], profiles[locked.mentor_id]


def _set_state(match: Match, target: str, now: datetime, **fields: Any) -> None:
    """Save the match in its new state; a refusal by the database's own rules becomes a plain domain error."""
    match.state = target
    for name, value in fields.items():
        setattr(match, name, value)
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError as error:
        rule = database_rules.broken_rule(error)
        if rule == database_rules.CAPACITY_RULE:
            raise CapacityFull(FULL_MESSAGE) from None
        if rule == database_rules.STATE_GRAPH_RULE:
            raise InvalidTransition("This pairing cannot change state this way.") from None
        raise


def _places_taken(mentor: Profile, *, besides: Match | None = None) -> int:
    """The mentor's places held by open matches (offered, active or paused), counted as the database counts
    them (``mentoring.database_rules``)."""
    taken = Match.objects.filter(mentor=mentor, state__in=OPEN_STATES)
    if besides is not None:
        taken = taken.exclude(pk=besides.pk)
    return taken.count()


def _audit_transition(
    match: Match, action: str, source: str, *, by: User | None, role: str, now: datetime, reason: str = ""
) -> None:
    audit_record(
        action=f"match.{action}",
        target=match,
        at=now,
        actor=by,
        actor_role=role,
        programme=match.programme,
        reason=reason,
        detail={"from": source, "to": match.state, "reason_code": match.reason_code},
    )


def match_approve(*, match: Match, by: User, now: datetime) -> Match:
    """Turn a proposal into an offer to the mentor (and show it to the mentee). Replaying it changes nothing."""
    with transaction.atomic():
        locked, mentee, mentor = _lock(match)
        if locked.state == MatchState.OFFERED:
            return locked
        check_programme_open(locked.programme)
        check_transition("approve", state=locked.state, role="coordinator")
        if is_blocked_between(first=mentee.membership.user_id, second=mentor.membership.user_id):
            # A block made after the proposal (e.g. while it was being written) is still a hard rule.
            raise Conflict(gettext("This pair must be kept apart, so it cannot be offered. Choose another mentor."))
        if Match.objects.filter(mentee=mentee, state__in=OPEN_STATES).exists():
            raise Conflict(gettext("%(name)s already has an offered or active match.") % {"name": _name(mentee)})
        if not mentor.available or mentor.verified_at is None:
            raise Conflict(gettext("This mentor is not verified or not available at the moment."))
        if _places_taken(mentor) >= (mentor.capacity or 0):
            raise CapacityFull(FULL_MESSAGE)
        source = locked.state
        _set_state(
            locked,
            MatchState.OFFERED,
            now,
            offered_at=now,
            offer_expires_at=now + timedelta(days=locked.programme.offer_expiry_days),
        )
        _audit_transition(locked, "approve", source, by=by, role="coordinator", now=now)
        expires = locked.offer_expires_at.date().isoformat() if locked.offer_expires_at else ""
        # Until she accepts, the mentor knows her by an initial only (privacy: the pseudonymous card).
        card_name = pseudonym(_name(mentee))
        _tell(
            locked,
            "offer_received",
            [_user_of(mentor)],
            {"mentee": card_name, "expires": expires, "mentee_form": _user_of(mentee).address_as},
            now,
        )
        params = {"mentor": _name(mentor), "mentor_form": _user_of(mentor).address_as}
        _tell(locked, "offer_shown_to_mentee", [_user_of(mentee)], params, now)
    return locked


def matches_bulk_approve(*, matches: Iterable[Match], by: User, now: datetime) -> list[dict[str, Any]]:
    """Approve each proposal on its own: one refusal does not undo the others."""
    results = []
    for match in matches:
        try:
            approved = match_approve(match=match, by=by, now=now)
            results.append({"id": str(match.pk), "ok": True, "state": approved.state, "error": ""})
        except DomainError as error:
            results.append({"id": str(match.pk), "ok": False, "state": match.state, "error": error.message})
    return results


def matches_bulk_reject(*, matches: Iterable[Match], by: User, reason: str, now: datetime) -> list[dict[str, Any]]:
    """Reject each proposal with the same reason, in one transaction (a failure midway leaves none rejected);
    a proposal that cannot be rejected (no longer proposed) is reported and does not undo the others."""
    results = []
    with transaction.atomic():
        for match in matches:
            try:
                rejected = match_reject(match=match, by=by, reason=reason, now=now)
                results.append({"id": str(match.pk), "ok": True, "state": rejected.state, "error": ""})
            except DomainError as error:
                results.append({"id": str(match.pk), "ok": False, "state": match.state, "error": error.message})
    return results


def match_reject(*, match: Match, by: User, reason: str, now: datetime) -> Match:
    with transaction.atomic():
        locked, _mentee, _mentor = _lock(match)
        check_transition("reject", state=locked.state, role="coordinator")
        source = locked.state
        _set_state(locked, MatchState.REJECTED, now, reason_text=reason, closed_at=now, closed_by_role="coordinator")
        _audit_transition(locked, "reject", source, by=by, role="coordinator", now=now, reason=reason)
    return locked


def match_accept(*, match: Match, by: User, now: datetime) -> Match:
    """The mentor accepts. The offer already holds one of her places, so the count is the one approval uses
    (offered, active and paused matches); it can only refuse where older data held more offers than places."""
    with transaction.atomic():
        locked, mentee, mentor = _lock(match)
        if locked.state == MatchState.ACTIVE:
            return locked
        check_transition("accept", state=locked.state, role="mentor")
        if _places_taken(mentor, besides=locked) >= (mentor.capacity or 0):
            raise CapacityFull(
                gettext("You have no free place for another mentee. Raise your capacity or end a match.")
            )
        _set_state(locked, MatchState.ACTIVE, now, accepted_at=now)
        _audit_transition(locked, "accept", MatchState.OFFERED, by=by, role="mentor", now=now)
        params = {"mentor": _name(mentor), "mentee": _name(mentee), "mentor_form": _user_of(mentor).address_as}
        _tell(locked, "offer_accepted", [_user_of(mentee), *_coordinators(locked.programme)], params, now)
    return locked


def match_decline(*, match: Match, by: User, role: str, reason_code: str, reason_text: str, now: datetime) -> Match:
    with transaction.atomic():
        locked, mentee, mentor = _lock(match)
        check_transition("decline", state=locked.state, role=role)
        _set_state(
            locked,
            MatchState.DECLINED,
            now,
            reason_code=reason_code,
            reason_text=reason_text,
            closed_at=now,
            closed_by_role=role,
        )
        _audit_transition(locked, "decline", MatchState.OFFERED, by=by, role=role, now=now, reason=reason_code)
        params = {
            "mentee": _name(mentee),
            "mentor": _name(mentor),
            "reason": reason_code,
            "by": role,
        }
        other = _user_of(mentee) if role == "mentor" else _user_of(mentor)
        _tell(locked, "offer_declined", [*_coordinators(locked.programme), other], params, now)
    return locked


def match_expire(*, match: Match, now: datetime) -> Match:
    with transaction.atomic():
        locked, _mentee, mentor = _lock(match)
        check_transition("expire", state=locked.state, role="system")
        _set_state(locked, MatchState.EXPIRED, now, closed_at=now, closed_by_role="system")
        _audit_transition(locked, "expire", MatchState.OFFERED, by=None, role="system", now=now)
        params = {"mentor": _name(mentor)}
        _tell(locked, "offer_expired", [*_coordinators(locked.programme), _user_of(mentor)], params, now)
    return locked


def match_end(*, match: Match, by: User, role: str, reason_code: str, reason_text: str, now: datetime) -> Match:
    with transaction.atomic():
        locked, mentee, mentor = _lock(match)
        check_transition("end", state=locked.state, role=role)
        source = locked.state
        _set_state(
            locked,
            MatchState.CLOSED,
            now,
            reason_code=reason_code,
            reason_text=reason_text,
            closed_at=now,
            closed_by_role=role,
        )
        _audit_transition(locked, "end", source, by=by, role=role, now=now, reason=reason_code)
        others = {"mentee": [_user_of(mentor)], "mentor": [_user_of(mentee)]}.get(
            role, [_user_of(mentor), _user_of(mentee)]
        )
        _tell(locked, "match_ended", others, {"reason": reason_code}, now)
    return locked


def match_pause(*, match: Match, by: User | None, role: str, now: datetime) -> Match:
    """Pause an offered or active match after a safety report: contact details are hidden from both sides,
    the offer cannot be answered, and the places stay held until a coordinator resumes or ends it.
    Pausing a paused match changes nothing. Nobody is notified from here: the safeguarding service tells the
    coordinators, and the other side must not learn who reported."""
    with transaction.atomic():
        locked, _mentee, _mentor = _lock(match)
        check_role("pause", role=role)
        if locked.state == MatchState.PAUSED:
            return locked
        check_transition("pause", state=locked.state, role=role)
        source = locked.state
        _set_state(locked, MatchState.PAUSED, now, paused_from=source)
        _audit_transition(locked, "pause", source, by=by, role=role, now=now)
    return locked


def match_resume(*, match: Match, by: User, reason: str, now: datetime, role: str = "coordinator") -> Match:
    """A coordinator lifts the pause: the match returns to the state it was paused from."""
    with transaction.atomic():
        locked, _mentee, _mentor = _lock(match)
        transition = check_transition("resume", state=locked.state, role=role)
        target = transition.target or MatchState(locked.paused_from or MatchState.ACTIVE)
        fields: dict[str, Any] = {"paused_from": ""}
        if target == MatchState.OFFERED and locked.offer_expires_at is not None and locked.offer_expires_at <= now:
            # The pause must not eat the answer time: the offer gets its full answer period again.
            fields["offer_expires_at"] = now + timedelta(days=locked.programme.offer_expiry_days)
        _set_state(locked, target, now, **fields)
        _audit_transition(locked, "resume", MatchState.PAUSED, by=by, role="coordinator", now=now, reason=reason)
    return locked


def match_complete(*, match: Match, now: datetime, by: User | None = None) -> Match:
    """Close a match whose planned duration has ended, and ask both sides for feedback."""
    role = "coordinator" if by is not None else "system"
    with transaction.atomic():
        locked, mentee, mentor = _lock(match)
        check_transition("complete", state=locked.state, role=role)
        _set_state(
            locked, MatchState.CLOSED, now, completed=True, reason_code="completed", closed_at=now, closed_by_role=role
        )
        _audit_transition(locked, "complete", MatchState.ACTIVE, by=by, role=role, now=now)
        _tell(locked, "match_completed_feedback", [_user_of(mentee), _user_of(mentor)], {}, now)
    return locked


def match_create_by_hand(*, programme: Programme, mentee: Profile, mentor: Profile, by: User, now: datetime) -> Match:
    """A coordinator's own pairing: a proposal with the engine's score and reasons, unless a hard rule forbids it."""
    check_programme_open(programme)
    if mentee.membership.role != Role.MENTEE or mentee.membership.programme_id != programme.pk:
        raise DomainError(gettext("Choose a mentee of this programme."), field="mentee")
    if mentor.membership.role not in (Role.MENTOR, Role.EMPLOYER) or mentor.membership.programme_id != programme.pk:
        raise DomainError(gettext("Choose a mentor or employer of this programme."), field="mentor")
    for person, field in ((mentee, "mentee"), (mentor, "mentor")):
        if person.membership.left_at is not None:
            raise DomainError(gettext("This person has left the programme."), field=field)
    explanation = adapter.explain_pair(programme, mentee, mentor)
    if not explanation.eligible:
        codes = rule_list(reason.code for reason in explanation.reasons)
        raise Conflict(gettext("This pairing breaks a rule: %(codes)s.") % {"codes": codes})
    data = adapter.explanation_data(explanation)
    try:
        with transaction.atomic():
            created = Match.objects.create(
                programme=programme,
                mentee=mentee,
                mentor=mentor,
                source=MatchSource.HAND,
                score=data["score"],
                parts=[{"name": part["name"], "value": part["value"]} for part in data["parts"]],
                reasons=[reason for part in data["parts"] for reason in part["reasons"]],
                created_by=by,
            )
            audit_record(
                action="match.create",
                target=created,
                at=now,
                actor=by,
                actor_role="coordinator",
                programme=programme,
                detail={"source": "hand"},
            )
    except IntegrityError:
        raise Conflict(gettext("This pair is already proposed, offered or active.")) from None
    return created


def matches_swap(*, first: Match, second: Match, by: User, now: datetime) -> tuple[Match, Match]:
    """Exchange the mentors of two proposals; each new pair is re-scored and must pass the hard rules."""
    if first.pk == second.pk or first.programme_id != second.programme_id:
        raise DomainError(gettext("Choose two different proposals of the same programme."))
    with transaction.atomic():
        a = Match.objects.select_for_update().select_related("programme").get(pk=first.pk)
        b = Match.objects.select_for_update().get(pk=second.pk)
        for m in (a, b):
            if m.state != MatchState.PROPOSED:
                raise InvalidTransition("Only proposals can be swapped.")
        pairs = [(a, b.mentor), (b, a.mentor)]
        explained = [adapter.explain_pair(a.programme, m.mentee, mentor) for m, mentor in pairs]
        for explanation in explained:
            if not explanation.eligible:
                codes = rule_list(reason.code for reason in explanation.reasons)
                raise Conflict(gettext("The swap would break a rule: %(codes)s.") % {"codes": codes})
        a.mentor, b.mentor = b.mentor, a.mentor
        # Clear one side first so the "pair pending once" constraint never sees a transient duplicate.
        for m, explanation in zip((a, b), explained, strict=True):
            data = adapter.explanation_data(explanation)
            m.score = data["score"]
            m.parts = [{"name": part["name"], "value": part["value"]} for part in data["parts"]]
            m.reasons = [reason for part in data["parts"] for reason in part["reasons"]]
            m.source = MatchSource.HAND
            m.created_by = by
        try:
            with transaction.atomic():
                a.save()
                b.save()
        except IntegrityError:
            raise Conflict(gettext("One of the new pairs is already pending.")) from None
        for m in (a, b):
            audit_record(
                action="match.swap",
                target=m,
                at=now,
                actor=by,
                actor_role="coordinator",
                programme=m.programme,
                detail={"mentor": str(m.mentor_id)},
            )
    return a, b


def match_rollover(*, match: Match, by: User, now: datetime) -> Match:
    """After a decline or expiry, offer the mentee the next-best mentor the run kept who still fits."""
    if match.state not in (MatchState.DECLINED, MatchState.EXPIRED):
        raise InvalidTransition("Only a declined or expired offer can roll over to the next mentor.")
    if Match.objects.filter(mentee_id=match.mentee_id, state__in=OPEN_STATES).exists():
        raise Conflict(gettext("She already has an offered or active match."))
    excluded = adapter.exclusions(match.programme)
    for alternative in match.alternatives:
        mentor = Profile.objects.filter(pk=alternative["mentor"], membership__programme=match.programme).first()
        if mentor is None or mentor.membership.left_at is not None:
            continue
        if (str(match.mentee_id), str(mentor.pk)) in excluded:
            continue
        explanation = adapter.explain_pair(match.programme, match.mentee, mentor)
        if not explanation.eligible:
            continue
        try:
            proposal = match_create_by_hand(
                programme=match.programme, mentee=match.mentee, mentor=mentor, by=by, now=now
            )
        except Conflict:
            continue
        Match.objects.filter(pk=proposal.pk).update(
            source=MatchSource.ROLLOVER, alternatives=[a for a in match.alternatives if a["mentor"] != str(mentor.pk)]
        )
        proposal.refresh_from_db()
        try:
            return match_approve(match=proposal, by=by, now=now)
        except Conflict:
            Match.objects.filter(pk=proposal.pk).delete()
            continue
    raise Conflict(
        gettext("None of the alternatives the run kept is free and eligible now; start a new run or match by hand.")
    )


def feedback_submit(
    *, match: Match, by: User, role: str, rating: int, text: str, goal_reached: str, now: datetime
) -> Feedback:
    if role not in ("mentee", "mentor"):
        raise NotAllowed(gettext("Only the mentee or the mentor can give feedback on a match."))
    if match.state not in (MatchState.ACTIVE, MatchState.CLOSED):
        raise InvalidTransition("Feedback is asked for an active or finished match.")
    if Feedback.objects.filter(match=match, author=by).exists():
        raise Conflict(gettext("You have already given feedback on this match."))
    try:
        with transaction.atomic():
            feedback = Feedback(
                match=match, author=by, author_role=role, rating=rating, text=text, goal_reached=goal_reached
            )
            feedback.full_clean(validate_constraints=False)
            feedback.save()
            audit_record(
                action="feedback.submit", target=match, at=now, actor=by, actor_role=role, programme=match.programme
            )
            outcome_from_feedback(feedback=feedback, now=now)  # "goal reached" also teaches matching, if she agreed
    except IntegrityError:
        raise Conflict(gettext("You have already given feedback on this match.")) from None
    return feedback


# --------------------------------------------------------------------------------- scheduled work


def offers_expire_due(*, now: datetime) -> int:
    expired = 0
    for match in Match.objects.filter(state=MatchState.OFFERED, offer_expires_at__lte=now).select_related("programme"):
        try:
            match_expire(match=match, now=now)
            expired += 1
        except InvalidTransition:
            continue  # answered meanwhile
    return expired


def offers_remind_due(*, now: datetime) -> int:
    reminded = 0
    due = Match.objects.filter(
        state=MatchState.OFFERED,
        reminded_at__isnull=True,
        offer_expires_at__lte=now + REMIND_BEFORE_EXPIRY,
        offer_expires_at__gt=now,
    ).select_related("mentor__membership__user", "programme")
    for match in due:
        with transaction.atomic():
            updated = Match.objects.filter(pk=match.pk, state=MatchState.OFFERED, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if updated:
                expires = match.offer_expires_at.date().isoformat() if match.offer_expires_at else ""
                _tell(
                    match,
                    "offer_reminder",
                    [_user_of(match.mentor)],
                    {"expires": expires, "mentee_form": _user_of(match.mentee).address_as},
                    now,
                )
                reminded += 1
    return reminded


def matches_complete_due(*, now: datetime) -> int:
    completed = 0
    for match in Match.objects.filter(state=MatchState.ACTIVE).select_related("programme"):
        if match.accepted_at and match.accepted_at + timedelta(days=match.programme.match_duration_days) <= now:
            try:
                match_complete(match=match, now=now)
                completed += 1
            except InvalidTransition:
                continue
    return completed


# ------------------------------------------------------------------------------ leaving and erasure


def matches_end_for_leaving(*, profile: Profile, now: datetime, by: User | None) -> int:
    """She leaves the programme (the leave use case, usecases.leave, calls this): her proposals are dropped, open offers
    are declined and running matches end, each recorded as her side's step, and the other side gets a neutral
    notice that names nobody. Returns how many offers and matches ended."""
    side = "mentee" if profile.membership.role == Role.MENTEE else "mentor"
    ended = 0
    with transaction.atomic():
        Match.objects.filter(Q(mentee=profile) | Q(mentor=profile), state=MatchState.PROPOSED).delete()
        for match in Match.objects.filter(Q(mentee=profile) | Q(mentor=profile), state__in=OPEN_STATES).order_by("pk"):
            locked, mentee, mentor = _lock(match)
            other = _user_of(mentor) if side == "mentee" else _user_of(mentee)
            source = locked.state
            if source == MatchState.OFFERED:
                check_transition("decline", state=source, role=side)
                _set_state(
                    locked,
                    MatchState.DECLINED,
                    now,
                    reason_code="personal_reasons",
                    closed_at=now,
                    closed_by_role=side,
                )
                _audit_transition(locked, "decline", source, by=by, role=side, now=now, reason="left_programme")
                _tell(locked, "offer_declined", [other, *_coordinators(locked.programme)], {}, now)
            elif source in OPEN_STATES:
                check_transition("end", state=source, role=side)
                _set_state(
                    locked,
                    MatchState.CLOSED,
                    now,
                    reason_code="no_longer_available",
                    closed_at=now,
                    closed_by_role=side,
                )
                _audit_transition(locked, "end", source, by=by, role=side, now=now, reason="left_programme")
                _tell(
                    locked,
                    "match_ended",
                    [other, *_coordinators(locked.programme)],
                    {"reason": "no_longer_available"},
                    now,
                )
            else:
                continue
            ended += 1
    return ended


def offers_withdraw_for_closing(*, programme: Programme, by: User, now: datetime) -> int:
    """The programme closes (usecases.programmes.programme_close): proposals nobody was shown go, and every open
    offer is withdrawn, each side told politely that it is not about them. Running matches go on to their end.
    Returns how many offers were withdrawn."""
    withdrawn = 0
    with transaction.atomic():
        Match.objects.filter(programme=programme, state=MatchState.PROPOSED).exclude(_referenced()).delete()
        Match.objects.filter(programme=programme, state=MatchState.PROPOSED).update(
            state=MatchState.REJECTED, closed_at=now, closed_by_role="coordinator"
        )
        for match in Match.objects.filter(programme=programme, state=MatchState.OFFERED).order_by("pk"):
            locked, mentee, mentor = _lock(match)
            if locked.state != MatchState.OFFERED:
                continue  # answered meanwhile
            check_transition("withdraw", state=locked.state, role="coordinator")
            # No reason code: the codes are the people's own reasons (decline, end); the audit trail says why.
            _set_state(locked, MatchState.EXPIRED, now, closed_at=now, closed_by_role="coordinator")
            _audit_transition(locked, "withdraw", MatchState.OFFERED, by=by, role="coordinator", now=now)
            _tell(locked, "offer_withdrawn", [_user_of(mentee), _user_of(mentor)], {}, now)
            withdrawn += 1
    return withdrawn
