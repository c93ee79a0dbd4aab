"""Reads of notices: always the caller's own, with what rendering them needs fetched once."""

from django.db.models import QuerySet

from accounts.models import User
from notifications import messages
from notifications.models import Notification
from programmes.texts import programme_name


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    """The person's own notices, newest first."""
    return Notification.objects.filter(user=user).select_related("programme").order_by("-created_at", "-id")


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_texts(*, notification: Notification, language: str | None) -> tuple[str, str]:
    """Subject and body in ``language``; the programme's name is the notice's programme's, in that language."""
    params = dict(notification.params or {})
    if notification.programme_id is not None:
        params["programme"] = programme_name(notification.programme, language)
    return messages.render(notification.kind, language, params, audience=notification.audience)
