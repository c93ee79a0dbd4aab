from django.contrib import admin

from programmes.models import Membership, Organisation, OrganisationAdmin, Programme


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name = "member or coordinator"


class OrganisationAdminInline(admin.TabularInline):
    model = OrganisationAdmin
    extra = 1
    autocomplete_fields = ["user"]
    verbose_name = "organisation admin"


@admin.register(Organisation)
class OrganisationModelAdmin(admin.ModelAdmin):
    """The site admin creates organisations and their first admin; the organisation's admins do the rest in the
    web app."""

    list_display = ["name", "slug", "country", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [OrganisationAdminInline]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "city", "country", "online", "signup_open"]
    list_filter = ["organisation", "kind", "signup_open"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "role", "created_at"]
    list_filter = ["role", "programme"]
    autocomplete_fields = ["user"]
    search_fields = ["user__email", "user__display_name", "programme__name"]
