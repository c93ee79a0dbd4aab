"""Changes to programmes by their coordinators."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import DomainError
from common.languages import FALLBACK_LANGUAGE
from programmes.models import Programme
from programmes.texts import local_text, texts_clean, texts_merge


def programme_update(*, programme: Programme, data: dict[str, Any]) -> Programme:
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        for field, value in data.items():
            setattr(locked, field, value)
        locked.full_clean()
        locked.save()
    return locked


def _next_version(version: str) -> str:
    return str(int(version) + 1) if version.isdigit() else f"{version}.1"


def programme_texts_update(*, programme: Programme, changes: dict[str, Any]) -> Programme:
    """Lays ``changes`` (``{field: {language: text}}``, an empty text removing that language) over the programme's
    texts. A changed consent addition is a new consent wording: the consent version moves on, so the ledger's
    records keep saying what each person agreed to, and sign-ups from now on agree to the new words."""
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        try:
            texts = texts_clean(texts_merge(locked.texts, changes))
        except ValidationError as error:
            raise DomainError(error.messages[0], field="texts") from None
        if texts.get("consent_addition") != locked.texts.get("consent_addition"):
            locked.consent_version = _next_version(locked.consent_version)
        locked.texts = texts
        locked.name = local_text(texts, "name", FALLBACK_LANGUAGE).text
        locked.full_clean()
        locked.save()
    return locked
