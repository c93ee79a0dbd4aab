"""Fixed reference data shipped with the project: spoken languages (ISO 639), NACE Rev. 2 sectors,
goals/offers, peer-network topics, worker roles and reasons, with labels in the interface languages."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import langcodes
import pycountry
from babel import Locale

from matching.records import AVAILABILITY_SLOTS, CEFR_LEVELS

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

# Languages widely spoken by newcomers that have only an ISO 639-3 code.
EXTRA_LANGUAGE_CODES = ("prs", "ckb", "kmr", "tig", "apc", "arz", "ary", "fuv", "hbs")


@dataclass(frozen=True)
class ReferenceItem:
    code: str
    labels: dict[str, str]
    parent: str | None = None
    icon: str = ""

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]


@cache
def _load(name: str) -> tuple[ReferenceItem, ...]:
    raw: list[dict[str, Any]] = json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return tuple(
        ReferenceItem(code=item["code"], labels=item["labels"], parent=item.get("parent"), icon=item.get("icon", ""))
        for item in raw
    )


def sectors() -> tuple[ReferenceItem, ...]:
    """NACE Rev. 2 sections (parent None) and divisions (parent = section letter)."""
    return _load("nace")


def goals() -> tuple[ReferenceItem, ...]:
    """What a mentee wants and what a mentor/employer offers (the same codes on both sides)."""
    return _load("goals")


def topics() -> tuple[ReferenceItem, ...]:
    return _load("topics")


def worker_roles() -> tuple[ReferenceItem, ...]:
    return _load("roles")


def decline_reasons() -> tuple[ReferenceItem, ...]:
    return _load("decline_reasons")


def end_reasons() -> tuple[ReferenceItem, ...]:
    return _load("end_reasons")


@cache
def codes(name: str) -> frozenset[str]:
    return frozenset(item.code for item in _load(name))


@cache
def sector_parents() -> dict[str, str]:
    """Division → section, for the engine's related-sector credit."""
    return {item.code: item.parent for item in sectors() if item.parent}


@cache
def spoken_language_codes() -> tuple[str, ...]:
    two_letter = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    return tuple(two_letter) + EXTRA_LANGUAGE_CODES


def normalise_language_code(tag: str) -> str | None:
    """The ISO 639 code we store for a tag ("fa-AF" → "fa", "fas" → "fa"), or None if it is not a language."""
    if not isinstance(tag, str) or not tag.strip():
        return None
    try:
        code = langcodes.Language.get(tag.strip()).language
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        return None
    if not code:
        return None
    if code in spoken_language_codes():
        return code
    found = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    return code if found is not None else None


@cache
def language_name(code: str, in_language: str) -> str:
    name = Locale.parse(in_language).languages.get(code)
    if name:
        return name
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return found.name if found is not None else code


@cache
def text_direction(ui_language: str) -> str:
    return Locale.parse(ui_language).text_direction


__all__ = ["AVAILABILITY_SLOTS", "CEFR_LEVELS"]
