"""Input parsing and output shapes of peer networks. A member sees other members' public card and only the
contact details each chose to share; coordinators see the groups with their reasons."""

from typing import Any

from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from drf_standardized_errors.openapi_serializers import ClientErrorEnum
from rest_framework import serializers

from common.address import AddressFormOutputField
from common.names import NameField
from common.text_fields import StrictBooleanField
from peers.models import FollowUp, GroupMember, PeerGroup, Round, RoundStatus
from profiles.serializers import LanguageSkillOutputSerializer
from programmes import reference_data
from programmes.matching_settings import DEFAULT_GROUP_SIZES


def _topic_codes() -> list[str]:
    return sorted(reference_data.codes("topics"))


class PeerReasonOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    params = serializers.DictField()


class RoundOutputSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=RoundStatus.choices)
    topic_focus = serializers.ListField(child=serializers.CharField())
    stats = serializers.DictField(help_text="Figures of the grouping: groups, workers, repeat_pairs, mixing …")
    opted_in = serializers.SerializerMethodField(help_text="For a member: whether she takes part (else null).")

    class Meta:
        model = Round
        fields = [
            "id",
            "programme",
            "name",
            "status",
            "min_size",
            "max_size",
            "target_size",
            "min_distinct_cities",
            "topic_focus",
            "avoid_repeats",
            "followup_after_days",
            "progress",
            "stats",
            "error",
            "opted_in",
            "created_at",
            "formation_started_at",
            "formed_at",
            "published_at",
        ]

    def get_opted_in(self, round: Round) -> bool | None:
        return self.context.get("opted_in", {}).get(round.pk)


class RoundOpenInputSerializer(serializers.Serializer):
    name = NameField(max_length=120)
    min_size = serializers.IntegerField(
        min_value=2, max_value=30, required=False, help_text="Default: the network's setting (4 unless changed)."
    )
    max_size = serializers.IntegerField(
        min_value=2, max_value=30, required=False, help_text="Default: the network's setting (8 unless changed)."
    )
    target_size = serializers.IntegerField(min_value=2, max_value=30, required=False)
    min_distinct_cities = serializers.IntegerField(min_value=1, max_value=30, default=2)
    topic_focus = serializers.ListField(child=serializers.ChoiceField(choices=_topic_codes()), default=list)
    avoid_repeats = StrictBooleanField(default=True)
    followup_after_days = serializers.IntegerField(min_value=1, max_value=365, default=30)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Sizes not given are the network's own (its settings page); a size given alone is kept with the other's
        # default moved to fit it, so that "groups of at most 3" does not fail on a default smallest of 4.
        low, high = self.context.get("group_sizes", DEFAULT_GROUP_SIZES)
        if "min_size" not in attrs:
            attrs["min_size"] = min(low, attrs.get("max_size", low))
        if "max_size" not in attrs:
            attrs["max_size"] = max(high, attrs["min_size"])
        if attrs["max_size"] < attrs["min_size"]:
            raise serializers.ValidationError({"max_size": "The largest size cannot be below the smallest."})
        target = attrs.get("target_size")
        if target is not None and not attrs["min_size"] <= target <= attrs["max_size"]:
            raise serializers.ValidationError({"target_size": "Choose a size between the smallest and the largest."})
        if attrs["min_distinct_cities"] > attrs["max_size"]:
            raise serializers.ValidationError(
                {"min_distinct_cities": "A group cannot mix more cities than it has members."}
            )
        return attrs


class RoundParticipationOutputSerializer(serializers.Serializer):
    round = serializers.UUIDField(source="round_id")
    opted_in = serializers.BooleanField()


class GroupMemberCardOutputSerializer(serializers.Serializer):
    """A member of a group as the programme's coordinators see her."""

    profile = serializers.UUIDField(source="profile.pk")
    name = serializers.CharField(source="profile.membership.user.display_name")
    address_as = AddressFormOutputField(source="profile.membership.user.address_as")
    role = serializers.CharField(source="profile.worker_role")
    organisation = serializers.CharField(source="profile.organisation")
    city = serializers.CharField(source="profile.city")
    country = CountryField(source="profile.country", allow_blank=True)
    languages = serializers.SerializerMethodField()
    topics_expertise = serializers.ListField(child=serializers.CharField(), source="profile.topics_expertise")
    topics_interest = serializers.ListField(child=serializers.CharField(), source="profile.topics_interest")
    availability = serializers.ListField(child=serializers.CharField(), source="profile.availability")
    left_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When she left the programme after the group was published; null while she takes part.",
    )

    @extend_schema_field(LanguageSkillOutputSerializer(many=True))
    def get_languages(self, member: GroupMember) -> list[dict[str, str]]:
        return [{"code": skill.language, "level": skill.level} for skill in member.profile.languages.all()]


class CoordinatorGroupOutputSerializer(serializers.ModelSerializer):
    reasons = PeerReasonOutputSerializer(many=True)
    shared_topics = serializers.ListField(child=serializers.CharField())
    shared_languages = serializers.ListField(child=serializers.CharField())
    cities = serializers.ListField(child=serializers.CharField())
    organisations = serializers.ListField(child=serializers.CharField())
    members = GroupMemberCardOutputSerializer(many=True)

    class Meta:
        model = PeerGroup
        fields = [
            "id",
            "index",
            "reasons",
            "shared_topics",
            "shared_languages",
            "cities",
            "organisations",
            "similarity",
            "members",
        ]


class GroupMoveInputSerializer(serializers.Serializer):
    worker = serializers.UUIDField(help_text="Profile id of the member to move.")
    to_group = serializers.IntegerField(min_value=0, help_text="Index of the group she moves to.")
    force = StrictBooleanField(default=False, help_text="Move even if the move breaks rules.")


class GroupMoveResultOutputSerializer(serializers.Serializer):
    forced = serializers.BooleanField(help_text="True if the move broke rules and was confirmed.")
    broken_rules = PeerReasonOutputSerializer(many=True)
    groups = CoordinatorGroupOutputSerializer(many=True, help_text="The group she left and the group she joined.")


class MoveConflictErrorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class MoveConflictOutputSerializer(serializers.Serializer):
    """A 409 for a move: with ``broken_rules`` when it breaks rules that the coordinator may overrule (confirm with
    force); without them when it cannot be made at all (the round is published, or a block keeps the two apart)."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = MoveConflictErrorOutputSerializer(many=True)  # type: ignore[assignment]
    broken_rules = PeerReasonOutputSerializer(many=True, required=False)


class PeerContactCardOutputSerializer(serializers.Serializer):
    profile = serializers.UUIDField(help_text="The member's profile id (names her in a safety report or block).")
    name = serializers.CharField()
    address_as = AddressFormOutputField()
    is_me = serializers.BooleanField()
    role = serializers.CharField()
    organisation = serializers.CharField()
    city = serializers.CharField()
    topics_expertise = serializers.ListField(child=serializers.CharField())
    topics_interest = serializers.ListField(child=serializers.CharField())
    email = serializers.EmailField(allow_null=True, help_text="Only if she chose to share it.")
    phone = serializers.CharField(allow_null=True, help_text="Only if she chose to share it.")


class GroupRoundOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    published_at = serializers.DateTimeField()


class MeetingSlotOutputSerializer(serializers.Serializer):
    slot = serializers.CharField(help_text="Weekly slot such as 'wed:evening'.")
    available = serializers.IntegerField(help_text="How many members can make it.")
    members = serializers.IntegerField()


class TopicResourceOutputSerializer(serializers.Serializer):
    topic = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


class MyFollowUpOutputSerializer(serializers.Serializer):
    due_at = serializers.DateTimeField(allow_null=True)
    asked = serializers.BooleanField()
    answered = serializers.BooleanField()
    met = serializers.BooleanField(allow_null=True)
    rating = serializers.IntegerField(allow_null=True)


class MemberGroupOutputSerializer(serializers.Serializer):
    """A published group as one of its members sees it."""

    id = serializers.UUIDField()
    programme = serializers.UUIDField()
    round = GroupRoundOutputSerializer()
    current = serializers.BooleanField(help_text="From the network's latest published round.")
    shared_topics = serializers.ListField(child=serializers.CharField())
    shared_languages = serializers.ListField(child=serializers.CharField())
    cities = serializers.ListField(child=serializers.CharField())
    reasons = PeerReasonOutputSerializer(many=True)
    members = PeerContactCardOutputSerializer(many=True)
    members_left = serializers.IntegerField(
        help_text="How many members left the programme since the group was published; they are no longer listed."
    )
    first_meeting = MeetingSlotOutputSerializer(allow_null=True)
    resources = TopicResourceOutputSerializer(many=True)
    followup = MyFollowUpOutputSerializer()


class FollowUpInputSerializer(serializers.Serializer):
    met = StrictBooleanField()
    rating = serializers.IntegerField(min_value=1, max_value=5, required=False, allow_null=True)
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class FollowUpOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "group", "met", "rating", "comment", "answered_at"]


class FollowUpAnswerOutputSerializer(serializers.Serializer):
    profile = serializers.UUIDField()
    name = serializers.CharField()
    met = serializers.BooleanField()
    rating = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()
    answered_at = serializers.DateTimeField()


class GroupParticipationOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    index = serializers.IntegerField()
    members = serializers.IntegerField()
    answered = serializers.IntegerField()
    met = serializers.IntegerField()
    percent_met = serializers.FloatField(allow_null=True)
    average_rating = serializers.FloatField(allow_null=True)
    answers = FollowUpAnswerOutputSerializer(many=True)


class RoundParticipationSummaryOutputSerializer(serializers.Serializer):
    round = serializers.UUIDField()
    members = serializers.IntegerField()
    answered = serializers.IntegerField()
    met = serializers.IntegerField()
    percent_met = serializers.FloatField(allow_null=True)
    average_rating = serializers.FloatField(allow_null=True)
    groups = GroupParticipationOutputSerializer(many=True)


class NetworkRoundOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    published_at = serializers.DateTimeField()


class NetworkNodeOutputSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Profile id.")
    name = serializers.CharField()
    role = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    organisation = serializers.CharField()
    reach = serializers.IntegerField(help_text="How many different people she has been grouped with.")
    cities_reached = serializers.IntegerField(help_text="How many other cities her ties reach.")


class NetworkEdgeOutputSerializer(serializers.Serializer):
    source = serializers.CharField()  # type: ignore[assignment]
    target = serializers.CharField()
    weight = serializers.IntegerField(help_text="In how many rounds they shared a group.")
    rounds = serializers.ListField(child=serializers.UUIDField())


class CityTieOutputSerializer(serializers.Serializer):
    cities = serializers.ListField(child=serializers.CharField())
    ties = serializers.IntegerField()


class NetworkSummaryOutputSerializer(serializers.Serializer):
    members = serializers.IntegerField()
    ties = serializers.IntegerField()
    cross_city_ties = serializers.IntegerField()
    mean_reach = serializers.FloatField()
    cities = serializers.IntegerField()
    city_ties = CityTieOutputSerializer(many=True)
    city_components = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    isolated = serializers.ListField(child=serializers.CharField())


class NetworkOutputSerializer(serializers.Serializer):
    rounds = NetworkRoundOutputSerializer(many=True)
    nodes = NetworkNodeOutputSerializer(many=True)
    edges = NetworkEdgeOutputSerializer(many=True)
    summary = NetworkSummaryOutputSerializer()


class CityOptInsOutputSerializer(serializers.Serializer):
    city = serializers.CharField()
    country = serializers.CharField()
    opted_in = serializers.IntegerField()
    opted_out = serializers.IntegerField()


class RoundOptInsOutputSerializer(serializers.Serializer):
    """Who takes part in a round, for its coordinators: counts in all and per city."""

    round = serializers.UUIDField()
    members = serializers.IntegerField(help_text="Active members of the network.")
    opted_in = serializers.IntegerField()
    opted_out = serializers.IntegerField()
    cities = CityOptInsOutputSerializer(many=True)
