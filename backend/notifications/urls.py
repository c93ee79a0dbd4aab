"""Routes of the caller's notices, included under /api/v1/notifications/."""

from django.urls import URLPattern, path

from notifications import apis

app_name = "notifications"

urlpatterns: list[URLPattern] = [
    path("", apis.NotificationListApi.as_view(), name="list"),
    path("unread-count/", apis.NotificationUnreadCountApi.as_view(), name="unread-count"),
    path("read-all/", apis.NotificationReadAllApi.as_view(), name="read-all"),
    path("<uuid:notification_id>/read/", apis.NotificationReadApi.as_view(), name="read"),
]
