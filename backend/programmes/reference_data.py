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


@dataclass(frozen=True)
class JobFamily:
    """A job family in everyday words ("Care and social work"), over the NACE divisions it stands for.

    People choose families; profiles store the divisions, which is what the engine matches on; coordinators
    may still see the NACE detail. Every NACE division is in exactly one family (a test keeps it so)."""

    code: str
    labels: dict[str, str]
    keywords: dict[str, list[str]]
    divisions: tuple[str, ...]

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels["en"]

    def search_words(self, language: str) -> list[str]:
        """Words that find it: its keywords in ``language``, and the English label and keywords, which many
        people know for their trade (IT, catering), without repeats."""
        words = [*self.keywords.get(language, []), self.labels["en"], *self.keywords["en"]]
        return list(dict.fromkeys(word for word in words if word != self.label(language)))


@cache
def job_families() -> tuple[JobFamily, ...]:
    raw: list[dict[str, Any]] = json.loads((REFERENCE_DIR / "job_families.json").read_text(encoding="utf-8"))
    return tuple(
        JobFamily(code=f["code"], labels=f["labels"], keywords=f["keywords"], divisions=tuple(f["divisions"]))
        for f in raw
    )


@cache
def _families_by_code() -> dict[str, JobFamily]:
    return {family.code: family for family in job_families()}


@cache
def _families_of_sector() -> dict[str, tuple[str, ...]]:
    """NACE code → the families it belongs to: one for a division, those of its divisions for a section."""
    found: dict[str, list[str]] = {}
    for family in job_families():
        for division in family.divisions:
            found.setdefault(division, []).append(family.code)
            section = sector_parents().get(division)
            if section and family.code not in found.setdefault(section, []):
                found[section].append(family.code)
    return {code: tuple(families) for code, families in found.items()}


def is_sector_code(code: str) -> bool:
    """A NACE section or division, or a job family."""
    return code in codes("nace") or code in _families_by_code()


def sectors_expanded(chosen: list[str]) -> list[str]:
    """The NACE codes stored for what a person chose: a family stands for its divisions, NACE codes for
    themselves (assisted sign-ups and older clients send those)."""
    result: list[str] = []
    for code in chosen:
        family = _families_by_code().get(code)
        result.extend(family.divisions if family else (code,))
    return sorted(set(result))


def job_families_of(sectors: list[str]) -> list[str]:
    """The families a profile's NACE codes fall in, in the families' order."""
    mine = {family for code in sectors for family in _families_of_sector().get(code, ())}
    return [family.code for family in job_families() if family.code in mine]


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
