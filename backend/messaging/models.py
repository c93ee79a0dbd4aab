"""Conversations: the messages of one match (its two people) or one published peer group (its members).

Only the participants read them. The text is encrypted at rest with the privacy key ring (rotation covers it);
nothing here is shown to coordinators or in the Django admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from common.models import BaseModel
from privacy.crypto import EncryptedTextField

MESSAGE_MAX_LENGTH = 2000
"""The longest message, in characters: a long letter, not a document."""


class ConversationKind(models.TextChoices):
    MATCH = "match", "match"
    GROUP = "group", "group"


class Conversation(BaseModel):
    """Created with its first message; who may read it follows from its match or group at every request."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ConversationKind.choices)
    match = models.OneToOneField(
        "mentoring.Match", null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    group = models.OneToOneField(
        "peers.PeerGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="match", match__isnull=False, group__isnull=True)
                | Q(kind="group", group__isnull=False, match__isnull=True),
                name="conversation_has_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"conversation {self.id} ({self.kind})"


class Message(BaseModel):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    # An erased account leaves "message deleted" in the others' history: no author, no text.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(blank=True, null=True, help_text="Encrypted at rest.")
    sent_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["conversation", "-sent_at"], name="message_newest_first"),
            models.Index(fields=["sender"], name="message_by_sender"),
        ]

    def __str__(self) -> str:
        return f"message {self.id}"


class ConversationRead(models.Model):
    """How far one participant has read a conversation: the newest message she has seen."""

    id = models.BigAutoField(primary_key=True)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="conversation_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.conversation_id} to {self.read_at}"


class EmailAfter(models.TextChoices):
    OFF = "off", "off"
    HOUR = "hour", "hour"
    DAY = "day", "day"


class MessagingSettings(models.Model):
    """Her choices about messages. Private by default: no "seen" receipts, and at most a daily email that says
    only that something is waiting (never who wrote, what, or in which programme)."""

    id = models.BigAutoField(primary_key=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messaging_settings")
    email_after = models.CharField(max_length=10, choices=EmailAfter.choices, default=EmailAfter.DAY)
    show_seen = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    emailed_up_to = models.DateTimeField(
        null=True, blank=True, help_text="The newest message an email already told her about."
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(email_after__in=EmailAfter.values), name="messaging_email_after_valid")
        ]

    def __str__(self) -> str:
        return f"messaging settings of {self.user_id}"


class MeetingState(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    BOOKED = "booked", "booked"
    CANCELLED = "cancelled", "cancelled"


class MeetingPlace(models.TextChoices):
    ONLINE = "online", "online"
    PUBLIC = "public", "public place"


class FirstMeeting(BaseModel):
    """The first meeting of a match: one side proposes up to three times, the other picks one; both get a calendar
    invitation. Coordinators see only that it was booked (``first_booked_at``), never where or when."""

    match = models.OneToOneField("mentoring.Match", on_delete=models.CASCADE, related_name="first_meeting")
    state = models.CharField(max_length=10, choices=MeetingState.choices, default=MeetingState.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    options = models.JSONField(default=list, help_text="Up to three proposed start times (ISO 8601, UTC).")
    time_zone = models.CharField(max_length=64, help_text="The proposer's time zone (IANA), for the invitation.")
    zones = models.JSONField(
        default=dict,
        blank=True,
        help_text="Each person's own time zone (IANA) by user id, as she gave it when she proposed or picked: her "
        "invitation's email gives the time in it.",
    )
    place_kind = models.CharField(max_length=10, choices=MeetingPlace.choices)
    place = EncryptedTextField(blank=True, null=True, help_text="The link, or the public place; encrypted at rest.")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    starts_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="The invitation's version (iCalendar SEQUENCE).")
    first_booked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(state__in=MeetingState.values), name="meeting_state_valid"),
            models.CheckConstraint(condition=Q(place_kind__in=MeetingPlace.values), name="meeting_place_valid"),
            models.CheckConstraint(
                condition=~Q(state="booked") | Q(starts_at__isnull=False), name="meeting_booked_has_a_time"
            ),
        ]

    def __str__(self) -> str:
        return f"first meeting of {self.match_id} ({self.state})"

    def zone_of(self, user_id: object) -> str:
        """Her own time zone if she gave one, else the proposer's."""
        return str(self.zones.get(str(user_id)) or self.time_zone)
