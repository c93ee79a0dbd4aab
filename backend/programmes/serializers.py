"""Output shapes of programmes and reference data, and the coordinator's programme update."""

from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from privacy.consents import ConsentAsked, consent_asked
from privacy.models import ConsentPurpose
from programmes.models import Programme


class ProgrammeOutputSerializer(serializers.ModelSerializer):
    country = CountryField(allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField())
    consent_text = serializers.SerializerMethodField(
        help_text="The consent to take part, in the request's language where it exists (see consent_language)."
    )
    consent_language = serializers.SerializerMethodField(help_text="The language consent_text is written in.")
    consent_languages = serializers.SerializerMethodField(help_text="Every language the consent text exists in.")

    def _asked(self, programme: Programme) -> ConsentAsked:
        return consent_asked(programme=programme, purpose=ConsentPurpose.PROGRAMME)

    def get_consent_text(self, programme: Programme) -> str:
        return self._asked(programme).text

    def get_consent_language(self, programme: Programme) -> str:
        return self._asked(programme).language

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_consent_languages(self, programme: Programme) -> list[str]:
        return list(self._asked(programme).languages)

    class Meta:
        model = Programme
        fields = [
            "id",
            "kind",
            "name",
            "slug",
            "description",
            "city",
            "country",
            "online",
            "languages",
            "signup_open",
            "consent_text",
            "consent_language",
            "consent_languages",
            "consent_version",
            "offer_expiry_days",
            "match_duration_days",
        ]


class ProgrammeUpdateInputSerializer(serializers.Serializer):
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    signup_open = serializers.BooleanField(required=False)
    offer_expiry_days = serializers.IntegerField(required=False, min_value=1, max_value=60)
    match_duration_days = serializers.IntegerField(required=False, min_value=7, max_value=730)


class ReferenceItemOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    parent = serializers.CharField(allow_null=True, required=False)  # type: ignore[assignment]
    icon = serializers.CharField(required=False)


class LanguageOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class ParticipantFilterInputSerializer(serializers.Serializer):
    role = serializers.CharField(required=False)
    language = serializers.CharField(required=False, help_text="ISO 639 code")
    sector = serializers.CharField(required=False, help_text="NACE code; a section letter also finds its divisions")
    country = serializers.CharField(required=False)
    city = serializers.CharField(required=False)
    verified = serializers.BooleanField(required=False, allow_null=True, default=None)
    search = serializers.CharField(required=False, help_text="Part of the name or email")
