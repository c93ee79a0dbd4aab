"""Sessions end after 30 minutes idle and 12 hours in all; a deactivated account's next request gets 401."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from rest_framework.test import APIClient

from accounts.models import User
from tests.backend.conftest import World
from tests.backend.hardening.conftest import password_login

pytestmark = pytest.mark.django_db
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def logged_in(user: User) -> APIClient:
    client = APIClient()
    assert password_login(client, user).status_code == 200
    return client


def test_an_idle_session_ends_after_thirty_minutes(world: World) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)
        clock.shift(timedelta(minutes=29))
        assert client.get("/api/v1/me/").status_code == 200  # renews the idle clock
        clock.shift(timedelta(minutes=29))
        assert client.get("/api/v1/me/").status_code == 200
        clock.shift(timedelta(minutes=31))
        expired = client.get("/api/v1/me/")
        assert expired.status_code == 401
        assert expired.json()["errors"][0]["code"] == "session_expired"
        # The session is gone: the next request is simply anonymous.
        assert client.get("/api/v1/me/").status_code == 403


def test_a_busy_session_ends_after_twelve_hours(world: World) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)
        for _ in range(12 * 4 - 1):
            clock.shift(timedelta(minutes=15))
            assert client.get("/api/v1/me/").status_code == 200
        clock.shift(timedelta(minutes=15) + timedelta(seconds=1))
        assert client.get("/api/v1/me/").status_code == 401


def test_a_deactivated_persons_next_request_gets_401(world: World) -> None:
    user = world.mentee_a.membership.user
    client = logged_in(user)
    assert client.get("/api/v1/matches/").status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    refused = client.get("/api/v1/matches/")
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["code"] == "account_inactive"
    assert "WWW-Authenticate" in refused.headers
    again = APIClient()
    assert password_login(again, user).status_code != 200  # and she cannot log in again
    assert again.get("/api/v1/me/").status_code == 403
