"""Import a participant list: every row checked as sign-up checks it, every problem named by row and column in the
coordinator's language; nothing stored until she imports, then all valid rows at once (all or nothing).

A person whose email already has an account is joined to the programme with that account, never duplicated; a new
person gets an account without a password and, with an email, an invitation to set one. Consent is recorded as
given to the coordinator, with how and by whom.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from accounts.models import User
from common.errors import DomainError
from imports.columns import BY_KEY, CellProblem, Column, columns_for, guess
from imports.models import ImportMapping
from imports.reading import Table
from imports.tasks import send_password_invitations
from privacy.models import ConsentMethod
from profiles.serializers import AssistedAccountInputSerializer, ProfileInputSerializer
from profiles.services import participants_import
from programmes.models import Membership, Programme, Role

ASSISTED_METHODS = [m for m in ConsentMethod.values if m != ConsentMethod.SELF_ONLINE]
_LEVEL_ORDER = ["C2", "C1", "B2", "B1", "A2", "A1"]


@dataclass(frozen=True)
class Problem:
    row: int | None
    """The spreadsheet's row number; None for a problem of the whole file (a column that is missing)."""
    column: str
    letter: str
    field: str
    message: str


@dataclass
class Outcome:
    rows: int = 0
    valid: int = 0
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False
    imported: int = 0
    joined: int = 0
    invited: int = 0


@dataclass(frozen=True)
class _Person:
    row: int
    account: dict[str, Any]
    profile: dict[str, Any]


def mapping_for(*, programme: Programme, role: str, headers: list[str]) -> dict[str, str]:
    """Header → field key: what she chose last time for these headers, else what the headers' names say."""
    remembered = ImportMapping.objects.filter(programme=programme, role=role).values_list("columns", flat=True).first()
    known = {key for key in (remembered or {}).values() if key}
    found = {h: k for h, k in guess(headers, role).items() if k not in known}
    for header, key in (remembered or {}).items():
        if header in headers:
            found[header] = key
    return {header: key for header, key in found.items() if key}


def _check_mapping(role: str, mapping: dict[str, str], headers: list[str]) -> list[Problem]:
    allowed = {column.key for column in columns_for(role)}
    problems = []
    for header, key in mapping.items():
        if header not in headers:
            raise DomainError(
                gettext("“%(header)s” is not a column of this file.") % {"header": header}, field="mapping"
            )
        if key and key not in allowed:
            raise DomainError(
                gettext("“%(field)s” cannot be imported for this role.") % {"field": key}, field="mapping"
            )
    used = [key for key in mapping.values() if key]
    twice = sorted({key for key in used if used.count(key) > 1})
    if twice:
        raise DomainError(
            gettext("Two columns are set to “%(field)s”. Choose one.") % {"field": BY_KEY[twice[0]].label},
            field="mapping",
        )
    for column in columns_for(role):
        if role in column.required_for and column.key not in used:
            problems.append(
                Problem(
                    None, "", "", column.key, gettext("Choose the column for “%(field)s”.") % {"field": column.label}
                )
            )
    return problems


def _app_language(languages: list[dict[str, str]]) -> str:
    """The app's language for her: the interface language she speaks best, else English."""
    offered = {code for code, _name in settings.LANGUAGES}
    ranked = sorted(languages, key=lambda item: _LEVEL_ORDER.index(item["level"]))
    return next((item["code"] for item in ranked if item["code"] in offered), "en")


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, ErrorDetail | str):
        return [str(detail)]
    if isinstance(detail, dict):
        return [text for value in detail.values() for text in _messages(value)]
    if isinstance(detail, list):
        return [text for value in detail for text in _messages(value)]
    return [str(detail)]


def _checkers(role: str) -> dict[str, serializers.Serializer]:
    """Sign-up's own checks, made once per import (a serializer's fields are built on first use) and run on
    every row."""
    return {
        "account": AssistedAccountInputSerializer(),
        "profile": ProfileInputSerializer(context={"role": role, "creating": True}),
    }


def _check_row(
    role: str,
    number: int,
    cells: list[str],
    by_column: list[tuple[int, Column]],
    headers: list[str],
    language: str,
    checkers: dict[str, serializers.Serializer],
) -> tuple[_Person | None, list[Problem]]:
    problems: list[Problem] = []
    where: dict[tuple[str, str], tuple[str, str]] = {}
    values: dict[str, dict[str, Any]] = {"account": {}, "profile": {}}
    for index, column in by_column:
        header, letter = headers[index], Table.letter(index)
        where[(column.part, column.field)] = (header, letter)
        text = cells[index]
        if not text:
            if role in column.required_for:
                problems.append(Problem(number, header, letter, column.key, gettext("This cell is empty.")))
            continue
        try:
            values[column.part][column.field] = column.parse(text, language)
        except CellProblem as problem:
            problems.append(Problem(number, header, letter, column.key, problem.message))
    if problems:
        return None, problems
    account, profile = values["account"], values["profile"]
    account.setdefault("preferred_language", _app_language(profile.get("languages", [])))
    checked: dict[str, dict[str, Any]] = {}
    for part, serializer in checkers.items():
        try:
            checked[part] = dict(serializer.run_validation(values[part]))
            continue
        except serializers.ValidationError as error:
            errors = error.detail if isinstance(error.detail, dict) else {"": error.detail}
        for name, detail in errors.items():
            header, letter = where.get((part, name), ("", ""))
            key = next((c.key for c in BY_KEY.values() if (c.part, c.field) == (part, name)), name)
            for message in _messages(detail):
                problems.append(Problem(number, header, letter, key, message))
    if problems:
        return None, problems
    return _Person(number, checked["account"], checked["profile"]), []


def _emails_in_programme(programme: Programme, emails: Iterable[str]) -> set[str]:
    found = (
        Membership.objects.filter(programme=programme)
        .exclude(role=Role.COORDINATOR)
        .annotate(email_lower=Lower("user__email"))
        .filter(email_lower__in=list(emails))
        .values_list("email_lower", flat=True)
    )
    return set(found)


def _name_key(account: dict[str, Any]) -> str:
    parts = (account.get("display_name", ""), account.get("full_name", ""), account.get("phone", ""))
    return "name:" + "|".join(" ".join(str(part).casefold().split()) for part in parts)


def _names_in_programme(programme: Programme) -> set[str]:
    """Participants without an email, by their names and phone: a list imported twice adds nobody twice."""
    found = (
        Membership.objects.filter(programme=programme, user__email__isnull=True)
        .exclude(role=Role.COORDINATOR)
        .values_list("user__display_name", "user__full_name", "user__phone")
    )
    return {_name_key({"display_name": d, "full_name": f, "phone": p}) for d, f, p in found}


def _existing_accounts(emails: Iterable[str]) -> set[str]:
    found = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=list(emails))
    return set(found.values_list("email_lower", flat=True))


def _check(
    *, programme: Programme, role: str, table: Table, mapping: dict[str, str], language: str
) -> tuple[list[_Person], Outcome]:
    if role not in programme.participant_roles():
        allowed = ", ".join(programme.participant_roles())
        raise DomainError(gettext("This programme takes people as: %(roles)s.") % {"roles": allowed}, field="role")
    outcome = Outcome(rows=len(table.rows), problems=_check_mapping(role, mapping, table.headers))
    by_column = [(table.headers.index(h), BY_KEY[k]) for h, k in mapping.items() if k]
    people: list[_Person] = []
    checkers = _checkers(role)
    for number, cells in table.rows:
        person, problems = _check_row(role, number, cells, by_column, table.headers, language, checkers)
        outcome.problems += problems
        if person is not None:
            people.append(person)
    # One person once: by email, or without one by her names and phone; within the file and in the programme.
    cell_of = {k: (table.headers.index(h), h) for h, k in mapping.items() if k}
    emails = {p.account["email"].lower() for p in people if p.account.get("email")}
    in_programme = _emails_in_programme(programme, emails) | _names_in_programme(programme)
    first_row: dict[str, int] = {}
    kept = []
    for person in people:
        email = (person.account.get("email") or "").lower()
        who = email or _name_key(person.account)
        problem = None
        if who in first_row:
            problem = (
                gettext("The same email is in row %(row)d.")
                if email
                else gettext("The same person (name and phone) is in row %(row)d. Add her email or leave one out.")
            ) % {"row": first_row[who]}
        elif who in in_programme:
            problem = gettext("This person is already in the programme.")
        if problem:
            index, header = cell_of.get("email" if email else "first_name", (0, table.headers[0]))
            outcome.problems.append(
                Problem(person.row, header, Table.letter(index), "email" if email else "first_name", problem)
            )
        else:
            kept.append(person)
        first_row.setdefault(who, person.row)
    # A field whose column was not chosen is named once, for the whole file, not again in every row.
    missing = {p.field for p in outcome.problems if p.row is None}
    outcome.problems = [p for p in outcome.problems if p.row is None or p.field not in missing]
    outcome.problems.sort(key=lambda p: (p.row or 0, p.letter))
    outcome.valid = len(kept)
    return kept, outcome


def import_people(
    *,
    programme: Programme,
    coordinator: User,
    role: str,
    table: Table,
    mapping: dict[str, str],
    consent_method: str | None,
    commit: bool,
    language: str,
    site: str,
    now: datetime,
) -> Outcome:
    """Check every row (a dry run) or, with ``commit``, also import the valid ones. Rows with problems are never
    imported; a problem of the whole file (a required column not chosen) stops the import."""
    people, outcome = _check(programme=programme, role=role, table=table, mapping=mapping, language=language)
    if not commit:
        return outcome
    if consent_method not in ASSISTED_METHODS:
        raise DomainError(gettext("Say how these people gave their consent."), field="consent_method")
    if any(problem.row is None for problem in outcome.problems):
        raise DomainError(gettext("Choose a column for every field that is needed, then try again."), field="mapping")
    if not people:
        raise DomainError(gettext("No row can be imported yet: fix the problems listed, then try again."))
    existing = _existing_accounts(p.account["email"].lower() for p in people if p.account.get("email"))
    with transaction.atomic():
        accounts = participants_import(
            programme=programme,
            coordinator=coordinator,
            role=role,
            people=[(person.account, person.profile) for person in people],
            consent_method=consent_method,
            now=now,
        )
        invited = [str(user.pk) for user, created in accounts if created and user.email]
        if invited:
            transaction.on_commit(lambda: send_password_invitations.delay(invited, site))
    outcome.imported = len(accounts)
    outcome.joined = sum(1 for person in people if (person.account.get("email") or "").lower() in existing)
    outcome.committed = True
    outcome.invited = len(invited)
    return outcome


def remember_mapping(*, programme: Programme, coordinator: User, role: str, mapping: dict[str, str]) -> None:
    """Her choice of columns, offered again for the next list with these headers."""
    ImportMapping.objects.update_or_create(
        programme=programme, role=role, defaults={"columns": mapping, "updated_by": coordinator}
    )
