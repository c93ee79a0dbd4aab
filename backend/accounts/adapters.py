"""allauth adapter: account emails in the person's own language, sign-up only through a programme, the login
lockout per (account, address), and the client's address as every other limit takes it."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from accounts.lockout import login_attempt_begin, login_attempts_clear
from common.client_address import client_address


def _login_email(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def populate_username(self, request: Any, user: Any) -> None:
        # There is no username; the display name defaults to the part before the @.
        if not user.display_name and user.email:
            user.display_name = user.email.split("@")[0][:80]

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People sign up to a programme (POST /api/v1/programmes/<id>/signup/), which also records consent;
        # allauth's bare sign-up stays closed, for everyone alike.
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's own rate limits and our lockout key on the one address every limit uses.
        return client_address(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        if not login_attempt_begin(email=_login_email(credentials), address=self.get_client_ip(request)):
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        if user is not None:
            login_attempts_clear(email=_login_email(credentials), address=self.get_client_ip(request))
        return user
