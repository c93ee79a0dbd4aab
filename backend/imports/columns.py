"""The fields a list can fill, the header names that find them, and how a cell's text becomes what sign-up takes.

A cell that cannot be read raises ``CellProblem`` with plain words for the coordinator (in her language, with the
nearest known value where one is close). Lists in a cell are separated by ``;``, ``,``, ``/`` or new lines.
"""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from profiles.models import Gender
from programmes import reference_data
from programmes.models import Role

MENTEE, MENTORS, WORKER = {Role.MENTEE}, {Role.MENTOR, Role.EMPLOYER}, {Role.FRONTLINE_WORKER}
EVERYONE = MENTEE | MENTORS | WORKER

_SPLIT = re.compile(r"[;,/\n]+")
_LEVEL = re.compile(r"\b([abc][12])\b", re.IGNORECASE)
_YES = {"yes", "y", "true", "1", "x", "ja", "oui", "так", "نعم", "si", "sí"}
_NO = {"no", "n", "false", "0", "nein", "non", "ні", "لا"}


class CellProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _items(text: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(text) if item.strip()]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@cache
def _index(name: str) -> dict[str, str]:
    """Every way a reference list's entries may be written (code, or label in any language) → code."""
    items: list[tuple[str, dict[str, str]]]
    if name == "sectors":
        items = [(f.code, f.labels) for f in reference_data.job_families()]
        items += [(s.code, s.labels) for s in reference_data.sectors()]
    else:
        items = [(item.code, item.labels) for item in getattr(reference_data, name)()]
    found: dict[str, str] = {}
    for code, labels in items:
        found.setdefault(_fold(code), code)
        for label in labels.values():
            found.setdefault(_fold(label), code)
    return found


def _label(name: str, code: str, language: str) -> str:
    if name == "sectors":
        for family in reference_data.job_families():
            if family.code == code:
                return family.label(language)
    for item in getattr(reference_data, name)():
        if item.code == code:
            return str(item.label(language))
    return code


def _reference(name: str, token: str, language: str, unknown: Callable[[], str]) -> str:
    index = _index(name)
    code = index.get(_fold(token))
    if code is not None:
        return code
    close = difflib.get_close_matches(_fold(token), list(index), n=1, cutoff=0.6)
    if close:
        raise CellProblem(
            gettext("“%(value)s” is not one we know. Did you mean “%(suggestion)s”?")
            % {"value": token, "suggestion": _label(name, index[close[0]], language)}
        )
    raise CellProblem(unknown())


def _codes(name: str, what: Callable[[str], str]) -> Callable[[str, str], list[str]]:
    def parse(text: str, language: str) -> list[str]:
        found = []
        for token in _items(text):

            def unknown(token: str = token) -> str:
                return what(token)

            found.append(_reference(name, token, language, unknown))
        return found

    return parse


def _languages(text: str, language: str) -> list[dict[str, str]]:
    found = []
    for item in _items(text):
        level = _LEVEL.search(item)
        name = _LEVEL.sub("", item).replace(":", " ").replace("(", " ").replace(")", " ").strip(" -")
        code = reference_data.normalise_language_code(name) if name else None
        if code is None:
            raise CellProblem(
                gettext("“%(value)s” is not a language code we know. Write codes such as ar, de or uk.")
                % {"value": name or item}
            )
        if level is None:
            raise CellProblem(
                gettext("The level is missing for “%(code)s”. Write it like %(code)s B1 (A1 to C2).") % {"code": name}
            )
        found.append({"code": code, "level": level.group(1).upper()})
    return found


def _yes_no(text: str, language: str) -> bool:
    value = _fold(text)
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellProblem(gettext("Write yes or no."))


def _number(text: str, language: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CellProblem(gettext("Write a whole number.")) from None


def _country(text: str, language: str) -> str:
    if len(text) == 2 and text.upper() in dict(countries):
        return text.upper()
    code = countries.by_name(text) or countries.by_name(text, language="de") or countries.by_name(text, language="fr")
    if not code:
        raise CellProblem(
            gettext("“%(value)s” is not a country we know. Write its code, such as DE.") % {"value": text}
        )
    return code


def _gender(text: str, language: str) -> str:
    for value, label in Gender.choices:
        if _fold(text) in {value, _fold(str(label)), _fold(gettext(str(label)))}:
            return value
    raise CellProblem(
        gettext("Write one of: %(choices)s.") % {"choices": ", ".join(str(label) for _v, label in Gender.choices)}
    )


def _interface_language(text: str, language: str) -> str:
    known = [code for code, _name in settings.LANGUAGES]
    code = reference_data.normalise_language_code(text)
    if code in known:
        return code
    for candidate in known:
        if _fold(text) == _fold(reference_data.language_name(candidate, language)) or _fold(text) == _fold(
            reference_data.language_name(candidate, "en")
        ):
            return candidate
    raise CellProblem(gettext("Write one of: %(choices)s.") % {"choices": ", ".join(known)})


def _text(text: str, language: str) -> str:
    return text


def _single(name: str, what: Callable[[str], str]) -> Callable[[str, str], str]:
    def parse(text: str, language: str) -> str:
        return _reference(name, text, language, lambda: what(text))

    return parse


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    part: str
    """"account" or "profile": where sign-up takes it."""
    field: str
    roles: frozenset[str]
    parse: Callable[[str, str], Any]
    aliases: tuple[str, ...] = ()
    required_for: frozenset[str] = frozenset()


def _not_in_list(token: str) -> str:
    return gettext("“%(value)s” is not in the list.") % {"value": token}


COLUMNS: tuple[Column, ...] = (
    Column(
        "email",
        _("Email"),
        "account",
        "email",
        frozenset(EVERYONE),
        _text,
        ("e-mail", "mail", "email address", "e-mail-adresse", "courriel", "adresse e-mail"),
        frozenset(MENTORS | WORKER),
    ),
    Column(
        "first_name",
        _("First name"),
        "account",
        "display_name",
        frozenset(EVERYONE),
        _text,
        ("first name", "firstname", "given name", "vorname", "prénom", "prenom", "name"),
        frozenset(EVERYONE),
    ),
    Column(
        "full_name",
        _("Full name"),
        "account",
        "full_name",
        frozenset(EVERYONE),
        _text,
        ("full name", "vollständiger name", "nom complet", "surname and name"),
    ),
    Column(
        "phone",
        _("Phone"),
        "account",
        "phone",
        frozenset(EVERYONE),
        _text,
        ("phone", "telephone", "mobile", "telefon", "handy", "téléphone", "portable"),
    ),
    Column(
        "preferred_language",
        _("Language of the app"),
        "account",
        "preferred_language",
        frozenset(EVERYONE),
        _interface_language,
        ("app language", "interface language", "sprache der app", "langue de l'application"),
    ),
    Column(
        "languages",
        _("Languages spoken, with levels"),
        "profile",
        "languages",
        frozenset(EVERYONE),
        _languages,
        ("languages", "language", "sprachen", "langues", "language skills"),
        frozenset(EVERYONE),
    ),
    Column(
        "sectors",
        _("Sectors"),
        "profile",
        "sectors",
        frozenset(MENTEE | MENTORS),
        _codes("sectors", lambda token: gettext("“%(value)s” is not a sector we know.") % {"value": token}),
        ("sector", "sectors", "job family", "branche", "bereich", "secteur", "secteurs"),
        frozenset(MENTORS),
    ),
    Column(
        "goals",
        _("Goals"),
        "profile",
        "goals",
        frozenset(MENTEE | MENTORS),
        _codes("goals", _not_in_list),
        ("goals", "goal", "ziele", "objectifs"),
    ),
    Column(
        "goals_text",
        _("Goals in her words"),
        "profile",
        "goals_text",
        frozenset(MENTEE | MENTORS),
        _text,
        ("notes", "goals text", "description", "beschreibung", "remarques"),
    ),
    Column(
        "city",
        _("City"),
        "profile",
        "city",
        frozenset(EVERYONE),
        _text,
        ("city", "town", "stadt", "ort", "ville"),
        frozenset(WORKER),
    ),
    Column(
        "country",
        _("Country"),
        "profile",
        "country",
        frozenset(EVERYONE),
        _country,
        ("country", "land", "pays"),
        frozenset(WORKER),
    ),
    Column(
        "online",
        _("Can meet online"),
        "profile",
        "online",
        frozenset(EVERYONE),
        _yes_no,
        ("online", "can meet online", "en ligne"),
    ),
    Column("gender", _("Gender"), "profile", "gender", frozenset(EVERYONE), _gender, ("gender", "geschlecht", "genre")),
    Column(
        "woman_mentor_only",
        _("Wants a woman mentor"),
        "profile",
        "woman_mentor_only",
        frozenset(MENTEE),
        _yes_no,
        ("woman mentor only", "woman mentor"),
    ),
    Column(
        "online_only",
        _("Online only"),
        "profile",
        "online_only",
        frozenset(MENTEE),
        _yes_no,
        ("online only", "nur online"),
    ),
    Column(
        "capacity",
        _("Mentees at once"),
        "profile",
        "capacity",
        frozenset(MENTORS),
        _number,
        ("capacity", "kapazität", "capacité", "mentees"),
        frozenset(MENTORS),
    ),
    Column(
        "organisation",
        _("Organisation"),
        "profile",
        "organisation",
        frozenset(MENTORS | WORKER),
        _text,
        ("organisation", "organization", "organisation name", "company", "firma", "arbeitgeber", "entreprise"),
        frozenset(WORKER),
    ),
    Column(
        "worker_role",
        _("Role at work"),
        "profile",
        "worker_role",
        frozenset(WORKER),
        _single("worker_roles", _not_in_list),
        ("role", "job", "profession", "beruf", "métier"),
    ),
    Column(
        "topics_expertise",
        _("Topics she knows"),
        "profile",
        "topics_expertise",
        frozenset(WORKER),
        _codes("topics", _not_in_list),
        ("expertise", "knows about", "topics expertise"),
    ),
    Column(
        "topics_interest",
        _("Topics she wants to learn"),
        "profile",
        "topics_interest",
        frozenset(WORKER),
        _codes("topics", _not_in_list),
        ("interests", "wants to learn", "topics interest", "topics"),
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}


def columns_for(role: str) -> list[Column]:
    return [column for column in COLUMNS if role in column.roles]


def guess(headers: list[str], role: str) -> dict[str, str]:
    """Header → field key for the headers whose name says which field they are (each field used once)."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        name = _fold(header)
        for column in columns_for(role):
            names = {_fold(column.key), _fold(column.key.replace("_", " ")), _fold(str(column.label)), *column.aliases}
            if column.key not in taken and name in names:
                found[header] = column.key
                taken.add(column.key)
                break
    return found
