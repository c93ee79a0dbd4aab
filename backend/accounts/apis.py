"""The signed-in person ("me") and the CSRF cookie the browser needs before its first write."""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, JsonResponse
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
from accounts.permissions import PublicAPIView
from accounts.serializers import MeOutputSerializer, MeUpdateInputSerializer
from accounts.services import user_update
from common import etags
from programmes.models import Membership


def _me(user: User) -> User:
    """The signed-in user with her memberships, their programmes and profiles read in one query (the user is not
    read again: the session already did)."""
    user = getattr(user, "_wrapped", user)  # the request's lazy user, resolved
    memberships = Membership.objects.select_related("programme", "profile")
    prefetch_related_objects([user], Prefetch("memberships", queryset=memberships))
    return user


class MeApi(PublicAPIView):
    """Who is signed in; reachable before two-step verification, so the web app can ask for it."""

    permission_classes = [IsAuthenticated]
    two_step_exempt = True

    @extend_schema(operation_id="me_retrieve", responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        me = MeOutputSerializer(_me(request.user), context={"request": request}).data  # type: ignore[arg-type]
        return etags.conditional(request, Response(me))

    @extend_schema(operation_id="me_update", request=MeUpdateInputSerializer, responses=MeOutputSerializer)
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update(user=request.user, data=serializer.validated_data)  # type: ignore[arg-type]
        if "preferred_language" in serializer.validated_data:
            translation.activate(user.preferred_language)
        return Response(MeOutputSerializer(_me(user), context={"request": request}).data)


@method_decorator(ensure_csrf_cookie, name="get")
class CsrfApi(PublicAPIView):
    """Sets the csrftoken cookie; send its value in the X-CSRFToken header on every unsafe request."""

    permission_classes = [AllowAny]
    two_step_exempt = True

    @extend_schema(
        operation_id="csrf_retrieve",
        responses=inline_serializer("CsrfOutputSerializer", fields={"csrf_token": serializers.CharField()}),
    )
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})


def signup_closed(request: HttpRequest) -> JsonResponse:
    """allauth's bare sign-up is closed, for every address alike and before any input is read (so it cannot
    tell whether an address has an account): people sign up to a programme, which also records consent."""
    error = {"message": "Sign up from a programme's page.", "code": "signup_closed"}
    return JsonResponse({"status": 403, "errors": [error]}, status=403)
