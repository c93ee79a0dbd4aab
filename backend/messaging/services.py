"""Writing in a conversation: send a message, mark it read, and remove what an erased person wrote.

No message text ever leaves this app except to its participants: nothing here is logged, audited with its text,
queued to a task or put into a notice.
"""

import calendar
import re
import unicodedata
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext, ngettext

from accounts.models import User
from common.errors import Conflict, DomainError
from mentoring.models import MatchState
from messaging import selectors
from messaging.models import (
    MESSAGE_MAX_LENGTH,
    Conversation,
    ConversationKind,
    ConversationRead,
    EmailAfter,
    Message,
    MessagingSettings,
)
from messaging.selectors import Place
from notifications.services import notify
from peers.models import Round, RoundStatus

_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn"}
_KEEP = {"\n", "\t", "\u200d", "\u200c", "\u200e", "\u200f"}
"""Line breaks and tabs, the joiners some scripts and emoji need, and the marks that set text direction."""


def clean_text(text: str) -> str:
    """Her message as it is kept: control and private-use characters dropped (they could hide or reorder what
    the reader sees), Windows line ends unified, at most two empty lines in a row, no blank edges."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in _INVISIBLE)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise DomainError(gettext("Write a message first."), field="text")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise DomainError(
            ngettext(
                "Please keep a message under %(limit)d character (this one has %(count)d).",
                "Please keep a message under %(limit)d characters (this one has %(count)d).",
                MESSAGE_MAX_LENGTH,
            )
            % {"limit": MESSAGE_MAX_LENGTH, "count": len(text)},
            field="text",
        )
    return text


def _rate_limited(*, user: User, conversation_key: str, now: datetime) -> None:
    """Per person and conversation, and per person overall (settings MESSAGE_RATE_*): a burst of sends is a
    mistake or an abuse either way; she is told when she can write again."""
    for key, (limit, seconds) in (
        (f"messages:{user.pk}:{conversation_key}", settings.MESSAGE_RATE_PER_CONVERSATION),
        (f"messages:{user.pk}", settings.MESSAGE_RATE_PER_PERSON),
    ):
        moments = [m for m in cache.get(key, []) if m > now.timestamp() - seconds]
        if len(moments) >= limit:
            wait = int(min(moments) + seconds - now.timestamp()) + 1
            raise Conflict(
                ngettext(
                    "You are sending messages very fast. Please wait %(seconds)d second and try again.",
                    "You are sending messages very fast. Please wait %(seconds)d seconds and try again.",
                    wait,
                )
                % {"seconds": wait}
            )
        cache.set(key, [now.timestamp(), *moments][:limit], seconds)


def message_send(*, place: Place, text: str, now: datetime) -> Message:
    """She writes in her match's or group's conversation (created with its first message)."""
    if not place.can_write:
        raise Conflict(place.closed_reason)
    text = clean_text(text)
    _rate_limited(user=place.user, conversation_key=f"{place.kind}:{place.target.pk}", now=now)
    with transaction.atomic():
        conversation = place.conversation()
        if conversation is None:
            try:
                with transaction.atomic():
                    conversation = Conversation.objects.create(
                        programme_id=place.programme_id, kind=place.kind, **place.lookup()
                    )
            except IntegrityError:  # the other side's first message won the race
                conversation = Conversation.objects.get(**place.lookup())
        message = Message.objects.create(conversation=conversation, sender=place.user, text=text, sent_at=now)
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
        _mark_read(conversation=conversation, user=place.user, at=now)
    return message


def _mark_read(*, conversation: Conversation, user: User, at: datetime) -> None:
    updated = ConversationRead.objects.filter(conversation=conversation, user=user, read_at__lt=at).update(read_at=at)
    if not updated and not ConversationRead.objects.filter(conversation=conversation, user=user).exists():
        try:
            with transaction.atomic():
                ConversationRead.objects.create(conversation=conversation, user=user, read_at=at)
        except IntegrityError:  # read in two tabs at once
            ConversationRead.objects.filter(conversation=conversation, user=user, read_at__lt=at).update(read_at=at)


def conversation_mark_read(*, place: Place, up_to: UUID | None = None) -> None:
    """She has read the conversation up to the message ``up_to`` (by default, its newest one)."""
    conversation = place.conversation()
    if conversation is None:
        return
    messages = Message.objects.filter(conversation=conversation)
    if up_to is not None:
        messages = messages.filter(pk=up_to)
    newest = messages.order_by("-sent_at").values_list("sent_at", flat=True).first()
    if newest is None:
        if up_to is not None:
            raise DomainError(gettext("No such message in this conversation."), field="up_to")
        return
    with transaction.atomic():
        _mark_read(conversation=conversation, user=place.user, at=newest)


def messages_erase_by(*, user: User, now: datetime) -> int:
    """What she wrote is removed: the others see "message deleted" in its place. Returns how many."""
    return Message.objects.filter(sender=user).update(sender=None, text=None, deleted_at=now, updated_at=now)


def _months_after(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months later (the month's last day where it is shorter)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def conversations_delete_due(*, now: datetime) -> int:
    """Retention: a conversation goes, with its messages, its programme's ``message_retention_months`` after its
    match closed, or after its group's round was followed by a newer published round of the same network.
    Returns how many went."""
    due: list[UUID] = []
    candidates = Conversation.objects.filter(
        kind=ConversationKind.MATCH, match__state=MatchState.CLOSED, match__closed_at__isnull=False
    ).values_list("pk", "match__closed_at", "programme__message_retention_months")
    due += [pk for pk, closed_at, kept in candidates if closed_at and _months_after(closed_at, kept) <= now]
    later_round = Round.objects.filter(
        programme=OuterRef("group__round__programme"),
        status=RoundStatus.PUBLISHED,
        published_at__gt=OuterRef("group__round__published_at"),
    ).order_by("published_at")
    groups = (
        Conversation.objects.filter(kind=ConversationKind.GROUP)
        .annotate(closed_at=Subquery(later_round.values("published_at")[:1]))
        .filter(closed_at__isnull=False)
        .values_list("pk", "closed_at", "programme__message_retention_months")
    )
    due += [pk for pk, closed_at, kept in groups if _months_after(closed_at, kept) <= now]
    deleted = 0
    for start in range(0, len(due), 500):
        with transaction.atomic():
            deleted += (
                Conversation.objects.filter(pk__in=due[start : start + 500])
                .delete()[1]
                .get(Conversation._meta.label, 0)
            )
    return deleted


EMAIL_DELAY = timedelta(hours=1)
"""A message waits this long unread before an email says that something is waiting (she may be reading already)."""
EMAIL_GAP = {EmailAfter.HOUR: timedelta(hours=1), EmailAfter.DAY: timedelta(days=1)}
"""At most one such email per this much time, by her choice."""


def unread_emails_send_due(*, now: datetime) -> int:
    """Tell each person with messages unread for a while, as often as she chose (daily by default, or hourly, or
    never), in the app and by email: only how many, never the text, the sender or the programme. Each message is
    counted in one email at most. Returns how many were told."""
    told = 0
    for user in selectors.recipients_of_recent(since=now - timedelta(days=8)):
        choice = getattr(user, "messaging_settings", None) or MessagingSettings(user=user)
        if choice.email_after == EmailAfter.OFF:
            continue
        if choice.emailed_at is not None and now - choice.emailed_at < EMAIL_GAP[EmailAfter(choice.email_after)]:
            continue
        count, newest = selectors.unread_waiting(
            user=user, sent_before=now - EMAIL_DELAY, sent_after=choice.emailed_up_to
        )
        if not count or newest is None:
            continue
        with transaction.atomic():
            notice = notify(
                user=user,
                kind="unread_messages",
                params={"count": count},
                dedupe_key=f"unread_messages:{user.pk}:{newest.isoformat()}",
                now=now,
            )
            choice.emailed_at, choice.emailed_up_to = now, newest
            choice.save()
        told += notice is not None
    return told


def settings_update(*, user: User, email_after: str | None = None, show_seen: bool | None = None) -> MessagingSettings:
    """Her choices about messages (each one only if given)."""
    with transaction.atomic():
        choice, _ = MessagingSettings.objects.select_for_update().get_or_create(user=user)
        if email_after is not None:
            choice.email_after = email_after
        if show_seen is not None:
            choice.show_seen = show_seen
        choice.full_clean()
        choice.save()
    return choice
