"""Reads of programmes with the permission filter built in."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from accounts.models import User
from programmes.models import Programme, Role


def programmes_visible_to(*, user: User | AnonymousUser) -> QuerySet[Programme]:
    """Open programmes for everyone; closed ones only to their members."""
    if not user.is_authenticated:
        return Programme.objects.filter(signup_open=True)
    return Programme.objects.filter(Q(signup_open=True) | Q(memberships__user=user)).distinct()


def programmes_coordinated_by(*, user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR).distinct()


def is_coordinator(*, user: User | AnonymousUser, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    return programme.memberships.filter(user=user, role=Role.COORDINATOR).exists()
