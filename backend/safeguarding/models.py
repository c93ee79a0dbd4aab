"""Safety reports about a mentor, a mentee or a group member, and blocks between two people."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from privacy.crypto import EncryptedJSONField, EncryptedTextField


class ReportCategory(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment or unwanted contact")
    THREAT = "threat", _("Threats or violence")
    SEXUAL = "sexual", _("Sexual or inappropriate behaviour")
    DISCRIMINATION = "discrimination", _("Discrimination or hate")
    EXPLOITATION = "exploitation", _("Asked for money, work or favours")
    PRIVACY = "privacy", _("Shared my information without my consent")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed; the match was resumed")
    MATCH_ENDED = "match_ended", _("The match was ended")
    PERSON_SUSPENDED = "person_suspended", _("The reported person was suspended")


class ReportContext(models.TextChoices):
    MATCH = "match", _("A mentoring match")
    GROUP = "group", _("A peer group")


class Report(BaseModel):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="safety_reports")
    context = models.CharField(max_length=10, choices=ReportContext.choices)
    match = models.ForeignKey(
        "mentoring.Match", null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_reports"
    )
    group = models.ForeignKey(
        "peers.PeerGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_reports"
    )
    # Reports outlive an erased account (the coordinators' record of a safeguarding decision), so SET_NULL.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="safety_reports_made"
    )
    reporter_role = models.CharField(max_length=20)
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="safety_reports_about"
    )
    reported_role = models.CharField(max_length=20)
    category = models.CharField(max_length=20, choices=ReportCategory.choices)
    text = EncryptedTextField(blank=True, null=True, help_text="The reporter's own words; encrypted at rest.")
    excerpt = EncryptedJSONField(
        blank=True,
        null=True,
        help_text="Messages the reporter chose to attach (who wrote each, the text, when); encrypted at rest.",
    )
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = EncryptedTextField(blank=True, null=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["programme", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(category__in=ReportCategory.values), name="report_category_valid"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="report_status_valid"),
            models.CheckConstraint(
                condition=(Q(context="match", match__isnull=False) | Q(context="group", group__isnull=False))
                | Q(match__isnull=True, group__isnull=True),
                name="report_context_matches_target",
            ),
        ]

    def __str__(self) -> str:
        return f"report {self.id} ({self.status})"


class Block(BaseModel):
    """``blocker`` never wants to be proposed with ``blocked`` again, nor to be seen by them."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_against")
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"block {self.blocker_id} → {self.blocked_id}"
