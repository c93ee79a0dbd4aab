"""A first meeting that gets booked: suggested times, a proposal, the other side's pick, and calendar invitations
that parse, change and cancel; coordinators learn only that it was booked."""

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from notifications.models import Notification
from safeguarding.models import Block
from tests.backend.messaging.conftest import Place

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _url(place: Place, tail: str = "") -> str:
    return f"/api/v1/conversations/matches/{place.active.pk}/meeting/{tail}"


def _propose(client: Any, where: Place, options: list[datetime], **fields: Any) -> Any:
    body = {
        "options": [o.isoformat() for o in options],
        "time_zone": "Europe/Berlin",
        "place_kind": "public",
        "place": "Stadtbibliothek Mitte, ground floor café",
        **fields,
    }
    return client.post(_url(where), body, format="json")


def _invitations(user: Any) -> list[tuple[Any, Any]]:
    found = []
    for email in mail.outbox:
        if user.email in email.to and email.attachments:
            [part] = email.attachments
            assert part.get_filename() == "meeting.ics" and part.get_content_type() == "text/calendar"
            assert part.get_param("method") in ("REQUEST", "CANCEL")
            content = part.get_payload(decode=True)
            # RFC 5545: every line ends with CRLF, as the calendar made it.
            assert content.count(b"\r\n") == content.count(b"\n") > 5
            found.append((email, Calendar.from_ical(content)))
    return found


def _event(calendar: Any) -> Any:
    [event] = calendar.walk("VEVENT")
    return event


def _next_monday_evening(days_ahead: int = 1) -> datetime:
    day = timezone.now().astimezone(BERLIN).date() + timedelta(days=days_ahead)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 18, tzinfo=BERLIN)


def test_suggestions_come_from_the_slots_both_marked(place: Place, as_user: Any) -> None:
    # the mentee is free on Monday evenings, the mentor on Monday evenings and Saturday mornings
    view = as_user(place.active.mentee).get(_url(place), {"time_zone": "Europe/Berlin"}).json()
    assert view["state"] is None and view["can_change"] is True
    starts = [datetime.fromisoformat(s).astimezone(BERLIN) for s in view["suggestions"]]
    assert len(starts) == 3 and all(s.weekday() == 0 and s.hour == 18 for s in starts)
    assert starts == sorted(starts) and starts[0] > timezone.now()
    tokyo = as_user(place.active.mentee).get(_url(place), {"time_zone": "Asia/Tokyo"}).json()["suggestions"]
    assert datetime.fromisoformat(tokyo[0]).astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).hour == 18
    assert as_user(place.active.mentee).get(_url(place), {"time_zone": "Mars/Olympus"}).status_code == 400


def test_propose_pick_change_and_cancel_with_invitations_in_each_language(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    mentee_user, mentor_user = place.active.mentee.membership.user, place.active.mentor.membership.user
    mentor_user.preferred_language = "de"
    mentor_user.save()
    first, second = _next_monday_evening(), _next_monday_evening(8)
    with django_capture_on_commit_callbacks(execute=True):
        proposed = _propose(mentee, place, [first, second])
    assert proposed.status_code == 200, proposed.content
    assert proposed.json()["state"] == "proposed" and proposed.json()["proposed_by_me"] is True
    notice = Notification.objects.get(user=mentor_user, kind="meeting_proposed")
    assert notice.params == {}  # no time, no place
    assert not _invitations(mentee_user)
    assert mentee.post(_url(place, "pick/"), {"option": 0}, format="json").status_code == 409  # not hers to pick
    with django_capture_on_commit_callbacks(execute=True):
        picked = mentor.post(_url(place, "pick/"), {"option": 1}, format="json")
    assert picked.status_code == 200 and picked.json()["state"] == "booked"
    assert datetime.fromisoformat(picked.json()["starts_at"]) == second
    for user, subject in ((mentee_user, "Your meeting is booked"), (mentor_user, "Ihr Treffen ist vereinbart")):
        [(email, calendar)] = _invitations(user)
        assert email.subject == subject
        event = _event(calendar)
        assert calendar["method"] == "REQUEST" and event["sequence"] == 0
        assert event.decoded("dtstart") == second and event["dtstart"].params["TZID"] == "Europe/Berlin"
        assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1)
        assert str(event["location"]) == "Stadtbibliothek Mitte, ground floor café"
        assert str(event["attendee"]) == f"mailto:{user.email}"
        text = email.body + calendar.to_ical().decode()
        other = mentor_user if user == mentee_user else mentee_user
        for secret in (other.email, other.full_name, place.mentoring.programme.name):
            assert secret not in text
    # a new proposal keeps the booking until it is picked; then both get the changed invitation
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _propose(mentor, place, [first], place_kind="online", place="https://meet.example.org/abc-defg")
        assert mentee.get(_url(place)).json()["state"] == "booked"
        mentee.post(_url(place, "pick/"), {"option": 0}, format="json")
    [(email, calendar)] = _invitations(mentee_user)
    assert email.subject == "Your meeting has a new time"
    assert _event(calendar)["sequence"] == 1 and _event(calendar).decoded("dtstart") == first
    assert str(_event(calendar)["url"]) == "https://meet.example.org/abc-defg"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert mentor.post(_url(place, "cancel/"), {}, format="json").json()["state"] == "cancelled"
    for user in (mentee_user, mentor_user):
        [(email, calendar)] = _invitations(user)
        assert calendar["method"] == "CANCEL" and _event(calendar)["status"] == "CANCELLED"
        assert _event(calendar)["sequence"] == 2
    assert mentor.post(_url(place, "cancel/"), {}, format="json").status_code == 409


def test_each_invitation_gives_the_time_in_her_own_zone(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # She proposes from Berlin; the mentor lives in Kyiv and picks from there: 18:00 in Berlin is 19:00 in Kyiv.
    mentee_user, mentor_user = place.active.mentee.membership.user, place.active.mentor.membership.user
    starts = _next_monday_evening()
    with django_capture_on_commit_callbacks(execute=True):
        _propose(as_user(place.active.mentee), place, [starts])
        picked = as_user(place.active.mentor).post(
            _url(place, "pick/"), {"option": 0, "time_zone": "Europe/Kyiv"}, format="json"
        )
    assert picked.status_code == 200 and picked.json()["time_zone"] == "Europe/Kyiv"
    kyiv = starts.astimezone(zoneinfo.ZoneInfo("Europe/Kyiv"))
    for user, zone, hour in (
        (mentee_user, "Europe/Berlin", "6:00:00\u202fPM"),
        (mentor_user, "Europe/Kyiv", "7:00:00\u202fPM"),
    ):
        [(email, calendar)] = _invitations(user)
        assert _event(calendar)["dtstart"].params["TZID"] == zone
        assert _event(calendar).decoded("dtstart") == starts
        assert hour in email.body, email.body
    assert kyiv.hour == 19
    assert as_user(place.active.mentor).post(
        _url(place, "pick/"), {"option": 0, "time_zone": "Kyiv"}, format="json"
    ).status_code in (400, 409)


@pytest.mark.parametrize(
    ("fields", "attr"),
    [
        ({"options": ["past"]}, "options"),
        ({"options": ["far"]}, "options"),
        ({"options": ["same", "same"]}, "options"),
        ({"options": ["a", "b", "c", "d"]}, "options"),
        ({"place_kind": "online", "place": "my flat"}, "place"),
        ({"place": "   "}, "place"),
        ({"place": "x" * 301}, "place"),
        ({"time_zone": "Berlin"}, "time_zone"),
        ({"duration_minutes": 7}, "duration_minutes"),
    ],
)
def test_a_bad_proposal_is_refused_naming_the_field(place: Place, as_user: Any, fields: dict, attr: str) -> None:
    soon, monday = timezone.now() + timedelta(hours=3), _next_monday_evening()
    times = {"past": timezone.now() - timedelta(hours=1), "far": timezone.now() + timedelta(days=120)}
    times |= {"same": monday, "a": soon, "b": soon + timedelta(days=1), "c": monday, "d": monday + timedelta(days=7)}
    options = [times[o] for o in fields.pop("options", ["a"])]
    refused = _propose(as_user(place.active.mentee), place, options, **fields)
    assert refused.status_code == 400, refused.content
    assert refused.json()["errors"][0]["attr"].startswith(attr)


def test_coordinators_see_only_that_a_meeting_was_booked(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = as_user(place.mentoring.coordinator)
    for tail in ("", "pick/", "cancel/"):
        assert coordinator.get(_url(place, tail)).status_code in (404, 405)
        assert coordinator.post(_url(place, tail), {}, format="json").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        _propose(as_user(place.active.mentee), place, [_next_monday_evening()])
        as_user(place.active.mentor).post(_url(place, "pick/"), {"option": 0}, format="json")
    health = coordinator.get(f"/api/v1/programmes/{place.mentoring.programme.pk}/health/").json()
    assert health["first_meetings"]["booked"] == 1
    assert health["first_meetings"]["median_days_from_accept"] is not None
    assert "Stadtbibliothek" not in str(health)
    assert not [m for m in mail.outbox if place.mentoring.coordinator.email in m.to]


def test_no_meeting_once_one_blocked_the_other(place: Place, as_user: Any) -> None:
    Block.objects.create(blocker=place.active.mentee.membership.user, blocked=place.active.mentor.membership.user)
    refused = _propose(as_user(place.active.mentor), place, [_next_monday_evening()])
    assert refused.status_code == 409 and "blocked" in refused.json()["errors"][0]["detail"]
    assert as_user(place.active.mentee).get(_url(place)).json()["can_change"] is False


def test_her_export_has_her_first_meeting(place: Place, as_user: Any) -> None:
    _propose(as_user(place.active.mentee), place, [_next_monday_evening()])
    [meeting] = as_user(place.active.mentor).get("/api/v1/me/data/").json()["first_meetings"]
    assert meeting["state"] == "proposed" and meeting["proposed_by_me"] is False
    assert meeting["place"] == "Stadtbibliothek Mitte, ground floor café"
    assert as_user(place.mentoring.mentees[2]).get("/api/v1/me/data/").json()["first_meetings"] == []
