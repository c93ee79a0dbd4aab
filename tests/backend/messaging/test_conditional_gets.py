"""The conversation list, the unread count and a conversation's messages answer conditional GETs through the shared
helper (common.etags): a 304 while nothing changed, and never one person's tag for another's answer, even when the
two bodies are the same (the two sides of a conversation read the same messages page)."""

from typing import Any

import pytest

from tests.backend.messaging.conftest import Place

pytestmark = pytest.mark.django_db

COUNT = "/api/v1/conversations/unread-count/"


def test_two_people_with_the_same_answer_get_different_tags(place: Place, as_user: Any) -> None:
    mentee, mentor = as_user(place.active.mentee), as_user(place.active.mentor)
    assert mentee.get(COUNT).json() == mentor.get(COUNT).json()
    tag = mentee.get(COUNT)["ETag"]
    assert mentee.get(COUNT, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert mentor.get(COUNT, HTTP_IF_NONE_MATCH=tag).status_code == 200
    page = f"/api/v1/conversations/matches/{place.active.pk}/messages/"
    seen = mentee.get(page)
    assert seen.status_code == 200 and "Cookie" in seen["Vary"]
    assert mentor.get(page, HTTP_IF_NONE_MATCH=seen["ETag"]).status_code == 200
    assert mentee.get(page, HTTP_IF_NONE_MATCH=seen["ETag"]).status_code == 304
