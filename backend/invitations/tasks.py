"""Invitation emails, in the invitation's language, with the programme's name and the link's last day. The task
message carries ids and the site's address only (the link's token is derived again here, never passed along).
Acknowledged on receipt: a repeat would send every email again."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext

from common.languages import interface_language
from invitations.models import Invitation
from invitations.tokens import invitation_link
from notifications.messages import email_footer
from programmes.models import Role
from programmes.texts import programme_name

logger = logging.getLogger(__name__)


def role_phrase(role: str) -> str:
    """The role as a sentence reads it ("join … as a mentor"), in the active language."""
    words: dict[str, str] = {
        Role.MENTOR: pgettext("invited as", "a mentor"),
        Role.EMPLOYER: pgettext("invited as", "an employer"),
        Role.COORDINATOR: pgettext("invited as", "a coordinator"),
        Role.FRONTLINE_WORKER: pgettext("invited as", "a frontline worker"),
        Role.MENTEE: pgettext("invited as", "a mentee"),
    }
    return words.get(role, role)


@shared_task(name="invitations.send_invitations")
def send_invitations(batch: list[list[str | int]], site: str) -> int:
    """Email each invitation of ``batch`` (id, which sending); one resent meanwhile is left to its own, newer task.
    Returns how many were sent."""
    wanted = {str(invitation_id): int(send_count) for invitation_id, send_count in batch}
    invitations = Invitation.objects.filter(
        pk__in=list(wanted), joined_at__isnull=True, revoked_at__isnull=True
    ).select_related("programme", "programme__organisation")
    sent = 0
    for invitation in invitations:
        if invitation.send_count != wanted[str(invitation.pk)]:
            continue
        language = interface_language(invitation.language)
        with translation.override(language):
            values = {
                "programme": programme_name(invitation.programme, language),
                "organisation": invitation.programme.organisation.name,
                "role": role_phrase(invitation.role),
                "link": invitation_link(invitation, site),
                "date": formats.date_format(timezone.localtime(invitation.expires_at).date(), "DATE_FORMAT"),
            }
            subject = gettext("Invitation to join %(programme)s on Bridges") % values
            body = (
                gettext(
                    "Hello,\n\n%(organisation)s invites you to join %(programme)s on Bridges as %(role)s.\n\n"
                    "To accept, open this link:\n%(link)s\n\nYou can create your account there, or log in with the "
                    "account you already have. The link works until %(date)s.\nIf you did not expect this email, you "
                    "can ignore it."
                )
                % values
            )
        try:
            send_mail(subject, f"{body}\n\n{email_footer(language)}", settings.DEFAULT_FROM_EMAIL, [invitation.email])
            sent += 1
        except (OSError, smtplib.SMTPException):
            logger.exception("invitation email not sent", extra={"invitation": str(invitation.pk)})
    return sent
