"""What came of a match, asked of both people at 3 and 6 months after it ended (and, from the end-of-match
feedback, at its end), or recorded by a coordinator from what the mentee told her.

Asking needs the consent purpose "help improve matching" (``privacy.models.ConsentPurpose.IMPROVE_MATCHING``),
off by default. An outcome is personal data: it goes with the respondent's account when it is erased, with the
match when the match goes, and it is in her data export."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from programmes.models import Role


class OutcomeKind(models.TextChoices):
    WORK = "work", _("Work")
    TRAINING = "training", _("A training place")
    RECOGNITION = "recognition", _("Qualification recognised")
    LANGUAGE_COURSE = "language_course", _("A language course")
    NONE = "none", _("None of these yet")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Checkpoint(models.TextChoices):
    END = "end", _("When the match ended")
    MONTHS_3 = "3m", _("3 months after the match ended")
    MONTHS_6 = "6m", _("6 months after the match ended")


class OutcomeSource(models.TextChoices):
    SELF = "self", _("Answered by the person")
    COORDINATOR = "coordinator", _("Recorded by a coordinator, as the mentee told her")


class Outcome(BaseModel):
    """One answer about one match at one checkpoint, from one side of it. ``respondent_role`` is the side the
    answer speaks for: "mentee" for her own answer and for one a coordinator recorded from what she said;
    "mentor" (or "employer") for the mentor's view of how the mentee is doing. A later answer for the same match,
    checkpoint and side replaces the earlier one."""

    match = models.ForeignKey("mentoring.Match", on_delete=models.CASCADE, related_name="outcomes")
    checkpoint = models.CharField(max_length=4, choices=Checkpoint.choices)
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    respondent_role = models.CharField(max_length=20, choices=Role.choices)
    source = models.CharField(max_length=12, choices=OutcomeSource.choices, default=OutcomeSource.SELF)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who answered; empty when a coordinator recorded it.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who recorded it, when source is coordinator.",
    )
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["match", "checkpoint", "respondent_role"], name="outcome_once_per_match_checkpoint_side"
            ),
            models.CheckConstraint(
                condition=Q(source="self", respondent__isnull=False) | Q(source="coordinator"),
                name="outcome_self_has_respondent",
            ),
        ]
        indexes = [models.Index(fields=["match", "checkpoint"])]

    def __str__(self) -> str:
        return f"{self.kind} at {self.checkpoint} for {self.match_id}"


class OutcomeRequest(BaseModel):
    """The question "what came of your match?" asked of one person at 3 or 6 months after the match ended.

    Its link's token is never stored: it is derived from the request and the site's secret key (``tokens.py``);
    only its hash is kept, to find the question when the link is opened. ``respondent_role`` is the side she
    answers for (mentee, or mentor/employer about her mentee)."""

    match = models.ForeignKey("mentoring.Match", on_delete=models.CASCADE, related_name="outcome_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    checkpoint = models.CharField(max_length=4, choices=Checkpoint.choices)
    respondent_role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's token.")
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["match", "user", "checkpoint"], name="outcome_request_once_per_match_user_checkpoint"
            ),
            models.CheckConstraint(condition=Q(checkpoint__in=["3m", "6m"]), name="outcome_request_checkpoint_later"),
        ]
        indexes = [models.Index(fields=["user", "-sent_at"], name="outcome_request_user_idx")]

    def __str__(self) -> str:
        return f"outcome question {self.checkpoint} on {self.match_id}"


class OutcomeTarget(models.TextChoices):
    """What a learned model predicts: which answers count as success (no table; a programme setting names one)."""

    WORK_6M = "work_6m", _("Work within 6 months")
    WORK_OR_TRAINING_6M = "work_or_training_6m", _("Work or training within 6 months")
    ANY_GOAL_6M = "any_goal_6m", _("Work, training, recognition or a language course within 6 months")


TARGET_KINDS: dict[str, frozenset[str]] = {
    OutcomeTarget.WORK_6M: frozenset({OutcomeKind.WORK}),
    OutcomeTarget.WORK_OR_TRAINING_6M: frozenset({OutcomeKind.WORK, OutcomeKind.TRAINING}),
    OutcomeTarget.ANY_GOAL_6M: frozenset(
        {OutcomeKind.WORK, OutcomeKind.TRAINING, OutcomeKind.RECOGNITION, OutcomeKind.LANGUAGE_COURSE}
    ),
}
"""The answers that count as success for each target."""
