"""/me answers conditional GETs: the same body for the same person is a 304; any change is a new tag; a session
carries it like any client (the tag depends on who asks, and the answer varies on the cookie)."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.backend.conftest import World
from tests.backend.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ME = "/api/v1/me/"


def test_me_answers_304_until_something_in_it_changes(client_for: Any, world: World) -> None:
    client = client_for(world.mentee_a.membership.user)
    first = client.get(ME)
    tag = first["ETag"]
    assert client.get(ME, HTTP_IF_NONE_MATCH=tag).status_code == 304
    assert client.get(ME, HTTP_IF_NONE_MATCH=f'"other", {tag}').status_code == 304  # a list of tags
    assert client.get(ME, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    changed = client.patch(ME, {"display_name": "Olena"}, format="json")
    assert changed.status_code == 200 and not changed.has_header("ETag")  # only reads are tagged
    after = client.get(ME, HTTP_IF_NONE_MATCH=tag)
    assert after.status_code == 200 and after.json()["display_name"] == "Olena" and after["ETag"] != tag
    # the answer in another language is another body
    assert client.get(ME, HTTP_IF_NONE_MATCH=after["ETag"], HTTP_ACCEPT_LANGUAGE="de").status_code == 200


def test_a_session_never_gets_a_304_for_another_persons_me(world: World) -> None:
    first, second = APIClient(), APIClient()
    for client, user in ((first, world.mentee_a.membership.user), (second, UserFactory())):
        credentials = {"email": user.email, "password": PASSWORD}
        login = client.post("/_allauth/browser/v1/auth/login", credentials, format="json")
        assert login.status_code == 200
    answer = first.get(ME)
    assert "Cookie" in answer["Vary"] and "no-store" in answer["Cache-Control"]
    assert second.get(ME, HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 200
    assert world.mentee_a.membership.user.email not in answer["ETag"]
