"""Invitations: a programme's coordinators and its organisation's admins invite people by email, see each
invitation's state, resend and revoke; the link's own routes (public, rate-limited) show what it invites to and
let her join. Another programme's ids get the answer an unknown id gets."""

from typing import Any
from uuid import UUID

from django.contrib.auth import login
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common.pagination import PageNumberPagination
from common.throttles import AddressRateThrottle
from invitations.selectors import invitation_state, managed_invitation, managed_programme, programme_invitations
from invitations.serializers import (
    InvitationAcceptInputSerializer,
    InvitationAcceptOutputSerializer,
    InvitationFilterInputSerializer,
    InvitationOutputSerializer,
    InvitationPreviewOutputSerializer,
    InvitationsSendInputSerializer,
    InvitationsSendOutputSerializer,
)
from invitations.services import (
    invitation_accept,
    invitation_by_token,
    invitation_open,
    invitation_resend,
    invitation_revoke,
    invitations_send,
)
from profiles.services import ConsentInput


class InvitationTokenRateThrottle(AddressRateThrottle):
    """Requests to the link's routes per address: INVITATION_TOKEN_RATE_LIMIT (nobody guesses links)."""

    scope = "invitation_token"
    rate_setting = "INVITATION_TOKEN_RATE_LIMIT"


def _site(request: Request) -> str:
    return request.build_absolute_uri("/")


def _with_state(invitation: Any) -> Any:
    invitation.state = invitation_state(invitation, now=timezone.now())
    return invitation


def _output(invitation: Any) -> dict[str, Any]:
    return InvitationOutputSerializer(_with_state(invitation)).data  # type: ignore[return-value]


class ProgrammeInvitationsApi(PublicAPIView):
    """The programme's invitations, newest first (filter by state); and inviting one or many addresses."""

    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination
    query_parameters = ("state",)

    @extend_schema(
        operation_id="programmes_invitations_list",
        parameters=[InvitationFilterInputSerializer],
        responses=InvitationOutputSerializer(many=True),
    )
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = managed_programme(user=request.user, programme_id=programme_id)
        filters = InvitationFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        invitations = programme_invitations(
            programme=programme, now=timezone.now(), state=filters.validated_data.get("state")
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(invitations, request, view=self)
        return paginator.get_paginated_response(InvitationOutputSerializer(page, many=True).data)

    @extend_schema(
        operation_id="programmes_invitations_send",
        request=InvitationsSendInputSerializer,
        responses={200: InvitationsSendOutputSerializer},
        description="One answer per address: invited, resent (it had a live invitation: a new link), already_member "
        "or invalid, each with plain words. A closed programme answers 409.",
    )
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = managed_programme(user=request.user, programme_id=programme_id)
        serializer = InvitationsSendInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        results = invitations_send(
            programme=programme,
            role=data["role"],
            entries=data["emails"],
            language=data.get("language"),
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
            site=_site(request),
        )
        body = {
            "results": [
                {
                    "email": result.email,
                    "outcome": result.outcome,
                    "detail": result.detail,
                    "invitation": _with_state(result.invitation) if result.invitation is not None else None,
                }
                for result in results
            ]
        }
        return Response(InvitationsSendOutputSerializer(body).data)


class InvitationResendApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="invitations_resend", request=None, responses=InvitationOutputSerializer)
    def post(self, request: Request, invitation_id: UUID) -> Response:
        invitation = managed_invitation(user=request.user, invitation_id=invitation_id)
        resent = invitation_resend(invitation=invitation, now=timezone.now(), site=_site(request))
        return Response(_output(resent))


class InvitationRevokeApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="invitations_revoke", request=None, responses=InvitationOutputSerializer)
    def post(self, request: Request, invitation_id: UUID) -> Response:
        user: User = request.user  # type: ignore[assignment]  # IsAuthenticated
        invitation = managed_invitation(user=user, invitation_id=invitation_id)
        return Response(_output(invitation_revoke(invitation=invitation, now=timezone.now(), by=user)))


class InvitationPreviewApi(PublicAPIView):
    """What the link invites to (and it counts as opened). Unknown and revoked links get the same 404; an expired
    one 410."""

    permission_classes = [AllowAny]
    throttle_classes = [InvitationTokenRateThrottle]
    two_step_exempt = True  # shows nothing a coordinator's unfinished login must not see

    @extend_schema(operation_id="invitations_preview", responses=InvitationPreviewOutputSerializer)
    def get(self, request: Request, token: str) -> Response:
        now = timezone.now()
        invitation = invitation_open(invitation=invitation_by_token(token=token, now=now), now=now)
        return Response(InvitationPreviewOutputSerializer(invitation, context={"user": request.user}).data)


class InvitationAcceptApi(PublicAPIView):
    """She joins: logged in, with her account (the invited address's only); otherwise with a new account for the
    invited address, logged in at once. A participant role brings her profile and consent, as sign-up does."""

    permission_classes = [AllowAny]
    throttle_classes = [InvitationTokenRateThrottle]

    @extend_schema(
        operation_id="invitations_accept",
        request=InvitationAcceptInputSerializer,
        responses={201: InvitationAcceptOutputSerializer},
    )
    def post(self, request: Request, token: str) -> Response:
        now = timezone.now()
        invitation = invitation_by_token(token=token, now=now)
        serializer = InvitationAcceptInputSerializer(
            data=request.data, context={"role": invitation.role, "email": invitation.email}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user: User | None = request.user if request.user.is_authenticated else None  # type: ignore[assignment]
        consent = data.get("consent")
        joined = invitation_accept(
            invitation=invitation,
            user=user,
            account=data.get("account"),
            profile_data=data.get("profile"),
            consent=(
                ConsentInput(version=consent["version"], purposes=tuple(consent["purposes"])) if consent else None
            ),
            now=now,
        )
        if user is None:
            login(request._request, joined.user, backend="django.contrib.auth.backends.ModelBackend")
        body = {
            "programme": invitation.programme_id,
            "role": invitation.role,
            "new_account": joined.new_account,
            "profile": joined.profile.pk if joined.profile is not None else None,
        }
        return Response(InvitationAcceptOutputSerializer(body).data, status=status.HTTP_201_CREATED)
