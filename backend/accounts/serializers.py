"""The signed-in person's own account."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from accounts.two_step import totp_authenticators, two_step_passed, two_step_rule
from common.address import AddressFormInputField
from common.names import NameField
from programmes.models import Membership, OrganisationAdmin
from programmes.texts import programme_name


class MembershipOutputSerializer(serializers.ModelSerializer):
    programme_name = serializers.SerializerMethodField(help_text="In the request's language where it exists.")
    programme_kind = serializers.CharField(source="programme.kind")
    profile = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "programme", "programme_name", "programme_kind", "role", "profile"]

    def get_programme_name(self, membership: Membership) -> str:
        return programme_name(membership.programme)

    def get_profile(self, membership: Membership) -> str | None:
        profile = getattr(membership, "profile", None)
        return str(profile.pk) if profile is not None else None


class TwoStepOutputSerializer(serializers.Serializer):
    required = serializers.BooleanField(help_text="Coordinators and staff must pass a TOTP code.")  # type: ignore[assignment]
    enabled = serializers.BooleanField(help_text="An authenticator app is set up.")
    passed = serializers.BooleanField(help_text="This session passed the TOTP code.")


class OrganisationRoleOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="organisation_id")
    name = serializers.CharField(source="organisation.name")


class MeOutputSerializer(serializers.ModelSerializer):
    memberships = MembershipOutputSerializer(many=True)
    organisations = serializers.SerializerMethodField(help_text="The organisations she runs (is an admin of).")
    email_verified = serializers.SerializerMethodField()
    two_step = serializers.SerializerMethodField()

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
            "address_as",
            "is_staff",
            "memberships",
            "organisations",
            "two_step",
        ]

    def _organisation_roles(self, user: User) -> list[OrganisationAdmin]:
        """Her organisation admin roles, read once for both fields that need them."""
        if not hasattr(self, "_roles"):
            roles = OrganisationAdmin.objects.filter(user=user).select_related("organisation")
            self._roles = list(roles.order_by("organisation__name"))
        return self._roles

    @extend_schema_field(OrganisationRoleOutputSerializer(many=True))
    def get_organisations(self, user: User) -> list[dict[str, str]]:
        return OrganisationRoleOutputSerializer(self._organisation_roles(user), many=True).data  # type: ignore[return-value]

    @extend_schema_field(TwoStepOutputSerializer)
    def get_two_step(self, user: User) -> dict[str, bool]:
        # requires_two_step without its query: the memberships are read already, and so are her admin roles
        roles = (membership.role for membership in user.memberships.all())
        required = two_step_rule(user, roles, runs_an_organisation=bool(self._organisation_roles(user)))
        request = self.context.get("request")
        passed = request is not None and two_step_passed(request._request, user)
        return {"required": required, "enabled": self._flags(user)[1], "passed": passed}

    def get_email_verified(self, user: User) -> bool:
        return self._flags(user)[0]

    def _flags(self, user: User) -> tuple[bool, bool]:
        """Whether her email is verified and whether she has an authenticator app: one query for both fields."""
        if not hasattr(self, "_read_flags"):
            verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
            found = User.objects.filter(pk=user.pk).annotate(
                has_verified_email=Exists(verified), has_totp=Exists(totp_authenticators(OuterRef("pk")))
            )
            self._read_flags: tuple[bool, bool] = found.values_list("has_verified_email", "has_totp").get()
        return self._read_flags


class MeUpdateInputSerializer(serializers.Serializer):
    display_name = NameField(max_length=80, required=False)
    full_name = NameField(max_length=200, required=False, allow_blank=True)
    phone = NameField(max_length=40, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=[code for code, _n in settings.LANGUAGES], required=False)
    address_as = AddressFormInputField()


class SignUpAcceptedOutputSerializer(serializers.Serializer):
    """The answer to a sign-up with a new account: the same whether or not the address already had one."""

    status = serializers.ChoiceField(choices=[("check_email", "check_email")])
    detail = serializers.CharField()


SIGN_UP_ACCEPTED = {
    "status": "check_email",
    "detail": "Thank you for signing up. We have sent an email to the address you gave: please open it.",
}
