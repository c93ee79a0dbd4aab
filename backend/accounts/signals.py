"""Signal receivers of accounts: the session clock starts at login; setting up TOTP counts as passing it."""

import time
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from common.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY


@receiver(user_logged_in)
def start_session_clock(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_SEEN_KEY] = now


@receiver(authenticator_added)
def totp_set_up_passes_two_step(sender: Any, request: Any, user: Any, authenticator: Authenticator, **kw: Any) -> None:
    # Activating an authenticator needs a valid code from it: this session has just passed two-step.
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
