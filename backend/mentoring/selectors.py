"""Reads of the mentoring workflow, with the permission filter built in."""

import statistics
from collections import Counter
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Avg, BooleanField, Case, Count, ExpressionWrapper, F, OuterRef, Q, QuerySet, When
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from mentoring.models import OPEN_STATES, Feedback, Match, MatchingRun, MatchState
from privacy.consents import consent_withdrawn_where, outcome_withheld_user_ids
from privacy.models import ConsentPurpose
from profiles.models import Profile
from programmes.models import Programme, Role
from programmes.selectors import is_coordinator
from safeguarding.blocks import blocked_viewer

VISIBLE_TO_PARTICIPANTS = (
    MatchState.OFFERED,
    MatchState.ACTIVE,
    MatchState.CLOSED,
    MatchState.DECLINED,
    MatchState.EXPIRED,
    MatchState.PAUSED,
)
"""Proposals and rejections are the coordinators' drafts: participants never see them."""


def _with_people(queryset: QuerySet[Match]) -> QuerySet[Match]:
    return queryset.select_related(
        "programme", "mentee__membership__user", "mentor__membership__user"
    ).prefetch_related("mentee__languages", "mentee__sectors", "mentor__languages", "mentor__sectors", "feedback")


def _as_seen_by(queryset: QuerySet[Match], user: User) -> QuerySet[Match]:
    """Marks each match with what her view of it needs, in the list's own query: whether the other side blocked her
    (``counterpart_blocked_me``) and withdrew consent to share contact details (``counterpart_withheld_contact``)."""
    counterpart = Case(
        When(mentee__membership__user=user, then=F("mentor__membership__user")),
        default=F("mentee__membership__user"),
    )
    return queryset.annotate(counterpart_user_id=counterpart).annotate(
        counterpart_blocked_me=blocked_viewer(viewer_id=user.pk, blocker=OuterRef("counterpart_user_id")),
        counterpart_withheld_contact=ExpressionWrapper(
            consent_withdrawn_where(
                user=OuterRef("counterpart_user_id"),
                programme=OuterRef("programme_id"),
                purpose=ConsentPurpose.CONTACT_SHARING,
            ),
            output_field=BooleanField(),
        ),
    )


def match_role(*, match: Match, user: User) -> str | None:
    """The caller's part in a match: mentee, mentor, coordinator, or None if she may not see it."""
    if is_coordinator(user=user, programme=match.programme):
        return "coordinator"
    if match.state in VISIBLE_TO_PARTICIPANTS:
        if match.mentee.membership.user_id == user.pk:
            return "mentee"
        if match.mentor.membership.user_id == user.pk:
            return "mentor"
    return None


def match_for(*, user: User, match_id: UUID) -> tuple[Match, str]:
    match = _as_seen_by(_with_people(Match.objects.filter(pk=match_id)), user).first()
    role = match_role(match=match, user=user) if match is not None else None
    if match is None or role is None:
        raise NotFound(gettext("No such match among yours."))
    return match, role


def matches_for_participant(*, user: User) -> QuerySet[Match]:
    return _as_seen_by(
        _with_people(
            Match.objects.filter(
                Q(mentee__membership__user=user) | Q(mentor__membership__user=user), state__in=VISIBLE_TO_PARTICIPANTS
            )
        ),
        user,
    ).order_by("-updated_at", "id")


def matches_for_coordinator(*, user: User, programme: Programme) -> QuerySet[Match]:
    if not is_coordinator(user=user, programme=programme):
        return Match.objects.none()
    return _with_people(Match.objects.filter(programme=programme)).order_by("-score", "id")


def runs_for_coordinator(*, user: User, programme: Programme) -> QuerySet[MatchingRun]:
    if not is_coordinator(user=user, programme=programme):
        return MatchingRun.objects.none()
    return MatchingRun.objects.filter(programme=programme).select_related("started_by")


def run_for(*, user: User, run_id: UUID) -> MatchingRun:
    run = MatchingRun.objects.select_related("programme").filter(pk=run_id).first()
    if run is None or not is_coordinator(user=user, programme=run.programme):
        raise NotFound(gettext("No such run among those of your programmes."))
    return run


def programme_health(*, programme: Programme, now: datetime) -> dict[str, Any]:
    """Figures a coordinator charts: states, waiting time, answer rates, decline reasons, load, feedback."""
    matches = Match.objects.filter(programme=programme)
    states = {state: 0 for state in MatchState.values}
    states.update(dict(matches.values_list("state").annotate(n=Count("id")).values_list("state", "n")))
    mentees = Profile.objects.filter(membership__programme=programme, membership__role=Role.MENTEE)
    waiting = mentees.exclude(matches_as_mentee__state__in=OPEN_STATES).filter(membership__left_at__isnull=True)
    waiting_days = [(now - created).total_seconds() / 86400 for created in waiting.values_list("created_at", flat=True)]
    answered = {s: states[s] for s in (MatchState.ACTIVE, MatchState.CLOSED, MatchState.DECLINED, MatchState.EXPIRED)}
    offers_answered = sum(answered.values())
    accepted = matches.filter(accepted_at__isnull=False).count()

    def rate(part: int) -> float | None:
        return round(part / offers_answered, 4) if offers_answered else None

    mentors = (
        Profile.objects.filter(membership__programme=programme, membership__role__in=[Role.MENTOR, Role.EMPLOYER])
        .select_related("membership__user")
        .annotate(open=Count("matches_as_mentor", filter=Q(matches_as_mentor__state__in=OPEN_STATES)))
        .order_by("membership__user__display_name")
    )
    # Outcomes count only for people who did not withdraw their consent to outcome reporting.
    feedback = Feedback.objects.filter(match__programme=programme).exclude(
        author_id__in=outcome_withheld_user_ids(programme=programme)
    )
    # When a first meeting was first booked, never where or when it is.
    booked = matches.filter(first_meeting__first_booked_at__isnull=False, accepted_at__isnull=False).values_list(
        "accepted_at", "first_meeting__first_booked_at"
    )
    days_to_meeting = [(at - accepted).total_seconds() / 86400 for accepted, at in booked if at and accepted]
    return {
        "states": states,
        "mentees": mentees.count(),
        "mentees_waiting": len(waiting_days),
        "median_days_waiting": round(statistics.median(waiting_days), 1) if waiting_days else None,
        "offers_answered": offers_answered,
        "acceptance_rate": rate(accepted),
        "decline_rate": rate(states[MatchState.DECLINED]),
        "expiry_rate": rate(states[MatchState.EXPIRED]),
        "decline_reasons": dict(
            Counter(matches.filter(state=MatchState.DECLINED).values_list("reason_code", flat=True))
        ),
        "mentor_load": [
            {
                "mentor": str(m.pk),
                "name": m.membership.user.display_name,
                "open_matches": m.open,  # type: ignore[attr-defined]
                "capacity": m.capacity or 0,
            }
            for m in mentors
        ],
        "first_meetings": {
            "booked": len(days_to_meeting),
            "median_days_from_accept": round(statistics.median(days_to_meeting), 1) if days_to_meeting else None,
        },
        "feedback": {
            "count": feedback.count(),
            "average_rating": round(feedback.aggregate(avg=Avg("rating"))["avg"] or 0, 2) or None,
            "goals_reached": dict(Counter(feedback.values_list("goal_reached", flat=True))),
        },
    }
