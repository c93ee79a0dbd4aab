"""Two-step verification (TOTP, allauth.mfa) for coordinators, organisation admins and staff.

A coordinator's or admin's session counts only once it passed a TOTP code: allauth records each step of a
login in the session, and we look for its "mfa" record. Setting up an authenticator also counts (the person
has just typed a valid code).
"""

import functools
from collections.abc import Iterable
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db import connection
from django.db.models import QuerySet
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
    """two_step_rule for a signed-in person, in one query: it runs on every request of every signed-in person.

    Its SQL is written once (below), not built by the ORM per request: building and compiling the two EXISTS
    cost more than a millisecond of Python on each request, about a third of the cheapest signed-in request's
    time; the statement's text never changes, so PostgreSQL prepares it once per connection."""
    if not getattr(user, "is_authenticated", False):
        return False
    if two_step_rule(user, (), runs_an_organisation=False):
        return True
    user_id = User._meta.pk.get_db_prep_value(user.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(_needs_two_step_sql(), [user_id, *sorted(ROLES_THAT_NEED_IT), user_id])
        (needed,) = cursor.fetchone()
    return bool(needed)


@functools.cache
def _needs_two_step_sql() -> str:
    """Whether she holds a membership whose role needs it, or runs an organisation (two_step_rule's queried
    half), as one statement over the two tables' user columns (both indexed)."""
    quote = connection.ops.quote_name

    def where(model: type[Any], field: str) -> tuple[str, str]:
        return quote(model._meta.db_table), quote(model._meta.get_field(field).column)

    memberships, member, roles = *where(Membership, "user"), where(Membership, "role")[1]
    admins, admin = where(OrganisationAdmin, "user")
    placeholders = ", ".join(["%s"] * len(ROLES_THAT_NEED_IT))
    return (
        f"SELECT EXISTS (SELECT 1 FROM {memberships} WHERE {member} = %s AND {roles} IN ({placeholders}))"
        f" OR EXISTS (SELECT 1 FROM {admins} WHERE {admin} = %s)"
    )


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
