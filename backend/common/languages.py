"""The interface languages: the one list for the whole backend. Django's ``LANGUAGES`` setting, the API schema's
language enum, notifications, consent texts and reference labels all take it from here, so adding a sixth language
starts in this file (and its catalogues: see README's "Translating Bridges")."""

from django.utils.translation import gettext_lazy as _

INTERFACE_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "ar", "uk")
"""The languages Bridges speaks, the fallback first."""

FALLBACK_LANGUAGE = INTERFACE_LANGUAGES[0]

LANGUAGE_NAMES = {"en": _("English"), "de": _("German"), "fr": _("French"), "ar": _("Arabic"), "uk": _("Ukrainian")}
"""Each language's name, in the interface language (for Django's settings and the admin)."""


def interface_language(language: str | None) -> str:
    """An interface language code for any tag ("de-AT" → "de"); the fallback when it is not one of ours."""
    code = (language or "").replace("_", "-").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else FALLBACK_LANGUAGE
