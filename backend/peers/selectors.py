"""Reads of peer networks, with the permission filter built in: coordinators see their programmes' rounds,
a member sees the rounds of her network and only her own published groups."""

from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotAllowed, NotFound
from matching import groups as engine
from matching.records import AVAILABILITY_SLOTS
from peers import engine as adapter
from peers.models import FollowUp, GroupMember, PeerGroup, Round, RoundParticipant, RoundStatus
from peers.resources import resources_for
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind, Role
from programmes.selectors import is_coordinator
from safeguarding.blocks import hidden_from

MEMBER_REASONS = ("shared_topics", "shared_language", "cities_mixed", "organisations_mixed")
"""What a member is told about why her group was formed; the rest (repeats, rule breaks) is the coordinators'."""


def worker_profile(*, user: User, programme: Programme) -> Profile | None:
    return (
        Profile.objects.select_related("membership__user")
        .filter(
            membership__user=user,
            membership__programme=programme,
            membership__role=Role.FRONTLINE_WORKER,
            membership__left_at__isnull=True,
        )
        .first()
    )


def _role_in(user: User, programme: Programme) -> str | None:
    if programme.kind != ProgrammeKind.PEER_NETWORK:
        return None
    if is_coordinator(user=user, programme=programme):
        return "coordinator"
    if worker_profile(user=user, programme=programme) is not None:
        return "member"
    return None


def programme_for(*, user: User, programme_id: UUID) -> tuple[Programme, str]:
    programme = Programme.objects.filter(pk=programme_id).first()
    role = _role_in(user, programme) if programme is not None else None
    if programme is None or role is None:
        raise NotFound(gettext("No such peer network among yours."))
    return programme, role


def rounds_for(*, user: User, programme: Programme) -> QuerySet[Round]:
    if _role_in(user, programme) is None:
        return Round.objects.none()
    return Round.objects.filter(programme=programme).select_related("programme").order_by("-created_at")


def round_for(*, user: User, round_id: UUID) -> tuple[Round, str]:
    """The round and the caller's part in it (coordinator or member); 404 for anyone else."""
    round = Round.objects.select_related("programme").filter(pk=round_id).first()
    role = _role_in(user, round.programme) if round is not None else None
    if round is None or role is None:
        raise NotFound(gettext("No such round among those of your networks."))
    return round, role


def require_coordinator(role: str) -> None:
    if role != "coordinator":
        raise NotAllowed(gettext("Only the programme's coordinators can do this."))


def my_participation(*, user: User, round: Round) -> bool | None:
    """Whether the member takes part in the round (None for a coordinator)."""
    profile = worker_profile(user=user, programme=round.programme)
    if profile is None:
        return None
    row = RoundParticipant.objects.filter(round=round, profile=profile).first()
    # Members who joined after the round opened are opted in by default.
    return True if row is None else row.opted_in


def opt_ins(*, round: Round) -> dict[str, Any]:
    """Who takes part in the round: active members, opted in unless they opted out (also those who joined later),
    counted per city (the caller checked the coordinator role)."""
    opted_out = set(RoundParticipant.objects.filter(round=round, opted_in=False).values_list("profile_id", flat=True))
    cities: dict[tuple[str, str], dict[str, Any]] = {}
    for profile_id, city, country in adapter.worker_profiles(round.programme).values_list("id", "city", "country"):
        row = cities.setdefault(
            (city, str(country)), {"city": city, "country": str(country), "opted_in": 0, "opted_out": 0}
        )
        row["opted_out" if profile_id in opted_out else "opted_in"] += 1
    rows = sorted(cities.values(), key=lambda row: (-row["opted_in"], row["city"]))
    return {
        "round": round.pk,
        "members": sum(row["opted_in"] + row["opted_out"] for row in rows),
        "opted_in": sum(row["opted_in"] for row in rows),
        "opted_out": sum(row["opted_out"] for row in rows),
        "cities": rows,
    }


def _with_members(groups: QuerySet[PeerGroup]) -> QuerySet[PeerGroup]:
    return groups.prefetch_related(
        Prefetch(
            "members",
            queryset=GroupMember.objects.select_related("profile__membership__user")
            .prefetch_related("profile__languages")
            .order_by("profile__membership__user__display_name", "profile_id"),
        )
    )


def groups_of_round(*, round: Round) -> QuerySet[PeerGroup]:
    """A round's draft or published groups for its coordinators (the caller checked the role)."""
    return _with_members(PeerGroup.objects.filter(round=round).order_by("index"))


def groups_for_member(*, user: User) -> QuerySet[PeerGroup]:
    """Her published groups, current first (not those she left). Her profile ids are read first as values, then
    her groups by their indexed member rows: no join from every group to memberships, and no DISTINCT."""
    mine = list(Profile.objects.filter(membership__user=user).values_list("pk", flat=True))
    groups = GroupMember.objects.filter(profile_id__in=mine, left_at__isnull=True).values("group_id")
    return _with_members(
        PeerGroup.objects.filter(pk__in=groups, round__status=RoundStatus.PUBLISHED)
        .select_related("round__programme")
        .order_by("-round__published_at", "id")
    )


def group_for_member(*, user: User, group_id: UUID) -> PeerGroup:
    group = groups_for_member(user=user).filter(pk=group_id).first()
    if group is None:
        raise NotFound(gettext("No such group among yours."))
    return group


def suggested_slot(availabilities: list[list[str]]) -> dict[str, Any] | None:
    """The weekly slot most members can make (earliest in the week on a tie), with how many can."""
    counts = Counter(slot for slots in availabilities for slot in set(slots) if slot in AVAILABILITY_SLOTS)
    if not counts:
        return None
    slot = min(counts, key=lambda s: (-counts[s], AVAILABILITY_SLOTS.index(s)))
    return {"slot": slot, "available": counts[slot], "members": len(availabilities)}


def member_views(*, groups: list[PeerGroup], user: User) -> list[dict[str, Any]]:
    """Her groups as she sees them: the members' public card and only the contact details each chose to share."""
    answers = {a.group_id: a for a in FollowUp.objects.filter(group__in=groups, profile__membership__user=user)}
    programmes = {group.round.programme_id for group in groups}
    latest = dict(
        Round.objects.filter(programme_id__in=programmes, status=RoundStatus.PUBLISHED)
        .values("programme_id")
        .annotate(latest=Max("published_at"))
        .values_list("programme_id", "latest")
    )
    # Safeguarding: members who blocked her are left out of her view of the group (card and contact).
    hidden = hidden_from(viewer_id=user.pk)
    return [
        _member_view(group, user, answers.get(group.pk), latest.get(group.round.programme_id), hidden)
        for group in groups
    ]


def _member_view(
    group: PeerGroup,
    user: User,
    answer: FollowUp | None,
    latest: datetime | None,
    hidden: frozenset[Any] = frozenset(),
) -> dict[str, Any]:
    # Members who left the programme are no longer listed; the group sees how many left.
    members = [m for m in group.members.all() if m.left_at is None]
    left = len(group.members.all()) - len(members)
    me = next(m for m in members if m.profile.membership.user_id == user.pk)
    round = group.round
    due_at = round.published_at + timedelta(days=round.followup_after_days) if round.published_at else None
    people: list[dict[str, Any]] = []
    for member in members:
        profile = member.profile
        person = profile.membership.user
        if person.pk in hidden:  # safeguarding: she was blocked by this member
            continue
        people.append(
            {
                "profile": profile.pk,  # safeguarding: what a report or block names
                "name": person.display_name,
                "address_as": person.address_as,
                "is_me": member.pk == me.pk,
                "role": profile.worker_role,
                "organisation": profile.organisation,
                "city": profile.city,
                "topics_expertise": list(profile.topics_expertise),
                "topics_interest": list(profile.topics_interest),
                "email": person.email if profile.share_email and person.email else None,
                "phone": person.phone if profile.share_phone and person.phone else None,
            }
        )
    return {
        "id": group.pk,
        "programme": round.programme_id,
        "round": {"id": round.pk, "name": round.name, "published_at": round.published_at},
        "current": latest is None or round.published_at == latest,
        "shared_topics": group.shared_topics,
        "shared_languages": group.shared_languages,
        "cities": group.cities,
        "reasons": [reason for reason in group.reasons if reason["code"] in MEMBER_REASONS],
        "members": people,
        "members_left": left,
        "first_meeting": suggested_slot([m.profile.availability for m in members]),
        "resources": resources_for(group.shared_topics or sorted({t for p in people for t in p["topics_interest"]})),
        "followup": {
            "due_at": due_at,
            "asked": me.followup_asked_at is not None,
            "answered": answer is not None,
            "met": answer.met if answer else None,
            "rating": answer.rating if answer else None,
        },
    }


def participation(*, round: Round) -> dict[str, Any]:
    """Follow-up answers per group: who answered, % met, average rating."""
    groups = groups_of_round(round=round).prefetch_related(
        Prefetch("followups", queryset=FollowUp.objects.select_related("profile__membership__user"))
    )
    rows = []
    all_answers: list[FollowUp] = []
    members_total = 0
    for group in groups:
        answers = list(group.followups.all())
        all_answers += answers
        size = len(group.members.all())
        members_total += size
        rows.append({"id": group.pk, "index": group.index, "members": size, **_figures(answers)})
        rows[-1]["answers"] = [
            {
                "profile": a.profile_id,
                "name": a.profile.membership.user.display_name,
                "met": a.met,
                "rating": a.rating,
                "comment": a.comment,
                "answered_at": a.answered_at,
            }
            for a in answers
        ]
    return {"round": round.pk, "members": members_total, **_figures(all_answers), "groups": rows}


def _figures(answers: list[FollowUp]) -> dict[str, Any]:
    ratings = [a.rating for a in answers if a.rating is not None]
    return {
        "answered": len(answers),
        "met": sum(1 for a in answers if a.met),
        "percent_met": round(100 * sum(1 for a in answers if a.met) / len(answers), 1) if answers else None,
        "average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def network(*, programme: Programme) -> dict[str, Any]:
    """Who has been grouped with whom across published rounds: nodes, weighted edges and a summary to draw."""
    profiles = list(adapter.worker_profiles(programme))
    workers = [adapter.worker_record(profile) for profile in profiles]
    known = {w.id for w in workers}
    rounds = list(
        Round.objects.filter(programme=programme, status=RoundStatus.PUBLISHED)
        .order_by("published_at", "id")
        .values("id", "name", "published_at")
    )
    groupings = [
        [[member for member in group if member in known] for group in grouping]
        for grouping in adapter.published_groupings(programme)
    ]
    graph = engine.grouping_graph(groupings, workers)
    summary = engine.network_summary(graph, workers)
    names = {str(p.pk): p.membership.user.display_name for p in profiles}
    roles = {str(p.pk): p.worker_role for p in profiles}
    nodes = [
        {
            "id": node,
            "name": names[node],
            "role": roles[node],
            "city": data["city"],
            "country": data["country"],
            "organisation": data["organisation"],
            "reach": summary.reach[node],
            "cities_reached": summary.cities_reached[node],
        }
        for node, data in sorted(graph.nodes(data=True))
    ]
    edges = [
        {"source": a, "target": b, "weight": data["weight"], "rounds": [str(rounds[i]["id"]) for i in data["rounds"]]}
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
    ]
    reaches = list(summary.reach.values())
    return {
        "rounds": rounds,
        "nodes": nodes,
        "edges": edges,
        "summary": {
            "members": len(nodes),
            "ties": len(edges),
            "cross_city_ties": sum(summary.city_ties.values()),
            "mean_reach": round(sum(reaches) / len(reaches), 2) if reaches else 0,
            "cities": len({w.city for w in workers}),
            "city_ties": [{"cities": list(pair), "ties": count} for pair, count in summary.city_ties.items()],
            "city_components": [list(component) for component in summary.city_components],
            "isolated": list(summary.isolated),
        },
    }
