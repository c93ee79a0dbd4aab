"""Sending a notice by email: idempotent, so late acknowledgement and retries never send it twice.

A worker killed after the mail server took the message but before ``emailed_at`` was committed sends it again on
redelivery (no SMTP exchange can be made exactly-once); the repeat carries the same Message-ID, derived from the
notice, so mail servers and mail programs treat it as the same message.
"""

import smtplib
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from notifications import messages
from notifications.models import Notification
from notifications.selectors import notification_texts


def message_id(notification: Notification) -> str:
    """The same Message-ID for every delivery of one notice (RFC 5322), on the sender's own domain."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "bridges.invalid"
    return f"<notice-{notification.pk}@{domain}>"


@shared_task(
    name="notifications.send_notification_email",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=5,
)
def send_notification_email(notification_id: str) -> bool:
    """Email one notice in its recipient's language; True if an email went out now."""
    with transaction.atomic():
        # The row lock makes a second delivery of this task wait, then see emailed_at and stop.
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.emailed_at is not None or notification.email_cancelled_at is not None:
            return False
        user = notification.user
        if not user.email or not user.is_active:
            return False
        language = user.preferred_language
        subject, body = notification_texts(notification=notification, language=language)
        EmailMessage(
            subject,
            f"{body}\n\n{messages.email_footer(language)}",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            headers={"Message-ID": message_id(notification)},
        ).send(fail_silently=False)
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at", "updated_at"])
    return True
