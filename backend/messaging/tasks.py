"""Scheduled work of conversations: telling people that messages wait, and deleting conversations past their
programme's retention."""

import smtplib

from celery import shared_task
from django.utils import timezone

from accounts.models import User
from messaging import services
from messaging.invitations import invitation_send
from messaging.models import FirstMeeting


@shared_task(name="messaging.retention", acks_late=True)
def delete_old_conversations() -> int:
    """Idempotent: a second run finds nothing more to delete."""
    return services.conversations_delete_due(now=timezone.now())


@shared_task(name="messaging.unread_emails", acks_late=True)
def send_unread_emails() -> int:
    """Idempotent: each message is counted in one notice at most (``emailed_up_to``), and a notice's key is the
    newest message it counts."""
    return services.unread_emails_send_due(now=timezone.now())


@shared_task(
    name="messaging.send_meeting_invitation",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    max_retries=5,
)
def send_meeting_invitation(meeting_id: str, user_id: str, method: str, sequence: int) -> bool:
    """Ids only in the task's message: the place and time are read here. A changed meeting's older invitation is
    not sent (its sequence is behind)."""
    meeting = FirstMeeting.objects.select_related("match").filter(pk=meeting_id).first()
    user = User.objects.filter(pk=user_id).first()
    if meeting is None or user is None or meeting.sequence != sequence:
        return False
    return invitation_send(meeting=meeting, recipient=user, method=method, sequence=sequence)
