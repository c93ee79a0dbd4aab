"""The one adapter between the database and the engine: profiles become engine records, results become data."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from matching.recommend import MentorIndex
from matching.records import Explanation, MatchingConfig, Mentee, Mentor, Reason, Recommendation
from matching.scoring import explain
from mentoring.models import OPEN_STATES, Match, MatchState
from profiles.models import Gender, Profile
from programmes import reference_data
from programmes.models import Programme, Role

MENTOR_ROLES = (Role.MENTOR, Role.EMPLOYER)


def _languages(profile: Profile) -> dict[str, str]:
    return {skill.language: skill.level for skill in profile.languages.all()}


def mentee_record(profile: Profile) -> Mentee:
    return Mentee(
        id=str(profile.pk),
        languages=_languages(profile),
        sectors=frozenset(sector.code for sector in profile.sectors.all()),
        goals=frozenset(profile.goals),
        goal_text=profile.goals_text,
        city=profile.city,
        country=str(profile.country or ""),
        online=profile.online,
        availability=frozenset(profile.availability),
        woman_mentor_only=profile.woman_mentor_only,
        online_only=profile.online_only,
        person_id=str(profile.membership.user_id),
    )


def mentor_record(profile: Profile, *, open_matches: int = 0) -> Mentor:
    return Mentor(
        id=str(profile.pk),
        languages=_languages(profile),
        capacity=profile.capacity or 0,
        sectors=frozenset(sector.code for sector in profile.sectors.all()),
        offers=frozenset(profile.goals),
        offer_text=profile.goals_text,
        city=profile.city,
        country=str(profile.country or ""),
        online=profile.online,
        availability=frozenset(profile.availability),
        is_woman=profile.gender == Gender.WOMAN,
        verified=profile.verified_at is not None,
        available=profile.available,
        kind="employer" if profile.membership.role == Role.EMPLOYER else "mentor",
        person_id=str(profile.membership.user_id),
    )


def _profiles(programme: Programme, roles: Iterable[str]) -> QuerySet[Profile]:
    return (
        Profile.objects.filter(membership__programme=programme, membership__role__in=list(roles))
        .select_related("membership")
        .prefetch_related("languages", "sectors")
        .order_by("id")
    )


def waiting_mentees(programme: Programme, only: Iterable[str] | None = None) -> QuerySet[Profile]:
    """Mentees of the programme without an offered or active match."""
    profiles = _profiles(programme, [Role.MENTEE]).exclude(matches_as_mentee__state__in=OPEN_STATES)
    if only is not None:
        profiles = profiles.filter(pk__in=list(only))
    return profiles


def mentors_with_load(programme: Programme) -> QuerySet[Profile]:
    return _profiles(programme, MENTOR_ROLES).annotate(
        open_matches=Count("matches_as_mentor", filter=Q(matches_as_mentor__state__in=OPEN_STATES))
    )


def exclusions(programme: Programme) -> frozenset[tuple[str, str]]:
    """Pairs declined or rejected before: never proposed again."""
    pairs = Match.objects.filter(programme=programme, state__in=[MatchState.DECLINED, MatchState.REJECTED]).values_list(
        "mentee_id", "mentor_id"
    )
    return frozenset((str(mentee), str(mentor)) for mentee, mentor in pairs)


def config_for(programme: Programme, *, remaining: dict[str, int], **overrides: Any) -> MatchingConfig:
    settings = {**programme.matching_settings, **{k: v for k, v in overrides.items() if v is not None}}
    allowed = {"weights", "min_language_level", "min_score", "top_k", "top_q", "alternatives", "seed"}
    return MatchingConfig(
        **{key: value for key, value in settings.items() if key in allowed},
        exclusions=exclusions(programme),
        sector_parents=reference_data.sector_parents(),
        remaining_capacity=remaining,
    )


def reasons_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    return [{"code": reason.code, "params": dict(reason.params)} for reason in reasons]


def explanation_data(explanation: Explanation) -> dict[str, Any]:
    return {
        "eligible": explanation.eligible,
        "score": round(explanation.score, 4),
        "parts": [
            {
                "name": part.name,
                "weight": round(part.weight, 4),
                "value": round(part.value, 4),
                "contribution": round(part.contribution, 4),
                "reasons": reasons_data(part.reasons),
            }
            for part in explanation.parts
        ],
        "reasons": reasons_data(explanation.reasons),
    }


def explain_pair(programme: Programme, mentee: Profile, mentor: Profile) -> Explanation:
    """The engine's score and reasons for one pair, with the mentor's current load and exclusions applied."""
    mentor_loaded = mentors_with_load(programme).get(pk=mentor.pk)
    open_matches: int = mentor_loaded.open_matches  # type: ignore[attr-defined]
    remaining = {str(mentor.pk): max((mentor_loaded.capacity or 0) - open_matches, 0)}
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    config = config_for(programme, remaining=remaining)
    return explain(mentee_record(mentee_loaded), mentor_record(mentor_loaded), config)


def recommend(programme: Programme, mentee: Profile, k: int) -> list[Recommendation]:
    """The k best eligible mentors for one mentee, with reasons, without a full run."""
    mentors = list(mentors_with_load(programme))
    remaining = {str(m.pk): max((m.capacity or 0) - m.open_matches, 0) for m in mentors}  # type: ignore[attr-defined]
    config = config_for(programme, remaining=remaining)
    index = MentorIndex(config).fit([mentor_record(m) for m in mentors])
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    return list(index.recommend(mentee_record(mentee_loaded), k=k))
