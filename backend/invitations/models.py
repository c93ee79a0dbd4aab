"""Invitations by email to join a programme in a role: who was invited, when the link was sent, opened and used.

The link's token is never stored: it is derived from the invitation and the site's secret key (``tokens.py``),
and only its hash is kept, to find the invitation again when the link is opened. The invited email is personal
data: only the programme's coordinators and its organisation's admins see it, and an erased account's
invitations go with it (``usecases.erasure``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import BaseModel
from programmes.models import Role


class InvitationState(models.TextChoices):
    SENT = "sent", _("Sent")
    OPENED = "opened", _("Opened")
    JOINED = "joined", _("Joined")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


INVITABLE_ROLES = (Role.MENTOR, Role.EMPLOYER, Role.COORDINATOR, Role.FRONTLINE_WORKER)
"""Who coordinators invite: the programme's participant roles among these, and co-coordinators. Mentees sign up
themselves or are registered (assisted sign-up, imports)."""


class Invitation(BaseModel):
    programme = models.ForeignKey("programmes.Programme", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254, help_text="Lower-cased.")
    role = models.CharField(max_length=20, choices=Role.choices)
    language = models.CharField(max_length=8, help_text="The language of the invitation email.")
    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's current token.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField()
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live invitation per person and role: inviting again resends it, never a second one.
            models.UniqueConstraint(
                fields=["programme", "email", "role"],
                condition=Q(joined_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_live_per_role",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[str(role) for role in INVITABLE_ROLES]), name="invitation_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["programme", "-created_at"], name="invitation_programme_idx")]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.role})"
