"""Output shapes of programmes and reference data, and the coordinator's programme update."""

from typing import TYPE_CHECKING, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.languages import FALLBACK_LANGUAGE, INTERFACE_LANGUAGES
from common.names import NameField
from common.text_fields import StrictBooleanField
from outcomes.models import OutcomeTarget
from privacy.consents import ConsentAsked, consent_asked
from privacy.models import ConsentPurpose
from programmes import reference_data
from programmes.matching_settings import (
    FAIRNESS_SHARE_RANGE,
    GROUP_SIZE_RANGE,
    LANGUAGE_LEVELS,
    MONITORED_GROUPINGS,
    WEIGHT_PARTS,
    effective_matching_settings,
)
from programmes.models import Membership, Organisation, Programme, ProgrammeKind
from programmes.texts import SHOWN_FIELDS, TEXT_FIELDS, local_text, missing_languages, programme_name

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class TextLanguagesOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    welcome = serializers.CharField()


class ProgrammeOutputSerializer(serializers.ModelSerializer):
    country = CountryField(allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField())
    consent_text = serializers.SerializerMethodField(
        help_text="The consent to take part, in the request's language where it exists (see consent_language)."
    )
    consent_language = serializers.SerializerMethodField(help_text="The language consent_text is written in.")
    consent_languages = serializers.SerializerMethodField(help_text="Every language the consent text exists in.")

    name = serializers.SerializerMethodField(help_text="The name, in the request's language where it exists.")
    description = serializers.SerializerMethodField(help_text="The description, as the name.")
    welcome = serializers.SerializerMethodField(help_text="The welcome for people who joined, as the name.")
    text_languages = serializers.SerializerMethodField(
        help_text="The language each of name, description and welcome is shown in (empty: the text does not "
        "exist); where it is not the request's, the text is a fallback and is marked so."
    )

    def get_name(self, programme: Programme) -> str:
        return programme_name(programme)

    def get_description(self, programme: Programme) -> str:
        return local_text(programme.texts, "description").text

    def get_welcome(self, programme: Programme) -> str:
        return local_text(programme.texts, "welcome").text

    @extend_schema_field(TextLanguagesOutputSerializer)
    def get_text_languages(self, programme: Programme) -> dict[str, str]:
        shown = {field: local_text(programme.texts, field).language for field in SHOWN_FIELDS}
        return {**shown, "name": shown["name"] or FALLBACK_LANGUAGE}

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
            "welcome",
            "text_languages",
            "city",
            "country",
            "online",
            "languages",
            "signup_open",
            "closed_at",
            "consent_text",
            "consent_language",
            "consent_languages",
            "consent_version",
            "offer_expiry_days",
            "match_duration_days",
            "message_retention_months",
        ]


def _whole(low: int, high: int, message: "str | _StrPromise", **options: Any) -> serializers.IntegerField:
    """A whole number in a range, with one plain message for any number outside it (or no number at all)."""
    words = format_lazy(message, low=low, high=high)
    return serializers.IntegerField(
        required=False,
        min_value=low,
        max_value=high,
        error_messages={"min_value": words, "max_value": words, "invalid": words, "max_string_length": words},
        **options,
    )


_DAYS = _("Choose a number of days from {low} to {high}.")


def language_codes_validate(value: list[str]) -> list[str]:
    """The programme's languages as known ISO 639 codes, each once; an unknown one is named."""
    known = set(reference_data.spoken_language_codes())
    codes: list[str] = []
    for tag in value:
        code = reference_data.normalise_language_code(tag)
        if code is None or code not in known:
            raise serializers.ValidationError(
                gettext("“%(code)s” is not a language code we know (for example: en, de, ar, uk).") % {"code": tag[:12]}
            )
        if code not in codes:
            codes.append(code)
    return codes


def _from_0_to_1(message: Any, **options: Any) -> serializers.FloatField:
    """A number from 0 to 1, every refusal in the same plain words."""
    return serializers.FloatField(
        min_value=0.0,
        max_value=1.0,
        error_messages={"min_value": message, "max_value": message, "invalid": message},
        **options,
    )


def _learned_weight() -> serializers.FloatField:
    return _from_0_to_1(
        _("Choose a learned weight from 0 to 1."),
        required=False,
        help_text="Learning from outcomes: how much the predicted chance of success adds to a pair's score, 0 to 1 "
        "(0: off). Above 0 only once a model is trained.",
    )


class MatchingRulesInputSerializer(serializers.Serializer):
    """The settings a matching run reads: what the update changes and a what-if tries out."""

    min_language_level = serializers.ChoiceField(
        choices=list(LANGUAGE_LEVELS),
        required=False,
        error_messages={
            "invalid_choice": _("“{input}” is not a language level; choose one of A1, A2, B1, B2, C1, C2.")
        },
        help_text="Hard rule: mentee and mentor share a language at this level or above.",
    )
    min_score = _from_0_to_1(
        _("Choose a minimum score from 0 to 1."),
        required=False,
        help_text="Pairs scoring less are never proposed (0 to 1).",
    )
    weights = serializers.DictField(
        child=_from_0_to_1(_("Choose a weight from 0 to 1.")),
        required=False,
        help_text="Weight of each part of the score (language, sector, goals, place, availability), 0 to 1; "
        "only the parts to change. They are shared out to sum to 1; they cannot all be 0.",
    )

    def validate_weights(self, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(WEIGHT_PARTS))
        if unknown:
            raise serializers.ValidationError(
                gettext("“%(part)s” is not a part of the score; the parts are: %(parts)s.")
                % {"part": unknown[0][:40], "parts": ", ".join(WEIGHT_PARTS)}
            )
        return value


class ProgrammeUpdateInputSerializer(MatchingRulesInputSerializer):
    languages = serializers.ListField(
        child=serializers.CharField(max_length=12),
        required=False,
        min_length=1,
        max_length=20,
        error_messages={
            "min_length": _("Choose at least one language."),
            "max_length": _("Choose at most 20 languages."),
        },
        help_text="ISO 639 codes of the languages it runs in.",
    )
    signup_open = StrictBooleanField(required=False)
    offer_expiry_days = _whole(1, 60, _DAYS)
    match_duration_days = _whole(7, 730, _DAYS)
    retention_inactive_days = _whole(
        30,
        3650,
        _DAYS,
        allow_null=True,
        help_text="Days without activity before a participant is flagged for erasure; null: never.",
    )
    retention_grace_days = _whole(7, 365, _DAYS, help_text="Days between the flag and the erasure.")
    message_retention_months = _whole(
        1,
        60,
        _("Choose a number of months from {low} to {high}."),
        help_text="Months after a match or a peer group closes that its conversation is deleted.",
    )
    group_min_size = _whole(
        GROUP_SIZE_RANGE[0],
        GROUP_SIZE_RANGE[1],
        _("Choose a group size from {low} to {high} people."),
        help_text="Peer networks: the smallest group a new round forms.",
    )
    group_max_size = _whole(
        GROUP_SIZE_RANGE[0],
        GROUP_SIZE_RANGE[1],
        _("Choose a group size from {low} to {high} people."),
        help_text="Peer networks: the largest group a new round forms.",
    )

    learned_weight = _learned_weight()
    outcome_target = serializers.ChoiceField(
        choices=OutcomeTarget.choices,
        required=False,
        error_messages={
            "invalid_choice": _(
                "“{input}” is not an outcome a model can learn; choose work_6m, work_or_training_6m or any_goal_6m."
            )
        },
        help_text="What counts as success for the learned model.",
    )
    pool_outcomes = StrictBooleanField(
        required=False,
        help_text="Share outcomes with the organisation's other programmes that pool theirs, and learn from theirs.",
    )
    monitored_groups = serializers.ListField(
        child=serializers.ChoiceField(
            choices=list(MONITORED_GROUPINGS),
            error_messages={
                "invalid_choice": _(
                    "“{input}” is not a group we can monitor; choose mentee_language, childcare or city."
                )
            },
        ),
        required=False,
        max_length=len(MONITORED_GROUPINGS),
        error_messages={"max_length": _("Choose each group to monitor at most once.")},
        help_text="Groups of mentees whose match rates each run reports: mentee_language, childcare, city.",
    )
    fairness_min_share = serializers.FloatField(
        required=False,
        allow_null=True,
        min_value=FAIRNESS_SHARE_RANGE[0],
        max_value=FAIRNESS_SHARE_RANGE[1],
        error_messages={
            "min_value": _("Choose a share from 0.5 to 1, or none to turn the guard off."),
            "max_value": _("Choose a share from 0.5 to 1, or none to turn the guard off."),
            "invalid": _("Choose a share from 0.5 to 1, or none to turn the guard off."),
        },
        help_text="Fairness guard: every group of fairness_group keeps at least this share of the overall match "
        "rate (0.5 to 1); null: off.",
    )
    fairness_group = serializers.ChoiceField(
        choices=list(MONITORED_GROUPINGS),
        required=False,
        allow_null=True,
        error_messages={
            "invalid_choice": _("“{input}” is not a group we can monitor; choose mentee_language, childcare or city.")
        },
        help_text="The monitored grouping the fairness guard protects.",
    )

    def validate_languages(self, value: list[str]) -> list[str]:
        return language_codes_validate(value)

    def validate_monitored_groups(self, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise serializers.ValidationError(gettext("Choose each group to monitor at most once."))
        return value


class ProgrammeWhatIfInputSerializer(MatchingRulesInputSerializer):
    """The rules to try on the last run's people; nothing is saved."""

    learned_weight = _learned_weight()


class ProgrammeSettingsOutputSerializer(serializers.Serializer):
    """Every setting its coordinators can change, as a run would use it (defaults filled in)."""

    kind = serializers.ChoiceField(choices=ProgrammeKind.choices)
    languages = serializers.ListField(child=serializers.CharField())
    signup_open = serializers.BooleanField()
    closed_at = serializers.DateTimeField(allow_null=True)
    offer_expiry_days = serializers.IntegerField()
    match_duration_days = serializers.IntegerField()
    retention_inactive_days = serializers.IntegerField(allow_null=True)
    retention_grace_days = serializers.IntegerField()
    message_retention_months = serializers.IntegerField()
    min_language_level = serializers.CharField()
    min_score = serializers.FloatField()
    weights = serializers.DictField(child=serializers.FloatField())
    group_min_size = serializers.IntegerField(allow_null=True, help_text="Peer networks only; else null.")
    group_max_size = serializers.IntegerField(allow_null=True, help_text="Peer networks only; else null.")
    learned_weight = serializers.FloatField(help_text="0: learning from outcomes is off.")
    outcome_target = serializers.ChoiceField(choices=OutcomeTarget.choices)
    pool_outcomes = serializers.BooleanField()
    monitored_groups = serializers.ListField(child=serializers.ChoiceField(choices=list(MONITORED_GROUPINGS)))
    fairness_min_share = serializers.FloatField(allow_null=True, help_text="null: no fairness guard.")
    fairness_group = serializers.ChoiceField(choices=list(MONITORED_GROUPINGS), allow_null=True)
    weight_parts = serializers.ListField(child=serializers.CharField(), help_text="The parts of the score.")
    monitored_group_choices = serializers.ListField(
        child=serializers.CharField(), help_text="The groupings that can be monitored."
    )
    language_levels = serializers.ListField(child=serializers.CharField(), help_text="CEFR levels, lowest first.")


def programme_settings_data(programme: Programme) -> dict[str, Any]:
    return {
        "kind": programme.kind,
        "languages": list(programme.languages),
        "signup_open": programme.signup_open,
        "closed_at": programme.closed_at,
        "offer_expiry_days": programme.offer_expiry_days,
        "match_duration_days": programme.match_duration_days,
        "retention_inactive_days": programme.retention_inactive_days,
        "retention_grace_days": programme.retention_grace_days,
        "message_retention_months": programme.message_retention_months,
        **effective_matching_settings(programme),
        "weight_parts": list(WEIGHT_PARTS),
        "monitored_group_choices": list(MONITORED_GROUPINGS),
        "language_levels": list(LANGUAGE_LEVELS),
    }


def _by_language(help_text: str) -> serializers.DictField:
    return serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, help_text=help_text)


class ProgrammeTextsSerializer(serializers.Serializer):
    """The programme's own texts, every language at once: what its coordinators edit."""

    name = _by_language("The name per language code (en, de, fr, ar, uk).")
    description = _by_language("What the programme is, for people deciding to sign up.")
    welcome = _by_language("Shown to people once they have signed up or joined.")
    consent_addition = _by_language(
        "The programme's own words added to the standard consent to take part. A change is a new consent "
        "version; sign-up is offered only in the languages it exists in."
    )


@extend_schema_field(ProgrammeTextsSerializer)
class _TextsField(serializers.DictField):
    """Takes the texts as they come: programmes/texts.py checks every text and language and names what is wrong,
    instead of a serializer dropping unknown ones in silence."""


class ProgrammeTextsInputSerializer(serializers.Serializer):
    texts = _TextsField(help_text="Only the texts and languages to change; an empty text removes it.")


class ProgrammeTextsOutputSerializer(serializers.Serializer):
    texts = ProgrammeTextsSerializer()
    languages = serializers.ListField(child=serializers.CharField(), help_text="The languages texts may be in.")
    missing = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per text, the languages it is missing in (a text that exists in no language is not listed, "
        "except the name).",
    )
    consent_version = serializers.CharField()


def programme_texts_data(programme: Programme) -> dict[str, object]:
    return {
        "texts": {field: programme.texts.get(field) or {} for field in TEXT_FIELDS},
        "languages": list(INTERFACE_LANGUAGES),
        "missing": missing_languages(programme.texts),
        "consent_version": programme.consent_version,
    }


class ReferenceItemOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    parent = serializers.CharField(allow_null=True, required=False)  # type: ignore[assignment]
    icon = serializers.CharField(required=False)


class JobFamilyOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    keywords = serializers.ListField(child=serializers.CharField(), help_text="More words that find it.")
    divisions = serializers.ListField(child=serializers.CharField(), help_text="The NACE divisions it stands for.")


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


class OrganisationOutputSerializer(serializers.ModelSerializer):
    country = CountryField(allow_blank=True)
    programme_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "country", "programme_count"]


class OrganisationProgrammeOutputSerializer(serializers.ModelSerializer):
    """A programme as its organisation's admins see it in their list: the settings and how many people, never who."""

    country = CountryField(allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField())
    name = serializers.SerializerMethodField(help_text="The name, in the request's language where it exists.")
    coordinator_count = serializers.IntegerField(read_only=True)
    participant_count = serializers.IntegerField(read_only=True, help_text="People taking part who have not left.")
    coordinating = serializers.SerializerMethodField(help_text="Whether the requester is one of its coordinators.")

    def get_name(self, programme: Programme) -> str:
        return programme_name(programme)

    def get_coordinating(self, programme: Programme) -> bool:
        return programme.pk in self.context.get("coordinated", ())

    class Meta:
        model = Programme
        fields = [
            "id",
            "kind",
            "name",
            "slug",
            "city",
            "country",
            "online",
            "languages",
            "signup_open",
            "closed_at",
            "created_at",
            "coordinator_count",
            "participant_count",
            "coordinating",
        ]


class ProgrammeCreateInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProgrammeKind.choices)
    name = NameField(max_length=200, help_text="The programme's name, in name_language.")
    name_language = serializers.ChoiceField(
        choices=list(INTERFACE_LANGUAGES), required=False, help_text="The language of name; default: the request's."
    )
    city = NameField(max_length=120, required=False, allow_blank=True, default="")
    country = CountryField(required=False, allow_blank=True, default="")
    online = StrictBooleanField(required=False, default=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=12),
        min_length=1,
        max_length=20,
        help_text="ISO 639 codes of the languages it runs in.",
    )
    signup_open = StrictBooleanField(
        required=False, default=False, help_text="Open sign-up at once; by default it opens once it is set up."
    )
    coordinate = StrictBooleanField(
        required=False, default=True, help_text="Make the requester one of its coordinators."
    )

    def validate_languages(self, value: list[str]) -> list[str]:
        return language_codes_validate(value)


class ProgrammeDuplicateInputSerializer(serializers.Serializer):
    name = NameField(max_length=200, help_text="The new programme's name, in name_language.")
    name_language = serializers.ChoiceField(
        choices=list(INTERFACE_LANGUAGES), required=False, help_text="The language of name; default: the request's."
    )
    coordinate = StrictBooleanField(
        required=False, default=True, help_text="Make the requester one of its coordinators."
    )


class CoordinatorOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The coordinator role's id (to remove it).")
    display_name = serializers.CharField(source="user.display_name")
    email = serializers.EmailField(source="user.email")
    since = serializers.DateTimeField(source="created_at")
    password_set = serializers.SerializerMethodField(
        help_text="False until a newly invited coordinator has set her password."
    )

    def get_password_set(self, membership: Membership) -> bool:
        return membership.user.has_usable_password()


class CoordinatorAppointInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    display_name = serializers.CharField(
        max_length=80, required=False, help_text="How to greet her if she has no account yet; default: from the email."
    )


class CoordinatorAppointOutputSerializer(serializers.Serializer):
    coordinator = CoordinatorOutputSerializer()
    new_account = serializers.BooleanField(help_text="An account was made; she was emailed a link to set a password.")
    already = serializers.BooleanField(help_text="She already coordinated it: nothing changed, no email sent.")
