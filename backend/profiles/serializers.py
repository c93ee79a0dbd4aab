"""Input parsing and output shapes of profiles and sign-up; business rules live in services."""

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from common.address import AddressFormInputField
from common.names import NameField
from common.text_fields import StrictBooleanField
from matching.records import AVAILABILITY_SLOTS, CEFR_LEVELS
from privacy.models import ConsentMethod, ConsentPurpose
from privacy.sensitive import SUPPORT_QUALITIES
from profiles.models import Gender, Profile
from programmes import reference_data
from programmes.models import PARTICIPANT_ROLE_CHOICES, Role

MENTOR_ROLES = (Role.MENTOR, Role.EMPLOYER)


class LanguageSkillSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=20)
    level = serializers.ChoiceField(choices=CEFR_LEVELS)

    def validate_code(self, value: str) -> str:
        code = reference_data.normalise_language_code(value)
        if code is None:
            raise serializers.ValidationError(_("“%(code)s” is not a known language code (ISO 639).") % {"code": value})
        return code


def _in_reference_list(name: str) -> Any:
    """A validator that accepts only codes of one reference list (read when first used)."""

    def check(value: str) -> None:
        if value not in reference_data.codes(name):
            raise serializers.ValidationError(_("“%(code)s” is not in the list.") % {"code": value})

    return check


def _codes_field(name: str, *, help_text: str, max_length: int = 20) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(validators=[_in_reference_list(name)]),
        required=False,
        max_length=max_length,
        help_text=help_text,
    )


def _sector_code(value: str) -> None:
    if not reference_data.is_sector_code(value):
        raise serializers.ValidationError(_("“%(code)s” is not in the list.") % {"code": value})


class ProfileInputSerializer(serializers.Serializer):
    """The profile part of sign-up and of an update; which fields are required depends on the role."""

    languages = LanguageSkillSerializer(many=True, required=False, max_length=12)  # type: ignore[call-arg]
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=40, validators=[_sector_code]),
        required=False,
        max_length=30,
        help_text="Job families (reference/job-families), or NACE Rev. 2 section letters or division numbers. "
        "A family is stored as its NACE divisions.",
    )
    goals = _codes_field("goals", help_text="Goal codes (mentee) or what a mentor/employer offers.")
    goals_text = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    city = NameField(required=False, allow_blank=True, max_length=120)
    country = CountryField(required=False, allow_blank=True)
    online = StrictBooleanField(required=False)
    availability = serializers.ListField(
        child=serializers.ChoiceField(choices=AVAILABILITY_SLOTS), required=False, max_length=len(AVAILABILITY_SLOTS)
    )
    gender = serializers.ChoiceField(choices=Gender.choices, required=False)
    woman_mentor_only = StrictBooleanField(required=False)
    online_only = StrictBooleanField(required=False)
    # Sharing is off until she turns it on: left out at sign-up means "not shared"; left out of an update, unchanged.
    share_email = StrictBooleanField(
        required=False, help_text="Show her email to her mentor or peer group. Not given at sign-up: not shared."
    )
    share_phone = StrictBooleanField(
        required=False, help_text="Show her phone number to her mentor or peer group. Not given at sign-up: not shared."
    )
    capacity = serializers.IntegerField(required=False, min_value=1, max_value=10)
    support_qualities = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(SUPPORT_QUALITIES)),
        required=False,
        max_length=len(SUPPORT_QUALITIES),
        help_text="Mentors and employers: kinds of support they offer (trauma-aware, LGBTQI+-friendly, …).",
    )
    available = StrictBooleanField(required=False)
    organisation = NameField(required=False, allow_blank=True, max_length=200)
    worker_role = serializers.CharField(required=False, validators=[_in_reference_list("roles")])
    topics_expertise = _codes_field("topics", help_text="Topic codes the worker knows about.")
    topics_interest = _codes_field("topics", help_text="Topic codes the worker wants to learn about.")

    def validate_sectors(self, value: list[str]) -> list[str]:
        return reference_data.sectors_expanded(value)

    def validate_languages(self, value: list[dict[str, str]]) -> list[dict[str, str]]:
        seen = [item["code"] for item in value]
        if len(seen) != len(set(seen)):
            raise serializers.ValidationError(_("Each language may be listed once."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        role = self.context.get("role")
        creating = self.context.get("creating", False)
        errors: dict[str, Any] = {}
        if creating:
            if not attrs.get("languages"):
                errors["languages"] = _("Add at least one language you speak.")
            if role in MENTOR_ROLES and not attrs.get("capacity"):
                errors["capacity"] = _("Say how many mentees you can support at once (1 to 10).")
            if role in MENTOR_ROLES and not attrs.get("sectors"):
                errors["sectors"] = _("Choose at least one sector you know.")
            if role == Role.FRONTLINE_WORKER:
                for field in ("city", "country", "organisation"):
                    if not attrs.get(field):
                        errors[field] = _("This field is required for frontline workers.")
                if not attrs.get("topics_expertise") and not attrs.get("topics_interest"):
                    errors["topics_interest"] = _("Choose at least one topic.")
            if not attrs.get("online", True) and not attrs.get("city"):
                errors["city"] = _("Give a city, or say you can meet online.")
        if role not in MENTOR_ROLES and attrs.get("support_qualities"):
            errors["support_qualities"] = _("Only mentors and employers say what support they offer.")
        if role not in MENTOR_ROLES and "capacity" in attrs:
            errors["capacity"] = _("Only mentors and employers have a capacity.")
        if role != Role.MENTEE and (attrs.get("woman_mentor_only") or attrs.get("online_only")):
            errors["woman_mentor_only"] = _("Only mentees set mentor preferences.")
        if attrs.get("online_only") and attrs.get("online") is False:
            errors["online_only"] = _("“Online only” needs “open to meeting online”.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AccountInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})
    display_name = NameField(max_length=80)
    full_name = NameField(max_length=200, required=False, allow_blank=True)
    phone = NameField(max_length=40, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], default="en")
    address_as = AddressFormInputField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(email=attrs["email"], display_name=attrs["display_name"], full_name=attrs.get("full_name", ""))
        try:
            validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": list(error.messages)}) from None
        return attrs


class AssistedAccountInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    display_name = NameField(max_length=80)
    full_name = NameField(max_length=200, required=False, allow_blank=True)
    phone = NameField(max_length=40, required=False, allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], default="en")
    address_as = AddressFormInputField()


OPTIONAL_PURPOSES = [p for p in ConsentPurpose.values if p != ConsentPurpose.PROGRAMME]


class ConsentInputSerializer(serializers.Serializer):
    given = StrictBooleanField(help_text="Must be true: the person agrees to the programme's stated purpose.")
    version = serializers.CharField(max_length=20, help_text="The version of the consent text that was shown.")
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=OPTIONAL_PURPOSES),
        required=False,
        default=list,
        help_text="Optional further purposes she agrees to, each to its current text version "
        "(sensitive_matching, contact_sharing, outcome_reporting). Each can be withdrawn later.",
    )

    def validate_given(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Consent is needed to take part in the programme."))
        return value


class AssistedConsentInputSerializer(ConsentInputSerializer):
    method = serializers.ChoiceField(
        choices=[c for c in ConsentMethod.choices if c[0] != ConsentMethod.SELF_ONLINE],
        help_text="How she gave her consent to the coordinator.",
    )


class SignUpInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PARTICIPANT_ROLE_CHOICES)
    account = AccountInputSerializer(required=False, help_text="Needed unless the caller is already logged in.")
    profile = ProfileInputSerializer()
    consent = ConsentInputSerializer()

    def validate_role(self, value: str) -> str:
        programme = self.context.get("programme")
        if programme is not None and value not in programme.participant_roles():
            allowed = ", ".join(programme.participant_roles())
            raise serializers.ValidationError(_("This programme takes people as: %(roles)s.") % {"roles": allowed})
        return value

    def to_internal_value(self, data: Any) -> Any:
        # The profile's rules depend on the role, so the role is read first.
        if isinstance(data, dict):
            self.fields["profile"].context.update(  # type: ignore[attr-defined]
                {"role": data.get("role"), "creating": True}
            )
        return super().to_internal_value(data)


class AssistedSignUpInputSerializer(serializers.Serializer):
    account = AssistedAccountInputSerializer()
    profile = ProfileInputSerializer(context={"role": Role.MENTEE, "creating": True})
    consent = AssistedConsentInputSerializer()

    def to_internal_value(self, data: Any) -> Any:
        self.fields["profile"].context.update(  # type: ignore[attr-defined]
            {"role": Role.MENTEE, "creating": True}
        )
        return super().to_internal_value(data)


class LanguageSkillOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="language")
    level = serializers.CharField()


class ProfileOutputSerializer(serializers.ModelSerializer):
    """A profile as its owner and the programme's coordinators see it."""

    programme = serializers.UUIDField(source="membership.programme_id")
    role = serializers.CharField(source="membership.role")
    user = serializers.UUIDField(source="membership.user_id")
    display_name = serializers.CharField(source="membership.user.display_name")
    full_name = serializers.CharField(source="membership.user.full_name")
    email = serializers.EmailField(source="membership.user.email", allow_null=True)
    phone = serializers.CharField(source="membership.user.phone")
    languages = LanguageSkillOutputSerializer(many=True)
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")  # type: ignore[var-annotated]
    job_families = serializers.SerializerMethodField(help_text="The job families the sectors fall in.")
    goals = serializers.ListField(child=serializers.CharField())
    availability = serializers.ListField(child=serializers.CharField())
    topics_expertise = serializers.ListField(child=serializers.CharField())
    topics_interest = serializers.ListField(child=serializers.CharField())
    support_qualities = serializers.ListField(child=serializers.CharField())
    country = CountryField(allow_blank=True)
    verified = serializers.BooleanField(source="is_verified")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_job_families(self, profile: Profile) -> list[str]:
        return reference_data.job_families_of([sector.code for sector in profile.sectors.all()])

    class Meta:
        model = Profile
        fields = [
            "id",
            "programme",
            "role",
            "user",
            "display_name",
            "full_name",
            "email",
            "phone",
            "languages",
            "sectors",
            "job_families",
            "goals",
            "goals_text",
            "city",
            "country",
            "online",
            "availability",
            "gender",
            "woman_mentor_only",
            "online_only",
            "share_email",
            "share_phone",
            "capacity",
            "support_qualities",
            "available",
            "verified",
            "verified_at",
            "organisation",
            "worker_role",
            "topics_expertise",
            "topics_interest",
            "created_at",
            "updated_at",
        ]
