"""Participants' matching profiles: languages with level, sectors, goals or offers, place, availability."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.models import BaseModel
from common.names import name_fields_normalise, validate_name
from matching.records import CEFR_LEVELS
from programmes.models import Membership


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    UNSPECIFIED = "unspecified", _("Prefer not to say")


class Profile(BaseModel):
    """One person's profile in one programme; which fields matter depends on the membership's role."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="profile")
    goals = models.JSONField(default=list, blank=True, help_text="Goal codes (mentee) or offer codes (mentor).")
    goals_text = models.TextField(blank=True, max_length=2000)
    city = models.CharField(max_length=120, blank=True, validators=[validate_name])
    country = CountryField(blank=True)
    online = models.BooleanField(default=True, help_text="Open to meeting online.")
    availability = models.JSONField(default=list, blank=True, help_text="Weekly slots such as 'mon:evening'.")
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.UNSPECIFIED)
    # What her matched mentor may see once the match is accepted.
    share_email = models.BooleanField(default=False, help_text="Show my email to my mentor once matched.")
    share_phone = models.BooleanField(default=False, help_text="Show my phone number to my mentor once matched.")
    # Mentee preferences.
    woman_mentor_only = models.BooleanField(default=False)
    online_only = models.BooleanField(default=False)
    # Mentor and employer.
    support_qualities = models.JSONField(
        default=list, blank=True, help_text="Kinds of support a mentor offers (privacy.sensitive.SUPPORT_QUALITIES)."
    )
    capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    available = models.BooleanField(default=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Frontline worker.
    organisation = models.CharField(max_length=200, blank=True, validators=[validate_name])
    worker_role = models.CharField(max_length=40, blank=True)
    topics_expertise = models.JSONField(default=list, blank=True)
    topics_interest = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1, capacity__lte=10),
                name="profile_capacity_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"profile of {self.membership}"

    def clean(self) -> None:
        name_fields_normalise(self, "city", "organisation")

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class LanguageSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=8, help_text="ISO 639 code")
    level = models.CharField(max_length=2, choices=[(level, level) for level in CEFR_LEVELS])

    class Meta:
        ordering = ["-level", "language"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="language_skill_unique"),
            models.CheckConstraint(condition=Q(level__in=CEFR_LEVELS), name="language_skill_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class ProfileSector(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sectors")
    code = models.CharField(max_length=4, help_text="NACE Rev. 2 section or division")

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="profile_sector_unique")]

    def __str__(self) -> str:
        return self.code
