"""The signed-in person ("me") and the CSRF cookie the browser needs before its first write."""

from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.serializers import MeOutputSerializer, MeUpdateInputSerializer
from accounts.services import user_update
from common.permissions import PublicAPIView


def _me(user: User) -> User:
    return User.objects.prefetch_related("memberships__programme", "memberships__profile").get(pk=user.pk)


class MeApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_retrieve", responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeOutputSerializer(_me(request.user)).data)  # type: ignore[arg-type]

    @extend_schema(operation_id="me_update", request=MeUpdateInputSerializer, responses=MeOutputSerializer)
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update(user=request.user, data=serializer.validated_data)  # type: ignore[arg-type]
        if "preferred_language" in serializer.validated_data:
            translation.activate(user.preferred_language)
        return Response(MeOutputSerializer(_me(user)).data)


@method_decorator(ensure_csrf_cookie, name="get")
class CsrfApi(PublicAPIView):
    """Sets the csrftoken cookie; send its value in the X-CSRFToken header on every unsafe request."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="csrf_retrieve",
        responses=inline_serializer("CsrfOutputSerializer", fields={"csrf_token": serializers.CharField()}),
    )
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})
