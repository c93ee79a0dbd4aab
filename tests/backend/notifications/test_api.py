"""The caller's notices over the API: own only, newest first, in the request's language."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from notifications.models import Notification
from notifications.services import notify
from tests.backend.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=datetime.UTC)
Client = Callable[[User | None], APIClient]


def _notice(user: User, minutes: int = 0, **kwargs: Any) -> Notification:
    kwargs.setdefault("kind", "offer_shown_to_mentee")
    kwargs.setdefault("params", {"mentor": "Birgit"})
    notification = notify(user=user, now=NOW + datetime.timedelta(minutes=minutes), **kwargs)
    assert notification is not None
    return notification


def test_the_list_shows_only_my_notices_newest_first_in_my_request_language(client_for: Client) -> None:
    me, someone = UserFactory(), UserFactory()
    programme = ProgrammeFactory(name="Jobs Berlin")
    older = _notice(me, 0)
    newer = _notice(me, 5, kind="match_completed_feedback", params={}, programme=programme)
    _notice(someone, 10)
    response = client_for(me).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [item["id"] for item in data["results"]] == [str(newer.pk), str(older.pk)]
    first = data["results"][0]
    assert first["kind"] == "match_completed_feedback"
    assert first["subject"] == "Менторство завершено — як усе пройшло?"
    assert "Jobs Berlin" in first["body"]
    assert first["programme"] == str(programme.pk) and first["read"] is False and first["match_id"] is None
    assert data["results"][1]["params"] == {"mentor": "Birgit"}
    english = client_for(me).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["results"][1]["subject"] == "We found a mentor for you"


def test_the_list_costs_a_fixed_number_of_queries(client_for: Client, django_assert_max_num_queries: Any) -> None:
    me = UserFactory()
    programme = ProgrammeFactory()
    for minute in range(15):
        _notice(me, minute, programme=programme)
    with django_assert_max_num_queries(3):
        response = client_for(me).get("/api/v1/notifications/")
    assert len(response.json()["results"]) == 15


def test_unread_count_read_one_and_read_all(client_for: Client) -> None:
    me = UserFactory()
    notices = [_notice(me, minute) for minute in range(3)]
    client = client_for(me)
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 3}
    response = client.post(f"/api/v1/notifications/{notices[0].pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 2}
    response = client.post("/api/v1/notifications/read-all/")
    assert response.status_code == 200 and response.json() == {"unread": 0}
    assert all(item["read"] for item in client.get("/api/v1/notifications/").json()["results"])


def test_someone_elses_notice_is_not_found_and_stays_unread(client_for: Client) -> None:
    me, someone = UserFactory(), UserFactory()
    theirs = _notice(someone)
    response = client_for(me).post(f"/api/v1/notifications/{theirs.pk}/read/")
    assert response.status_code == 404
    client_for(me).post("/api/v1/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client_for(someone).get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
