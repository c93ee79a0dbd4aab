"""What the messaging API reads and answers. A message carries its sender's first name only."""

from rest_framework import serializers

from messaging.models import MESSAGE_MAX_LENGTH, EmailAfter


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
    show_seen = serializers.BooleanField(
        required=False, help_text="Show the other person when you have read a message (only if she shows it too)."
    )
