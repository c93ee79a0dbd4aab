"""What the messaging API reads and answers. A message carries its sender's first name only."""

from rest_framework import serializers

from common.text_fields import StrictBooleanField
from messaging.models import MESSAGE_MAX_LENGTH, EmailAfter, MeetingPlace, MeetingState


class ConversationOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["match", "group"])
    id = serializers.UUIDField(help_text="The match's or the peer group's id.")
    programme = serializers.UUIDField()
    programme_name = serializers.CharField()
    title = serializers.CharField(help_text="The other person's first name, or the group's name.")
    can_write = serializers.BooleanField()
    unread = serializers.IntegerField()
    last_message_at = serializers.DateTimeField(allow_null=True)


class ConversationListOutputSerializer(serializers.Serializer):
    results = ConversationOutputSerializer(many=True)
    unread = serializers.IntegerField(help_text="Unread messages in all her conversations.")


class UnreadCountOutputSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MessageOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    mine = serializers.BooleanField()
    sender = serializers.CharField(allow_blank=True, help_text="First name; empty once the message was deleted.")
    sender_profile = serializers.UUIDField(
        allow_null=True,
        help_text="In a peer group, the sender's member (profile) id, as the group's member list and a safety report "
        "name it; null in a match, for her own messages and once the message was deleted.",
    )
    text = serializers.CharField(allow_blank=True, help_text="Plain text; empty once the message was deleted.")
    deleted = serializers.BooleanField()
    sent_at = serializers.DateTimeField()


class MessagePageOutputSerializer(serializers.Serializer):
    results = MessageOutputSerializer(many=True, help_text="Newest first.")
    has_more = serializers.BooleanField(help_text="Older messages remain: ask again with before=<the last id>.")
    can_write = serializers.BooleanField()
    closed_reason = serializers.CharField(allow_blank=True, help_text="Why she cannot write, in plain words.")
    seen_up_to = serializers.DateTimeField(
        allow_null=True,
        help_text="In a match, the other person has read every message sent until then; only when both chose to "
        "show it (off by default).",
    )


class MessagePageInputSerializer(serializers.Serializer):
    before = serializers.UUIDField(required=False, help_text="Only messages older than this one.")


class MessageCreateInputSerializer(serializers.Serializer):
    # Checked and cleaned by the service (plain words in her language); the bound only keeps huge bodies out.
    text = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=4 * MESSAGE_MAX_LENGTH)


class ConversationReadInputSerializer(serializers.Serializer):
    up_to = serializers.UUIDField(required=False, help_text="Read up to this message (by default the newest).")


class MessagingSettingsSerializer(serializers.Serializer):
    email_after = serializers.ChoiceField(
        choices=EmailAfter.choices,
        required=False,
        help_text="When unread messages wait: an email at most daily (the default), hourly, or never. It says only "
        "that something is waiting, never who wrote or what.",
    )
    show_seen = StrictBooleanField(
        required=False, help_text="Show the other person when you have read a message (only if she shows it too)."
    )


class MeetingOutputSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=MeetingState.choices, allow_null=True, help_text="None: nothing yet.")
    proposed_by_me = serializers.BooleanField()
    options = serializers.ListField(child=serializers.DateTimeField(), help_text="The proposed times to pick from.")
    starts_at = serializers.DateTimeField(allow_null=True, help_text="When it is, once booked.")
    duration_minutes = serializers.IntegerField()
    time_zone = serializers.CharField(
        allow_blank=True, help_text="Her time zone for this meeting: the one she gave, else the proposer's."
    )
    place_kind = serializers.ChoiceField(choices=MeetingPlace.choices, allow_null=True)
    place = serializers.CharField(allow_blank=True, help_text="The link or the public place (plain text).")
    suggestions = serializers.ListField(
        child=serializers.DateTimeField(), help_text="Times in the weekly slots both marked, for a proposal."
    )
    can_change = serializers.BooleanField()


class MeetingQueryInputSerializer(serializers.Serializer):
    time_zone = serializers.CharField(required=False, help_text="Her time zone (IANA), for the suggestions.")


class MeetingProposeInputSerializer(serializers.Serializer):
    options = serializers.ListField(child=serializers.DateTimeField(), min_length=1, max_length=3)
    time_zone = serializers.CharField(max_length=64, help_text="Her time zone (IANA), e.g. Europe/Berlin.")
    place_kind = serializers.ChoiceField(choices=MeetingPlace.choices)
    place = serializers.CharField(max_length=1000, help_text="A meeting link, or a public place (a café, a library).")
    duration_minutes = serializers.IntegerField(required=False, default=60)


class MeetingPickInputSerializer(serializers.Serializer):
    option = serializers.IntegerField(min_value=0, max_value=2, help_text="Which proposed time (0, 1 or 2).")
    time_zone = serializers.CharField(
        max_length=64, required=False, help_text="Her time zone (IANA): her invitation gives the time in it."
    )
