"""The accounts' admin: deactivating an account there ends her part in every programme (usecases.leave)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import User
from usecases.leave import account_deactivate


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "preferred_language", "is_staff", "is_active"]
    search_fields = ["email", "display_name", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("display_name", "full_name", "phone", "preferred_language")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")}),)
    actions = ["deactivate"]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            account_deactivate(user=obj, by=request.user, by_role="admin", now=timezone.now())  # type: ignore[arg-type]

    @admin.action(description="Deactivate the selected accounts (each leaves every programme)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        now = timezone.now()
        for user in queryset.filter(is_active=True):
            account_deactivate(user=user, by=request.user, by_role="admin", now=now)  # type: ignore[arg-type]
