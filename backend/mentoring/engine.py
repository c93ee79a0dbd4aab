"""The one adapter between the database and the engine: profiles become engine records, results become data."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from learning import selectors as learning_selectors
from matching.api import LEARNED_MAX_PAIRS
from matching.learning import (
    SuccessModel,
    assign_with_learning,
    assignments_for,
    group_rates,
    guard_reason,
    predict_success,
)
from matching.recommend import MentorIndex
from matching.records import (
    Candidate,
    Explanation,
    LearnedPart,
    MatchingConfig,
    MatchResult,
    Mentee,
    Mentor,
    ProgressCallback,
    Reason,
    Recommendation,
)
from matching.scoring import LEARNED, explain, learned_reasons, normalised_weights
from mentoring.models import OPEN_STATES, Match, MatchState
from privacy.selectors import matching_needs
from privacy.sensitive import BY_CODE, SCHOOL_HOURS, SUPPORT_PREFIX
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


def learned_part(programme: Programme, weight: float | None = None) -> LearnedPart | None:
    """The learned part a run of the programme adds now: its learning weight (or ``weight``) with its latest ready
    model, or None when the weight is 0 or there is no model to use."""
    settings = learning_selectors.learning_settings(programme)
    weight = settings.weight if weight is None else weight
    if weight <= 0:
        return None
    model = learning_selectors.active_model(programme)
    return LearnedPart(model, weight, settings.target) if model is not None else None


def explain_pair(programme: Programme, mentee: Profile, mentor: Profile) -> Explanation:
    """The engine's score and reasons for one pair, with the mentor's current load and exclusions applied, and
    the programme's learned part as a run would add it now (so a pair made by hand scores as a run's would)."""
    mentor_loaded = mentors_with_load(programme, include_left=True).get(pk=mentor.pk)
    open_matches: int = mentor_loaded.open_matches  # type: ignore[attr-defined]
    remaining = {str(mentor.pk): max((mentor_loaded.capacity or 0) - open_matches, 0)}
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    config = config_for(programme, remaining=remaining)
    [mentee_in] = mentee_records(programme, [mentee_loaded])
    mentor_in = mentor_record(mentor_loaded)
    learned = learned_part(programme)
    if learned is None:
        return explain(mentee_in, mentor_in, config)
    # p as a recommendation predicts it: among her and the programme's mentors
    others = [record for record in mentor_pool(programme).records if record.id != mentor_in.id]
    return MentorIndex(config, learned).fit([*others, mentor_in]).explain(mentee_in, mentor_in.id)


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
    # the hand parts as stored; the learned part below only where the run that made the pair used one
    for part in (part for part in data["parts"] if part["name"] != LEARNED):
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
    learned = (stored.run.settings.get("learned") if stored.run is not None else None) or {}
    kept = values.get(LEARNED)
    if kept is not None and learned.get("weight") is not None:
        # the run scored this pair with its learned part: shown as the run used it, with its reason
        weight = float(learned["weight"])
        reasons = learned_reasons(float(kept["value"]), float(learned.get("base_rate") or 0.0), learned["target"])
        parts.append(
            {
                "name": LEARNED,
                "weight": round(weight, 4),
                "value": kept["value"],
                "contribution": round(weight * kept["value"], 4),
                "reasons": reasons_data(reasons),
            }
        )
    by_contribution = sorted(parts, key=lambda part: -part["contribution"])
    data = {**data, "reasons": [r for part in by_contribution if part["weight"] > 0 for r in part["reasons"]]}
    return {**data, "score": stored.score, "parts": parts}


def recommend(programme: Programme, mentee: Profile, k: int) -> list[Recommendation]:
    """The k best eligible mentors for one mentee, with reasons, without a full run."""
    mentors = list(mentors_with_load(programme))
    remaining = {str(m.pk): max((m.capacity or 0) - m.open_matches, 0) for m in mentors}  # type: ignore[attr-defined]
    config = config_for(programme, remaining=remaining)
    index = MentorIndex(config, learned_part(programme)).fit([mentor_record(m) for m in mentors])
    mentee_loaded = _profiles(programme, [Role.MENTEE]).get(pk=mentee.pk)
    [mentee_in] = mentee_records(programme, [mentee_loaded])
    return list(index.recommend(mentee_in, k=k))


# --- the learned part and the fairness guard in a run ---------------------------------------------------

GUARD_MAX_PAIRS = 1_500_000
"""The fairness guard solves one min-cost flow over every eligible pair per number of matched mentees it tries
(:func:`matching.learning.assign_with_learning`, which also holds every eligible pair's features at once).
Measured with the guard binding on the 2-core reference machine: 1,000 × 300 mentees × mentors 1.4 s,
2,000 × 600 12 s, 3,000 × 900 44 s (growing about as the square of the pairs), and a run with the learned part
solves it twice (with and without). Above this many mentee × mentor pairs a run with the guard is refused at its
start rather than left to run for many minutes."""

NOT_MATCHABLE = frozenset({"no_eligible_mentor", "no_shared_working_language", "below_min_score"})
"""Unmatched reasons that say no open mentor could take her at all: she does not count in a group's match rate
(the rate is matched / matchable, as the guard counts it)."""

CHILDCARE_EFFECTS = frozenset(BY_CODE["children_school_hours"].effects)


def _number(value: int) -> str:
    """A whole number grouped as the active language writes it (8,000,000; 8.000.000)."""
    return number_format(value, force_grouping=True)


def learning_refusal(programme: Programme, *, mentee_ids: Iterable[Any] | None, mode: str) -> str | None:
    """Why a run (of ``mentee_ids``, or of every waiting mentee) with the programme's learning settings cannot be
    made, in plain words, or None. Checked when a run is started, so that a run that would take too long is
    refused rather than left to hang."""
    settings = learning_selectors.learning_settings(programme)
    if settings.weight <= 0 and (settings.min_share is None or not settings.monitored):
        return None
    mentees = _waiting(programme, mentee_ids).count()
    mentors = Profile.objects.filter(
        membership__programme=programme, membership__role__in=list(MENTOR_ROLES), membership__left_at__isnull=True
    ).count()
    pairs = mentees * mentors
    if settings.weight > 0 and pairs > LEARNED_MAX_PAIRS and learning_selectors.has_ready_model(programme):
        return gettext(
            "The learned part can be used for runs of at most %(limit)s mentee–mentor pairs, and this run has "
            "%(pairs)s. Set the learned part's weight to 0, or match fewer mentees at a time."
        ) % {"limit": _number(LEARNED_MAX_PAIRS), "pairs": _number(pairs)}
    if settings.min_share is not None and settings.monitored:
        if mode != "optimal":
            return gettext("The fairness guard works only with the mode that finds the best total score.")
        if pairs > GUARD_MAX_PAIRS:
            return gettext(
                "The fairness guard can be used for runs of at most %(limit)s mentee–mentor pairs, and this run "
                "has %(pairs)s. Switch the guard off in the learning settings, or match fewer mentees at a time."
            ) % {"limit": _number(GUARD_MAX_PAIRS), "pairs": _number(pairs)}
    return None


def group_labels(
    programme: Programme, mentee_ids: Sequence[str], groupings: Iterable[str], *, now: datetime
) -> dict[str, dict[str, str]]:
    """{grouping: {mentee profile id: her group}} for the monitored groupings: ``mentee_language`` (the language
    of her account), ``childcare`` ("yes" when she said she can meet only during school hours because of her
    children and her consent to use it for matching is in force, else "not_said") and ``city`` (her profile's,
    "" when she gave none)."""
    groupings = tuple(groupings)
    rows: list[tuple[Any, str, str, Any]] = []
    for chunk in _chunks(list(mentee_ids)):
        rows += Profile.objects.filter(pk__in=chunk).values_list(
            "pk", "city", "membership__user__preferred_language", "membership__user_id"
        )
    labels: dict[str, dict[str, str]] = {grouping: {} for grouping in groupings}
    needs: dict[UUID, tuple[str, ...]] = {}
    if "childcare" in groupings:
        needs = matching_needs(programme=programme, user_ids=[row[3] for row in rows], now=now)
    for pk, city, language, user_id in rows:
        values = {
            "mentee_language": language or "",
            "childcare": "yes" if CHILDCARE_EFFECTS & set(needs.get(user_id, ())) else "not_said",
            "city": (city or "").strip(),
        }
        for grouping in groupings:
            labels[grouping][str(pk)] = values.get(grouping, "")
    return labels


def _matchable(result: MatchResult, mentees: Sequence[Mentee]) -> list[str]:
    unmatched = result.unmatched
    return [m.id for m in mentees if m.id not in unmatched or not {r.code for r in unmatched[m.id]} <= NOT_MATCHABLE]


def _success(
    result: MatchResult, model: SuccessModel | None, mentees: Sequence[Mentee], mentors: Sequence[Mentor]
) -> np.ndarray | None:
    """Predicted success of each of the run's pairs (None without a model)."""
    if model is None:
        return None
    if all(LEARNED in a.parts for a in result.assignments):
        return np.array([a.parts[LEARNED] for a in result.assignments], dtype=np.float64)
    return predict_success(model, mentees, mentors, [(a.mentee_id, a.mentor_id) for a in result.assignments])


def _report(
    result: MatchResult,
    labels: dict[str, dict[str, str]],
    model: SuccessModel | None,
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
) -> dict[str, Any]:
    success = _success(result, model, mentees, mentors)
    pairs = [(a.mentee_id, a.mentor_id) for a in result.assignments]
    return {
        "groups": group_rates([m.id for m in mentees], pairs, labels, success, _matchable(result, mentees)),
        "matched": len(pairs),
        "expected_successes": round(float(success.sum()), 4) if success is not None else None,
    }


def _with_pairs(
    result: MatchResult,
    pairs: Sequence[tuple[str, str]],
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig,
    learned: LearnedPart | None,
    grouping: str,
) -> MatchResult:
    """The run's result with the guard's pairs in place of its own: the same scores and reasons, an unmatched
    mentee the guard left out says so, alternatives never name her own mentor."""
    assignments = assignments_for(mentees, mentors, pairs, config, learned)
    own = {a.mentee_id: a.mentor_id for a in assignments}
    unmatched: dict[str, tuple[Reason, ...]] = {}
    for mentee in sorted(mentees, key=lambda m: m.id):
        if mentee.id not in own:
            unmatched[mentee.id] = tuple(result.unmatched.get(mentee.id, ())) or (guard_reason(grouping),)
    alternatives: dict[str, list[Candidate]] = {}
    for mentee_id, candidates in result.alternatives.items():
        kept = [c for c in candidates if c.mentor_id != own.get(mentee_id)]
        if kept:
            alternatives[mentee_id] = [replace(c, rank=rank) for rank, c in enumerate(kept, 1)]
    stats = {k: v for k, v in result.stats.items() if k not in ("certificate", "upper_bound", "ratio_to_bound")}
    total = float(np.fromiter((a.score for a in assignments), np.float64, len(assignments)).sum())
    stats.update(matched=len(assignments), unmatched=len(unmatched), total_score=total)
    return MatchResult(assignments=assignments, alternatives=alternatives, unmatched=unmatched, stats=stats)


def learned_match(
    programme: Programme,
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig,
    *,
    mode: str,
    progress: ProgressCallback | None,
    now: datetime,
    match: Callable[..., MatchResult],
) -> tuple[MatchResult, dict[str, Any]]:
    """A run as the programme's learning settings ask for it: with the learned part (weight > 0 and a ready
    model), the monitored groups' match rates and predicted success with and without it, and the fairness guard
    (then the run's pairs are the guarded exact optimum, and its cost in total score is reported). Returns the
    result and the run's learning figures ({} when learning is off). ``match`` is the engine's
    :func:`matching.api.match` (passed in by the service that runs it)."""
    settings = learning_selectors.learning_settings(programme)
    if settings.weight <= 0 and not settings.monitored:
        return match(mentees, mentors, config, mode=mode, progress=progress), {}
    latest = learning_selectors.latest_ready(programme)
    model = learning_selectors.active_model(programme) if latest is not None else None
    learned = (
        LearnedPart(model, settings.weight, settings.target) if model is not None and settings.weight > 0 else None
    )
    result = match(mentees, mentors, config, mode=mode, progress=progress, learned=learned)
    stats: dict[str, Any] = {
        "weight": settings.weight,
        "target": settings.target,
        "used": learned is not None,
        "model_version": latest.version if latest is not None and model is not None else None,
        "base_rate": learned.base_rate if learned is not None else None,
    }
    if not settings.monitored:
        if learned is not None:
            success = _success(result, model, mentees, mentors)
            stats["expected_successes"] = round(float(success.sum()), 4) if success is not None else None
        return result, stats
    labels = group_labels(programme, [m.id for m in mentees], settings.monitored, now=now)
    without: dict[str, Any] | None = None
    if settings.min_share is not None and mode == "optimal":
        # the guard keeps one grouping's rates: the chosen one, else the first monitored
        guard_by = settings.guard_by if settings.guard_by in labels else settings.monitored[0]
        weight = learned.weight if learned is not None else 0.0
        guarded = assign_with_learning(
            mentees, mentors, config, model=model, weight=weight, monitored=labels,
            min_share=settings.min_share, guard_by=guard_by,
        )  # fmt: skip
        grouping = str(guarded.guard["grouping"]) if guarded.guard else ""
        result = _with_pairs(result, guarded.pairs, mentees, mentors, config, learned, grouping)
        stats["guard"] = dict(guarded.guard or {})
        made = {
            "groups": guarded.groups,
            "matched": len(guarded.pairs),
            "expected_successes": round(float(guarded.success.sum()), 4) if guarded.success is not None else None,
        }
        if learned is not None:
            plain = assign_with_learning(
                mentees, mentors, config, model=model, weight=0.0, monitored=labels,
                min_share=settings.min_share, guard_by=guard_by,
            )  # fmt: skip
            without = {
                "groups": plain.groups,
                "matched": len(plain.pairs),
                "expected_successes": round(float(plain.success.sum()), 4) if plain.success is not None else None,
            }
    else:
        made = _report(result, labels, model, mentees, mentors)
        if learned is not None:
            without = _report(match(mentees, mentors, config, mode=mode), labels, model, mentees, mentors)
    stats.update(monitored=list(settings.monitored), made=made, without_learned=without)
    return result, stats
