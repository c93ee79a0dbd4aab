"""The peer-network workflow: open a round, members opt in or out, form draft groups in the background, move
people, publish, and ask later whether the groups met.

Every change runs in a transaction, locks the round it changes, writes its audit row and queues notifications
and tasks after commit. The caller passes the time in.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from babel.lists import format_list
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import get_language, gettext, ngettext

from accounts.models import User
from common import jobs
from common.errors import Conflict, DomainError
from common.rule_words import rule_list
from matching import groups as engine
from matching.records import MatchingInputError
from notifications.services import notify
from peers import engine as adapter
from peers.models import FollowUp, GroupMember, PeerGroup, Round, RoundParticipant, RoundStatus
from privacy.audit import audit_record
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind
from programmes.services import check_programme_open

logger = logging.getLogger(__name__)

STALE_FORMATION_AFTER = timedelta(minutes=15)

TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    # action: (states it is allowed from, state it leads to; None = stays)
    "opt": ((RoundStatus.OPEN,), None),
    "form": ((RoundStatus.OPEN, RoundStatus.DRAFT), RoundStatus.FORMING),
    "formed": ((RoundStatus.FORMING,), RoundStatus.DRAFT),
    "move": ((RoundStatus.DRAFT,), None),
    "publish": ((RoundStatus.DRAFT,), RoundStatus.PUBLISHED),
}
"""The one table of a round's life cycle: open → forming → draft → published (forming again from draft)."""

_REFUSALS = {
    "opt": "Groups of this round are already being formed or published; opting in or out is closed.",
    "form": "Groups can be formed while the round is open or in draft, not while it is {status}.",
    "move": "People can be moved only while the groups are a draft, not while the round is {status}.",
    "publish": "Only draft groups can be published; this round is {status}.",
}


class InvalidRoundState(Conflict):
    """The round is not in a state that allows this."""


class MoveBreaksRules(Conflict):
    """A move breaks group rules and the coordinator did not confirm it."""

    def __init__(self, message: str, *, reasons: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.reasons = reasons


class MoveJoinsKeptApart(Conflict):
    """A move would put two people with a block between them in one group: refused, whatever ``force`` says."""


class GroupsHoldKeptApart(Conflict):
    """A draft group holds two people with a block between them (a block made after the groups were formed)."""


def check_round_transition(action: str, *, status: str) -> str:
    allowed, target = TRANSITIONS[action]
    if status not in allowed:
        raise InvalidRoundState(_REFUSALS.get(action, "Not possible now.").format(status=status))
    return target or status


def _lock(round: Round) -> Round:
    return Round.objects.select_for_update().select_related("programme").get(pk=round.pk)


# ---------------------------------------------------------------------------------------------- rounds


def round_open(
    *,
    programme: Programme,
    by: User,
    now: datetime,
    name: str,
    min_size: int = 4,
    max_size: int = 8,
    target_size: int | None = None,
    min_distinct_cities: int = 2,
    topic_focus: Iterable[str] = (),
    avoid_repeats: bool = True,
    followup_after_days: int = 30,
) -> Round:
    """Open a round; every active member of the network is opted in and may opt out until formation."""
    if programme.kind != ProgrammeKind.PEER_NETWORK:
        raise DomainError(gettext("Rounds of peer groups are for peer networks."))
    check_programme_open(programme)
    round = Round(
        programme=programme,
        name=name.strip(),
        min_size=min_size,
        max_size=max_size,
        target_size=target_size
        if target_size is not None
        else max(min_size, min((min_size + max_size) // 2, max_size)),
        min_distinct_cities=min_distinct_cities,
        topic_focus=sorted(set(topic_focus)),
        avoid_repeats=avoid_repeats,
        followup_after_days=followup_after_days,
        created_by=by,
    )
    if not min_size <= round.target_size <= max_size:
        raise DomainError(
            gettext("The target size must lie between the smallest and the largest size."), field="target_size"
        )
    round.full_clean(exclude=["programme"], validate_constraints=False)
    try:
        with transaction.atomic():
            round.save(force_insert=True)
            RoundParticipant.objects.bulk_create(
                RoundParticipant(round=round, profile=profile, opted_in=True)
                for profile in adapter.worker_profiles(programme)
            )
            audit_record(
                action="round.open",
                target=round,
                at=now,
                actor=by,
                actor_role="coordinator",
                programme=programme,
                detail={"name": round.name},
            )
    except IntegrityError:
        raise DomainError(gettext("This programme already has a round with this name."), field="name") from None
    return round


def round_opt(*, round: Round, profile: Profile, opted_in: bool, now: datetime) -> RoundParticipant:
    """A member opts in or out; only while the round is open (409 once formation started)."""
    with transaction.atomic():
        locked = _lock(round)
        check_round_transition("opt", status=locked.status)
        participant, _created = RoundParticipant.objects.update_or_create(
            round=locked, profile=profile, defaults={"opted_in": opted_in}
        )
        audit_record(
            action="round.opt_in" if opted_in else "round.opt_out",
            target=locked,
            at=now,
            actor=profile.membership.user,
            actor_role="frontline_worker",
            programme=locked.programme,
        )
    return participant


def round_form(*, round: Round, by: User, now: datetime) -> Round:
    """Queue the formation of the round's groups; members who joined since the round opened are opted in."""
    with transaction.atomic():
        # A formation whose worker died without a trace would block the programme for ever: give up on it.
        jobs.give_up_stale(
            Round.objects.filter(programme=round.programme, status=RoundStatus.FORMING),
            now=now,
            after=STALE_FORMATION_AFTER,
            started_field="updated_at",
            fail=lambda round_id: _formation_failed(
                round_id, "The formation stopped answering and was given up; you can start it again.", now
            ),
        )
        locked = _lock(round)
        target = check_round_transition("form", status=locked.status)
        known = set(RoundParticipant.objects.filter(round=locked).values_list("profile_id", flat=True))
        RoundParticipant.objects.bulk_create(
            RoundParticipant(round=locked, profile=profile, opted_in=True)
            for profile in adapter.worker_profiles(locked.programme)
            if profile.pk not in known
        )
        if not RoundParticipant.objects.filter(round=locked, opted_in=True).exists():
            raise Conflict(gettext("Nobody has opted in to this round yet."))
        with jobs.one_at_a_time("Groups of another round of this programme are being formed; wait for it to finish."):
            Round.objects.filter(pk=locked.pk).update(
                status=target, progress=0, error="", formation_started_at=now, heartbeat_at=now, updated_at=now
            )
        audit_record(
            action="round.form", target=locked, at=now, actor=by, actor_role="coordinator", programme=locked.programme
        )
        jobs.queue_after_commit("peers.form_groups", locked.pk)
    locked.refresh_from_db()
    return locked


def _formation_progress(fraction: float, stage: str) -> dict[str, Any]:
    """Where the engine's fraction puts the formation: 5 to 90 percent (the rest is reading and writing)."""
    return {"progress": int(5 + 85 * fraction)}


def _reporting_config(round: Round) -> Any:
    """The round's rules with every earlier pair, so repeats are counted even when the round did not avoid them."""
    return adapter.group_config(round, pairs=adapter.previous_pairs(round.programme, before=round))


def _stats(
    result: engine.GroupingResult, seconds: float | None = None, *, formation: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The round's figures; ``formation`` (the stats written when the groups were formed) keeps the notes about
    the whole run and who could not be placed when the groups are described again after a change."""
    stats = result.stats
    data: dict[str, Any] = {
        "groups": stats.groups,
        "workers": stats.workers,
        "mean_similarity": round(stats.mean_similarity, 4),
        "groups_mixing_met": stats.groups_mixing_met,
        "groups_mixing_feasible": stats.groups_mixing_feasible,
        "groups_mixing_feasible_not_met": stats.groups_mixing_feasible_not_met,
        "groups_without_common_language": stats.groups_without_common_language,
        "repeat_pairs": stats.repeat_pairs,
        "same_organisation_pairs": stats.same_organisation_pairs,
        "notes": adapter.reasons_data(result.reasons),
        # Who is in no group because every group she could join holds someone she must be kept apart from.
        "unplaced": {worker: adapter.reasons_data(reasons) for worker, reasons in result.unplaced.items()},
    }
    if formation is not None:
        data["notes"] = formation.get("notes", [])
        data["unplaced"] = formation.get("unplaced", {})
    if seconds is not None:
        data["seconds"] = round(seconds, 3)
    return data


def _group_fields(group: engine.PeerGroup) -> dict[str, Any]:
    return {
        "reasons": adapter.reasons_data(group.reasons),
        "shared_topics": list(group.shared_topics),
        "shared_languages": list(group.shared_languages),
        "cities": list(group.cities),
        "organisations": list(group.organisations),
        "similarity": round(group.similarity, 4),
    }


def round_form_execute(*, round_id: UUID, clock: Callable[[], datetime]) -> Round:
    """Form the round's groups and write them in one transaction, replacing an earlier draft. Safe to call
    again: a finished formation is left alone, and an interrupted one is computed anew (nothing was written)."""
    round = Round.objects.select_related("programme").get(pk=round_id)
    if round.status != RoundStatus.FORMING:
        return round
    started = clock()
    Round.objects.filter(pk=round.pk, status=RoundStatus.FORMING).update(progress=2, heartbeat_at=started)
    try:
        profiles = list(
            adapter.worker_profiles(round.programme).filter(
                round_participations__round=round, round_participations__opted_in=True
            )
        )
        workers = [adapter.worker_record(profile) for profile in profiles]
        earlier = adapter.previous_pairs(round.programme, before=round)
        blocked = adapter.blocked_pairs(round.programme)
        config = adapter.group_config(round, pairs=earlier if round.avoid_repeats else frozenset())
        formed = engine.form_groups(
            workers,
            config,
            forbidden_pairs=blocked,
            progress=jobs.progress_writer(
                Round.objects.filter(pk=round.pk, status=RoundStatus.FORMING), clock=clock, fields=_formation_progress
            ),
        )
        result = formed
        if not round.avoid_repeats:
            # Described against every earlier pair, so the round still reports the repeats it made.
            result = engine.describe_groups(
                [g.members for g in result.groups],
                workers,
                adapter.group_config(round, pairs=earlier),
                forbidden_pairs=blocked,
            )
    except MatchingInputError as error:
        return _formation_failed(round.pk, f"The groups could not be formed: {error}", clock())
    Round.objects.filter(pk=round.pk, status=RoundStatus.FORMING).update(progress=92, heartbeat_at=clock())
    with transaction.atomic():
        locked = _lock(round)
        if locked.status != RoundStatus.FORMING:
            return locked
        result = _without_leavers(locked, result, workers, earlier, blocked)
        # A new formation replaces the draft groups of an earlier one.
        PeerGroup.objects.filter(round=locked).delete()
        groups = PeerGroup.objects.bulk_create(
            PeerGroup(round=locked, index=index, **_group_fields(group)) for index, group in enumerate(result.groups)
        )
        GroupMember.objects.bulk_create(
            GroupMember(group=row, round=locked, profile_id=UUID(member))
            for row, group in zip(groups, result.groups, strict=True)
            for member in group.members
        )
        finished = clock()
        locked.status = check_round_transition("formed", status=locked.status)
        locked.progress = 100
        locked.formed_at = finished
        locked.heartbeat_at = finished
        locked.stats = _stats(
            result, (finished - started).total_seconds(), formation=_stats(formed) if result is not formed else None
        )
        locked.save()
        audit_record(
            action="round.formed",
            target=locked,
            at=finished,
            actor=None,
            actor_role="system",
            programme=locked.programme,
            detail={"groups": len(groups), "workers": len(workers), "repeat_pairs": locked.stats["repeat_pairs"]},
        )
    return locked


def _without_leavers(
    round: Round,
    result: engine.GroupingResult,
    workers: list[Any],
    earlier: frozenset[frozenset[str]],
    blocked: frozenset[frozenset[str]],
) -> engine.GroupingResult:
    """The groups without members who left the programme while they were being formed."""
    placed = {member for group in result.groups for member in group.members}
    staying = {
        str(pk) for pk in adapter.worker_profiles(round.programme).filter(pk__in=placed).values_list("pk", flat=True)
    }
    if staying == placed:
        return result
    member_lists = [[member for member in group.members if member in staying] for group in result.groups]
    return engine.describe_groups(
        [members for members in member_lists if members],
        [worker for worker in workers if worker.id in staying],
        adapter.group_config(round, pairs=earlier),
        forbidden_pairs=blocked,
    )


def _formation_failed(round_id: UUID, message: str, now: datetime) -> Round:
    """Back to where it was: draft if an earlier formation's groups are still there, else open."""
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round_id)
        if round.status == RoundStatus.FORMING:
            round.status = RoundStatus.DRAFT if PeerGroup.objects.filter(round=round).exists() else RoundStatus.OPEN
            round.error = message
            round.progress = 0
            round.heartbeat_at = now
            round.save()
    return round


def round_form_fail(*, round_id: UUID, now: datetime) -> Round:
    """Mark a formation failed after an unexpected error; nothing of it was written."""
    return _formation_failed(
        round_id, "Forming the groups failed unexpectedly. Nothing was changed; you can start it again.", now
    )


# ------------------------------------------------------------------------------------ review and publish


def _round_members(round: Round) -> tuple[list[PeerGroup], list[list[str]], list[Any]]:
    groups = list(PeerGroup.objects.filter(round=round).order_by("index"))
    members: dict[UUID, list[str]] = {group.pk: [] for group in groups}
    profile_ids = []
    for group_id, profile_id in GroupMember.objects.filter(round=round).values_list("group_id", "profile_id"):
        members[group_id].append(str(profile_id))
        profile_ids.append(profile_id)
    profiles = Profile.objects.filter(pk__in=profile_ids).prefetch_related("languages").order_by("id")
    workers = [adapter.worker_record(profile) for profile in profiles]
    return groups, [sorted(members[group.pk]) for group in groups], workers


def _redescribe(
    round: Round, groups: list[PeerGroup], member_lists: list[list[str]], workers: list[Any]
) -> engine.GroupingResult:
    """Refresh every group's reasons and the round's figures after the groups changed."""
    described = engine.describe_groups(
        member_lists, workers, _reporting_config(round), forbidden_pairs=adapter.blocked_pairs(round.programme)
    )
    for row, group in zip(groups, described.groups, strict=True):
        for name, value in _group_fields(group).items():
            setattr(row, name, value)
    PeerGroup.objects.bulk_update(
        groups, ["reasons", "shared_topics", "shared_languages", "cities", "organisations", "similarity"]
    )
    seconds = round.stats.get("seconds")
    round.stats = _stats(described, seconds, formation=round.stats)
    return described


def group_move(
    *, round: Round, profile: Profile, to_group: int, force: bool, by: User, now: datetime
) -> tuple[list[dict[str, Any]], list[PeerGroup]]:
    """Move a member to another draft group. Rules the move breaks (engine's ``check_move``) refuse it with
    409 unless the coordinator confirms with ``force``. Returns the broken rules and the two groups changed."""
    with transaction.atomic():
        locked = _lock(round)
        check_round_transition("move", status=locked.status)
        groups, member_lists, workers = _round_members(locked)
        membership = GroupMember.objects.select_for_update().filter(round=locked, profile=profile).first()
        if membership is None:
            raise DomainError(gettext("This member is in no group of this round."), field="worker")
        if not 0 <= to_group < len(groups):
            raise DomainError(
                gettext("Choose a group between 0 and %(last)d.") % {"last": len(groups) - 1}, field="to_group"
            )
        source = next(g.index for g in groups if g.pk == membership.group_id)
        if source == to_group:
            raise DomainError(gettext("She is already in this group."), field="to_group")
        if len(member_lists[source]) == 1:
            raise DomainError(
                gettext("She is the only member of her group, and a group cannot be left empty."), field="worker"
            )
        pairs = adapter.previous_pairs(locked.programme, before=locked) if locked.avoid_repeats else frozenset()
        broken = adapter.reasons_data(
            engine.check_move(
                member_lists,
                str(profile.pk),
                to_group,
                workers,
                adapter.group_config(locked, pairs=pairs),
                forbidden_pairs=adapter.blocked_pairs(locked.programme),
            )
        )
        if any(reason["code"] == "kept_apart" for reason in broken):
            # A block is a hard rule: no confirmation overrides it. Who blocked whom is not said.
            raise MoveJoinsKeptApart(
                gettext(
                    "This move is not possible: she must be kept apart from someone in that group, for safety "
                    "reasons. Choose another group."
                )
            )
        if broken and not force:
            codes = rule_list(sorted({reason["code"] for reason in broken}))
            message = gettext("The move breaks these rules: %(codes)s. Send it again with force to move anyway.")
            raise MoveBreaksRules(message % {"codes": codes}, reasons=broken)
        membership.group = groups[to_group]
        membership.save(update_fields=["group", "updated_at"])
        member_lists[source].remove(str(profile.pk))
        member_lists[to_group].append(str(profile.pk))
        _redescribe(locked, groups, member_lists, workers)
        locked.save(update_fields=["stats", "updated_at"])
        audit_record(
            action="round.move",
            target=locked,
            at=now,
            actor=by,
            actor_role="coordinator",
            programme=locked.programme,
            detail={
                "worker": str(profile.pk),
                "from": source,
                "to": to_group,
                "forced": bool(broken),
                "broken": [reason["code"] for reason in broken],
            },
        )
    return broken, [groups[source], groups[to_group]]


class GroupsOutsideSizeRange(Conflict):
    """Some draft groups have fewer or more members than the round allows (after forced moves, or because the
    members could not be split into groups of the range at all)."""


def _check_group_sizes(round: Round, groups: list[PeerGroup], member_lists: list[list[str]]) -> None:
    """Groups always respect the round's size range: refuse, naming each group outside it and its size."""
    low, high = round.min_size, round.max_size
    outside = [
        (group.index, len(members))
        for group, members in zip(groups, member_lists, strict=True)
        if not low <= len(members) <= high
    ]
    if not outside:
        return
    # Groups are numbered from 1, as the coordinators' page shows them.
    named = format_list(
        [
            ngettext("group %(number)d has %(size)d member", "group %(number)d has %(size)d members", size)
            % {"number": index + 1, "size": size}
            for index, size in outside
        ],
        locale=get_language() or "en",
    )
    members, count = sum(len(m) for m in member_lists), len(member_lists)
    sizes = {"low": low, "high": high, "members": members, "count": count}
    if count * low <= members <= count * high:
        advice = gettext("Move people so that every group has %(low)d–%(high)d members, then publish.") % sizes
    else:
        advice = (
            ngettext(
                "%(members)d members cannot be split into %(count)d group of %(low)d–%(high)d: "
                "open a new round with another size range.",
                "%(members)d members cannot be split into %(count)d groups of %(low)d–%(high)d: "
                "open a new round with another size range.",
                count,
            )
            % sizes
        )
    message = gettext("These groups are outside the round's size range of %(low)d–%(high)d members: %(groups)s.")
    raise GroupsOutsideSizeRange(f"{message % {**sizes, 'groups': named}} {advice}")


def round_publish(*, round: Round, by: User, now: datetime) -> Round:
    """Publish the draft groups; each member is told once, in her own language. Refused (409) while a group is
    outside the round's size range."""
    with transaction.atomic():
        locked = _lock(round)
        target = check_round_transition("publish", status=locked.status)
        groups, member_lists, workers = _round_members(locked)
        if not groups:
            raise Conflict(gettext("This round has no groups to publish."))
        _check_group_sizes(locked, groups, member_lists)
        described = _redescribe(locked, groups, member_lists, workers)
        kept_apart = [
            group.index
            for group, row in zip(groups, described.groups, strict=True)
            if any(reason.code == "kept_apart_together" for reason in row.reasons)
        ]
        if kept_apart:
            named = ", ".join(str(index + 1) for index in kept_apart)
            raise GroupsHoldKeptApart(
                gettext(
                    "These groups hold two people who must be kept apart, for safety reasons: {groups}. Move one "
                    "of them to another group, then publish."
                ).format(groups=named)
            )
        locked.status = target
        locked.published_at = now
        locked.save()
        audit_record(
            action="round.publish",
            target=locked,
            at=now,
            actor=by,
            actor_role="coordinator",
            programme=locked.programme,
            detail={"groups": len(groups), "repeat_pairs": locked.stats["repeat_pairs"]},
        )
        members = GroupMember.objects.filter(round=locked).select_related("profile__membership__user")
        for member in members:
            notify(
                user=member.profile.membership.user,
                kind="groups_published",
                params={"round": locked.name, "programme": locked.programme.name},
                programme=locked.programme,
                dedupe_key=f"groups_published:{locked.pk}:{member.profile_id}",
                now=now,
            )
    return locked


# ------------------------------------------------------------------------------------------- follow-up


def followups_send_due(*, now: datetime) -> int:
    """Ask each member of groups published long enough ago, once, whether her group met."""
    asked = 0
    due = (
        GroupMember.objects.filter(
            round__status=RoundStatus.PUBLISHED, followup_asked_at__isnull=True, left_at__isnull=True
        )
        .select_related("round__programme", "profile__membership__user")
        .order_by("round_id", "group_id")
    )
    for member in due:
        round = member.round
        if round.published_at is None or round.published_at + timedelta(days=round.followup_after_days) > now:
            continue
        with transaction.atomic():
            updated = GroupMember.objects.filter(pk=member.pk, followup_asked_at__isnull=True).update(
                followup_asked_at=now, updated_at=now
            )
            if updated:
                notify(
                    user=member.profile.membership.user,
                    kind="group_followup",
                    params={"round": round.name, "programme": round.programme.name},
                    programme=round.programme,
                    dedupe_key=f"group_followup:{member.group_id}:{member.profile_id}",
                    now=now,
                )
                asked += 1
    return asked


def followup_answer(
    *, group: PeerGroup, profile: Profile, met: bool, rating: int | None, comment: str, now: datetime
) -> FollowUp:
    """A member says whether her group met, with a short rating; once per member and group."""
    if group.round.status != RoundStatus.PUBLISHED:
        raise InvalidRoundState(gettext("This group is not published."))
    if FollowUp.objects.filter(group=group, profile=profile).exists():
        raise Conflict(gettext("You have already answered for this group."))
    try:
        with transaction.atomic():
            answer = FollowUp(group=group, profile=profile, met=met, rating=rating, comment=comment, answered_at=now)
            answer.full_clean(validate_constraints=False)
            answer.save()
            audit_record(
                action="group.followup",
                target=group,
                at=now,
                actor=profile.membership.user,
                actor_role="frontline_worker",
                programme=group.round.programme,
            )
    except IntegrityError:
        raise Conflict(gettext("You have already answered for this group.")) from None
    return answer


# --------------------------------------------------------------------------------------------- leaving


def member_leave(*, profile: Profile, now: datetime) -> None:
    """She leaves the peer network (the leave use case, usecases.leave, calls this with her other apps).

    Her opt-ins to rounds not yet published go, so no formation places her; she leaves draft groups (a group
    left empty goes, and the draft's figures are described anew); in published groups she stays on record as
    having left, so her group sees that a member left, and she is asked no follow-up.
    """
    with transaction.atomic():
        round_ids = (
            Round.objects.filter(Q(participants__profile=profile) | Q(groups__members__profile=profile))
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for round_id in list(round_ids):
            locked = Round.objects.select_for_update().select_related("programme").get(pk=round_id)
            if locked.status == RoundStatus.PUBLISHED:
                changed = GroupMember.objects.filter(round=locked, profile=profile, left_at__isnull=True).update(
                    left_at=now, updated_at=now
                )
            else:
                changed = RoundParticipant.objects.filter(round=locked, profile=profile).delete()[0]
            if locked.status == RoundStatus.DRAFT:
                changed += _leave_draft(locked, profile)
            if not changed:
                continue  # she had left this round already: replaying changes nothing
            audit_record(
                action="round.member_left",
                target=locked,
                at=now,
                actor=None,
                actor_role="system",
                programme=locked.programme,
                detail={"worker": str(profile.pk)},
            )


def _leave_draft(round: Round, profile: Profile) -> int:
    member = GroupMember.objects.filter(round=round, profile=profile).select_related("group").first()
    if member is None:
        return 0
    group = member.group
    member.delete()
    if not GroupMember.objects.filter(group=group).exists():
        group.delete()
        # Keep the groups numbered 0..n-1, lowest first so that no two share an index on the way.
        for later in PeerGroup.objects.filter(round=round, index__gt=group.index).order_by("index"):
            later.index -= 1
            later.save(update_fields=["index", "updated_at"])
    groups, member_lists, workers = _round_members(round)
    if groups:
        _redescribe(round, groups, member_lists, workers)
        round.save(update_fields=["stats", "updated_at"])
    return 1
