from django.contrib import admin

from programmes.models import Membership, Programme


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name = "member or coordinator"


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "country", "online", "signup_open"]
    list_filter = ["kind", "signup_open"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "role", "created_at"]
    list_filter = ["role", "programme"]
    autocomplete_fields = ["user"]
    search_fields = ["user__email", "user__display_name", "programme__name"]
