"""Reads of programmes with the permission filter built in."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from programmes.models import Membership, Programme, Role


def programmes_visible_to(*, user: User | AnonymousUser) -> QuerySet[Programme]:
    """Open programmes for everyone; closed ones only to their members."""
    if not user.is_authenticated:
        return Programme.objects.filter(signup_open=True)
    # EXISTS rather than a join: a join repeats each open programme once per member and needs a DISTINCT over
    # every column of the programme to undo it, on every coordinator request.
    member = Membership.objects.filter(programme=OuterRef("pk"), user=user)
    return Programme.objects.filter(Q(signup_open=True) | Exists(member))


def programmes_coordinated_by(*, user: User) -> QuerySet[Programme]:
    coordinates = Membership.objects.filter(programme=OuterRef("pk"), user=user, role=Role.COORDINATOR)
    return Programme.objects.filter(Exists(coordinates))


def is_coordinator(*, user: User | AnonymousUser, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    return programme.memberships.filter(user=user, role=Role.COORDINATOR).exists()


def coordinated_programme(*, user: User | AnonymousUser, programme_id: UUID) -> Programme:
    """The programme if she coordinates it; otherwise NotFound, worded the same whether or not it exists."""
    programme = programmes_visible_to(user=user).filter(pk=programme_id).first()
    if programme is None or not is_coordinator(user=user, programme=programme):
        raise NotFound(gettext("No such programme among those you coordinate."))
    return programme
