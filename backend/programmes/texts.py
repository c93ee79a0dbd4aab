"""A programme's own texts in each interface language: its name, description, welcome and consent addition.

Stored as one JSON field, ``Programme.texts`` = ``{field: {language: text}}``, rather than a column per field and
language (django-modeltranslation): the languages are the one list in ``common.languages``, so adding a sixth
language needs no migration, a missing translation is simply an absent key (not an empty column that looks
translated), and the fallback rule lives in one function here instead of in a library's per-field magic. The
shape is checked by ``validate_texts`` on every save, so nothing else can creep in.

A reader asks for a text in her language; where it is missing she gets the first language that has it (English
first, then the programme's order) together with that language, so the page can mark the text as not in hers and
give it the right ``lang`` and ``dir``.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.languages import FALLBACK_LANGUAGE, INTERFACE_LANGUAGES, LANGUAGE_NAMES, interface_language
from common.names import name_normalise

TEXT_FIELDS: tuple[str, ...] = ("name", "description", "welcome", "consent_addition")
"""The programme's own texts. ``consent_addition`` is added to the standard consent to take part."""

SHOWN_FIELDS: tuple[str, ...] = ("name", "description", "welcome")
"""The texts every reader of a programme is shown (the consent addition is shown inside the consent)."""

TEXT_LIMITS = {"name": 200, "description": 5000, "welcome": 3000, "consent_addition": 3000}

FIELD_NAMES = {
    "name": _("Name"),
    "description": _("Description"),
    "welcome": _("Welcome text"),
    "consent_addition": _("Addition to the consent"),
}


@dataclass(frozen=True)
class LocalText:
    """One of the programme's texts as shown to a reader: the words, and the language they are in."""

    text: str
    language: str


def text_languages(texts: dict[str, Any], field: str) -> tuple[str, ...]:
    """The languages ``field`` exists in, in the interface's order."""
    present = texts.get(field) or {}
    return tuple(code for code in INTERFACE_LANGUAGES if present.get(code))


def local_text(texts: dict[str, Any], field: str, language: str | None = None) -> LocalText:
    """``field`` in ``language`` (the request's when not given), else in the first language it exists in."""
    wanted = interface_language(language or translation.get_language())
    present = texts.get(field) or {}
    for code in (wanted, FALLBACK_LANGUAGE, *INTERFACE_LANGUAGES):
        if present.get(code):
            return LocalText(present[code], code)
    return LocalText("", "")


def missing_languages(texts: dict[str, Any]) -> dict[str, list[str]]:
    """Per text, the interface languages it is missing in. A text that exists in no language is not asked for
    (a programme need not have a welcome), except the name, which every programme has."""
    missing: dict[str, list[str]] = {}
    for field in TEXT_FIELDS:
        present = text_languages(texts, field)
        if present or field == "name":
            missing[field] = [code for code in INTERFACE_LANGUAGES if code not in present]
    return missing


def _error(message: Any, **params: Any) -> ValidationError:
    return ValidationError(message, params=params)


def texts_clean(value: Any) -> dict[str, dict[str, str]]:
    """``value`` as it is stored: known texts and languages only, each a string within its limit, trimmed, names
    normalised like every other name, empty texts left out. Raises ``ValidationError`` in plain words."""
    if not isinstance(value, dict):
        raise _error(_("The texts must be a set of texts per language."))
    cleaned: dict[str, dict[str, str]] = {}
    for field, by_language in value.items():
        if field not in TEXT_FIELDS:
            raise _error(_("A programme has no text called “%(field)s”."), field=str(field)[:40])
        if not isinstance(by_language, dict):
            raise _error(_("Each text is written per language; this one is not: %(field)s."), field=FIELD_NAMES[field])
        kept: dict[str, str] = {}
        for language, text in by_language.items():
            if language not in INTERFACE_LANGUAGES:
                raise _error(_("“%(language)s” is not a language Bridges speaks."), language=str(language)[:20])
            if not isinstance(text, str):
                raise _error(_("Each text must be words, not a list or a number: %(field)s."), field=FIELD_NAMES[field])
            text = text.strip()
            if not text:
                continue
            if len(text) > TEXT_LIMITS[field]:
                limit = TEXT_LIMITS[field]
                raise _error(
                    ngettext(
                        "Too long: at most %(limit)s character (%(field)s, %(language)s).",
                        "Too long: at most %(limit)s characters (%(field)s, %(language)s).",
                        limit,
                    ),
                    field=FIELD_NAMES[field],
                    language=LANGUAGE_NAMES[language],
                    limit=limit,
                )
            kept[language] = name_normalise(text) if field == "name" else text.replace("\x00", "")
        if kept:
            cleaned[field] = {code: kept[code] for code in INTERFACE_LANGUAGES if code in kept}
    if not cleaned.get("name"):
        raise _error(_("The programme needs a name in at least one language."))
    return cleaned


def validate_texts(value: Any) -> None:
    """The model field validator."""
    texts_clean(value)


def texts_merge(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``current`` with ``changes`` laid over it per text and language; an empty text removes that language."""
    merged = {field: dict(by_language) for field, by_language in current.items()}
    for field, by_language in changes.items():
        if not isinstance(by_language, dict):
            merged[field] = by_language  # texts_clean says what is wrong with it
            continue
        merged.setdefault(field, {}).update(by_language)
    return merged


def programme_name(programme: Any, language: str | None = None) -> str:
    """The programme's name in ``language`` (the request's when not given), else in the first it has."""
    return local_text(programme.texts or {}, "name", language).text or programme.name
