from django.contrib import admin

from privacy.models import ConsentRecord


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "purpose", "text_version", "method", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "method"]
    readonly_fields = [f.name for f in ConsentRecord._meta.fields]
