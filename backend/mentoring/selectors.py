"""Reads of the mentoring workflow, with the permission filter built in."""

import statistics
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from mentoring.models import OPEN_STATES, Feedback, Match, MatchingRun, MatchState
from mentoring.own_matches import OwnMatches
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
    """Each match with both people (the other side's languages and sectors: with_details)."""
    return queryset.select_related("programme", "mentee__membership__user", "mentor__membership__user")


def with_details(matches: list[Match], user: User) -> list[Match]:
    """The other side's languages and sectors (her card, as ``user`` sees it) for matches read with _with_people: a
    query for each kind for all of them at once (prefetch_related on the matches would read each kind once per
    side, and her own were never shown)."""
    others = [match.mentor if match.mentee.membership.user_id == user.pk else match.mentee for match in matches]
    prefetch_related_objects(others, "languages", "sectors")
    return matches


def _as_seen_by(queryset: QuerySet[Match], user: User) -> QuerySet[Match]:
    """Marks each match with what her view of it needs, in the list's own query: whether the other side blocked her
    (``counterpart_blocked_me``) and withdrew consent to share contact details (``counterpart_withheld_contact``),
    and whether she gave feedback on it (``viewer_gave_feedback``)."""
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
        viewer_gave_feedback=Exists(Feedback.objects.filter(match=OuterRef("pk"), author=user)),
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


def match_and_role(*, user: User, match_id: UUID) -> tuple[Match, str]:
    """The match with both people and her role in it (NotFound if it is not hers to see), without what only
    showing it needs: what an action reads before it changes the match."""
    match = (
        Match.objects.filter(pk=match_id)
        .select_related("programme", "mentee__membership__user", "mentor__membership__user")
        .first()
    )
    role = match_role(match=match, user=user) if match is not None else None
    if match is None or role is None:
        raise NotFound(gettext("No such match among yours."))
    return match, role


def match_for(*, user: User, match_id: UUID, coordinator: bool = False) -> tuple[Match, str]:
    """The match as she sees it, with what showing it needs, and her role in it (NotFound if it is not hers to
    see). A caller that knows she coordinates its programme (an action, after match_and_role) says so: her view
    then skips the marks only a participant's view needs (_as_seen_by); her role is checked again all the same."""
    read = _with_people(Match.objects.filter(pk=match_id))
    match = (read if coordinator else _as_seen_by(read, user)).first()
    role = match_role(match=match, user=user) if match is not None else None
    if match is None or role is None:
        raise NotFound(gettext("No such match among yours."))
    return (match if role == "coordinator" else with_details([match], user)[0]), role


def _profile_ids(user: User) -> list[UUID]:
    """Her profile ids (one per programme she takes part in), read first as values: filtering matches by them uses
    the indexes of the two sides, where an OR across two joins to memberships scans every match of the site."""
    return list(Profile.objects.filter(membership__user=user).values_list("pk", flat=True))


def matches_for_participant(*, user: User) -> OwnMatches:
    """Her matches, newest change first, each marked as _as_seen_by marks it (mentoring.own_matches: one written
    statement a page); a page of them needs with_details before it is shown."""
    return OwnMatches(user, _profile_ids(user), VISIBLE_TO_PARTICIPANTS)


_NAMED_PEOPLE = [
    *(field.name for field in Match._meta.concrete_fields),
    *(
        f"{side}__{field}"
        for side in ("mentee", "mentor")
        for field in (
            "membership__role",
            "membership__user__display_name",
            "membership__user__full_name",
            "membership__user__address_as",
        )
    ),
]
"""What CoordinatorMatchOutputSerializer reads: the match, and of each person her name, form of address and role.
Their profiles' other columns (five JSON lists each) and accounts stay in the database: a page of 25 proposals
decoded 250 JSON values nobody showed."""


def matches_for_coordinator(*, user: User, programme: Programme) -> QuerySet[Match]:
    """The programme's matches, best first, with what CoordinatorMatchOutputSerializer shows of the two people (their
    names and roles): not their languages, sectors or feedback, which only a participant's view of a match reads."""
    if not is_coordinator(user=user, programme=programme):
        return Match.objects.none()
    return (
        Match.objects.filter(programme=programme)
        .select_related("mentee__membership__user", "mentor__membership__user")
        .only(*_NAMED_PEOPLE)
        .order_by("-score", "id")
    )


def runs_for_coordinator(*, user: User, programme: Programme) -> QuerySet[MatchingRun]:
    if not is_coordinator(user=user, programme=programme):
        return MatchingRun.objects.none()
    # The list leaves out the unmatched mentees (a run's own page reads them): not even read from the table.
    return MatchingRun.objects.filter(programme=programme).select_related("started_by").defer("unmatched")


def run_for(*, user: User, run_id: UUID) -> MatchingRun:
    run = MatchingRun.objects.select_related("programme").filter(pk=run_id).first()
    if run is None or not is_coordinator(user=user, programme=run.programme):
        raise NotFound(gettext("No such run among those of your programmes."))
    return run


def _median_of_sorted(queryset: QuerySet[Any], count: int, value: Any) -> list[Any]:
    """The middle value (odd count) or the two middle values (even count) of ``value`` in ``queryset`` sorted by it,
    read from the database as at most two rows rather than every row."""
    if not count:
        return []
    first = (count - 1) // 2
    return list(queryset.order_by(value).values_list(value, flat=True)[first : first + 2 - count % 2])


def _open_matches_of_mentor() -> Coalesce:
    """Open (offered, active or paused) matches of the mentor in the outer query, as a subquery: no GROUP BY over
    every column of the profile."""
    open_matches = (
        Match.objects.filter(mentor=OuterRef("pk"), state__in=OPEN_STATES)
        .order_by()
        .values("mentor")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(open_matches, output_field=IntegerField()), 0)


def _mentors(programme: Programme) -> QuerySet[Profile]:
    return Profile.objects.filter(
        membership__programme=programme, membership__role__in=[Role.MENTOR, Role.EMPLOYER]
    ).annotate(open_matches=_open_matches_of_mentor())


def mentor_load_for_coordinator(*, user: User, programme: Programme) -> QuerySet[Profile]:
    """Each mentor's open matches and capacity, by name (the index on the user's name gives a page unsorted)."""
    if not is_coordinator(user=user, programme=programme):
        return Profile.objects.none()
    return (
        _mentors(programme)
        .select_related("membership__user")
        .order_by("membership__user__display_name", "membership__user_id")
    )


def programme_health(*, programme: Programme, now: datetime) -> dict[str, Any]:
    """Figures a coordinator charts: states, waiting time, answer rates, decline reasons, mentor load, feedback.
    Aggregates computed in SQL (a fixed number of queries, whatever the programme's size), cached per programme
    for PROGRAMME_HEALTH_CACHE_SECONDS; each mentor's own load is a list of its own (mentor_load_for_coordinator)."""
    seconds: int = settings.PROGRAMME_HEALTH_CACHE_SECONDS
    key = f"mentoring:health:{programme.pk}"
    figures: dict[str, Any] | None = cache.get(key) if seconds else None
    if figures is None:
        figures = _programme_health(programme=programme, now=now)
        if seconds:
            cache.set(key, figures, seconds)
    return figures


def _programme_health(*, programme: Programme, now: datetime) -> dict[str, Any]:
    matches = Match.objects.filter(programme=programme).order_by()
    states = {state: 0 for state in MatchState.values}
    states.update(dict(matches.values_list("state").annotate(n=Count("id")).values_list("state", "n")))
    answered = {s: states[s] for s in (MatchState.ACTIVE, MatchState.CLOSED, MatchState.DECLINED, MatchState.EXPIRED)}
    offers_answered = sum(answered.values())
    booked = matches.filter(first_meeting__first_booked_at__isnull=False, accepted_at__isnull=False)
    counts = matches.aggregate(
        accepted=Count("id", filter=Q(accepted_at__isnull=False)),
        booked=Count("id", filter=Q(first_meeting__first_booked_at__isnull=False, accepted_at__isnull=False)),
    )

    def rate(part: int) -> float | None:
        return round(part / offers_answered, 4) if offers_answered else None

    mentees = Profile.objects.filter(membership__programme=programme, membership__role=Role.MENTEE).order_by()
    has_open_match = Exists(Match.objects.filter(mentee=OuterRef("pk"), state__in=OPEN_STATES))
    waiting = mentees.filter(~has_open_match, membership__left_at__isnull=True)
    people = mentees.aggregate(
        mentees=Count("id"), waiting=Count("id", filter=Q(~has_open_match, membership__left_at__isnull=True))
    )
    # The waiting time is now minus the sign-up: the median time is the one of the median sign-up.
    middle_signups = _median_of_sorted(waiting, people["waiting"], "created_at")
    waiting_days = [(now - created).total_seconds() / 86400 for created in middle_signups]
    days_to_meeting = [
        gap.total_seconds() / 86400
        for gap in _median_of_sorted(
            booked.annotate(gap=F("first_meeting__first_booked_at") - F("accepted_at")), counts["booked"], "gap"
        )
    ]
    load = (
        _mentors(programme)
        .order_by()
        .aggregate(
            full=Count("id", filter=Q(capacity__gt=0, open_matches__gte=F("capacity"))),
            some=Count("id", filter=Q(open_matches__gt=0, open_matches__lt=F("capacity"))),
            free=Count("id", filter=Q(open_matches=0, capacity__gt=0)),
        )
    )
    # Outcomes count only for people who did not withdraw their consent to outcome reporting.
    feedback = (
        Feedback.objects.filter(match__programme=programme)
        .exclude(author_id__in=outcome_withheld_user_ids(programme=programme))
        .order_by()
    )
    feedback_figures = feedback.aggregate(count=Count("id"), average=Avg("rating"))
    return {
        "states": states,
        "mentees": people["mentees"],
        "mentees_waiting": people["waiting"],
        "median_days_waiting": round(statistics.fmean(waiting_days), 1) if waiting_days else None,
        "offers_answered": offers_answered,
        "acceptance_rate": rate(counts["accepted"]),
        "decline_rate": rate(states[MatchState.DECLINED]),
        "expiry_rate": rate(states[MatchState.EXPIRED]),
        "decline_reasons": dict(
            matches.filter(state=MatchState.DECLINED).values_list("reason_code").annotate(n=Count("id"))
        ),
        "mentor_load": load,
        "first_meetings": {
            "booked": counts["booked"],
            "median_days_from_accept": round(statistics.fmean(days_to_meeting), 1) if days_to_meeting else None,
        },
        "feedback": {
            "count": feedback_figures["count"],
            "average_rating": round(feedback_figures["average"] or 0, 2) or None,
            "goals_reached": dict(feedback.values_list("goal_reached").annotate(n=Count("id"))),
        },
    }
