"""A new coordinator is told by email, in her language: which programme, and how to log in (a link to set her
password when the account is new). The task message carries ids and the site's address only. Acknowledged on
receipt: a repeat would send the email twice."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext

from accounts.emails import password_link
from common.languages import interface_language
from notifications.messages import email_footer
from programmes.models import Membership
from programmes.texts import programme_name

logger = logging.getLogger(__name__)


@shared_task(name="programmes.send_coordinator_appointment")
def send_coordinator_appointment(membership_id: str, site: str, new_account: bool) -> bool:
    membership = Membership.objects.select_related("user", "programme").filter(pk=membership_id).first()
    if membership is None or not membership.user.email or not membership.user.is_active:
        return False  # removed again, or her account is gone, before the email left
    user = membership.user
    language = interface_language(user.preferred_language)
    with translation.override(language):
        values = {"name": user.display_name, "programme": programme_name(membership.programme)}
        subject = gettext("You are now a coordinator of %(programme)s on Bridges") % values
        if new_account:
            body = gettext(
                "Hello %(name)s,\n\nyou have been made a coordinator of %(programme)s on Bridges. To log in, set "
                "your password with this link:\n%(link)s\n\nThe link works for %(days)d days. After that, use "
                "“Forgot password” on the login page. Coordinators also set up two-step verification (an "
                "authenticator app) when they first log in.\nIf you did not expect this email, you can ignore it."
            ) % {**values, "link": password_link(user, site), "days": settings.PASSWORD_RESET_TIMEOUT // 86400}
        else:
            body = gettext(
                "Hello %(name)s,\n\nyou have been made a coordinator of %(programme)s on Bridges. Log in with your "
                "account to see it:\n%(link)s\n\nIf you did not expect this email, tell the organisation that runs "
                "the programme."
            ) % {**values, "link": site.rstrip("/") + "/login"}
    try:
        send_mail(subject, f"{body}\n\n{email_footer(language)}", settings.DEFAULT_FROM_EMAIL, [str(user.email)])
    except (OSError, smtplib.SMTPException):
        logger.exception("coordinator appointment email not sent", extra={"membership": membership_id})
        return False
    return True
