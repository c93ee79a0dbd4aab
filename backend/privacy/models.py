"""The consent ledger, the encrypted sensitive attributes, retention flags and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from privacy.crypto import EncryptedJSONField
from programmes.models import Programme


class ConsentPurpose(models.TextChoices):
    PROGRAMME = "programme", _("Taking part in the programme and being matched")
    SENSITIVE_MATCHING = "sensitive_matching", _("Using my sensitive answers for matching")
    CONTACT_SHARING = "contact_sharing", _("Sharing my chosen contact details with my mentor or group")
    OUTCOME_REPORTING = "outcome_reporting", _("Counting my feedback and results in the programme's reports")
    IMPROVE_MATCHING = "improve_matching", _("Helping to improve matching with what came of my match")


class ConsentMethod(models.TextChoices):
    SELF_ONLINE = "self_online", _("Given by the person online")
    VERBAL = "verbal", _("Given aloud to a coordinator")
    PAPER_FORM = "paper_form", _("Signed on a paper form")
    INTERPRETER = "interpreter", _("Given through an interpreter")


class ConsentRecord(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=40, choices=ConsentPurpose.choices)
    text_version = models.CharField(max_length=20)
    text = models.TextField(help_text="The exact text the person agreed to.")
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text="The language of the text she saw (blank for records made before it was kept).",
    )
    given_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=ConsentMethod.choices, default=ConsentMethod.SELF_ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who recorded it, for an assisted sign-up.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["user", "programme", "purpose"])]
        constraints = [
            # One record in force per person, programme and purpose; history stays as withdrawn records.
            models.UniqueConstraint(
                fields=["user", "programme", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_in_force_per_purpose",
            ),
            models.CheckConstraint(condition=models.Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} v{self.text_version} ({'withdrawn' if self.withdrawn_at else 'in force'})"


class SensitiveAttributes(BaseModel):
    """A person's optional sensitive attributes, apart from her profile and encrypted at rest.

    ``codes`` is a list of codes from ``privacy.sensitive``; the database sees only a Fernet token. Read it
    through ``privacy.selectors.sensitive_attributes_read``, which writes the audit row.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sensitive")
    codes = EncryptedJSONField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "sensitive attributes"

    def __str__(self) -> str:
        return f"sensitive attributes {self.pk}"


class RetentionFlag(BaseModel):
    """A participant inactive for longer than her programme's retention period, shown to its coordinators
    and erased after the grace period unless she comes back."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_flags")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="retention_flags")
    last_active_at = models.DateTimeField()
    flagged_at = models.DateTimeField()
    erase_after = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["erase_after"]
        constraints = [models.UniqueConstraint(fields=["user", "programme"], name="retention_flag_once")]


class AuditEvent(models.Model):
    """Who did or read what, when and why: every state change and every sensitive read."""

    id = models.BigAutoField(primary_key=True)
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_role = models.CharField(max_length=20, help_text="mentee, mentor, coordinator or system")
    action = models.CharField(max_length=60, db_index=True, help_text="e.g. match.approve, profile.read")
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)
    reason = models.TextField(blank=True, max_length=2000)
    detail = models.JSONField(default=dict, blank=True, help_text="Non-sensitive facts, e.g. from and to state.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["programme", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"
