"""Peer-network rounds, the groups formed in them, and members' follow-up answers."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from profiles.models import Profile
from programmes.models import Programme


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open: members opt in or out")
    FORMING = "forming", _("Forming groups")
    DRAFT = "draft", _("Draft groups to review")
    PUBLISHED = "published", _("Published")


class Round(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    min_size = models.PositiveSmallIntegerField(default=4, validators=[MinValueValidator(2), MaxValueValidator(30)])
    max_size = models.PositiveSmallIntegerField(default=8, validators=[MinValueValidator(2), MaxValueValidator(30)])
    target_size = models.PositiveSmallIntegerField(default=6, validators=[MinValueValidator(2), MaxValueValidator(30)])
    min_distinct_cities = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    topic_focus = models.JSONField(default=list, blank=True, help_text="Topic codes weighted up (optional).")
    avoid_repeats = models.BooleanField(default=True, help_text="Avoid pairs grouped in earlier rounds.")
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent of the formation done.")
    stats = models.JSONField(default=dict, blank=True, help_text="Figures of the grouping, e.g. repeat pairs.")
    error = models.TextField(blank=True)
    followup_after_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    formation_started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    formed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One formation of a programme at a time: earlier rounds' pairs must be settled before the next.
            models.UniqueConstraint(
                fields=["programme"], condition=Q(status="forming"), name="round_one_forming_per_programme"
            ),
            models.UniqueConstraint(fields=["programme", "name"], name="round_name_unique_per_programme"),
            models.CheckConstraint(condition=Q(status__in=RoundStatus.values), name="round_status_valid"),
            models.CheckConstraint(
                condition=Q(min_size__gte=2, target_size__gte=F("min_size"), max_size__gte=F("target_size")),
                name="round_sizes_ordered",
            ),
            models.CheckConstraint(condition=Q(min_distinct_cities__gte=1), name="round_min_cities_positive"),
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False) | ~Q(status="published"),
                name="round_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class RoundParticipant(BaseModel):
    """A member's choice for one round; everyone active is opted in when the round opens."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="round_participations")
    opted_in = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["round", "profile"], name="round_participant_unique")]

    def __str__(self) -> str:
        return f"{self.profile_id} in {self.round_id}: {'in' if self.opted_in else 'out'}"


class PeerGroup(BaseModel):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="groups")
    index = models.PositiveIntegerField()
    reasons = models.JSONField(default=list, help_text="Why the group was formed and what breaks a rule, as codes.")
    shared_topics = models.JSONField(default=list)
    shared_languages = models.JSONField(default=list)
    cities = models.JSONField(default=list)
    organisations = models.JSONField(default=list)
    similarity = models.FloatField(default=0.0)

    class Meta:
        ordering = ["round", "index"]
        constraints = [models.UniqueConstraint(fields=["round", "index"], name="peer_group_index_unique")]

    def __str__(self) -> str:
        return f"group {self.index} of {self.round_id}"


class GroupMember(BaseModel):
    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="members")
    # Denormalised from the group so the database itself keeps a person in one group per round.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="peer_groups")
    followup_asked_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(
        null=True, blank=True, help_text="When she left the programme: her published group sees that a member left."
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["round", "profile"], name="group_member_once_per_round")]

    def __str__(self) -> str:
        return f"{self.profile_id} in {self.group_id}"


class FollowUp(BaseModel):
    """A member's answer to "did your group meet?"."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="followups")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="peer_followups")
    met = models.BooleanField()
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=1000)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "profile"], name="followup_once_per_member"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="followup_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"follow-up of {self.profile_id} on {self.group_id}"
