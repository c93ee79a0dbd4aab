"""Reads of invitations, with the permission filter built in: only the programme's coordinators and the admins of
its organisation see its invitations; any other id gets the answer an unknown id gets."""

from datetime import datetime
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext

from accounts.models import User
from common.errors import NotFound
from invitations.models import Invitation, InvitationState
from programmes.models import Membership, OrganisationAdmin, Programme, Role


def _managed_programmes_filter(user: User | AnonymousUser, prefix: str = "") -> Q:
    """Programmes she coordinates, or that belong to an organisation she runs (``prefix`` reaches the programme)."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    coordinates = Membership.objects.filter(programme=OuterRef(f"{prefix}pk"), user=user, role=Role.COORDINATOR)
    runs = OrganisationAdmin.objects.filter(organisation=OuterRef(f"{prefix}organisation_id"), user=user)
    return Q(Exists(coordinates)) | Q(Exists(runs))


def managed_programme(*, user: User | AnonymousUser, programme_id: UUID) -> Programme:
    """The programme if she coordinates it or runs its organisation; otherwise NotFound, worded the same whether or
    not it exists."""
    found = Programme.objects.filter(_managed_programmes_filter(user)).filter(pk=programme_id).first()
    if found is None:
        raise NotFound(gettext("No such programme among those you coordinate."))
    return found


def with_state(invitations: QuerySet[Invitation], *, now: datetime) -> QuerySet[Invitation]:
    """Each invitation's state, worked out in SQL (so the list can be filtered by it)."""
    return invitations.annotate(
        state=Case(
            When(joined_at__isnull=False, then=Value(InvitationState.JOINED.value)),
            When(revoked_at__isnull=False, then=Value(InvitationState.REVOKED.value)),
            When(expires_at__lte=now, then=Value(InvitationState.EXPIRED.value)),
            When(opened_at__isnull=False, then=Value(InvitationState.OPENED.value)),
            default=Value(InvitationState.SENT.value),
            output_field=CharField(),
        )
    )


def programme_invitations(*, programme: Programme, now: datetime, state: str | None = None) -> QuerySet[Invitation]:
    invitations = with_state(Invitation.objects.filter(programme=programme), now=now).select_related("invited_by")
    if state:
        invitations = invitations.filter(state=state)  # type: ignore[misc]  # the annotation above
    return invitations.order_by("-created_at", "id")


def managed_invitation(*, user: User | AnonymousUser, invitation_id: UUID) -> Invitation:
    found = (
        Invitation.objects.filter(pk=invitation_id)
        .filter(programme__in=Programme.objects.filter(_managed_programmes_filter(user)))
        .select_related("programme", "programme__organisation", "invited_by")
        .first()
    )
    if found is None:
        raise NotFound(gettext("No such invitation in the programmes you coordinate."))
    return found


def invitation_state(invitation: Invitation, *, now: datetime) -> str:
    """The state of one invitation already loaded (the same rule as ``with_state``)."""
    if invitation.joined_at is not None:
        return InvitationState.JOINED
    if invitation.revoked_at is not None:
        return InvitationState.REVOKED
    if invitation.expires_at <= now:
        return InvitationState.EXPIRED
    if invitation.opened_at is not None:
        return InvitationState.OPENED
    return InvitationState.SENT
