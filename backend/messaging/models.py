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
