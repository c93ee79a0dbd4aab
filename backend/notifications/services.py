"""Creating notices and marking them read. Emails are queued after the caller's transaction commits."""

import datetime
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import User
from notifications import messages
from notifications.models import Audience, Notification, NotificationKind
from notifications.tasks import send_notification_email
from programmes.models import Membership, Programme, Role


def _audience(*, user: User, programme: Programme | None) -> str:
    """How to speak to the person, from their role in the programme (a coordinator's words win)."""
    return _audiences(users=[user], programme=programme)[user.pk]


def _audiences(*, users: list[User], programme: Programme | None) -> dict[Any, str]:
    """_audience for several people, in one query."""
    roles: dict[Any, set[str]] = {user.pk: set() for user in users}
    if programme is not None:
        for user_id, role in Membership.objects.filter(user__in=list(roles), programme=programme).values_list(
            "user_id", "role"
        ):
            roles[user_id].add(role)
    return {pk: _audience_of(found, programme) for pk, found in roles.items()}


def _audience_of(roles: set[str], programme: Programme | None) -> str:
    if programme is None:
        return Audience.GENERAL
    if Role.COORDINATOR in roles:
        return Audience.COORDINATOR
    if roles & {Role.MENTOR, Role.EMPLOYER}:
        return Audience.MENTOR
    if Role.MENTEE in roles:
        return Audience.MENTEE
    return Audience.GENERAL


def _safe_params(kind: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Only the documented, non-sensitive parameters are kept, as JSON values."""
    allowed = {*messages.KIND_PARAMS[kind], "programme"}
    kept: dict[str, Any] = {}
    for key, value in (params or {}).items():
        if key not in allowed or value is None:
            continue
        if isinstance(value, datetime.date | datetime.datetime | datetime.time):
            value = value.isoformat()
        elif not isinstance(value, str | int | float | bool):
            value = str(value)
        kept[key] = value
    return kept


_ROWS_GIVEN = ("user", "programme")
"""Foreign keys that notify's callers hand over as rows they read: not looked up again."""


def _notice(
    *,
    user: User,
    kind: str,
    audience: str,
    safe_params: dict[str, Any],
    programme: Programme | None,
    match_id: uuid.UUID | None,
    dedupe_key: str | None,
    now: datetime.datetime,
) -> Notification:
    """An unsaved notice, each value checked as full_clean checks it (kind and audience among their choices,
    lengths) without its queries: the person and the programme are the caller's own rows, and the table's
    CHECK constraints and unique dedupe key hold in the database itself. (full_clean asked the database seven
    times per notice.)"""
    notice = Notification(
        user=user,
        kind=kind,
        audience=audience,
        programme=programme,
        match_id=match_id,
        params=safe_params,
        dedupe_key=dedupe_key,
        created_at=now,
    )
    notice.clean_fields(exclude=_ROWS_GIVEN)
    return notice


def _known(kind: str) -> str:
    if kind not in NotificationKind.values:
        raise ValueError(f"Unknown notification kind: {kind}")
    return kind


def _email_after_commit(notices: Iterable[Notification]) -> None:
    """Queue the email of each notice whose person has an address and an active account, once the caller's
    transaction commits (people without an address, e.g. assisted sign-ups, get the in-app notice only)."""
    emailed = [str(n.pk) for n in notices if n.user.email and n.user.is_active]
    if emailed:
        transaction.on_commit(lambda: [send_notification_email.delay(pk) for pk in emailed])


def notify(
    *,
    user: User,
    kind: str,
    params: Mapping[str, Any] | None = None,
    programme: Programme | None = None,
    match_id: uuid.UUID | None = None,
    dedupe_key: str | None = None,
    audience: str | None = None,
    email: bool = True,
    now: datetime.datetime,
) -> Notification | None:
    """Record a notice for ``user`` in the caller's transaction and email it once that commits.

    With a ``dedupe_key`` the same logical event gives one notice however often it is replayed, also when two
    replays race: a second call returns None and sends nothing. ``audience`` (mentee, mentor, coordinator) picks
    the wording; by default it follows the person's role in ``programme``. People without an email address
    (assisted sign-ups) get the in-app notice only; so does everyone with ``email=False`` (the caller sends its
    own email, e.g. one with links that only that email may carry).
    """
    notification = _notice(
        user=user,
        kind=_known(kind),
        audience=_audience(user=user, programme=programme) if audience is None else audience,
        safe_params=_safe_params(kind, params),
        programme=programme,
        match_id=match_id,
        dedupe_key=dedupe_key,
        now=now,
    )
    if dedupe_key is None:
        notification.save(force_insert=True)
    else:
        try:
            # A savepoint, so losing a race to a concurrent duplicate (or a replay) leaves the caller's
            # transaction usable.
            with transaction.atomic():
                notification.save(force_insert=True)
        except IntegrityError:
            if Notification.objects.filter(dedupe_key=dedupe_key).exists():
                return None
            raise
    if email:
        _email_after_commit([notification])
    return notification


def notify_each(
    *,
    users: Iterable[User],
    kind: str,
    dedupe_key: Callable[[User], str],
    params: Mapping[str, Any] | None = None,
    programme: Programme | None = None,
    match_id: uuid.UUID | None = None,
    now: datetime.datetime,
) -> list[Notification]:
    """notify for each of several people about one event, each once however often it is replayed
    (``dedupe_key(user)``): one query for their roles, one insert that skips the keys already there, one read of
    which were new; the new ones are emailed once the caller's transaction commits. Returns the new notices."""
    safe = _safe_params(_known(kind), params)
    people = list({user.pk: user for user in users}.values())
    audiences = _audiences(users=people, programme=programme)
    notices = [
        _notice(
            user=user,
            kind=kind,
            audience=audiences[user.pk],
            safe_params=dict(safe),
            programme=programme,
            match_id=match_id,
            dedupe_key=dedupe_key(user),
            now=now,
        )
        for user in people
    ]
    # A key already there (a replay, or a concurrent duplicate) is skipped by the insert itself, so nothing fails
    # and the caller's transaction goes on; which rows are new is then read back by their own ids.
    Notification.objects.bulk_create(notices, ignore_conflicts=True)
    new = set(Notification.objects.filter(pk__in=[n.pk for n in notices]).values_list("pk", flat=True))
    made = [notice for notice in notices if notice.pk in new]
    _email_after_commit(made)
    return made


def notifications_mark_read(*, user: User, ids: Iterable[uuid.UUID | str] | None = None, now: datetime.datetime) -> int:
    """Mark the person's own unread notices read (all of them, or those in ``ids``); returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=now, updated_at=now)


def notifications_cancel_for_leaving(*, user: User, programme: Programme, now: datetime.datetime) -> int:
    """She left the programme (the leave use case, usecases.leave, calls this): its notices to her that were not
    emailed yet are not emailed any more; they stay in her list. Returns how many were cancelled."""
    return Notification.objects.filter(
        user=user, programme=programme, emailed_at__isnull=True, email_cancelled_at__isnull=True
    ).update(email_cancelled_at=now, updated_at=now)
