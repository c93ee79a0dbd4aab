"""Asking what came of a match, recording the answers, and cancelling questions whose consent was withdrawn.

Who is asked: both people of a match that was active and then ended (state closed after an accepted offer; never
a declined, rejected or expired offer), 3 and 6 months after it ended, if her consent to "help improve matching"
in that programme is in force and her account is active. Each question is asked once, however often the daily
task runs; a day missed is caught up for OUTCOME_CATCH_UP_DAYS, after which the question is skipped.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from rest_framework import status

from accounts.models import User
from common.errors import Conflict, DomainError, NotFound
from mentoring.models import Feedback, GoalReached, Match, MatchState
from notifications.models import NotificationKind
from notifications.services import notify
from outcomes.emails import send_outcome_question_email
from outcomes.models import Checkpoint, Outcome, OutcomeKind, OutcomeRequest, OutcomeSource
from outcomes.tokens import token_for, token_hash
from privacy.audit import audit_record
from privacy.consents import consent_in_force, consents_in_force
from privacy.models import ConsentPurpose
from programmes.models import Role

CHECKPOINT_DAYS: dict[str, int] = {Checkpoint.MONTHS_3: 91, Checkpoint.MONTHS_6: 182}
"""Days after the match ended when each later question is asked."""

FEEDBACK_KINDS: dict[str, str] = {
    GoalReached.JOB: OutcomeKind.WORK,
    GoalReached.TRAINING: OutcomeKind.TRAINING,
    GoalReached.RECOGNITION: OutcomeKind.RECOGNITION,
    GoalReached.LANGUAGE_COURSE: OutcomeKind.LANGUAGE_COURSE,
    GoalReached.NONE: OutcomeKind.NONE,
}


class OutcomeLinkExpired(DomainError):
    status_code = status.HTTP_410_GONE
    code = "outcome_link_expired"


def _ended_matches() -> QuerySet[Match]:
    """Matches that were active and then ended."""
    return Match.objects.filter(state=MatchState.CLOSED, accepted_at__isnull=False, closed_at__isnull=False)


def _side_role(match: Match, user_id: object) -> str:
    if user_id == match.mentee.membership.user_id:
        return Role.MENTEE
    return match.mentor.membership.role


def outcome_questions_ask(*, now: datetime, site: str | None = None) -> int:
    """Ask each person whose match ended 3 or 6 months ago (up to OUTCOME_CATCH_UP_DAYS late) what came of it: an
    in-app notice and an email with one-tap answers. Returns how many were asked; running again asks nobody twice."""
    site = site or settings.SITE_URL
    catch_up = timedelta(days=settings.OUTCOME_CATCH_UP_DAYS)
    asked = 0
    for checkpoint, days in CHECKPOINT_DAYS.items():
        due_by = now - timedelta(days=days)
        matches = list(
            _ended_matches()
            .filter(closed_at__lte=due_by, closed_at__gt=due_by - catch_up)
            .select_related("programme", "mentee__membership__user", "mentor__membership__user")
        )
        if not matches:
            continue
        already = set(
            OutcomeRequest.objects.filter(match__in=matches, checkpoint=checkpoint).values_list("match_id", "user_id")
        )
        consenting: dict[object, set[object]] = {}
        for match in matches:
            if match.programme_id not in consenting:
                people = [m.mentee.membership.user_id for m in matches if m.programme_id == match.programme_id] + [
                    m.mentor.membership.user_id for m in matches if m.programme_id == match.programme_id
                ]
                consenting[match.programme_id] = set(
                    consents_in_force(
                        user_ids=people, programme=match.programme, purpose=ConsentPurpose.IMPROVE_MATCHING
                    )
                )
            for membership in (match.mentee.membership, match.mentor.membership):
                user = membership.user
                if (match.pk, user.pk) in already or user.pk not in consenting[match.programme_id]:
                    continue
                if not user.is_active:
                    continue
                if _ask(match=match, user=user, checkpoint=checkpoint, now=now, site=site):
                    asked += 1
    return asked


def _ask(*, match: Match, user: User, checkpoint: str, now: datetime, site: str) -> bool:
    role = _side_role(match, user.pk)
    with transaction.atomic():
        request = OutcomeRequest(
            match=match,
            user=user,
            checkpoint=checkpoint,
            respondent_role=role,
            sent_at=now,
            expires_at=now + timedelta(days=settings.OUTCOME_LINK_DAYS),
            token_hash="",
        )
        request.token_hash = token_hash(token_for(request))
        try:
            with transaction.atomic():
                request.save(force_insert=True)
        except IntegrityError:
            return False  # asked meanwhile by a concurrent run
        notify(
            user=user,
            kind=NotificationKind.OUTCOME_QUESTION,
            programme=match.programme,
            match_id=match.pk,
            audience="mentee" if role == Role.MENTEE else "mentor",
            dedupe_key=f"outcome-question:{request.pk}",
            email=False,  # the question's own email carries the one-tap answers
            now=now,
        )
        if user.email:
            request_id = str(request.pk)
            transaction.on_commit(lambda: send_outcome_question_email.delay(request_id, site))
    return True


def outcome_request_by_token(*, token: str, now: datetime) -> OutcomeRequest:
    """The question the link asks. Unknown and cancelled links get the same 404; an expired one a 410."""
    found = (
        OutcomeRequest.objects.filter(token_hash=token_hash(token), cancelled_at__isnull=True)
        .select_related("match__programme", "match__mentee__membership__user", "match__mentor__membership__user")
        .first()
    )
    if found is None:
        raise NotFound(gettext("This link is not valid any more. You can answer in Bridges after logging in."))
    if found.expires_at <= now:
        raise OutcomeLinkExpired(
            gettext("This link has expired. Thank you for wanting to answer; nothing more is needed.")
        )
    return found


def outcome_answer(*, request: OutcomeRequest, kind: str, now: datetime) -> Outcome:
    """Her answer to the question: creates or replaces the outcome of her side at that checkpoint."""
    if kind not in OutcomeKind.values:
        raise DomainError(gettext("Choose one of the listed answers."), field="kind")
    with transaction.atomic():
        outcome, _created = Outcome.objects.update_or_create(
            match=request.match,
            checkpoint=request.checkpoint,
            respondent_role=request.respondent_role,
            defaults={
                "kind": kind,
                "source": OutcomeSource.SELF,
                "respondent": request.user,
                "recorded_by": None,
                "answered_at": now,
            },
        )
        OutcomeRequest.objects.filter(pk=request.pk).update(answered_at=now, updated_at=now)
        request.answered_at = now
    return outcome


def outcome_record_by_coordinator(*, match: Match, checkpoint: str, kind: str, by: User, now: datetime) -> Outcome:
    """A coordinator records what the mentee told her. Needs the mentee's consent to "help improve matching";
    never replaces an answer the mentee gave herself."""
    if checkpoint not in Checkpoint.values:
        raise DomainError(gettext("Choose one of the listed times."), field="checkpoint")
    if kind not in OutcomeKind.values:
        raise DomainError(gettext("Choose one of the listed answers."), field="kind")
    if match.state != MatchState.CLOSED or match.accepted_at is None:
        raise Conflict(gettext("An outcome can be recorded only for a match that was active and has ended."))
    mentee = match.mentee.membership.user
    if not consent_in_force(user=mentee, programme=match.programme_id, purpose=ConsentPurpose.IMPROVE_MATCHING):
        raise Conflict(
            gettext(
                "The mentee has not agreed to help improve matching. Please ask her first; she can agree on her "
                "privacy page."
            )
        )
    with transaction.atomic():
        existing = (
            Outcome.objects.select_for_update()
            .filter(match=match, checkpoint=checkpoint, respondent_role=Role.MENTEE)
            .first()
        )
        if existing is not None and existing.source == OutcomeSource.SELF:
            raise Conflict(gettext("The mentee has answered this herself; her answer is kept."))
        outcome, _created = Outcome.objects.update_or_create(
            match=match,
            checkpoint=checkpoint,
            respondent_role=Role.MENTEE,
            defaults={
                "kind": kind,
                "source": OutcomeSource.COORDINATOR,
                "respondent": None,
                "recorded_by": by,
                "answered_at": now,
            },
        )
        audit_record(
            action="outcome.record",
            target=outcome,
            at=now,
            actor=by,
            actor_role="coordinator",
            programme=match.programme,
            detail={"match": str(match.pk), "checkpoint": checkpoint},
        )
    return outcome


def outcome_from_feedback(*, feedback: Feedback, now: datetime) -> Outcome | None:
    """End-of-match feedback with "goal reached" is also an outcome at the match's end, when her consent to "help
    improve matching" is in force. Returns it, or None when not recorded."""
    match = feedback.match
    if feedback.author_role not in (Role.MENTEE, Role.MENTOR, Role.EMPLOYER):
        return None
    kind = FEEDBACK_KINDS.get(feedback.goal_reached)
    if kind is None:
        return None
    if not consent_in_force(
        user=feedback.author_id, programme=match.programme_id, purpose=ConsentPurpose.IMPROVE_MATCHING
    ):
        return None
    outcome, _created = Outcome.objects.update_or_create(
        match=match,
        checkpoint=Checkpoint.END,
        respondent_role=feedback.author_role,
        defaults={
            "kind": kind,
            "source": OutcomeSource.SELF,
            "respondent_id": feedback.author_id,
            "recorded_by": None,
            "answered_at": now,
        },
    )
    return outcome


def outcomes_erase_for(*, user: User, mentee_profiles: QuerySet[Any]) -> int:
    """Her account is erased: her answers and questions go, and every outcome about a match where she was the
    mentee (the mentor's view of her, one a coordinator recorded from what she said). Returns how many rows."""
    deleted = Outcome.objects.filter(Q(respondent=user) | Q(match__mentee__in=mentee_profiles)).delete()[0]
    return deleted + OutcomeRequest.objects.filter(user=user).delete()[0]
