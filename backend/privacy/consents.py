"""Reads of the consent ledger that every app makes: whose consent is in force, and which text is asked now.

A leaf module: it imports only models, the consent texts and ``common``, never a service (the import-linter
contract in pyproject.toml keeps it so). Changes to consents are privacy's services.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Exists, Q, QuerySet
from django.utils import translation

from accounts.models import User
from common.languages import FALLBACK_LANGUAGE, interface_language
from privacy.consent_texts import CONSENT_TEXTS
from privacy.models import ConsentPurpose, ConsentRecord
from programmes.models import Programme


@dataclass(frozen=True)
class ConsentAsked:
    """The consent text asked for one purpose now: its version, its words, and the language of those words."""

    version: str
    text: str
    language: str
    languages: tuple[str, ...]
    """Every language this text exists in."""


def consent_asked(*, programme: Programme, purpose: str, language: str | None = None) -> ConsentAsked:
    """The consent asked for ``purpose`` now, in ``language`` where the text exists in it (else in English, else
    in the first language it has).

    The programme purpose follows the programme's own version; its text is the standard text followed by the
    programme's own addition where it has one, so it exists only in the languages that addition is written in.
    """
    language = interface_language(language or translation.get_language())
    entry = CONSENT_TEXTS[purpose]
    if purpose != ConsentPurpose.PROGRAMME:
        shown = language if language in entry.texts else FALLBACK_LANGUAGE
        return ConsentAsked(entry.version, entry.texts[shown], shown, tuple(entry.texts))
    addition = programme.texts.get("consent_addition") or {}
    languages = tuple(code for code in entry.texts if not addition or addition.get(code))
    shown = next(code for code in (language, FALLBACK_LANGUAGE, *languages) if code in languages)
    text = f"{entry.texts[shown]}\n\n{addition[shown]}" if addition else entry.texts[shown]
    return ConsentAsked(programme.consent_version, text, shown, languages)


def consents_in_force(*, user_ids: Iterable[Any], programme: Programme, purpose: str) -> set[UUID]:
    """The people among ``user_ids`` whose consent for ``purpose`` in ``programme`` is in force."""
    return set(
        ConsentRecord.objects.filter(
            user_id__in=list(user_ids), programme=programme, purpose=purpose, withdrawn_at__isnull=True
        ).values_list("user_id", flat=True)
    )


def consent_in_force(*, user: User | UUID, programme: Programme | UUID, purpose: str) -> bool:
    return ConsentRecord.objects.filter(
        user=user, programme=programme, purpose=purpose, withdrawn_at__isnull=True
    ).exists()


def consent_withdrawn_where(*, user: Any, programme: Any, purpose: str) -> Q:
    """She withdrew this consent and has not given it again: a condition over a list's rows (``user`` and
    ``programme`` name the columns, e.g. ``OuterRef("counterpart_user_id")``), so a list asks once, not per row."""
    records = ConsentRecord.objects.filter(user_id=user, programme_id=programme, purpose=purpose)
    return Q(Exists(records)) & ~Q(Exists(records.filter(withdrawn_at__isnull=True)))


def outcome_withheld_user_ids(*, programme: Programme) -> QuerySet[ConsentRecord, Any]:
    """People of the programme who withdrew their consent to outcome reporting (and did not give it again)."""
    in_force = ConsentRecord.objects.filter(
        programme=programme, purpose=ConsentPurpose.OUTCOME_REPORTING, withdrawn_at__isnull=True
    ).values("user_id")
    return (
        ConsentRecord.objects.filter(
            programme=programme, purpose=ConsentPurpose.OUTCOME_REPORTING, withdrawn_at__isnull=False
        )
        .exclude(user_id__in=in_force)
        .values("user_id")
    )
