"""The caller's own notices: list, unread count, mark one or all read."""

from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common import etags
from common.pagination import PageNumberPagination
from notifications.selectors import notifications_for_user, notifications_unread_count
from notifications.serializers import NotificationOutputSerializer, NotificationUnreadCountOutputSerializer
from notifications.services import notifications_mark_read

_LANG_PARAM = OpenApiParameter(
    "Accept-Language", location=OpenApiParameter.HEADER, required=False, description="en, de, fr, ar or uk"
)


def _context() -> dict[str, str | None]:
    return {"language": translation.get_language()}


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


class NotificationListApi(PublicAPIView):
    permission_classes = [IsAuthenticated]
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="notifications_list", parameters=[_LANG_PARAM], responses=NotificationOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(notifications_for_user(user=_user(request)), request, view=self)
        data = NotificationOutputSerializer(page, many=True, context=_context()).data
        return etags.conditional(request, paginator.get_paginated_response(data))


class NotificationUnreadCountApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="notifications_unread_count", responses=NotificationUnreadCountOutputSerializer)
    def get(self, request: Request) -> Response:
        unread = notifications_unread_count(user=_user(request))
        return etags.conditional(request, Response(NotificationUnreadCountOutputSerializer({"unread": unread}).data))


class NotificationReadApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="notifications_read",
        request=None,
        parameters=[_LANG_PARAM],
        responses=NotificationOutputSerializer,
    )
    def post(self, request: Request, notification_id: UUID) -> Response:
        # Someone else's notice is a 404, exactly like one that does not exist.
        notification = get_object_or_404(notifications_for_user(user=_user(request)), pk=notification_id)
        notifications_mark_read(user=_user(request), ids=[notification.pk], now=timezone.now())
        notification.refresh_from_db(fields=["read_at", "updated_at"])
        return Response(NotificationOutputSerializer(notification, context=_context()).data)


class NotificationReadAllApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="notifications_read_all", request=None, responses=NotificationUnreadCountOutputSerializer
    )
    def post(self, request: Request) -> Response:
        notifications_mark_read(user=_user(request), now=timezone.now())
        unread = notifications_unread_count(user=_user(request))
        return Response(NotificationUnreadCountOutputSerializer({"unread": unread}).data)
