from django.contrib import admin

from profiles.models import LanguageSkill, Profile, ProfileSector


class LanguageSkillInline(admin.TabularInline):
    model = LanguageSkill
    extra = 0


class ProfileSectorInline(admin.TabularInline):
    model = ProfileSector
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["membership", "city", "country", "capacity", "verified_at"]
    list_filter = ["membership__role", "membership__programme"]
    inlines = [LanguageSkillInline, ProfileSectorInline]
