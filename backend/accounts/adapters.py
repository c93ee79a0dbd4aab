"""allauth adapter: account emails go out in the person's own language."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


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
