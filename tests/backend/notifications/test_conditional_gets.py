"""Her notices and their unread count answer conditional GETs: a 304 while nothing changed, a new tag when a
notice arrives or is read, and never one person's tag for another's answer."""

import datetime
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from notifications.services import notify
from tests.backend.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 4, 20, 9, 0, tzinfo=datetime.UTC)
Client = Callable[[User | None], APIClient]
LIST = "/api/v1/notifications/"
COUNT = "/api/v1/notifications/unread-count/"


def _notice(user: User, minutes: int = 0) -> None:
    assert notify(user=user, now=NOW + datetime.timedelta(minutes=minutes), kind="offer_shown_to_mentee", params={})


def test_the_list_and_the_count_answer_304_until_a_notice_arrives_or_is_read(client_for: Client) -> None:
    me = UserFactory()
    _notice(me)
    client = client_for(me)
    tags = {path: client.get(path)["ETag"] for path in (LIST, COUNT)}
    for path, tag in tags.items():
        assert client.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 304
    _notice(me, 5)
    for path, tag in tags.items():
        assert client.get(path, HTTP_IF_NONE_MATCH=tag).status_code == 200
    tags = {path: client.get(path)["ETag"] for path in (LIST, COUNT)}
    assert client.post(f"{LIST}read-all/").status_code == 200
    listed = client.get(LIST, HTTP_IF_NONE_MATCH=tags[LIST])
    assert listed.status_code == 200 and all(item["read"] for item in listed.json()["results"])
    counted = client.get(COUNT, HTTP_IF_NONE_MATCH=tags[COUNT])
    assert counted.status_code == 200 and counted.json() == {"unread": 0}
    # the list is translated: another language is another tag
    assert client.get(LIST, HTTP_IF_NONE_MATCH=listed["ETag"], HTTP_ACCEPT_LANGUAGE="ar").status_code == 200


def test_the_same_count_for_two_people_is_two_tags(client_for: Client) -> None:
    one, other = UserFactory(), UserFactory()
    _notice(one)
    _notice(other)
    first = client_for(one).get(COUNT)
    assert first.json() == client_for(other).get(COUNT).json()
    assert client_for(other).get(COUNT, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
