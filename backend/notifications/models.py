"""In-app notices to one person, each also sent by email once when the person has an address."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel


class NotificationKind(models.TextChoices):
    OFFER_RECEIVED = "offer_received", _("A new mentee pairing is waiting for an answer")
    OFFER_SHOWN_TO_MENTEE = "offer_shown_to_mentee", _("A mentor was found")
    OFFER_REMINDER = "offer_reminder", _("Reminder to answer a pairing")
    OFFER_ACCEPTED = "offer_accepted", _("A pairing was accepted")
    OFFER_DECLINED = "offer_declined", _("A pairing was declined")
    OFFER_EXPIRED = "offer_expired", _("A pairing expired without an answer")
    OFFER_WITHDRAWN = "offer_withdrawn", _("A pairing offer was withdrawn: the programme closed")
    MATCH_ENDED = "match_ended", _("A match was ended")
    MATCH_COMPLETED_FEEDBACK = "match_completed_feedback", _("A match is complete: feedback asked")
    MENTOR_VERIFIED = "mentor_verified", _("A mentor was verified")
    RUN_FINISHED = "run_finished", _("A matching run finished")
    GROUPS_PUBLISHED = "groups_published", _("Peer groups were published")
    GROUP_FOLLOWUP = "group_followup", _("Did the peer group meet? Follow-up asked")
    RETENTION_DUE = "retention_due", _("Inactive participants will be erased after the grace period")
    SAFETY_REPORT = "safety_report", _("A safety report needs a coordinator")
    UNREAD_MESSAGES = "unread_messages", _("Messages are waiting to be read")
    MEETING_PROPOSED = "meeting_proposed", _("Times for a first meeting were proposed")
    OUTCOME_QUESTION = "outcome_question", _("What came of a match? Question asked")


class Audience(models.TextChoices):
    """Whom the notice speaks to: the same event is worded differently for a mentee, a mentor or a coordinator."""

    GENERAL = "", _("Anyone")
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor or employer")
    COORDINATOR = "coordinator", _("Coordinator")


class Notification(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    audience = models.CharField(max_length=20, choices=Audience.choices, blank=True, default=Audience.GENERAL)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    # The mentoring Match, kept as a bare id so that notices do not depend on that app's tables.
    match_id = models.UUIDField(null=True, blank=True)
    params = models.JSONField(
        default=dict, blank=True, help_text="Non-sensitive values for the message: first names, dates, codes."
    )
    # One logical event (e.g. "offer_received:<match id>") gives one notice, however often it is replayed.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_cancelled_at = models.DateTimeField(
        null=True, blank=True, help_text="Not emailed after all: she left the programme before it was sent."
    )
    # Set by the service from the time it is given, so the order is the order of events.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_read"),
            models.Index(fields=["user", "-created_at"], name="notification_user_newest"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NotificationKind.values), name="notification_kind_valid"),
            models.CheckConstraint(condition=Q(audience__in=Audience.values), name="notification_audience_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
