"""Conversations in the admin: counts only. No message text, no participants' names, no meeting place: the admin has
no reader for messages (DESIGN.md, "Who sees what")."""

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from messaging.models import Conversation


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "programme", "messages", "created_at", "last_message_at"]
    list_filter = ["kind"]
    fields = ("kind", "programme", "created_at", "last_message_at")
    readonly_fields = ("kind", "programme", "created_at", "last_message_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Conversation]:
        return super().get_queryset(request).annotate(message_count=Count("messages"))

    @admin.display(description="messages", ordering="message_count")
    def messages(self, conversation: Conversation) -> int:
        return conversation.message_count  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
