"""Real sessions for the security tests: a login that also passed the coordinators' two-step (TOTP) code."""

from types import SimpleNamespace
from typing import Any


def pass_two_step(client: Any, user: Any) -> None:
    """Write into the client's session the record allauth keeps when a TOTP code was entered at login."""
    from allauth.account.internal.flows.login import record_authentication

    session = client.session
    record_authentication(SimpleNamespace(session=session), user, "mfa", type="totp")
    session.save()
