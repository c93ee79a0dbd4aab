"""Account emails of our own (allauth sends the others): plain text, in the person's language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import pgettext_lazy

from accounts.models import User
from common.languages import interface_language
from programmes.models import Programme
from programmes.texts import programme_name as local_name

logger = logging.getLogger(__name__)


def password_link(user: User, site: str) -> str:
    """The web app's link to set (or reset) her password: works once, and for PASSWORD_RESET_TIMEOUT."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    return site.rstrip("/") + settings.HEADLESS_FRONTEND_URLS["account_reset_password_from_key"].format(key=key)


# English msgids, translated in backend/locale/*/django.po.
_ALREADY_SIGNED_UP = (
    pgettext_lazy("email already signed up subject", "Someone tried to sign up with your email address"),
    pgettext_lazy(
        "email already signed up body",
        "Hello,\n\n"
        "someone tried to sign up to {programme} on Bridges with this email address, which already has an "
        "account.\n"
        "If it was you: log in to Bridges and join the programme from its page. If you forgot your password, use "
        "“Forgot password”.\n"
        "If it was not you, you can ignore this email.",
    ),
)


def send_already_signed_up(*, user: User, programme: Programme) -> None:
    """Tell the owner of an address that a sign-up with it was tried, instead of telling the person signing up."""
    if not user.email:
        return
    language = interface_language(user.preferred_language)
    with translation.override(language):
        subject, body = (str(text) for text in _ALREADY_SIGNED_UP)
    programme_name = local_name(programme, language)
    try:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body.format(programme=programme_name),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except Exception:
        logger.warning("The 'already signed up' email could not be sent.", exc_info=True)
