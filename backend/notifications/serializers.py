"""What the API shows of notices: the words rendered in the request's language."""

from typing import Any

from rest_framework import serializers

from notifications.models import Notification, NotificationKind
from notifications.selectors import notification_texts


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=NotificationKind.choices, read_only=True)
    subject = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    params = serializers.DictField(read_only=True)
    programme = serializers.UUIDField(source="programme_id", read_only=True, allow_null=True)
    match_id = serializers.UUIDField(read_only=True, allow_null=True)
    read = serializers.BooleanField(source="is_read", read_only=True)
    created_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, instance: Notification) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["subject"], data["body"] = notification_texts(notification=instance, language=self.context.get("language"))
        return data


class NotificationUnreadCountOutputSerializer(serializers.Serializer):
    unread = serializers.IntegerField(read_only=True)
