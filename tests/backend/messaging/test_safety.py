"""Reporting messages, and conversations deleted once their programme's retention has passed."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentoring.models import MatchState
from messaging.models import Conversation, Message
from messaging.services import conversations_delete_due
from peers.models import Round
from safeguarding.models import Report
from tests.backend.messaging.conftest import Place, publish_group

pytestmark = pytest.mark.django_db


def _url(place: Place) -> str:
    return f"/api/v1/conversations/matches/{place.active.pk}/messages/"


def _send(client: Any, url: str, text: str) -> str:
    response = client.post(url, {"text": text}, format="json")
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def test_she_reports_with_the_messages_she_chose_and_only_coordinators_read_them(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    hello = _send(mentee, _url(place), "Hello, nice to meet you")
    _send(mentor, _url(place), "Tell me where you live")
    pushy = _send(mentor, _url(place), "Send me your address now")
    reported = mentee.post(
        "/api/v1/safety/reports/",
        {"match": str(place.active.pk), "category": "harassment", "text": "He insists", "messages": [pushy, hello]},
        format="json",
    )
    assert reported.status_code == 201, reported.content
    [report] = (
        as_user(place.mentoring.coordinator)
        .get(f"/api/v1/programmes/{place.mentoring.programme.pk}/safety-reports/")
        .json()["results"]
    )
    assert [(line["sender"], line["text"]) for line in report["excerpt"]] == [
        ("reporter", "Hello, nice to meet you"),
        ("reported", "Send me your address now"),
    ]
    # the match is paused by the report: no more messages, the history stays hers to read
    assert mentor.post(_url(place), {"text": "Why?"}, format="json").status_code == 409
    assert len(mentee.get(_url(place)).json()["results"]) == 3
    # the coordinator still cannot open the conversation itself
    assert as_user(place.mentoring.coordinator).get(_url(place)).status_code == 404


def test_a_message_from_elsewhere_cannot_be_attached(place: Place, as_user: Any) -> None:
    elsewhere = _send(as_user(place.members[0]), f"/api/v1/conversations/groups/{place.group.pk}/messages/", "Hi")
    refused = as_user(place.active.mentee).post(
        "/api/v1/safety/reports/",
        {"match": str(place.active.pk), "category": "other", "messages": [elsewhere]},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["attr"] == "messages"
    assert not Report.objects.exists()
    assert place.active.__class__.objects.get(pk=place.active.pk).state == MatchState.ACTIVE


def test_a_group_member_reports_another_with_an_excerpt(place: Place, as_user: Any) -> None:
    url = f"/api/v1/conversations/groups/{place.group.pk}/messages/"
    rude = _send(as_user(place.members[1]), url, "Nobody wants your opinion")
    _send(as_user(place.members[2]), url, "Let us be kind")
    _send(as_user(place.members[0]), url, "Please stop")
    reader = as_user(place.members[0])
    # Each message names its sender's member id, as the report names its person (first names can repeat).
    page = reader.get(url).json()["results"]
    assert [(m["text"], m["sender_profile"]) for m in page] == [
        ("Please stop", None),
        ("Let us be kind", str(place.members[2].pk)),
        ("Nobody wants your opinion", str(place.members[1].pk)),
    ]
    reported = reader.post(
        "/api/v1/safety/reports/",
        {
            "group": str(place.group.pk),
            "person": page[2]["sender_profile"],
            "category": "discrimination",
            "messages": [rude],
        },
        format="json",
    )
    assert reported.status_code == 201, reported.content
    assert Report.objects.get().excerpt == [
        {
            "from": "reported",
            "text": "Nobody wants your opinion",
            "sent_at": Message.objects.get(pk=rude).sent_at.isoformat(),
        }
    ]


def test_conversations_go_after_the_programmes_retention(place: Place, as_user: Any) -> None:
    _send(as_user(place.active.mentee), _url(place), "Our match")
    _send(as_user(place.members[0]), f"/api/v1/conversations/groups/{place.group.pk}/messages/", "Our group")
    now = timezone.now()
    closed = now - timedelta(days=200)
    place.active.__class__.objects.filter(pk=place.active.pk).update(state=MatchState.CLOSED, closed_at=closed)
    assert conversations_delete_due(now=now - timedelta(days=30)) == 0  # five months after: kept
    # the group closes when the network's next round is published
    Round.objects.filter(pk=place.group.round_id).update(published_at=now - timedelta(days=300))
    later = Round.objects.create(
        programme=place.network.programme, name="Autumn", status="published", published_at=now - timedelta(days=40)
    )
    assert later.pk
    assert conversations_delete_due(now=now) == 1  # the match's, six months after it closed
    assert list(Conversation.objects.values_list("kind", flat=True)) == ["group"]
    place.network.programme.message_retention_months = 1
    place.network.programme.save()
    call_command("run_scheduled", verbosity=0)
    assert conversations_delete_due(now=now + timedelta(days=40)) == 0  # the scheduled run took it already
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_a_group_of_the_current_round_is_kept(place: Place, as_user: Any) -> None:
    _send(as_user(place.members[0]), f"/api/v1/conversations/groups/{place.group.pk}/messages/", "Current")
    older = publish_group(place.network, place.members[:2], name="Earlier")
    Round.objects.filter(pk=older.round_id).update(published_at=timezone.now() - timedelta(days=400))
    assert conversations_delete_due(now=timezone.now() + timedelta(days=3000)) == 0
    assert Conversation.objects.count() == 1
