"""A first meeting's calendar invitation (iCalendar, RFC 5545 with iTIP's REQUEST and CANCEL) and the email that
carries it, in the recipient's language.

Each person's invitation names only her as the attendee (the other person's address is theirs to share), and
neither the email nor the invitation says what the programme is about or who the other person is: someone else
may read her inbox or her calendar.
"""

import zoneinfo
from datetime import timedelta
from email.message import MIMEPart
from email.utils import parseaddr

from babel.dates import format_datetime
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.models import User
from common.languages import interface_language
from messaging.models import FirstMeeting, MeetingPlace
from notifications.messages import email_footer


def _domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "bridges.invalid"


def invitation(*, meeting: FirstMeeting, recipient: User, method: str, sequence: int) -> bytes:
    """The .ics for one person: the meeting at its time in her own time zone (calendars convert it anyway)."""
    zone = zoneinfo.ZoneInfo(meeting.zone_of(recipient.pk))
    assert meeting.starts_at is not None
    starts = meeting.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Bridges//First meeting//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_domain()}")
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", gettext("First meeting (Bridges)"))
    where = meeting.place or ""
    if meeting.place_kind == MeetingPlace.ONLINE:
        event.add("url", where)
        event.add("location", vText(where))
    else:
        event.add("location", vText(where))
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or 'bridges@bridges.invalid'}")
    organizer.params["cn"] = vText("Bridges")
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{recipient.email}")
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation_send(*, meeting: FirstMeeting, recipient: User, method: str, sequence: int) -> bool:
    """Email her the invitation (or its cancellation) in her language; False when she has no address."""
    if not recipient.email or not recipient.is_active or meeting.starts_at is None:
        return False
    language = interface_language(recipient.preferred_language)
    zone = zoneinfo.ZoneInfo(meeting.zone_of(recipient.pk))
    with translation.override(language):
        when = format_datetime(meeting.starts_at.astimezone(zone), format="full", tzinfo=zone, locale=language)
        if method == "CANCEL":
            subject = gettext("Your meeting is cancelled")
            body = gettext("Hello!\n\nThe meeting on %(when)s is cancelled.") % {"when": when}
        elif sequence:
            subject = gettext("Your meeting has a new time")
            body = gettext(
                "Hello!\n\nYour meeting is now on %(when)s.\nThe new invitation is attached: open it to update your "
                "calendar."
            ) % {"when": when}
        else:
            subject = gettext("Your meeting is booked")
            body = gettext(
                "Hello!\n\nYour meeting is on %(when)s.\nThe invitation is attached: open it to add the meeting to "
                "your calendar."
            ) % {"when": when}
        ics = invitation(meeting=meeting, recipient=recipient, method=method, sequence=sequence)
    email = EmailMessage(subject, f"{body}\n\n{email_footer(language)}", settings.DEFAULT_FROM_EMAIL, [recipient.email])
    # As bytes in base64: a text attachment given to Django as such is decoded and its CRLF line ends (which
    # RFC 5545 requires) become LF.
    part = MIMEPart()
    part.set_content(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        disposition="attachment",
        filename="meeting.ics",
        params={"method": method, "charset": "utf-8"},
    )
    email.attach(part)
    email.send(fail_silently=False)
    return True
