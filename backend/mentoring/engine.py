"""The one adapter between the database and the engine: profiles become engine records, results become data."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
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
from profiles.models import Gender, LanguageSkill, Profile, ProfileSector
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


# ------------------------------------------------------------------------- set-based reads for a run
# A run reads a whole programme: a few queries over the programme's rows (the profile columns, then languages and
# sectors joined on the same filter), never a query or an IN list per profile. The records are equal to the ones
# ``mentee_record`` / ``mentor_record`` build from one profile (a test keeps them so).

_COLUMNS = (
    "pk", "membership__user_id", "membership__role", "goals", "goals_text", "city", "country", "online",
    "availability", "gender", "woman_mentor_only", "online_only", "support_qualities", "capacity", "available",
    "verified_at",
)  # fmt: skip


@dataclass(frozen=True)
class MentorPool:
    """The mentors of a run as engine records, with each one's free places (capacity less open matches)."""

    records: list[Mentor]
    remaining: dict[str, int]


def _skills(profiles: QuerySet[Profile]) -> tuple[dict[UUID, dict[str, str]], dict[UUID, frozenset[str]]]:
    """Languages (in the order a profile's ``languages`` lists them) and sector codes of ``profiles``: one query
    each, joined on the queryset's own filter."""
    chosen = profiles.order_by().values("pk")
    languages: dict[UUID, dict[str, str]] = defaultdict(dict)
    # The model's ordering (highest level first, then by code) is kept within each profile's dict.
    skills = LanguageSkill.objects.filter(profile__in=chosen).order_by("-level", "language")
    for profile_id, language, level in skills.values_list("profile_id", "language", "level"):
        languages[profile_id][language] = level
    sectors: dict[UUID, set[str]] = defaultdict(set)
    for profile_id, code in ProfileSector.objects.filter(profile__in=chosen).values_list("profile_id", "code"):
        sectors[profile_id].add(code)
    return dict(languages), {pk: frozenset(codes) for pk, codes in sectors.items()}


def _waiting(programme: Programme, only: Iterable[Any] | None, *, waiting_only: bool = True) -> QuerySet[Profile]:
    profiles = Profile.objects.filter(
        membership__programme=programme, membership__role=Role.MENTEE, membership__left_at__isnull=True
    )
    if waiting_only:
        profiles = profiles.exclude(matches_as_mentee__state__in=OPEN_STATES)
    if only is not None:
        profiles = profiles.filter(pk__in=list(only))
    return profiles


def waiting_mentee_records(
    programme: Programme, *, only: Iterable[Any] | None = None, now: datetime | None = None, waiting_only: bool = True
) -> list[Mentee]:
    """Engine records of the mentees ``waiting_mentees`` gives (optionally ``only`` these profile ids), with
    their sensitive needs where their consent is in force, read set-based; ordered by profile id. With
    ``waiting_only=False`` also those matched since (a what-if re-reads the people of a run)."""
    profiles = _waiting(programme, only, waiting_only=waiting_only)
    rows = list(profiles.order_by("pk").values(*_COLUMNS))
    languages, sectors = _skills(profiles)
    needs = matching_needs(
        programme=programme, user_ids=profiles.order_by().values("membership__user_id"), now=now or timezone.now()
    )
    return [
        with_needs(
            Mentee(
                id=str(row["pk"]),
                languages=languages.get(row["pk"], {}),
                sectors=sectors.get(row["pk"], frozenset()),
                goals=frozenset(row["goals"]),
                goal_text=row["goals_text"],
                city=row["city"],
                country=str(row["country"] or ""),
                online=row["online"],
                availability=frozenset(row["availability"]),
                woman_mentor_only=row["woman_mentor_only"],
                online_only=row["online_only"],
                person_id=str(row["membership__user_id"]),
            ),
            needs.get(row["membership__user_id"], ()),
        )
        for row in rows
    ]


def mentor_pool(programme: Programme) -> MentorPool:
    """Engine records of the mentors and employers who still take part (as ``mentors_with_load`` gives them) and
    each one's free places, read set-based; ordered by profile id."""
    profiles = Profile.objects.filter(
        membership__programme=programme, membership__role__in=list(MENTOR_ROLES), membership__left_at__isnull=True
    )
    rows = list(profiles.order_by("pk").values(*_COLUMNS))
    languages, sectors = _skills(profiles)
    open_matches = dict(
        Match.objects.filter(mentor__in=profiles.order_by().values("pk"), state__in=OPEN_STATES)
        .order_by()
        .values_list("mentor_id")
        .annotate(count=Count("pk"))
        .values_list("mentor_id", "count")
    )
    records = [
        Mentor(
            id=str(row["pk"]),
            languages=languages.get(row["pk"], {}),
            capacity=row["capacity"] or 0,
            sectors=sectors.get(row["pk"], frozenset()),
            offers=frozenset(row["goals"]) | {f"{SUPPORT_PREFIX}{quality}" for quality in row["support_qualities"]},
            offer_text=row["goals_text"],
            city=row["city"],
            country=str(row["country"] or ""),
            online=row["online"],
            availability=frozenset(row["availability"]),
            is_woman=row["gender"] == Gender.WOMAN,
            verified=row["verified_at"] is not None,
            available=row["available"],
            kind="employer" if row["membership__role"] == Role.EMPLOYER else "mentor",
            person_id=str(row["membership__user_id"]),
        )
        for row in rows
    ]
    remaining = {str(row["pk"]): max((row["capacity"] or 0) - open_matches.get(row["pk"], 0), 0) for row in rows}
    return MentorPool(records=records, remaining=remaining)


def exclusions(programme: Programme) -> frozenset[tuple[str, str]]:
    """Pairs declined or rejected before, and pairs where one blocked the other: never proposed again."""
    pairs = Match.objects.filter(programme=programme, state__in=[MatchState.DECLINED, MatchState.REJECTED]).values_list(
        "mentee_id", "mentor_id"
    )
    return frozenset((str(mentee), str(mentor)) for mentee, mentor in pairs) | _blocked_pairs(programme)


def _chunks[T](items: Sequence[T], size: int = 5000) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size``: an IN list stays under SQLite's limit on parameters."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _blocked_pairs(programme: Programme) -> frozenset[tuple[str, str]]:
    """(mentee profile, mentor profile) pairs of the programme whose people blocked each other, either way.
    Reads the blocks, then only the profiles of the people who are part of one (blocks are few, people many)."""
    pairs = blocked_user_pairs()
    involved = sorted({user_id for pair in pairs for user_id in pair})
    profiles: dict[UUID, tuple[UUID, str]] = {}
    for chunk in _chunks(involved):
        rows = Profile.objects.filter(membership__programme=programme, membership__user_id__in=chunk).values_list(
            "membership__user_id", "pk", "membership__role"
        )
        profiles.update({user_id: (pk, role) for user_id, pk, role in rows})
    result: set[tuple[str, str]] = set()
    for pair in pairs:
        found = [profiles[user_id] for user_id in pair if user_id in profiles]
        mentees = [pk for pk, role in found if role == Role.MENTEE]
        mentors = [pk for pk, role in found if role in MENTOR_ROLES]
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
