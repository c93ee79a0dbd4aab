"""Telling people that messages wait, without saying what: in the app and by email, as often as she chose."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from messaging.services import unread_emails_send_due
from notifications.models import Notification
from tests.backend.messaging.conftest import Place
from tests.backend.security.canaries import sensitive_text

pytestmark = pytest.mark.django_db

CANARY = sensitive_text("I left my husband and I am staying at the shelter on Lindenstraße")


def _url(place: Place) -> str:
    return f"/api/v1/conversations/matches/{place.active.pk}/messages/"


def _emails_to(user: Any) -> list[Any]:
    return [m for m in mail.outbox if user.email in m.to]


def test_an_unread_message_is_told_without_its_words_name_or_programme(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentor_user = place.active.mentor.membership.user
    with django_capture_on_commit_callbacks(execute=True):
        assert as_user(place.active.mentee).post(_url(place), {"text": CANARY}, format="json").status_code == 201
        assert unread_emails_send_due(now=timezone.now()) == 0  # not yet: she may be reading already
        assert unread_emails_send_due(now=timezone.now() + timedelta(hours=2)) == 1
    [email] = _emails_to(mentor_user)
    words = f"{email.subject}\n{email.body}"
    assert "1 unread message" in words
    sender = place.active.mentee.membership.user
    for secret in ("Lindenstraße", "shelter", sender.display_name, sender.full_name, place.mentoring.programme.name):
        assert secret and secret not in words
    notice = Notification.objects.get(user=mentor_user, kind="unread_messages")
    assert notice.params == {"count": 1}
    # the mentee wrote it: she is told nothing
    assert not _emails_to(sender)


def test_each_message_is_told_once_and_at_most_daily(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentee, start = as_user(place.active.mentee), timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        mentee.post(_url(place), {"text": "One"}, format="json")
        assert unread_emails_send_due(now=start + timedelta(hours=2)) == 1
        assert unread_emails_send_due(now=start + timedelta(hours=3)) == 0  # told already
        mentee.post(_url(place), {"text": "Two"}, format="json")
        mentee.post(_url(place), {"text": "Three"}, format="json")
        assert unread_emails_send_due(now=start + timedelta(hours=5)) == 0  # a day has not passed
        assert unread_emails_send_due(now=start + timedelta(hours=27)) == 1
    counts = [n.params["count"] for n in Notification.objects.filter(kind="unread_messages").order_by("created_at")]
    assert counts == [1, 2]


def test_read_messages_and_people_who_said_never_get_nothing(
    place: Place, as_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    assert mentor.patch("/api/v1/conversations/settings/", {"email_after": "off"}, format="json").json() == {
        "email_after": "off",
        "show_seen": False,
    }
    with django_capture_on_commit_callbacks(execute=True):
        mentor.post(_url(place), {"text": "Hi"}, format="json")
        mentee.post(_url(place), {"text": "Hello"}, format="json")
        mentor.post(_url(place), {"text": "How are you?"}, format="json")  # sending marks read what came before
        mentee.post(f"/api/v1/conversations/matches/{place.active.pk}/read/", {}, format="json")
        assert unread_emails_send_due(now=timezone.now() + timedelta(days=2)) == 0
    assert not mail.outbox and not Notification.objects.filter(kind="unread_messages").exists()


def test_hourly_if_she_wants(place: Place, as_user: Any) -> None:
    mentor = as_user(place.active.mentor)
    assert mentor.patch("/api/v1/conversations/settings/", {"email_after": "hour"}, format="json").status_code == 200
    mentee, start = as_user(place.active.mentee), timezone.now()
    mentee.post(_url(place), {"text": "One"}, format="json")
    assert unread_emails_send_due(now=start + timedelta(hours=1, minutes=1)) == 1
    mentee.post(_url(place), {"text": "Two"}, format="json")
    assert unread_emails_send_due(now=start + timedelta(hours=2, minutes=2)) == 1


def test_a_bad_choice_is_refused_in_plain_words(place: Place, as_user: Any) -> None:
    refused = as_user(place.active.mentor).patch(
        "/api/v1/conversations/settings/", {"email_after": "now"}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "email_after"
    for not_a_yes_or_no in ("true", 1, "yes"):
        refused = as_user(place.active.mentor).patch(
            "/api/v1/conversations/settings/", {"show_seen": not_a_yes_or_no}, format="json"
        )
        assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "show_seen"


def test_seen_only_when_both_show_it(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    mentee.post(_url(place), {"text": "Did you see this?"}, format="json")
    mentor.post(f"/api/v1/conversations/matches/{place.active.pk}/read/", {}, format="json")
    assert mentee.get(_url(place)).json()["seen_up_to"] is None  # off by default
    mentee.patch("/api/v1/conversations/settings/", {"show_seen": True}, format="json")
    assert mentee.get(_url(place)).json()["seen_up_to"] is None  # he has not turned it on
    mentor.patch("/api/v1/conversations/settings/", {"show_seen": True}, format="json")
    page = mentee.get(_url(place)).json()
    assert page["seen_up_to"] is not None and page["seen_up_to"] >= page["results"][0]["sent_at"]
    assert (
        as_user(place.members[0]).get(f"/api/v1/conversations/groups/{place.group.pk}/messages/").json()["seen_up_to"]
        is None
    )
