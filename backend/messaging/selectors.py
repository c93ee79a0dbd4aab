"""Reads of conversations, with the rule built in: only a conversation's participants ever read it.

A match's conversation belongs to its mentee and mentor once the mentor accepted (active, then paused or
closed: readable; only an active match takes new messages). A peer group's belongs to its members while its
round is published and they have not left. Coordinators and admins get the answer an unknown id gets.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Count, DateTimeField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from mentoring.models import Match, MatchState
from messaging.models import Conversation, ConversationKind, ConversationRead, Message
from peers.models import GroupMember, PeerGroup, RoundStatus
from safeguarding.blocks import blocked_either_way, is_blocked_between

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

    @property
    def programme_id(self) -> UUID:
        return self.target.programme_id if isinstance(self.target, Match) else self.target.round.programme_id

    def lookup(self) -> dict[str, Any]:
        return {"match": self.target} if self.kind == ConversationKind.MATCH else {"group": self.target}

    def conversation(self) -> Conversation | None:
        return Conversation.objects.filter(**self.lookup()).first()

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


def _matches_of(user: User) -> QuerySet[Match]:
    return Match.objects.filter(
        Q(mentee__membership__user=user) | Q(mentor__membership__user=user),
        state__in=READABLE_MATCH_STATES,
        accepted_at__isnull=False,
    )


def _groups_of(user: User) -> QuerySet[PeerGroup]:
    return PeerGroup.objects.filter(
        round__status=RoundStatus.PUBLISHED,
        members__profile__membership__user=user,
        members__left_at__isnull=True,
    )


def match_place(*, user: User, match_id: UUID) -> Place:
    match = (
        _matches_of(user)
        .select_related("mentee__membership__user", "mentor__membership__user")
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        raise NotFound(gettext("No such conversation among yours."))
    other = match.mentor if match.mentee.membership.user_id == user.pk else match.mentee
    if is_blocked_between(first=user.pk, second=other.membership.user_id):
        reason = gettext("You cannot write here any more: one of you blocked the other.")
    elif match.state != MatchState.ACTIVE:
        reason = gettext("This match is not active, so no new messages can be sent. You can still read them.")
    else:
        reason = ""
    return Place(ConversationKind.MATCH, match, user, not reason, reason)


def group_place(*, user: User, group_id: UUID) -> Place:
    group = _groups_of(user).select_related("round").filter(pk=group_id).first()
    if group is None:
        raise NotFound(gettext("No such conversation among yours."))
    return Place(ConversationKind.GROUP, group, user, True, "")


def place_for(*, user: User, kind: str, target_id: UUID) -> Place:
    return match_place(user=user, match_id=target_id) if kind == "match" else group_place(user=user, group_id=target_id)


def _unread(user: User, hidden: frozenset[UUID]) -> Count:
    """Messages of others after the newest one she read (all of them if she never opened it)."""
    read_at = Subquery(ConversationRead.objects.filter(conversation=OuterRef("pk"), user=user).values("read_at")[:1])
    return Count(
        "messages",
        filter=Q(messages__sent_at__gt=Coalesce(read_at, Value(_NEVER, output_field=DateTimeField())))
        & Q(messages__deleted_at__isnull=True)
        & ~Q(messages__sender=user)
        & ~Q(messages__sender__in=hidden),
    )


@dataclass(frozen=True)
class Entry:
    """One conversation in her list: a match's or a group's, whether or not anyone wrote yet."""

    kind: str
    target: Match | PeerGroup
    conversation: Conversation | None
    unread: int

    @property
    def last_message_at(self) -> datetime | None:
        return self.conversation.last_message_at if self.conversation is not None else None


def conversations_for(*, user: User) -> list[Entry]:
    """Her conversations, the most recent first, with unread counts: a fixed number of queries however many."""
    matches = list(
        _matches_of(user).select_related("programme", "mentee__membership__user", "mentor__membership__user")
    )
    groups = list(_groups_of(user).select_related("round__programme").distinct())
    hidden = blocked_either_way(user_id=user.pk)
    found = (
        Conversation.objects.filter(Q(match__in=[m.pk for m in matches]) | Q(group__in=[g.pk for g in groups]))
        .annotate(unread=_unread(user, hidden))
        .order_by()
    )
    by_target = {c.match_id or c.group_id: c for c in found}
    entries = [
        Entry(kind, target, by_target.get(target.pk), getattr(by_target.get(target.pk), "unread", 0))
        for kind, targets in ((ConversationKind.MATCH, matches), (ConversationKind.GROUP, groups))
        for target in targets
    ]
    return sorted(entries, key=lambda e: (e.last_message_at or _NEVER, str(e.target.pk)), reverse=True)


def unread_total(*, user: User) -> int:
    return sum(entry.unread for entry in conversations_for(user=user))


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
        .exclude(sender__in=blocked_either_way(user_id=place.user.pk))
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
