from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notices are written by services, so support staff can see what was sent and when."""

    list_display = ["kind", "user", "audience", "programme", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "audience"]
    search_fields = ["user__email", "user__display_name", "dedupe_key"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
