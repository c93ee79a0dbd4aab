from django.contrib import admin

from safeguarding.models import Block, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "programme", "context", "category", "status"]
    list_filter = ["status", "category", "context"]
    # The reporter's own words are left out of the admin list; coordinators read them in the app.
    exclude = ["text"]
    readonly_fields = ["programme", "match", "group", "reporter", "reported"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "programme"]
