"""Reads of programmes with the permission filter built in."""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from programmes.models import Membership, Organisation, OrganisationAdmin, Programme, Role


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


_COORDINATED_BY = "_bridges_coordinated_by"
"""Set on a programme that coordinated_programme found among a user's: her id, so that the selectors that check
again (is_coordinator) need no second query in the same request."""


def is_coordinator(*, user: User | AnonymousUser, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(programme, _COORDINATED_BY, None) == user.pk:
        return True
    return programme.memberships.filter(user=user, role=Role.COORDINATOR).exists()


def coordinated_programme(*, user: User | AnonymousUser, programme_id: UUID) -> Programme:
    """The programme if she coordinates it; otherwise NotFound, worded the same whether or not it exists. One
    query, and the programme remembers it was checked for her (is_coordinator then asks nothing)."""
    programme = (
        programmes_coordinated_by(user=user).filter(pk=programme_id).first()  # type: ignore[arg-type]
        if user.is_authenticated
        else None
    )
    if programme is None:
        raise NotFound(gettext("No such programme among those you coordinate."))
    setattr(programme, _COORDINATED_BY, user.pk)
    return programme


def organisations_administered_by(*, user: User | AnonymousUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(Exists(OrganisationAdmin.objects.filter(organisation=OuterRef("pk"), user=user)))


def administered_organisation(*, user: User | AnonymousUser, organisation_id: UUID) -> Organisation:
    """The organisation if she is one of its admins; otherwise NotFound, worded the same whether or not it exists
    (an admin of another organisation learns nothing from its ids)."""
    organisation = organisations_administered_by(user=user).filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound(gettext("No such organisation among those you run."))
    return organisation


def administered_programme(*, user: User | AnonymousUser, programme_id: UUID) -> Programme:
    """A programme of an organisation she runs; another organisation's, or an unknown id, gets the same answer."""
    programme = Programme.objects.filter(pk=programme_id, organisation__in=organisations_administered_by(user=user))
    found = programme.first()
    if found is None:
        raise NotFound(gettext("No such programme among those of the organisations you run."))
    return found


def administered_coordinator(*, user: User | AnonymousUser, coordinator_id: UUID) -> Membership:
    """A coordinator role in a programme of an organisation she runs; any other id gets the same answer."""
    found = (
        Membership.objects.filter(
            pk=coordinator_id,
            role=Role.COORDINATOR,
            programme__organisation__in=organisations_administered_by(user=user),
        )
        .select_related("programme")
        .first()
    )
    if found is None:
        raise NotFound(gettext("No such coordinator in the programmes of the organisations you run."))
    return found


def organisation_programmes(*, organisation: Organisation) -> QuerySet[Programme]:
    """Every programme of hers, open or closed, with how many coordinators and active participants each has
    (counted in SQL, a constant number of queries for any number of programmes)."""
    active = Q(memberships__left_at__isnull=True)
    return organisation.programmes.annotate(
        coordinator_count=Count("memberships", filter=active & Q(memberships__role=Role.COORDINATOR)),
        participant_count=Count("memberships", filter=active & ~Q(memberships__role=Role.COORDINATOR)),
    ).order_by("name", "id")


def programme_coordinators(*, programme: Programme) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(programme=programme, role=Role.COORDINATOR, left_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "id")
    )
