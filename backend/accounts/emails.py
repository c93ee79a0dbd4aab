"""Account emails of our own (allauth sends the others): plain text, in the person's language."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from accounts.models import User

logger = logging.getLogger(__name__)

_ALREADY_SIGNED_UP = {
    "en": (
        "Someone tried to sign up with your email address",
        "Hello,\n\nsomeone tried to sign up to {programme} on Bridges with this email address, "
        "which already has an account.\nIf it was you: log in to Bridges and join the programme from its page. "
        "If you forgot your password, use “Forgot password”.\nIf it was not you, you can ignore this email.",
    ),
    "de": (
        "Jemand wollte sich mit Ihrer E-Mail-Adresse anmelden",
        "Hallo,\n\njemand wollte sich mit dieser E-Mail-Adresse bei Bridges für „{programme}“ anmelden. "
        "Zu dieser Adresse gibt es schon ein Konto.\nWaren Sie es: Melden Sie sich bei Bridges an und treten Sie "
        "dem Programm auf seiner Seite bei. Passwort vergessen? Nutzen Sie „Passwort vergessen“.\n"
        "Waren Sie es nicht, können Sie diese E-Mail ignorieren.",
    ),
    "fr": (
        "Quelqu'un a essayé de s'inscrire avec votre adresse e-mail",
        "Bonjour,\n\nquelqu'un a essayé de s'inscrire au programme « {programme} » sur Bridges avec cette "
        "adresse e-mail, qui a déjà un compte.\nSi c'était vous : connectez-vous à Bridges et rejoignez le "
        "programme depuis sa page. Mot de passe oublié ? Utilisez « Mot de passe oublié ».\n"
        "Si ce n'était pas vous, ignorez cet e-mail.",
    ),
    "ar": (
        "حاول شخص ما التسجيل باستخدام بريدك الإلكتروني",
        "مرحبًا،\n\nحاول شخص ما التسجيل في برنامج «{programme}» على Bridges باستخدام هذا البريد الإلكتروني، "
        "وله حساب بالفعل.\nإذا كنت أنت: سجّل الدخول إلى Bridges وانضم إلى البرنامج من صفحته. "
        "إذا نسيت كلمة المرور، استخدم «نسيت كلمة المرور».\nإذا لم تكن أنت، يمكنك تجاهل هذه الرسالة.",
    ),
    "uk": (
        "Хтось намагався зареєструватися з Вашою адресою",
        "Вітаємо!\n\nХтось намагався зареєструватися в програмі «{programme}» на Bridges з цією адресою "
        "електронної пошти, для якої вже є обліковий запис.\nЯкщо це були Ви: увійдіть у Bridges і приєднайтеся "
        "до програми на її сторінці. Забули пароль? Скористайтеся «Забули пароль».\n"
        "Якщо це були не Ви, просто проігноруйте цей лист.",
    ),
}


def send_already_signed_up(*, user: User, programme_name: str) -> None:
    """Tell the owner of an address that a sign-up with it was tried, instead of telling the person signing up."""
    if not user.email:
        return
    subject, body = _ALREADY_SIGNED_UP.get(user.preferred_language) or _ALREADY_SIGNED_UP["en"]
    try:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            body.format(programme=programme_name),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    except Exception:
        logger.warning("The 'already signed up' email could not be sent.", exc_info=True)
