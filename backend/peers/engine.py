"""The one adapter between the database and the peer-group engine: profiles become worker records, groups and
reasons become data."""

from collections.abc import Iterable
from itertools import combinations
from typing import Any

from django.db.models import QuerySet

from matching.records import FrontlineWorker, GroupConfig, Reason
from peers.models import GroupMember, Round, RoundStatus
from profiles.models import Profile
from programmes.models import Programme, Role
from programmes.reference_data import codes
from safeguarding.blocks import blocked_user_pairs

UNKNOWN_CITY = "—"
"""Stands in for a city a member left blank, so she is still grouped (as one more place)."""


def worker_profiles(programme: Programme) -> QuerySet[Profile]:
    """Frontline workers taking part in a peer network (not those who left it or whose account is deactivated),
    with what the engine needs loaded once."""
    return (
        Profile.objects.filter(
            membership__programme=programme,
            membership__role=Role.FRONTLINE_WORKER,
            membership__user__is_active=True,
            membership__left_at__isnull=True,
        )
        .select_related("membership__user")
        .prefetch_related("languages")
        .order_by("id")
    )


def worker_record(profile: Profile) -> FrontlineWorker:
    topics = codes("topics")
    return FrontlineWorker(
        id=str(profile.pk),
        languages={skill.language: skill.level for skill in profile.languages.all()},
        city=profile.city.strip() or UNKNOWN_CITY,
        country=str(profile.country or ""),
        organisation=profile.organisation.strip(),
        role=profile.worker_role,
        topics_expertise=frozenset(t for t in profile.topics_expertise if t in topics),
        topics_interest=frozenset(t for t in profile.topics_interest if t in topics),
        availability=frozenset(profile.availability),
    )


def published_groupings(programme: Programme, *, before: Round | None = None) -> list[list[list[str]]]:
    """Member ids of each published round's groups, oldest round first."""
    rounds = Round.objects.filter(programme=programme, status=RoundStatus.PUBLISHED)
    if before is not None:
        rounds = rounds.exclude(pk=before.pk)
    order = {r: i for i, r in enumerate(rounds.order_by("published_at", "id").values_list("pk", flat=True))}
    groupings: list[dict[Any, list[str]]] = [{} for _ in order]
    rows = GroupMember.objects.filter(round_id__in=list(order)).values_list("round_id", "group_id", "profile_id")
    for round_id, group_id, profile_id in rows.order_by("group_id", "profile_id"):
        groupings[order[round_id]].setdefault(group_id, []).append(str(profile_id))
    return [list(groups.values()) for groups in groupings]


def previous_pairs(programme: Programme, *, before: Round) -> frozenset[frozenset[str]]:
    """Pairs of people grouped together in the programme's published rounds other than ``before``: the engine
    avoids them where it can (a soft rule)."""
    return frozenset(
        frozenset(pair)
        for grouping in published_groupings(programme, before=before)
        for group in grouping
        for pair in combinations(sorted(group), 2)
    )


def blocked_pairs(programme: Programme) -> frozenset[frozenset[str]]:
    """Members of the network with a block between them (safeguarding), as profile-id pairs: the engine's
    ``forbidden_pairs``, never in one group (a hard rule)."""
    profiles = dict(
        Profile.objects.filter(membership__programme=programme, membership__role=Role.FRONTLINE_WORKER).values_list(
            "membership__user_id", "pk"
        )
    )
    return frozenset(
        frozenset(str(profiles[user_id]) for user_id in pair)
        for pair in blocked_user_pairs(user_ids=set(profiles))
        if len(pair) == 2
    )


def group_config(round: Round, *, pairs: frozenset[frozenset[str]] = frozenset()) -> GroupConfig:
    return GroupConfig(
        min_size=round.min_size,
        max_size=round.max_size,
        target_size=round.target_size,
        min_distinct_cities=round.min_distinct_cities,
        topic_focus=frozenset(round.topic_focus),
        previous_pairs=pairs,
    )


def reasons_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    return [{"code": reason.code, "params": dict(reason.params)} for reason in reasons]
