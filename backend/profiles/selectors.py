"""Reads of profiles with the permission filter built in."""

from django.db.models import Exists, Q, QuerySet

from accounts.models import User
from profiles.models import Profile
from programmes.models import Membership, Programme, Role


def _with_relations(queryset: QuerySet[Profile]) -> QuerySet[Profile]:
    return queryset.select_related("membership__user", "membership__programme").prefetch_related("languages", "sectors")


def profiles_visible_to(*, user: User) -> QuerySet[Profile]:
    """Her own profiles, and every profile in the programmes she coordinates."""
    coordinated = Programme.objects.filter(memberships__user=user, memberships__role=Role.COORDINATOR)
    return _with_relations(
        Profile.objects.filter(Q(membership__user=user) | Q(membership__programme__in=coordinated))
    ).distinct()


def profiles_own(*, user: User) -> QuerySet[Profile]:
    return _with_relations(Profile.objects.filter(membership__user=user))


def participants_for_coordinator(*, user: User, programme: Programme) -> QuerySet[Profile]:
    """The programme's participants, or none if ``user`` does not coordinate it."""
    # The coordinator check is an EXISTS, not a join, so that no row repeats and the list needs no DISTINCT.
    coordinates = Membership.objects.filter(programme=programme, user=user, role=Role.COORDINATOR)
    # Without the programme's row on every profile (its texts in every language, decoded once per row): the list
    # shows only its id, which the membership holds.
    return (
        Profile.objects.filter(Exists(coordinates), membership__programme=programme)
        .select_related("membership__user")
        .prefetch_related("languages", "sectors")
        .order_by("membership__user__display_name", "membership__user_id")
    )
