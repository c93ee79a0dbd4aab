"""How a person wants to be addressed: the grammatical form of wording about her (offers, cards, reasons,
notifications, emails). Optional and never inferred (not from her gender, name or anything else); the neutral
form is the default. The stored value is one of these codes; "" means she has not said, and reads as neutral."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AddressForm(models.TextChoices):
    FEMININE = "feminine", _("Feminine wording")
    MASCULINE = "masculine", _("Masculine wording")
    NEUTRAL = "neutral", _("Neutral wording")


DEFAULT_ADDRESS_FORM = AddressForm.NEUTRAL


def address_form(value: str | None) -> str:
    """The form to word text in for a stored value: neutral when she has not said (or the value is unknown)."""
    return value if value in AddressForm.values else DEFAULT_ADDRESS_FORM
