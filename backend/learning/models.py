"""Success models learned from a programme's outcomes: one row per training attempt, versioned per programme,
with what it was trained on (counts only), its card (evaluation, calibration, feature effects) and its backtest.

Only the latest ready model of a programme is used by a matching run. A refused attempt keeps how many more
outcomes it needs; a failed one keeps plain words, never the error's own text (it may hold personal data)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel


class ModelStatus(models.TextChoices):
    TRAINING = "training", _("Training")
    READY = "ready", _("Ready")
    REFUSED = "refused", _("Not enough outcomes yet")
    FAILED = "failed", _("Failed")


class LearnedModel(BaseModel):
    """One attempt to train a programme's success model (``version`` 1, 2, … per programme)."""

    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="learned_models")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=ModelStatus.choices, default=ModelStatus.TRAINING)
    target = models.CharField(max_length=30, help_text="Which outcomes count as success (an OutcomeTarget).")
    pooled = models.BooleanField(
        default=False, help_text="Trained on the outcomes of the organisation's programmes that pool theirs too."
    )
    outcomes_by_programme = models.JSONField(
        default=dict, blank=True, help_text="{programme id: outcomes used from it}: counts only."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who asked for it; empty for a scheduled retraining.",
    )
    started_at = models.DateTimeField()
    trained_at = models.DateTimeField(null=True, blank=True, help_text="When the attempt finished.")
    model_bytes = models.BinaryField(null=True, blank=True, help_text="SuccessModel.to_bytes(), when ready.")
    card = models.JSONField(default=dict, blank=True, help_text="SuccessModel.card, when ready.")
    readiness = models.JSONField(
        default=dict, blank=True, help_text="Counts against the minimums and how many more are needed."
    )
    backtest = models.JSONField(default=dict, blank=True, help_text="The last finished run, learned vs made.")
    error = models.TextField(blank=True, help_text="Why it failed, in plain words.")

    class Meta:
        ordering = ["programme", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "version"], name="learned_model_version_unique"),
            # One training at a time per programme: a second request is refused (409).
            models.UniqueConstraint(
                fields=["programme"], condition=Q(status="training"), name="learned_model_one_training"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["training", "ready", "refused", "failed"]), name="learned_model_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | Q(model_bytes__isnull=False), name="learned_model_ready_has_bytes"
            ),
        ]
        indexes = [models.Index(fields=["programme", "status", "-version"], name="learned_model_latest_idx")]

    def __str__(self) -> str:
        return f"model v{self.version} of {self.programme_id} ({self.status})"
