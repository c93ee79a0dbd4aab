"""After an import: each new participant with an email is invited to set her password (in her language). The
task message carries ids and the site's address only. Acknowledged on receipt: a repeat would send every email
again."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext

from accounts.emails import password_link
from accounts.models import User
from common.languages import interface_language
from notifications.messages import email_footer

logger = logging.getLogger(__name__)


@shared_task(name="imports.send_password_invitations")
def send_password_invitations(user_ids: list[str], site: str) -> int:
    """Email each of them a link to set a password; returns how many were sent. A link works once, and for
    PASSWORD_RESET_TIMEOUT (then "Forgot password" sends a new one)."""
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email=None).exclude(email=""):
        language = interface_language(user.preferred_language)
        with translation.override(language):
            subject = gettext("Set your password for Bridges")
            body = gettext(
                "Hello %(name)s,\n\nA coordinator has registered you on Bridges. To log in, set your password "
                "with this link:\n%(link)s\n\nThe link works for %(days)d days. After that, use “Forgot password” "
                "on the login page.\nIf you did not expect this email, you can ignore it."
            ) % {
                "name": user.display_name,
                "link": password_link(user, site),
                "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            }
        try:
            send_mail(subject, f"{body}\n\n{email_footer(language)}", settings.DEFAULT_FROM_EMAIL, [str(user.email)])
            sent += 1
        except (OSError, smtplib.SMTPException):
            logger.exception("password invitation not sent", extra={"user": str(user.pk)})
    return sent
