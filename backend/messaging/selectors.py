"""Reads of conversations, with the rule built in: only a conversation's participants ever read it.

A match's conversation belongs to its mentee and mentor once the mentor accepted (active, then paused or
closed: readable; only an active match takes new messages). A peer group's belongs to its members while its
round is published and they have not left. Coordinators and admins get the answer an unknown id gets.
"""

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Count, DateTimeField, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from common.errors import DomainError, NotFound
from mentoring.models import Match, MatchState
from messaging.models import (
    Conversation,
    ConversationKind,
    ConversationRead,
    FirstMeeting,
    Message,
    MessagingSettings,
)
from peers.models import GroupMember, PeerGroup, Round, RoundStatus
from profiles.models import Profile
from programmes.models import Membership, Programme
from safeguarding.blocks import blocked_either_way
from safeguarding.models import Block

READABLE_MATCH_STATES = (MatchState.ACTIVE, MatchState.PAUSED, MatchState.CLOSED)
"""A match's conversation exists from the mentor's yes; a paused or closed match keeps it to read."""

_NEVER = datetime(1970, 1, 1, tzinfo=timezone.get_fixed_timezone(0))
PAGE_SIZE = 30


@dataclass(frozen=True)
class Place:
    """Where a conversation is, as the caller may see it: its match or group, and whether she may write now."""

    kind: str
    target: Match | PeerGroup
    user: User
    can_write: bool
    closed_reason: str
    """Why she cannot write (empty when she can), in plain words."""
    _read: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What this request has read already: the conversation once it exists, the people blocked either way."""

    @property
    def programme_id(self) -> UUID:
        return self.target.programme_id if isinstance(self.target, Match) else self.target.round.programme_id

    def lookup(self) -> dict[str, Any]:
        return {"match": self.target} if self.kind == ConversationKind.MATCH else {"group": self.target}

    def conversation(self) -> Conversation | None:
        """Its conversation, None until someone writes (read once it exists: it is never removed meanwhile)."""
        if "conversation" not in self._read:
            found = Conversation.objects.filter(**self.lookup()).first()
            if found is None:
                return None
            self._read["conversation"] = found
        conversation: Conversation = self._read["conversation"]
        return conversation

    def hidden(self) -> frozenset[UUID]:
        """The people she blocked or who blocked her (blocked_either_way), read once per request."""
        if "hidden" not in self._read:
            self._read["hidden"] = blocked_either_way(user_id=self.user.pk)
        hidden: frozenset[UUID] = self._read["hidden"]
        return hidden

    def other_member_ids(self) -> list[UUID]:
        if isinstance(self.target, Match):
            ids = {self.target.mentee.membership.user_id, self.target.mentor.membership.user_id}
        else:
            ids = set(
                GroupMember.objects.filter(group=self.target, left_at__isnull=True).values_list(
                    "profile__membership__user_id", flat=True
                )
            )
        ids.discard(self.user.pk)
        return sorted(ids)


def _profiles_of(user: User) -> list[UUID]:
    """Her profile ids (one per programme she takes part in): a tiny indexed read. As literal values, they let the
    database find her matches by their indexed sides; as a subquery OR'd over two columns, PostgreSQL scans every
    active match of the site instead."""
    return list(Profile.objects.filter(membership__user=user).values_list("pk", flat=True))


def _readable_matches() -> QuerySet[Match]:
    """The matches whose conversation can be read: the mentor accepted, and the match is in a readable state."""
    return Match.objects.filter(state__in=READABLE_MATCH_STATES, accepted_at__isnull=False)


def _matches_of(user: User, profiles: list[UUID] | None = None) -> QuerySet[Match]:
    mine = _profiles_of(user) if profiles is None else profiles
    return _readable_matches().filter(Q(mentee_id__in=mine) | Q(mentor_id__in=mine))


def _groups_of(user: User, profiles: list[UUID] | None = None) -> QuerySet[PeerGroup]:
    mine = _profiles_of(user) if profiles is None else profiles
    groups = GroupMember.objects.filter(profile_id__in=mine, left_at__isnull=True).values("group_id")
    return PeerGroup.objects.filter(pk__in=groups, round__status=RoundStatus.PUBLISHED)


def match_place(*, user: User, match_id: UUID) -> Place:
    """Her match's conversation (_matches_of's rule, checked on the match found by its key: one query, not her
    profiles first), and whether she can write there; the people blocked either way are read for its messages."""
    match = (
        _readable_matches()
        .filter(pk=match_id)
        .select_related("mentee__membership__user", "mentor__membership__user")
        .first()
    )
    if match is None or user.pk not in (match.mentee.membership.user_id, match.mentor.membership.user_id):
        raise NotFound(gettext("No such conversation among yours."))
    hidden = blocked_either_way(user_id=user.pk)
    reason = _closed_reason(match.state, blocked=other_in(match, user).membership.user_id in hidden)
    return Place(ConversationKind.MATCH, match, user, not reason, reason, {"hidden": hidden})


def other_in(match: Match, user: User) -> Any:
    """The other side of her match (its mentor if she is the mentee, else its mentee)."""
    return match.mentor if match.mentee.membership.user_id == user.pk else match.mentee


def _closed_reason(state: str, *, blocked: bool) -> str:
    """Why nobody can write in a match's conversation now (the match in this state, either of them blocked by the
    other or not), in plain words; empty when they can."""
    if blocked:
        return gettext("You cannot write here any more: one of you blocked the other.")
    if state != MatchState.ACTIVE:
        return gettext("This match is not active, so no new messages can be sent. You can still read them.")
    return ""


def group_place(*, user: User, group_id: UUID) -> Place:
    group = _groups_of(user).select_related("round").filter(pk=group_id).first()
    if group is None:
        raise NotFound(gettext("No such conversation among yours."))
    return Place(ConversationKind.GROUP, group, user, True, "")


def place_for(*, user: User, kind: str, target_id: UUID) -> Place:
    return match_place(user=user, match_id=target_id) if kind == "match" else group_place(user=user, group_id=target_id)


@dataclass(frozen=True)
class Entry:
    """One conversation in her list: a match's or a group's, whether or not anyone wrote yet."""

    kind: str
    id: UUID
    programme: UUID
    programme_name: str
    title: str
    """The other side's first name in a match (empty when either blocked the other); the round and group number
    in a group."""
    can_write: bool
    unread: int
    last_message_at: datetime | None


def conversations_for(*, user: User) -> list[Entry]:
    """Her conversations, the most recent first, with unread counts: one statement (:func:`_statement`), whatever
    she is in, polled by every open tab of the web app. The unread counts follow the header's rule in the same text.
    """
    with connection.cursor() as cursor:
        cursor.execute(_statement("entries"), _parameters(user, user_repeats=6))
        rows = cursor.fetchall()
    to_datetime = getattr(connection.ops, "convert_datetimefield_value", None)  # SQLite hands back text
    entries: dict[UUID, Entry] = {}
    for place, target, programme, programme_name, state, other_name, round_name, index, last, blocked, unread in rows:
        key = UUID(str(target))
        if key in entries:
            continue  # a match with her on both sides (two profiles of hers): listed once, as its mentee's
        if last is not None and to_datetime is not None:
            last = to_datetime(last, None, connection)
        if place == IN_GROUP:
            kind, title, can_write = ConversationKind.GROUP, f"{round_name} · {int(index) + 1}", True
        else:
            kind, title = ConversationKind.MATCH, "" if blocked else other_name
            can_write = not _closed_reason(state, blocked=bool(blocked))
        entries[key] = Entry(kind, key, UUID(str(programme)), programme_name, title, can_write, int(unread), last)
    return sorted(entries.values(), key=lambda e: (e.last_message_at or _NEVER, str(e.id)), reverse=True)


def unread_total(*, user: User) -> int:
    """What the header shows, polled by every open tab: a count over her conversations by the list's own rule.

    One statement, written once (:func:`_statement`) rather than five built by the ORM on each poll: its text
    never changes, so PostgreSQL prepares it once per connection."""
    with connection.cursor() as cursor:
        cursor.execute(_statement("count"), _parameters(user, user_repeats=4))
        (count,) = cursor.fetchone()
    return int(count)


def _parameters(user: User, *, user_repeats: int) -> list[Any]:
    """A statement's parameters: her id, the readable states twice, the published status, then her id
    ``user_repeats`` times (four in the header's count, six in her list)."""
    user_id, states = _user_value(user), [str(state) for state in READABLE_MATCH_STATES]
    return [user_id, *states, *states, str(RoundStatus.PUBLISHED), *[user_id] * user_repeats]


def _user_value(user: User) -> Any:
    return User._meta.pk.get_db_prep_value(user.pk, connection)


AS_MENTEE, AS_MENTOR, IN_GROUP = 0, 1, 2
"""Where she is in an entry of her list's statement (its rows come in this order)."""


@functools.cache
def _statement(kind: str) -> str:
    """The header's count (``"count"``) or her list (``"entries"``: per match or group of hers whether it is a
    group, its id, programme and programme name, the match's state and the other side's first name, the group's
    round name and number, the last message's time, whether she and the other side blocked one another, and the
    unread count), by one rule: others' messages, not deleted, after what she read (all if she never opened the
    conversation), not from anyone blocked either way, in the conversations her list shows (matches she is in once
    the mentor accepted, in a readable state; groups she has not left in a published round).

    Written once, not built by the ORM on each request: the text never changes, so PostgreSQL prepares it once per
    connection. Her matches and groups are found from her profiles through each indexed side (her matches as mentee,
    as mentor, her groups) in a union: OR'd together, PostgreSQL would scan every conversation and message of the
    site."""
    quote = connection.ops.quote_name

    def table(model: type[Any]) -> str:
        return quote(model._meta.db_table)

    def column(model: type[Any], field: str) -> str:
        return quote(model._meta.get_field(field).column)

    key = quote("id")
    states = ", ".join(["%s"] * len(READABLE_MATCH_STATES))
    conversation, last = column(Conversation, "match"), column(Conversation, "last_message_at")
    mine = (
        f"mine AS (SELECT p.{key} AS id FROM {table(Profile)} p"
        f" JOIN {table(Membership)} ms ON ms.{key} = p.{column(Profile, 'membership')}"
        f" WHERE ms.{column(Membership, 'user')} = %s)"
    )
    readable = f"mt.{column(Match, 'state')} IN ({states}) AND mt.{column(Match, 'accepted_at')} IS NOT NULL"
    hers_in_group = (
        f"g.{key} IN (SELECT gm.{column(GroupMember, 'group')} FROM {table(GroupMember)} gm"
        f" WHERE gm.{column(GroupMember, 'left_at')} IS NULL"
        f" AND gm.{column(GroupMember, 'profile')} IN (SELECT id FROM mine))"
    )
    in_round = (
        f"JOIN {table(Round)} r ON r.{key} = g.{column(PeerGroup, 'round')}"
        f" WHERE r.{column(Round, 'status')} = %s AND {hers_in_group}"
    )

    def unread(conversation_id: str) -> str:
        sender, read_at = f"m.{column(Message, 'sender')}", f"cr.{column(ConversationRead, 'read_at')}"
        return (
            f"(SELECT COUNT(*) FROM {table(Message)} m LEFT JOIN {table(ConversationRead)} cr"
            f" ON cr.{column(ConversationRead, 'conversation')} = m.{column(Message, 'conversation')}"
            f" AND cr.{column(ConversationRead, 'user')} = %s"
            f" WHERE m.{column(Message, 'conversation')} = {conversation_id}"
            f" AND m.{column(Message, 'deleted_at')} IS NULL AND ({sender} IS NULL OR {sender} <> %s)"
            f" AND ({read_at} IS NULL OR m.{column(Message, 'sent_at')} > {read_at})"
            f" AND NOT {blocked_either_way_with(sender)})"
        )

    def blocked_either_way_with(other: str) -> str:
        blocker, blocked = column(Block, "blocker"), column(Block, "blocked")
        return (
            f"EXISTS (SELECT 1 FROM {table(Block)} b WHERE (b.{blocker} = %s AND b.{blocked} = {other})"
            f" OR (b.{blocked} = %s AND b.{blocker} = {other}))"
        )

    if kind == "count":
        kept = f"c.{key} AS {key}"

        def conversations_of(side: str) -> str:
            return (
                f"SELECT {kept} FROM {table(Conversation)} c JOIN {table(Match)} mt ON mt.{key} = c.{conversation}"
                f" WHERE mt.{column(Match, side)} IN (SELECT id FROM mine) AND {readable}"
            )

        hers = (
            f"WITH {mine}, hers AS ({conversations_of('mentee')} UNION {conversations_of('mentor')} UNION"
            f" SELECT {kept} FROM {table(Conversation)} c"
            f" JOIN {table(PeerGroup)} g ON g.{key} = c.{column(Conversation, 'group')} {in_round})"
        )
        listed = f"SELECT {unread(f'hers.{key}')} AS unread FROM hers"
        return f"{hers} SELECT COALESCE(SUM(unread), 0) FROM ({listed}) listed"

    def matches_as(side: str, other_side: str) -> str:
        # the other side's account: her first name and whether either blocked the other
        place = AS_MENTEE if side == "mentee" else AS_MENTOR
        return (
            f"SELECT {place} AS place, mt.{key} AS target, mt.{column(Match, 'programme')} AS programme,"
            f" mt.{column(Match, 'state')} AS state, u.{key} AS other, u.{column(User, 'display_name')} AS other_name,"
            f" CAST(NULL AS TEXT) AS round_name, CAST(NULL AS INTEGER) AS position,"
            f" c.{key} AS conversation, c.{last} AS last_at"
            f" FROM {table(Match)} mt"
            f" JOIN {table(Profile)} op ON op.{key} = mt.{column(Match, other_side)}"
            f" JOIN {table(Membership)} om ON om.{key} = op.{column(Profile, 'membership')}"
            f" JOIN {table(User)} u ON u.{key} = om.{column(Membership, 'user')}"
            f" LEFT JOIN {table(Conversation)} c ON c.{conversation} = mt.{key}"
            f" WHERE mt.{column(Match, side)} IN (SELECT id FROM mine) AND {readable}"
        )

    targets = (
        f"{matches_as('mentee', 'mentor')} UNION ALL {matches_as('mentor', 'mentee')} UNION ALL"
        f" SELECT {IN_GROUP}, g.{key}, r.{column(Round, 'programme')}, NULL, NULL, NULL, r.{column(Round, 'name')},"
        f" g.{column(PeerGroup, 'index')}, c.{key}, c.{last}"
        f" FROM {table(PeerGroup)} g LEFT JOIN {table(Conversation)} c ON c.{column(Conversation, 'group')} = g.{key}"
        f" {in_round}"
    )
    return (
        f"WITH {mine}, targets AS ({targets})"
        f" SELECT t.place, t.target, t.programme, pg.{column(Programme, 'name')}, t.state, t.other_name,"
        f" t.round_name, t.position, t.last_at,"
        f" CASE WHEN t.other IS NULL THEN 0 WHEN {blocked_either_way_with('t.other')} THEN 1 ELSE 0 END,"
        f" CASE WHEN t.conversation IS NULL THEN 0 ELSE {unread('t.conversation')} END"
        f" FROM targets t JOIN {table(Programme)} pg ON pg.{key} = t.programme"
        f" ORDER BY t.place, t.target"
    )


def messages_page(*, place: Place, before: UUID | None, size: int = PAGE_SIZE) -> tuple[list[Message], bool]:
    """Up to ``size`` messages, newest first, older than the message ``before`` (from the newest without it);
    and whether older ones remain. Messages of people she blocked or who blocked her are left out."""
    conversation = place.conversation()
    if conversation is None:
        if before is not None:
            raise NotFound(gettext("No such message in this conversation."))
        return [], False
    messages = (
        Message.objects.filter(conversation=conversation)
        .exclude(sender__in=place.hidden())
        .select_related("sender")
        .order_by("-sent_at", "-id")
    )
    if before is not None:
        anchor = Message.objects.filter(conversation=conversation, pk=before).values("sent_at", "pk").first()
        if anchor is None:
            raise NotFound(gettext("No such message in this conversation."))
        messages = messages.filter(Q(sent_at__lt=anchor["sent_at"]) | Q(sent_at=anchor["sent_at"], pk__lt=anchor["pk"]))
    found = list(messages[: size + 1])
    return found[:size], len(found) > size


def sender_profiles(*, place: Place) -> dict[UUID, UUID]:
    """In a group, each member's (and former member's) profile by user: what a report names as its person. A
    match's messages need none (a report there is about the other side)."""
    if place.kind != ConversationKind.GROUP:
        return {}
    rows = GroupMember.objects.filter(group_id=place.target.pk).values_list(
        "profile__membership__user_id", "profile_id"
    )
    return dict(rows)


def messages_for_export(*, user: User) -> list[dict[str, Any]]:
    """For her data export: every message she wrote, and those she received in her conversations (not from
    people she blocked or who blocked her), oldest first."""
    mine = Q(sender=user)
    received = Q(conversation__match__in=_matches_of(user).values("pk")) | Q(
        conversation__group__in=_groups_of(user).values("pk")
    )
    messages = (
        Message.objects.filter(mine | (received & ~Q(sender__in=blocked_either_way(user_id=user.pk))))
        .select_related("sender", "conversation")
        .order_by("sent_at", "id")
    )
    return [
        {
            "conversation": f"{m.conversation.kind}:{m.conversation.match_id or m.conversation.group_id}",
            "from": "me" if m.sender_id == user.pk else (m.sender.display_name if m.sender else ""),
            "text": "" if m.deleted_at else m.text,
            "deleted": m.deleted_at is not None,
            "sent_at": m.sent_at.isoformat(),
        }
        for m in messages
    ]


EXCERPT_MAX = 20
"""The most messages a safety report carries."""


def report_excerpt(*, place: Place, message_ids: list[UUID], reported_id: UUID) -> list[dict[str, Any]]:
    """The messages she chose to attach to a safety report, as the coordinators will read them: who wrote each
    (she, the person she reports, or another member), its text and when. Only messages she can see herself."""
    conversation = place.conversation()
    chosen = set(message_ids)
    messages = (
        list(
            Message.objects.filter(conversation=conversation, pk__in=chosen, deleted_at__isnull=True)
            .exclude(sender__in=place.hidden() - {reported_id})
            .order_by("sent_at", "id")
        )
        if conversation is not None
        else []
    )
    if len(messages) != len(chosen):
        raise DomainError(gettext("Choose messages from this conversation."), field="messages")
    return [
        {
            "from": "reporter"
            if m.sender_id == place.user.pk
            else "reported"
            if m.sender_id == reported_id
            else "other",
            "text": m.text,
            "sent_at": m.sent_at.isoformat(),
        }
        for m in messages
    ]


def unread_waiting(*, user: User, sent_before: datetime, sent_after: datetime | None) -> tuple[int, datetime | None]:
    """Messages of others in her conversations that she has not read, sent in (``sent_after``, ``sent_before``]:
    how many, and when the newest of them was sent."""
    hers = Q(conversation__match__in=_matches_of(user).values("pk")) | Q(
        conversation__group__in=_groups_of(user).values("pk")
    )
    read_at = Subquery(
        ConversationRead.objects.filter(conversation=OuterRef("conversation"), user=user).values("read_at")[:1]
    )
    waiting = (
        Message.objects.filter(hers, deleted_at__isnull=True, sent_at__lte=sent_before)
        .exclude(sender=user)
        .exclude(sender__in=blocked_either_way(user_id=user.pk))
        .annotate(read_at=Coalesce(read_at, Value(_NEVER, output_field=DateTimeField())))
        .filter(sent_at__gt=F("read_at"))
    )
    if sent_after is not None:
        waiting = waiting.filter(sent_at__gt=sent_after)
    found = waiting.aggregate(count=Count("pk"), newest=Max("sent_at"))
    return found["count"], found["newest"]


def recipients_of_recent(*, since: datetime) -> list[User]:
    """Everyone who may have an unread message sent after ``since``: the people of the conversations written in."""
    written = Conversation.objects.filter(last_message_at__gt=since)
    match_people = Match.objects.filter(conversation__in=written).values_list(
        "mentee__membership__user", "mentor__membership__user"
    )
    group_people = GroupMember.objects.filter(group__conversation__in=written, left_at__isnull=True).values_list(
        "profile__membership__user", flat=True
    )
    ids = {user_id for pair in match_people for user_id in pair} | set(group_people)
    return list(User.objects.filter(pk__in=ids, is_active=True).select_related("messaging_settings").order_by("pk"))


def settings_of(*, user: User) -> MessagingSettings:
    return MessagingSettings.objects.filter(user=user).first() or MessagingSettings(user=user)


def seen_up_to(*, place: Place) -> datetime | None:
    """In a match, when the other person last read the conversation: only if both chose to show it."""
    if place.kind != ConversationKind.MATCH:
        return None
    others = place.other_member_ids()
    conversation = place.conversation()
    if len(others) != 1 or conversation is None:
        return None
    # her read-mark, if both chose to show it: one query
    shown = MessagingSettings.objects.filter(show_seen=True)
    read = ConversationRead.objects.filter(
        Exists(shown.filter(user_id=place.user.pk)),
        Exists(shown.filter(user_id=others[0])),
        conversation=conversation,
        user_id=others[0],
    )
    return read.values_list("read_at", flat=True).first()


def meetings_for_export(*, user: User) -> list[dict[str, Any]]:
    """For her data export: the first meetings of her matches, as she sees them."""
    from_matches = FirstMeeting.objects.filter(match__in=_matches_of(user).values("pk")).order_by("created_at")
    return [
        {
            "match": str(m.match_id),
            "state": m.state,
            "proposed_by_me": m.proposed_by_id == user.pk,
            "options": list(m.options),
            "starts_at": m.starts_at.isoformat() if m.starts_at else None,
            "time_zone": m.zone_of(user.pk),
            "place_kind": m.place_kind,
            "place": m.place or "",
        }
        for m in from_matches
    ]
