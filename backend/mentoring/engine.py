"""The one adapter between the database and the engine: profiles become engine records, results become data."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from matching.recommend import MentorIndex
from matching.records import Explanation, MatchingConfig, Mentee, Mentor, Reason, Recommendation
from matching.scoring import explain, normalised_weights
from mentoring.models import OPEN_STATES, Match, MatchState
from privacy.selectors import matching_needs
from privacy.sensitive import SCHOOL_HOURS, SUPPORT_PREFIX
from profiles.models import Gender, Profile
from programmes import reference_data
from programmes.models import Programme, Role
from safeguarding.blocks import blocked_user_pairs

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


def with_needs(mentee: Mentee, needs: Iterable[str]) -> Mentee:
    """Her record with the matching effects of her sensitive attributes (only given with her consent):
    a woman mentor (a hard rule), school-hours availability, and a preference for mentors who offer a kind
    of support (as offer codes the mentor side carries too)."""
    needs = tuple(needs)
    if not needs:
        return mentee
    goals = set(mentee.goals) | {need for need in needs if need.startswith(SUPPORT_PREFIX)}
    availability = mentee.availability
    if "school_hours" in needs:
        availability = frozenset(mentee.availability & set(SCHOOL_HOURS)) or frozenset(SCHOOL_HOURS)
    return replace(
        mentee,
        goals=frozenset(goals),
        availability=availability,
        woman_mentor_only=mentee.woman_mentor_only or "woman_mentor" in needs,
    )


def mentee_records(programme: Programme, profiles: Iterable[Profile], *, now: datetime | None = None) -> list[Mentee]:
    """Engine records of these mentees; sensitive attributes count only where their consent is in force."""
    profiles = list(profiles)
    needs: dict[UUID, tuple[str, ...]] = matching_needs(
        programme=programme, user_ids=[p.membership.user_id for p in profiles], now=now or timezone.now()
    )
    return [with_needs(mentee_record(p), needs.get(p.membership.user_id, ())) for p in profiles]


def mentor_record(profile: Profile, *, open_matches: int = 0) -> Mentor:
    return Mentor(
        id=str(profile.pk),
        languages=_languages(profile),
        capacity=profile.capacity or 0,
        sectors=frozenset(sector.code for sector in profile.sectors.all()),
        offers=frozenset(profile.goals) | {f"{SUPPORT_PREFIX}{quality}" for quality in profile.support_qualities},
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
    """Mentees of the programme without an offered or active match who still take part."""
    profiles = _profiles(programme, [Role.MENTEE]).exclude(matches_as_mentee__state__in=OPEN_STATES)
    profiles = profiles.filter(membership__left_at__isnull=True)
    if only is not None:
        profiles = profiles.filter(pk__in=list(only))
    return profiles


def mentors_with_load(programme: Programme, *, include_left: bool = False) -> QuerySet[Profile]:
    """Mentors and employers with their open matches counted; those who left only if ``include_left``."""
    profiles = _profiles(programme, MENTOR_ROLES)
    if not include_left:
        profiles = profiles.filter(membership__left_at__isnull=True)
    return profiles.annotate(
        open_matches=Count("matches_as_mentor", filter=Q(matches_as_mentor__state__in=OPEN_STATES))
    )


def exclusions(programme: Programme) -> frozenset[tuple[str, str]]:
    """Pairs declined or rejected before, and pairs where one blocked the other: never proposed again."""
    pairs = Match.objects.filter(programme=programme, state__in=[MatchState.DECLINED, MatchState.REJECTED]).values_list(
        "mentee_id", "mentor_id"
    )
    return frozenset((str(mentee), str(mentor)) for mentee, mentor in pairs) | _blocked_pairs(programme)


def _blocked_pairs(programme: Programme) -> frozenset[tuple[str, str]]:
    """(mentee profile, mentor profile) pairs of the programme whose people blocked each other, either way."""
    people = dict(Profile.objects.filter(membership__programme=programme).values_list("membership__user_id", "pk"))
    roles = dict(Profile.objects.filter(membership__programme=programme).values_list("pk", "membership__role"))
    result: set[tuple[str, str]] = set()
    for pair in blocked_user_pairs(user_ids=set(people)):
        profiles = [people[user_id] for user_id in pair]
        mentees = [p for p in profiles if roles[p] == Role.MENTEE]
        mentors = [p for p in profiles if roles[p] in MENTOR_ROLES]
        result.update((str(mentee), str(mentor)) for mentee in mentees for mentor in mentors)
    return frozenset(result)


def config_for(programme: Programme, *, remaining: dict[str, int], **overrides: Any) -> MatchingConfig:
    settings = {**programme.matching_settings, **{k: v for k, v in overrides.items() if v is not None}}
    allowed = {
        "weights", "min_language_level", "min_score", "top_k", "top_q", "alternatives", "seed", "proof_rounds",
        "proof_seconds",
    }  # fmt: skip
    return MatchingConfig(
        **{key: value for key, value in settings.items() if key in allowed},
        exclusions=exclusions(programme),
        sector_parents=reference_data.sector_parents(),
        remaining_capacity=remaining,
    )


def reasons_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """Reasons as stored and shown. A reason drawn from her sensitive answers (a "support:" code) is kept only
    as its effect, so that no stored or shown reason hints at them, to a mentor or anyone else."""
    data: list[dict[str, Any]] = []
    for reason in reasons:
        params = dict(reason.params)
        if any(isinstance(value, str) and value.startswith(SUPPORT_PREFIX) for value in params.values()):
            entry: dict[str, Any] = {"code": "matched_on_preferences", "params": {}}
            if entry in data:
                continue
        else:
            entry = {"code": reason.code, "params": params}
        data.append(entry)
    return data


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
    mentor_loaded = mentors_with_load(programme, include_left=True).get(pk=mentor.pk)
    open_matches: int = mentor_loaded.open_matches  # type: ignore[attr-defined]
    remaining = {str(mentor.pk): max((mentor_loaded.capacity or 0) - open_matches, 0)}
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    config = config_for(programme, remaining=remaining)
    [mentee_in] = mentee_records(programme, [mentee_loaded])
    return explain(mentee_in, mentor_record(mentor_loaded), config)


PAIRED_STATES = (MatchState.PROPOSED, *OPEN_STATES)


def run_weights(config: MatchingConfig) -> dict[str, float]:
    """The part weights a run scores with (normalised to sum to 1), kept with the run to explain its pairs later."""
    return {part: round(weight, 6) for part, weight in normalised_weights(config).items()}


def explanation_as_proposed(programme: Programme, mentee: Profile, mentor: Profile) -> dict[str, Any]:
    """The explanation of a pair as shown to a coordinator: where the pair is a proposal or a match made by a run
    or by hand, its score and part values are the ones stored then (the ones the run optimised), each part with
    the weight the run used; the rules and reasons are checked now. A pair that breaks a rule now says so."""
    explanation = explain_pair(programme, mentee, mentor)
    data = explanation_data(explanation)
    if not explanation.eligible:
        return data
    stored = (
        Match.objects.filter(programme=programme, mentee=mentee, mentor=mentor, state__in=PAIRED_STATES)
        .select_related("run")
        .order_by("-created_at")
        .first()
    )
    if stored is None:
        return data
    run_weights = (stored.run.settings.get("weights") if stored.run is not None else None) or {}
    values = {part["name"]: part for part in stored.parts}
    parts = []
    for part in data["parts"]:
        kept = values.get(part["name"])
        weight = run_weights.get(part["name"], kept.get("weight") if kept else None)
        if kept is None or weight is None:
            return data  # stored before weights were kept with the run: what the engine says now
        parts.append(
            {
                **part,
                "weight": round(weight, 4),
                "value": kept["value"],
                "contribution": round(weight * kept["value"], 4),
            }
        )
    return {**data, "score": stored.score, "parts": parts}


def recommend(programme: Programme, mentee: Profile, k: int) -> list[Recommendation]:
    """The k best eligible mentors for one mentee, with reasons, without a full run."""
    mentors = list(mentors_with_load(programme))
    remaining = {str(m.pk): max((m.capacity or 0) - m.open_matches, 0) for m in mentors}  # type: ignore[attr-defined]
    config = config_for(programme, remaining=remaining)
    index = MentorIndex(config).fit([mentor_record(m) for m in mentors])
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    [mentee_in] = mentee_records(programme, [mentee_loaded])
    return list(index.recommend(mentee_in, k=k))
