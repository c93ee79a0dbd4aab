"""Two-step verification (TOTP, allauth.mfa) for coordinators, organisation admins and staff.

A coordinator's or admin's session counts only once it passed a TOTP code: allauth records each step of a
login in the session, and we look for its "mfa" record. Setting up an authenticator also counts (the person
has just typed a valid code).
"""

from collections.abc import Iterable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from accounts.models import User
from common.errors import NotAllowed
from programmes.models import Membership, OrganisationAdmin, Role

SET_UP_MESSAGE = gettext_lazy(
    "Coordinators and administrators must use two-step verification. Set up an authenticator app "
    "(for example FreeOTP or Google Authenticator) on the login page, then continue."
)
SIGN_IN_MESSAGE = gettext_lazy(
    "This session did not pass two-step verification. Log out, log in again and enter the code from "
    "your authenticator app."
)


class TwoStepRequired(NotAllowed):
    code = "two_step_required"


ROLES_THAT_NEED_IT = frozenset({Role.COORDINATOR})
"""Membership roles whose holder must use two-step verification (as staff and organisation admins must)."""


def two_step_rule(user: Any, membership_roles: Iterable[str], *, runs_an_organisation: bool) -> bool:
    """Who must use two-step verification, from what the caller has read of her: the one rule."""
    return bool(
        user.is_staff
        or user.is_superuser
        or runs_an_organisation
        or any(role in ROLES_THAT_NEED_IT for role in membership_roles)
    )


def requires_two_step(user: Any) -> bool:
    """two_step_rule for a signed-in person, in one query: it runs on every request of every signed-in person."""
    if not getattr(user, "is_authenticated", False):
        return False
    if two_step_rule(user, (), runs_an_organisation=False):
        return True
    coordinates = Membership.objects.filter(user=OuterRef("pk"), role__in=ROLES_THAT_NEED_IT)
    runs = OrganisationAdmin.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(pk=user.pk).filter(Exists(coordinates) | Exists(runs)).exists()


def totp_authenticators(user: Any) -> QuerySet[Authenticator]:
    """Her authenticator apps (``user`` may be an OuterRef, to ask inside a query about her)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)


def has_authenticator(user: User) -> bool:
    return totp_authenticators(user).exists()


def two_step_passed(request: HttpRequest, user: User) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


real_two_step_passed = two_step_passed
"""The check itself, kept under a second name so that tests can restore it after replacing the first."""


def check_two_step(request: HttpRequest, user: Any) -> None:
    """Refuse a coordinator's or admin's request whose session did not pass TOTP, saying what to do."""
    # The session's records first: they cost no query, and most requests stop there.
    if two_step_passed(request, user) or not requires_two_step(user):
        return
    raise TwoStepRequired(SIGN_IN_MESSAGE if has_authenticator(user) else SET_UP_MESSAGE)
