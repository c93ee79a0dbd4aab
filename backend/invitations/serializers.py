"""Input parsing and output shapes of invitations; the rules live in services."""

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from common.address import AddressFormInputField
from common.names import NameField
from invitations.models import INVITABLE_ROLES, Invitation, InvitationState
from profiles.serializers import ConsentInputSerializer, ProfileInputSerializer
from programmes.models import Role
from programmes.serializers import ProgrammeOutputSerializer
from programmes.texts import programme_name

INVITABLE_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value in INVITABLE_ROLES]
LANGUAGE_CHOICES = [code for code, _name in settings.LANGUAGES]
INVITE_OUTCOMES = [(outcome, outcome) for outcome in ("invited", "resent", "already_member", "invalid")]


class InvitationsSendInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)
    emails = serializers.ListField(
        child=serializers.CharField(max_length=100_000, allow_blank=True, trim_whitespace=False),
        min_length=1,
        max_length=settings.INVITATION_BATCH_MAX,
        help_text="Email addresses; each entry may hold several, separated by commas, semicolons or new lines "
        f"(at most {settings.INVITATION_BATCH_MAX} addresses in all).",
    )
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text="The language of the invitation email; the programme's first language when not given.",
    )


class InvitationOutputSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)
    state = serializers.ChoiceField(choices=InvitationState.choices)
    invited_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Invitation
        fields = [
            "id",
            "programme",
            "email",
            "role",
            "language",
            "state",
            "sent_at",
            "send_count",
            "expires_at",
            "opened_at",
            "joined_at",
            "revoked_at",
            "invited_by_name",
            "created_at",
        ]

    def get_invited_by_name(self, invitation: Invitation) -> str | None:
        return invitation.invited_by.display_name if invitation.invited_by is not None else None


class InviteResultOutputSerializer(serializers.Serializer):
    email = serializers.CharField(help_text="The address as normalised, or the entry as given when it is invalid.")
    outcome = serializers.ChoiceField(choices=INVITE_OUTCOMES)
    detail = serializers.CharField(help_text="What happened, in plain words.")
    invitation = InvitationOutputSerializer(allow_null=True)


class InvitationsSendOutputSerializer(serializers.Serializer):
    results = InviteResultOutputSerializer(many=True)


class InvitationFilterInputSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=InvitationState.choices, required=False)


class InvitationPreviewOutputSerializer(serializers.Serializer):
    """What the link shows anyone who holds it: never more than the programme, the role, the organisation and the
    last day, a hint of the address (to tell which of her addresses it was sent to), and, when she is logged in,
    whether it is meant for her account."""

    programme = serializers.UUIDField(source="programme_id")
    programme_name = serializers.SerializerMethodField()
    programme_kind = serializers.CharField(source="programme.kind")
    organisation_name = serializers.CharField(source="programme.organisation.name")
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)
    expires_at = serializers.DateTimeField()
    email_hint = serializers.SerializerMethodField(help_text="The invited address, partly hidden: ma•••@example.org")
    joined = serializers.SerializerMethodField(help_text="The invitation was already used.")
    for_you = serializers.SerializerMethodField(
        help_text="Logged in: whether the invitation is for her account's address; null when not logged in."
    )
    consent_version = serializers.CharField(source="programme.consent_version")
    programme_details = ProgrammeOutputSerializer(
        source="programme",
        help_text="The programme as its sign-up page shows it (texts, languages, consent wording), also while its "
        "public sign-up is closed: the invitation is her way in, and she reads what she agrees to before she joins.",
    )

    def get_programme_name(self, invitation: Invitation) -> str:
        return programme_name(invitation.programme)

    def get_email_hint(self, invitation: Invitation) -> str:
        local, _, domain = invitation.email.partition("@")
        return f"{local[:2]}•••@{domain}"

    def get_joined(self, invitation: Invitation) -> bool:
        return invitation.joined_at is not None

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_for_you(self, invitation: Invitation) -> bool | None:
        user = self.context.get("user")
        if user is None or not user.is_authenticated:
            return None
        return (user.email or "").lower() == invitation.email


class InvitationAccountInputSerializer(serializers.Serializer):
    """A new account for the invited address (the address is the invitation's, not given here)."""

    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    display_name = NameField(max_length=80)
    full_name = NameField(max_length=200, required=False, allow_blank=True)
    phone = NameField(max_length=40, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    address_as = AddressFormInputField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(
            email=self.context.get("email"), display_name=attrs["display_name"], full_name=attrs.get("full_name", "")
        )
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": list(error.messages)}) from None
        return attrs


class InvitationAcceptInputSerializer(serializers.Serializer):
    account = InvitationAccountInputSerializer(required=False, help_text="Needed unless she is logged in.")
    profile = ProfileInputSerializer(required=False, help_text="Needed for a participant role (not a coordinator).")
    consent = ConsentInputSerializer(required=False, help_text="Needed for a participant role (not a coordinator).")

    def to_internal_value(self, data: Any) -> Any:
        # The profile's rules depend on the invited role; the password's on the invited address.
        self.fields["profile"].context.update({"role": self.context.get("role"), "creating": True})  # type: ignore[attr-defined]
        self.fields["account"].context.update({"email": self.context.get("email")})  # type: ignore[attr-defined]
        return super().to_internal_value(data)


class InvitationAcceptOutputSerializer(serializers.Serializer):
    programme = serializers.UUIDField()
    role = serializers.ChoiceField(choices=INVITABLE_ROLE_CHOICES)
    new_account = serializers.BooleanField()
    profile = serializers.UUIDField(allow_null=True)
