"""The email of one outcome question in her language with six
one-tap answers. The task message carries ids and the site's address only (the link's token is derived again
here, never passed along). The email is sent once: ``emailed_at`` is set under a row lock."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from common.languages import interface_language
from notifications.messages import email_footer
from outcomes.models import OutcomeKind, OutcomeRequest
from outcomes.tokens import answer_link
from programmes.models import Role
from programmes.texts import programme_name

logger = logging.getLogger(__name__)


def answer_labels() -> dict[str, str]:
    """The six answers as the email lists them, in the active language."""
    return {
        OutcomeKind.WORK: pgettext("outcome answer", "Work"),
        OutcomeKind.TRAINING: pgettext("outcome answer", "A training place"),
        OutcomeKind.RECOGNITION: pgettext("outcome answer", "Qualification recognised"),
        OutcomeKind.LANGUAGE_COURSE: pgettext("outcome answer", "A language course"),
        OutcomeKind.NONE: pgettext("outcome answer", "None of these yet"),
        OutcomeKind.PREFER_NOT: pgettext("outcome answer", "Prefer not to say"),
    }


def question_email(request: OutcomeRequest, site: str) -> tuple[str, str]:
    """The subject and body of the question's email, in the active language."""
    match = request.match
    values = {"programme": programme_name(match.programme, translation.get_language())}
    if request.respondent_role == Role.MENTEE:
        subject = gettext("What came of your mentoring?")
        question = (
            gettext(
                "Your mentoring in %(programme)s ended some months ago. Since then, have you found work, a training "
                "place, recognition of your qualification or a language course?"
            )
            % values
        )
    else:
        values["mentee"] = match.mentee.membership.user.display_name
        subject = gettext("How is %(mentee)s doing?") % values
        question = (
            gettext(
                "Your mentoring with %(mentee)s in %(programme)s ended some months ago. Do you know if %(mentee)s has "
                "found work, a training place, recognition of a qualification or a language course since then?"
            )
            % values
        )
    lines = [f"{label}:\n{answer_link(request, site, kind)}" for kind, label in answer_labels().items()]
    body = "\n\n".join(
        [
            gettext("Hello!"),
            question,
            gettext("Tap one answer. Your answer helps us find good pairs for others."),
            *lines,
            gettext(
                "You agreed to help improve matching. You can withdraw this on your privacy page at any time; then "
                "we stop asking."
            ),
        ]
    )
    return subject, body


@shared_task(name="outcomes.send_question_email", acks_late=True, reject_on_worker_lost=True)
def send_outcome_question_email(request_id: str, site: str) -> bool:
    """Email one question; True if an email went out now. Idempotent: a sent or cancelled question sends nothing."""
    with transaction.atomic():
        request = (
            OutcomeRequest.objects.select_for_update(of=("self",))
            .filter(pk=request_id, emailed_at__isnull=True, cancelled_at__isnull=True, answered_at__isnull=True)
            .select_related("user", "match__programme", "match__mentee__membership__user")
            .first()
        )
        if request is None or not request.user.email or not request.user.is_active:
            return False
        language = interface_language(request.user.preferred_language)
        with translation.override(language):
            subject, body = question_email(request, site)
        try:
            send_mail(subject, f"{body}\n\n{email_footer(language)}", settings.DEFAULT_FROM_EMAIL, [request.user.email])
        except (OSError, smtplib.SMTPException):
            logger.exception("outcome question email not sent", extra={"outcome_request": str(request.pk)})
            return False
        request.emailed_at = timezone.now()
        request.save(update_fields=["emailed_at", "updated_at"])
    return True
