"""Input parsing and output shapes of consents, sensitive attributes, data rights and retention."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from rest_framework import serializers

from privacy.models import ConsentMethod, ConsentPurpose
from privacy.sensitive import SENSITIVE_ATTRIBUTES, SUPPORT_QUALITIES

UI_LANGUAGE_CHOICES = [code for code, _name in settings.LANGUAGES]


class ConsentRecordOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    programme = serializers.UUIDField(source="programme_id")
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    text_version = serializers.CharField()
    text = serializers.CharField()
    language = serializers.CharField(help_text="The language of the text she saw (empty for old records).")
    given_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=ConsentMethod.choices)
    withdrawn_at = serializers.DateTimeField(allow_null=True)


class ConsentStatusOutputSerializer(serializers.Serializer):
    """One purpose in one of her programmes: whether it is in force, the record, and the text asked for now."""

    programme = serializers.UUIDField()
    programme_name = serializers.CharField()
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    consent_state = serializers.ChoiceField(choices=["given", "withdrawn", "not_given"])
    current_version = serializers.CharField(help_text="The version to send back when giving this consent.")
    current_text = serializers.CharField(
        help_text="The text asked for now, in the requested language where it exists (see current_language)."
    )
    current_language = serializers.CharField(help_text="The language current_text is written in.")
    stops = serializers.CharField(help_text="What stops at once if it is withdrawn, in plain words.")
    record = ConsentRecordOutputSerializer(allow_null=True, help_text="The record in force, or the latest one.")
    history = ConsentRecordOutputSerializer(many=True)


class ConsentGiveInputSerializer(serializers.Serializer):
    programme = serializers.UUIDField()
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    version = serializers.CharField(max_length=20, help_text="The version of the text that was shown.")
    language = serializers.ChoiceField(
        choices=UI_LANGUAGE_CHOICES, required=False, help_text="The language the text was shown in."
    )


class ConsentWithdrawInputSerializer(serializers.Serializer):
    programme = serializers.UUIDField()
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)


class SensitiveOptionOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    labels = serializers.DictField(child=serializers.CharField(), help_text="By interface language.")
    explanations = serializers.DictField(
        child=serializers.CharField(), help_text="What the matching does with it, by interface language."
    )


class SensitiveAttributesOutputSerializer(serializers.Serializer):
    sensitive_attributes = serializers.ListField(child=serializers.CharField(), help_text="Her chosen codes.")
    options = SensitiveOptionOutputSerializer(many=True)
    used_for_matching_in = serializers.ListField(
        child=serializers.UUIDField(), help_text="Programmes where her consent to use them for matching is in force."
    )


class SensitiveAttributesInputSerializer(serializers.Serializer):
    sensitive_attributes = serializers.ListField(
        child=serializers.ChoiceField(choices=[item.code for item in SENSITIVE_ATTRIBUTES]),
        max_length=len(SENSITIVE_ATTRIBUTES),
        allow_empty=True,
        help_text="The codes she chooses; an empty list removes them all.",
    )


class PersonSensitiveAttributesOutputSerializer(serializers.Serializer):
    """What a coordinator sees of one participant's sensitive attributes (each view is logged)."""

    profile = serializers.UUIDField()
    sensitive_attributes = serializers.ListField(child=serializers.CharField())
    used_for_matching = serializers.BooleanField()


class SupportQualityOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    labels = serializers.DictField(child=serializers.CharField())


class AccountEraseInputSerializer(serializers.Serializer):
    confirm = serializers.CharField(
        max_length=40, help_text='Must be the word "DELETE": she typed it to confirm that her account goes.'
    )

    def validate_confirm(self, value: str) -> str:
        if value.strip().upper() != "DELETE":
            raise serializers.ValidationError(gettext("Type the word DELETE to confirm."))
        return value


class RetentionFlagOutputSerializer(serializers.Serializer):
    user = serializers.UUIDField(source="user_id")
    display_name = serializers.CharField(source="user.display_name")
    last_active_at = serializers.DateTimeField()
    flagged_at = serializers.DateTimeField()
    erase_after = serializers.DateTimeField()


def sensitive_options() -> list[dict[str, Any]]:
    return [
        {"code": item.code, "labels": item.labels, "explanations": item.explanations} for item in SENSITIVE_ATTRIBUTES
    ]


def support_qualities() -> list[dict[str, Any]]:
    return [{"code": code, "labels": labels} for code, labels in SUPPORT_QUALITIES.items()]
