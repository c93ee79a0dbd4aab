"""The signed-in person's own account."""

from django.conf import settings
from rest_framework import serializers

from accounts.models import User
from programmes.models import Membership


class MembershipOutputSerializer(serializers.ModelSerializer):
    programme_name = serializers.CharField(source="programme.name")
    programme_kind = serializers.CharField(source="programme.kind")
    profile = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "programme", "programme_name", "programme_kind", "role", "profile"]

    def get_profile(self, membership: Membership) -> str | None:
        profile = getattr(membership, "profile", None)
        return str(profile.pk) if profile is not None else None


class MeOutputSerializer(serializers.ModelSerializer):
    memberships = MembershipOutputSerializer(many=True)
    email_verified = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "email_verified",
            "display_name",
            "full_name",
            "phone",
            "preferred_language",
            "is_staff",
            "memberships",
        ]

    def get_email_verified(self, user: User) -> bool:
        return user.emailaddress_set.filter(verified=True).exists()  # type: ignore[attr-defined]


class MeUpdateInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=80, required=False)
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=[code for code, _n in settings.LANGUAGES], required=False)
