"""People's accounts: email as login (optional for assisted sign-ups), UUIDs as public ids."""

import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.address import AddressForm
from common.names import name_fields_normalise, validate_name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str | None, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower() if email else None, **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("display_name", email.split("@")[0])
        return self.create_user(email, password, **fields)


def _ui_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Roles are held per programme through memberships, not here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    display_name = models.CharField(_("first name or name to show"), max_length=80, validators=[validate_name])
    full_name = models.CharField(_("full name"), max_length=200, blank=True, validators=[validate_name])
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_name])
    preferred_language = models.CharField(_("preferred language"), max_length=8, choices=_ui_languages, default="en")
    # How she wants texts about her worded (common.address); "" = not said, read as neutral. Never inferred.
    address_as = models.CharField(
        _("how to address"), max_length=10, choices=AddressForm.choices, blank=True, default=""
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]
        # Coordinators' lists of participants are sorted by name: the index gives a page without sorting the
        # whole programme (profiles.selectors.participants_for_coordinator).
        indexes = [models.Index(fields=["display_name", "id"], name="user_display_name_idx")]
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or str(self.id)

    def clean(self) -> None:
        super().clean()
        name_fields_normalise(self, "display_name", "full_name", "phone")
