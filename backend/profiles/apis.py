"""People read and update their own profiles; coordinators read, update and verify their programmes' ones."""

from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import PublicAPIView
from common import etags
from common.errors import NotFound
from privacy.audit import audit_record
from profiles.models import Profile
from profiles.selectors import profiles_own, profiles_visible_to
from profiles.serializers import ProfileInputSerializer, ProfileOutputSerializer
from profiles.services import profile_update, profile_verify
from programmes.selectors import is_coordinator


def _visible_profile(request: Request, profile_id: UUID) -> Profile:
    return get_object_or_404(profiles_visible_to(user=request.user), pk=profile_id)  # type: ignore[arg-type]


class ProfileListApi(PublicAPIView):
    permission_classes = [IsAuthenticated]
    query_parameters = ()  # one's own profiles, unfiltered: ?programme= and the like are refused, not ignored

    @extend_schema(operation_id="profiles_list_own", responses=ProfileOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        profiles = profiles_own(user=request.user)  # type: ignore[arg-type]
        return etags.conditional(request, Response(ProfileOutputSerializer(profiles, many=True).data))


class ProfileDetailApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="profiles_retrieve", responses=ProfileOutputSerializer)
    def get(self, request: Request, profile_id: UUID) -> Response:
        profile = _visible_profile(request, profile_id)
        if profile.membership.user_id != request.user.pk:
            # A coordinator reading someone's record is a sensitive read: it goes on the audit trail.
            audit_record(
                action="profile.read",
                target=profile,
                at=timezone.now(),
                actor=request.user,  # type: ignore[arg-type]
                actor_role="coordinator",
                programme=profile.membership.programme,
            )
        return Response(ProfileOutputSerializer(profile).data)

    @extend_schema(operation_id="profiles_update", request=ProfileInputSerializer, responses=ProfileOutputSerializer)
    def patch(self, request: Request, profile_id: UUID) -> Response:
        profile = _visible_profile(request, profile_id)
        serializer = ProfileInputSerializer(data=request.data, context={"role": profile.membership.role})
        serializer.is_valid(raise_exception=True)
        profile = profile_update(profile=profile, data=serializer.validated_data, now=timezone.now())
        return Response(ProfileOutputSerializer(_visible_profile(request, profile.pk)).data)


class ProfileVerifyApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="profiles_verify", request=None, responses=ProfileOutputSerializer)
    def post(self, request: Request, profile_id: UUID) -> Response:
        profile = _visible_profile(request, profile_id)
        if not is_coordinator(user=request.user, programme=profile.membership.programme):
            raise NotFound(gettext("No such profile among those you coordinate."))
        profile_verify(profile=profile, by=request.user, now=timezone.now())  # type: ignore[arg-type]
        return Response(ProfileOutputSerializer(_visible_profile(request, profile_id)).data)
