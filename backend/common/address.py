"""How a person wants to be addressed: the grammatical form of wording about her (offers, cards, reasons,
notifications, emails). Optional and never inferred (not from her gender, name or anything else); the neutral
form is the default. The stored value is one of these codes; "" means she has not said, and reads as neutral."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class AddressForm(models.TextChoices):
    FEMININE = "feminine", _("Feminine wording")
    MASCULINE = "masculine", _("Masculine wording")
    NEUTRAL = "neutral", _("Neutral wording")


DEFAULT_ADDRESS_FORM = AddressForm.NEUTRAL


def address_form(value: str | None) -> str:
    """The form to word text in for a stored value: neutral when she has not said (or the value is unknown)."""
    return value if value in AddressForm.values else DEFAULT_ADDRESS_FORM


class AddressFormOutputField(serializers.ChoiceField):
    """A person's form of address as others' texts about her use it: neutral when she has not said."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "How texts about this person are worded (neutral when she has not said).")
        super().__init__(choices=AddressForm.choices, read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return address_form(value)


class AddressFormInputField(serializers.ChoiceField):
    """Her own choice: feminine, masculine, neutral, or "" (not said)."""

    default_error_messages = {
        "invalid_choice": _("Choose feminine, masculine or neutral wording, or leave it empty."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", "How she wants texts about her worded: feminine, masculine, neutral, or empty (not said)."
        )
        kwargs.setdefault("required", False)
        super().__init__(choices=[("", "not said"), *AddressForm.choices], allow_blank=True, **kwargs)
