"""Her own list of matches (``GET /matches/``): a page read by one written statement, the same on every request.

Built by the ORM, the list's query (both people through their memberships and accounts, and per match whether the
other side blocked her, withheld her contact details, and whether she gave feedback, each a subquery over the other
side's account) took about 5 ms of a process's CPU to build and compile on every request, more than reading it.
The statement's text is made once per number of her profiles (one per programme she is in), from the models'
tables and columns, so PostgreSQL prepares it once per connection. It reads only the columns her view shows
(``participant_view``); the rows become model instances as the ORM would make them (each value through the
backend's and the field's converters), so the view and its serializer are the same as for any other match.
``tests/backend/mentoring/test_own_matches.py`` checks the list against the ORM's reading of the same rule.
"""

import functools
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Model

from accounts.models import User
from mentoring.models import Feedback, Match
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.models import Profile
from programmes.models import Membership
from safeguarding.models import Block

_MATCH = ("id", "programme", "mentee", "mentor", "state", "reasons", "offer_expires_at", "accepted_at", "closed_at")
_PROFILE = (
    "id",
    "membership",
    "goals",
    "city",
    "country",
    "share_email",
    "share_phone",
    "woman_mentor_only",
    "online_only",
)
_MEMBERSHIP = ("id", "user", "role")
_USER = ("id", "display_name", "full_name", "email", "phone", "address_as")


def _in_model_order(model: type[Model], names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` in the order of the model's columns: ``Model.from_db`` takes a subset's values in that order."""
    order = {field.name: index for index, field in enumerate(model._meta.concrete_fields)}
    return tuple(sorted(names, key=order.__getitem__))


_PARTS: tuple[tuple[type[Model], tuple[str, ...], str], ...] = tuple(
    (model, _in_model_order(model, names), alias)
    for model, names, alias in (
        (Match, _MATCH, "m"),
        (Profile, _PROFILE, "ep"),
        (Membership, _MEMBERSHIP, "em"),
        (User, _USER, "eu"),
        (Profile, _PROFILE, "rp"),
        (Membership, _MEMBERSHIP, "rm"),
        (User, _USER, "ru"),
    )
)
"""The match, then the mentee's profile, membership and account, then the mentor's, in the statement's order."""

Reader = Callable[[Sequence[Any]], Model]
"""A row's slice as a model instance."""


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _quote(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    return _quote(str(model._meta.get_field(name).column))  # type: ignore[union-attr]


def _reader(model: type[Model], names: tuple[str, ...]) -> Reader:
    """A row's slice of ``names`` as an instance of ``model``, each value converted as the ORM converts it (the
    other fields deferred: read on access, as with ``only()``)."""
    fields = [model._meta.get_field(name) for name in names]
    attnames = [field.attname for field in fields]  # type: ignore[union-attr]
    plan = []
    for field in fields:
        column = field.get_col(model._meta.db_table)  # type: ignore[union-attr]
        plan.append((column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)))

    def read(values: Sequence[Any]) -> Model:
        converted = []
        for value, (column, converters) in zip(values, plan, strict=True):
            for convert in converters:
                value = convert(value, column, connection)
            converted.append(value)
        return model.from_db(connection.alias, attnames, converted)

    return read


@functools.cache
def _readers(vendor: str) -> tuple[Reader, ...]:
    return tuple(_reader(model, names) for model, names, _alias in _PARTS)


@functools.cache
def _statement(kind: str, profiles: int, states: int) -> str:
    """Her matches (``kind`` "page": a page of them, newest change first, with the marks; "count": how many) when
    she has ``profiles`` profiles: matches in one of ``states`` states, with one of her profiles on either side."""
    key = _quote("id")
    mine = ", ".join(["%s"] * profiles)
    where = (
        f"(m.{_column(Match, 'mentee')} IN ({mine}) OR m.{_column(Match, 'mentor')} IN ({mine}))"
        f" AND m.{_column(Match, 'state')} IN ({', '.join(['%s'] * states)})"
    )
    if kind == "count":
        return f"SELECT COUNT(*) FROM {_table(Match)} m WHERE {where}"
    columns = ", ".join(f"{alias}.{_column(model, name)}" for model, names, alias in _PARTS for name in names)
    user = _column(Membership, "user")
    counterpart = f"(CASE WHEN em.{user} = %s THEN rm.{user} ELSE em.{user} END)"

    def consent(*extra: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {_table(ConsentRecord)} c WHERE c.{_column(ConsentRecord, 'programme')}"
            f" = m.{_column(Match, 'programme')} AND c.{_column(ConsentRecord, 'purpose')} = %s"
            f" AND c.{_column(ConsentRecord, 'user')} = {counterpart}{''.join(extra)})"
        )

    blocked_me = (
        f"EXISTS (SELECT 1 FROM {_table(Block)} b WHERE b.{_column(Block, 'blocked')} = %s"
        f" AND b.{_column(Block, 'blocker')} = {counterpart})"
    )
    withheld = f"({consent()} AND NOT {consent(f' AND c.{_column(ConsentRecord, "withdrawn_at")} IS NULL')})"
    feedback = (
        f"EXISTS (SELECT 1 FROM {_table(Feedback)} f WHERE f.{_column(Feedback, 'author')} = %s"
        f" AND f.{_column(Feedback, 'match')} = m.{key})"
    )

    def joined(side: str, profile: str, membership: str, account: str) -> str:
        return (
            f" JOIN {_table(Profile)} {profile} ON {profile}.{key} = m.{_column(Match, side)}"
            f" JOIN {_table(Membership)} {membership}"
            f" ON {membership}.{key} = {profile}.{_column(Profile, 'membership')}"
            f" JOIN {_table(User)} {account} ON {account}.{key} = {membership}.{user}"
        )

    return (
        f"SELECT {columns}, {blocked_me}, {withheld}, {feedback} FROM {_table(Match)} m"
        f"{joined('mentee', 'ep', 'em', 'eu')}{joined('mentor', 'rp', 'rm', 'ru')}"
        f" WHERE {where} ORDER BY m.{_column(Match, 'updated_at')} DESC, m.{key} ASC LIMIT %s OFFSET %s"
    )


def _value(model: type[Model], value: Any) -> Any:
    return model._meta.pk.get_db_prep_value(value, connection)  # type: ignore[union-attr]


class OwnMatches:
    """Her matches (those with one of ``profiles`` on either side, in one of ``states``) for a paginator: counted
    and sliced by the written statements above; each match carries the marks her view needs, as
    ``mentoring.selectors._as_seen_by`` names them."""

    ordered = True

    def __init__(self, user: User, profiles: list[UUID], states: Sequence[str]) -> None:
        self.user = user
        self.profiles = profiles
        self._shape = (len(profiles), len(states))
        mine = [_value(Profile, profile) for profile in profiles]
        self._where = [*mine, *mine, *[str(state) for state in states]]

    def count(self) -> int:
        if not self.profiles:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(_statement("count", *self._shape), self._where)
            (count,) = cursor.fetchone()
        return int(count)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Match]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("Her matches are read a page (a slice) at a time.")
        start = index.start or 0
        if not self.profiles or (index.stop is not None and index.stop <= start):
            return []
        limit = index.stop - start if index.stop is not None else 1_000_000
        me = _value(User, self.user.pk)
        purpose = str(ConsentPurpose.CONTACT_SHARING)
        parameters = [me, me, purpose, me, purpose, me, me, *self._where, limit, start]
        with connection.cursor() as cursor:
            cursor.execute(_statement("page", *self._shape), parameters)
            rows = cursor.fetchall()
        return [self._match(row) for row in rows]

    def _match(self, row: Sequence[Any]) -> Match:
        readers = _readers(connection.vendor)
        parts, at = [], 0
        for read, (_model, names, _alias) in zip(readers, _PARTS, strict=True):
            parts.append(read(row[at : at + len(names)]))
            at += len(names)
        match, mentee, mentee_membership, mentee_user, mentor, mentor_membership, mentor_user = parts
        mentee_membership.user = mentee_user  # type: ignore[attr-defined]
        mentee.membership = mentee_membership  # type: ignore[attr-defined]
        mentor_membership.user = mentor_user  # type: ignore[attr-defined]
        mentor.membership = mentor_membership  # type: ignore[attr-defined]
        match.mentee, match.mentor = mentee, mentor  # type: ignore[attr-defined]
        blocked_me, withheld, feedback = row[at:]
        match.counterpart_blocked_me = bool(blocked_me)  # type: ignore[attr-defined]
        match.counterpart_withheld_contact = bool(withheld)  # type: ignore[attr-defined]
        match.viewer_gave_feedback = bool(feedback)  # type: ignore[attr-defined]
        return match  # type: ignore[return-value]
