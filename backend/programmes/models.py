"""Programmes (mentoring or peer network) and people's roles in them."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from common.languages import FALLBACK_LANGUAGE
from common.models import BaseModel
from common.names import name_fields_normalise, validate_name
from programmes.texts import local_text, texts_clean


class ProgrammeKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    PEER_NETWORK = "peer_network", _("Peer network")


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    EMPLOYER = "employer", _("Employer")
    FRONTLINE_WORKER = "frontline_worker", _("Frontline worker")
    COORDINATOR = "coordinator", _("Coordinator")


PARTICIPANT_ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    ProgrammeKind.MENTORING: (Role.MENTEE, Role.MENTOR, Role.EMPLOYER),
    ProgrammeKind.PEER_NETWORK: (Role.FRONTLINE_WORKER,),
}


def _default_languages() -> list[str]:
    return ["en"]


def _default_matching_settings() -> dict[str, Any]:
    return {}


class Organisation(BaseModel):
    """An IOM office or an NGO: it owns programmes, and its admins run them (create programmes, appoint
    coordinators, see every programme of theirs). Nobody sees another organisation's programmes or people; the site
    admin only creates organisations and their first admin (``manage.py create_organisation``)."""

    name = models.CharField(max_length=200, validators=[validate_name])
    slug = models.SlugField(max_length=80, unique=True)
    country = CountryField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        name_fields_normalise(self, "name")


class OrganisationAdmin(BaseModel):
    """A person who runs an organisation's programmes (not a coordinator of them unless also appointed so)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="admins")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="organisation_admin_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – admin – {self.organisation}"


class Programme(BaseModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programmes")
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices)
    name = models.CharField(max_length=200, validators=[validate_name])
    slug = models.SlugField(max_length=80, unique=True)
    city = models.CharField(max_length=120, blank=True, validators=[validate_name])
    country = CountryField(blank=True)
    online = models.BooleanField(default=False, help_text="Runs online (as well as or instead of in one place).")
    languages = models.JSONField(default=_default_languages, help_text="ISO 639 codes of the languages it runs in.")
    signup_open = models.BooleanField(default=True)
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was closed: sign-up stopped, open offers were withdrawn; its figures are kept.",
    )
    texts = models.JSONField(
        default=dict,
        blank=True,
        help_text="The programme's own texts per language: {field: {language: text}} for name, description, "
        "welcome and consent_addition (see programmes/texts.py).",
    )
    consent_version = models.CharField(max_length=20, default="1")
    offer_expiry_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    match_duration_days = models.PositiveSmallIntegerField(
        default=180, validators=[MinValueValidator(7), MaxValueValidator(730)]
    )
    matching_settings = models.JSONField(default=_default_matching_settings, blank=True)
    # Retention: participants inactive this long are flagged to the coordinators, then erased after the grace.
    retention_inactive_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=730,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text="Days without activity after which a participant is flagged for erasure; empty: never.",
    )
    retention_grace_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text="Days between the flag and the erasure, for the person to come back or the coordinators to act.",
    )

    message_retention_months = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Months after a match or a peer group closes that its conversation is deleted.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        name_fields_normalise(self, "name", "city")
        # The name column mirrors the name in the fallback language (or the first it has): the admin and the
        # ordering read it. Changed there, it changes that language's name.
        texts = dict(self.texts or {})
        if self.name:
            mirrored = local_text(texts, "name", FALLBACK_LANGUAGE).language or FALLBACK_LANGUAGE
            texts["name"] = {**(texts.get("name") or {}), mirrored: self.name}
        try:
            self.texts = texts_clean(texts)
        except ValidationError as error:
            raise ValidationError({"texts": error}) from None
        self.name = local_text(self.texts, "name", FALLBACK_LANGUAGE).text

    def participant_roles(self) -> tuple[str, ...]:
        return PARTICIPANT_ROLES_BY_KIND[self.kind]


PARTICIPANT_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value != Role.COORDINATOR]
"""Every role but coordinator: what sign-up and imports take (one enum in the API schema)."""


class Membership(BaseModel):
    """A person's role in one programme: a participant role (one at most) and/or coordinator."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    left_at = models.DateTimeField(
        null=True, blank=True, help_text="When she withdrew her consent to take part, or her account was erased."
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme", "role"], name="membership_unique_role"),
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=~Q(role="coordinator"),
                name="membership_one_participant_role",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} – {self.programme}"
