"""Matching runs, matches along their life cycle, and feedback."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from profiles.models import Profile
from programmes.models import Programme


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    ENCODING = "encoding", _("Reading profiles")
    ASSIGNING = "assigning", _("Finding the best pairs")
    WRITING = "writing", _("Saving proposals")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


RUNNING_STATUSES = (RunStatus.QUEUED, RunStatus.ENCODING, RunStatus.ASSIGNING, RunStatus.WRITING)


class MatchingRun(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    settings = models.JSONField(default=dict, help_text="Mode, minimum score, weights and chosen mentees.")
    counts = models.JSONField(default=dict)
    timings = models.JSONField(default=dict, help_text="Seconds per stage.")
    certificate = models.JSONField(
        default=dict,
        blank=True,
        help_text="The engine's proof that no other set of pairs scores more: proven, bound, gap, rounds, pairs added.",
    )
    unmatched = models.JSONField(default=dict, help_text="Mentee profile id → the engine's reasons.")
    learning = models.JSONField(
        default=dict,
        blank=True,
        help_text="The learned part and the fairness guard: weight, model version, monitored groups' rates with "
        "and without the learned part, the guard's cost. Empty when the programme does not use them.",
    )
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Two runs of one programme never run at once.
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status__in=[s.value for s in RUNNING_STATUSES]),
                name="run_one_running_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"run {self.id} of {self.programme} ({self.status})"


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OFFERED = "offered", _("Offered")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    DECLINED = "declined", _("Declined")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")
    PAUSED = "paused", _("Paused")


OPEN_STATES = (MatchState.OFFERED, MatchState.ACTIVE, MatchState.PAUSED)
"""States that take one of the mentor's places and the mentee's one open match (a paused match keeps both
until a coordinator resumes or ends it)."""


class MatchSource(models.TextChoices):
    ENGINE = "engine", _("Matching run")
    HAND = "hand", _("Matched by hand")
    ROLLOVER = "rollover", _("Next-best after a decline or expiry")


class Match(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="matches")
    mentee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="matches_as_mentee")
    mentor = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="matches_as_mentor")
    run = models.ForeignKey(MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    source = models.CharField(max_length=10, choices=MatchSource.choices, default=MatchSource.ENGINE)
    state = models.CharField(max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED)
    score = models.FloatField(default=0.0)
    parts = models.JSONField(default=list, help_text="Each score part: name, weight, value, contribution.")
    reasons = models.JSONField(default=list, help_text="Reasons as codes with parameters.")
    alternatives = models.JSONField(default=list, help_text="Next-best mentors (profile id, score) for roll-over.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reason_code = models.CharField(max_length=40, blank=True, help_text="Why it was rejected, declined or ended.")
    reason_text = models.TextField(blank=True, max_length=2000)
    closed_by_role = models.CharField(max_length=20, blank=True)
    completed = models.BooleanField(default=False, help_text="Closed because its planned duration ended.")
    paused_from = models.CharField(
        max_length=10, blank=True, help_text="The state a paused match returns to when a coordinator resumes it."
    )

    class Meta:
        ordering = ["-score", "created_at"]
        verbose_name_plural = "matches"
        constraints = [
            # Invariant 2: a mentee has at most one open (offered or active) match.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=["offered", "active", "paused"]),
                name="match_one_open_per_mentee",
            ),
            # A pair is never pending twice.
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(state__in=["proposed", "offered", "active", "paused"]),
                name="match_pair_pending_once",
            ),
            models.CheckConstraint(condition=Q(state__in=MatchState.values), name="match_state_valid"),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="match_not_self"),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"]),
            # Coordinators' lists, best first, with and without a state filter: a page is read from the index
            # instead of joining every match of the programme before sorting (selectors.matches_for_coordinator);
            # the first also serves every lookup by programme and state.
            models.Index(fields=["programme", "state", "-score", "id"], name="match_programme_state_best"),
            models.Index(fields=["programme", "-score", "id"], name="match_programme_best"),
        ]

    def __str__(self) -> str:
        return f"match {self.id} ({self.state})"


class GoalReached(models.TextChoices):
    JOB = "job", _("A job")
    TRAINING = "training", _("A training place")
    RECOGNITION = "recognition", _("Recognition of a qualification")
    LANGUAGE_COURSE = "language_course", _("A language course")
    NONE = "none", _("Not yet")


class Feedback(BaseModel):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    author_role = models.CharField(max_length=20)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(blank=True, max_length=2000)
    goal_reached = models.CharField(max_length=20, choices=GoalReached.choices, default=GoalReached.NONE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "author"], name="feedback_once_per_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"feedback on {self.match_id}"
