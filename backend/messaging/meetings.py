"""The first meeting of a match: suggested times from both people's weekly availability, a proposal of up to three
times, the other side's pick, and a calendar invitation (iCalendar, RFC 5545) to each of them, updated or cancelled
when it changes. Coordinators learn only that a meeting was booked, and when (for "time from match to first
meeting"); never where or when it is.
"""

import re
import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext, ngettext

from common.errors import Conflict, DomainError, NotAllowed
from mentoring.models import Match
from messaging.models import FirstMeeting, MeetingPlace, MeetingState
from messaging.selectors import Place
from messaging.tasks import send_meeting_invitation
from notifications.services import notify

MAX_OPTIONS = 3
SLOT_HOURS = {"morning": 10, "afternoon": 14, "evening": 18}
"""When a weekly slot's meeting starts, in the person's own time zone."""
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EARLIEST = timedelta(hours=2)
"""A proposed time lies at least this far ahead, so the other side has time to answer."""
LATEST = timedelta(days=90)
PLACE_MAX = 300
DURATIONS = (30, 45, 60, 90, 120)


def time_zone_of(name: str) -> zoneinfo.ZoneInfo:
    if name not in zoneinfo.available_timezones():
        raise DomainError(gettext("Choose a time zone such as Europe/Berlin."), field="time_zone")
    return zoneinfo.ZoneInfo(name)


def suggestions(*, match: Match, zone: zoneinfo.ZoneInfo, now: datetime, count: int = MAX_OPTIONS) -> list[datetime]:
    """The next start times in the weekly slots both people marked (hers alone, or his, if they share none),
    from tomorrow on, at most one a day, earliest first."""
    hers, his = set(match.mentee.availability), set(match.mentor.availability)
    slots = (hers & his) or hers or his
    if not slots:
        return []
    found: list[datetime] = []
    today = now.astimezone(zone).date()
    for offset in range(1, 29):
        day: date = today + timedelta(days=offset)
        parts = [p for p in SLOT_HOURS if f"{WEEKDAYS[day.weekday()]}:{p}" in slots]
        if parts:
            found.append(datetime.combine(day, time(SLOT_HOURS[parts[0]]), tzinfo=zone))
        if len(found) == count:
            break
    return found


def _check_place(kind: str, text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise DomainError(gettext("Say where you will meet: a link for online, or a public place."), field="place")
    if len(text) > PLACE_MAX:
        raise DomainError(
            ngettext(
                "Please keep it under %(limit)d character.", "Please keep it under %(limit)d characters.", PLACE_MAX
            )
            % {"limit": PLACE_MAX},
            field="place",
        )
    if kind == MeetingPlace.ONLINE:
        parts = urlsplit(text)
        if parts.scheme not in ("https", "http") or not parts.netloc or re.search(r"\s", text):
            raise DomainError(
                gettext("For an online meeting, paste the meeting link (it starts with https://)."), field="place"
            )
    return text


def _check_options(options: list[datetime], now: datetime) -> list[datetime]:
    if not 1 <= len(options) <= MAX_OPTIONS:
        raise DomainError(gettext("Propose one, two or three times."), field="options")
    if len(set(options)) != len(options):
        raise DomainError(gettext("Propose different times."), field="options")
    for option in options:
        if option < now + EARLIEST:
            raise DomainError(gettext("Propose times at least two hours from now."), field="options")
        if option > now + LATEST:
            raise DomainError(gettext("Propose times within the next three months."), field="options")
    return sorted(options)


def _meeting(place: Place, *, lock: bool = False) -> FirstMeeting | None:
    meetings = FirstMeeting.objects.filter(match_id=place.target.pk)
    return (meetings.select_for_update() if lock else meetings).first()


def _writable(place: Place) -> Match:
    if not isinstance(place.target, Match):
        raise NotAllowed(gettext("First meetings are for matches."))
    if not place.can_write:
        raise Conflict(place.closed_reason)
    return place.target


def _other(place: Place) -> Any:
    match = place.target
    assert isinstance(match, Match)
    other = match.mentor if match.mentee.membership.user_id == place.user.pk else match.mentee
    return other.membership.user


def meeting_propose(
    *,
    place: Place,
    options: list[datetime],
    time_zone: str,
    place_kind: str,
    where: str,
    duration_minutes: int,
    now: datetime,
) -> FirstMeeting:
    """She proposes up to three times and where. A booked meeting stays booked until the other side picks one of
    the new times (then both get the changed invitation)."""
    match = _writable(place)
    time_zone_of(time_zone)
    if duration_minutes not in DURATIONS:
        raise DomainError(gettext("Choose how long the meeting lasts."), field="duration_minutes")
    where = _check_place(place_kind, where)
    chosen = _check_options(options, now)
    with transaction.atomic():
        meeting = _meeting(place, lock=True) or FirstMeeting(match=match)
        meeting.proposed_by = place.user
        meeting.options = [option.isoformat() for option in chosen]
        meeting.time_zone = time_zone
        meeting.zones = {**meeting.zones, str(place.user.pk): time_zone}
        meeting.place_kind = place_kind
        meeting.place = where
        meeting.duration_minutes = duration_minutes
        if meeting.state != MeetingState.BOOKED:
            meeting.state = MeetingState.PROPOSED
        meeting.save()
        notify(
            user=_other(place),
            kind="meeting_proposed",
            programme=match.programme,
            match_id=match.pk,
            dedupe_key=f"meeting_proposed:{meeting.pk}:{meeting.updated_at.isoformat()}",
            audience="",
            now=now,
        )
    return meeting


def meeting_pick(*, place: Place, option: int, now: datetime, time_zone: str | None = None) -> FirstMeeting:
    """The other side picks one of the proposed times: the meeting is booked and both get the invitation (each
    with the time in her own zone: the picker's ``time_zone``, when given)."""
    _writable(place)
    if time_zone is not None:
        time_zone_of(time_zone)
    with transaction.atomic():
        meeting = _meeting(place, lock=True)
        if meeting is None or not meeting.options:
            raise Conflict(gettext("No time has been proposed yet."))
        if meeting.proposed_by_id == place.user.pk:
            raise Conflict(gettext("The other person chooses one of the times you proposed."))
        if not 0 <= option < len(meeting.options):
            raise DomainError(gettext("Choose one of the proposed times."), field="option")
        starts_at = datetime.fromisoformat(meeting.options[option])
        if starts_at < now:
            raise Conflict(gettext("This time has passed. Propose new times."))
        changed = meeting.starts_at is not None
        meeting.starts_at = starts_at
        if time_zone is not None:
            meeting.zones = {**meeting.zones, str(place.user.pk): time_zone}
        meeting.state = MeetingState.BOOKED
        meeting.options = []
        meeting.sequence += 1 if changed else 0
        meeting.first_booked_at = meeting.first_booked_at or now
        meeting.save()
        _invite_both(meeting, "REQUEST")
    return meeting


def meeting_cancel(*, place: Place, now: datetime) -> FirstMeeting:
    """Either side calls the meeting off; if it was booked, both get the cancellation for their calendars."""
    if not isinstance(place.target, Match):
        raise NotAllowed(gettext("First meetings are for matches."))
    with transaction.atomic():
        meeting = _meeting(place, lock=True)
        if meeting is None or meeting.state == MeetingState.CANCELLED:
            raise Conflict(gettext("There is no meeting to cancel."))
        was_booked = meeting.state == MeetingState.BOOKED
        meeting.state = MeetingState.CANCELLED
        meeting.options = []
        if was_booked:
            meeting.sequence += 1
        meeting.save()
        if was_booked:
            _invite_both(meeting, "CANCEL")
    return meeting


def _invite_both(meeting: FirstMeeting, method: str) -> None:
    match = meeting.match
    for profile in (match.mentee, match.mentor):
        transaction.on_commit(
            partial(
                send_meeting_invitation.delay,
                str(meeting.pk),
                str(profile.membership.user_id),
                method,
                meeting.sequence,
            )
        )


def meeting_view(*, place: Place, zone: zoneinfo.ZoneInfo, now: datetime) -> dict[str, Any]:
    """The meeting as one of the two sees it, with suggested times for a (new) proposal."""
    meeting = _meeting(place)
    match = place.target
    assert isinstance(match, Match)
    return {
        "state": meeting.state if meeting else None,
        "proposed_by_me": bool(meeting and meeting.proposed_by_id == place.user.pk),
        "options": [datetime.fromisoformat(o) for o in meeting.options] if meeting else [],
        "starts_at": meeting.starts_at if meeting and meeting.state == MeetingState.BOOKED else None,
        "duration_minutes": meeting.duration_minutes if meeting else 60,
        "time_zone": meeting.zone_of(place.user.pk) if meeting else "",
        "place_kind": meeting.place_kind if meeting else None,
        "place": (meeting.place or "") if meeting else "",
        "suggestions": suggestions(match=match, zone=zone, now=now),
        "can_change": place.can_write,
    }
