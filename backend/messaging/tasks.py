"""Scheduled work of conversations: telling people that messages wait, and deleting conversations past their
programme's retention."""

from celery import shared_task
from django.utils import timezone

from messaging import services


@shared_task(name="messaging.retention", acks_late=True)
def delete_old_conversations() -> int:
    """Idempotent: a second run finds nothing more to delete."""
    return services.conversations_delete_due(now=timezone.now())


@shared_task(name="messaging.unread_emails", acks_late=True)
def send_unread_emails() -> int:
    """Idempotent: each message is counted in one notice at most (``emailed_up_to``), and a notice's key is the
    newest message it counts."""
    return services.unread_emails_send_due(now=timezone.now())
