"""Sessions end after 30 minutes idle and 12 hours in all; a deactivated account's next request gets 401. Reading
pages writes the session's seen-time at most once a minute, not on every request; with Redis (common.sessions) that
minute's write goes to the cache, and to the database at least every ten minutes."""

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def session_writes(client: APIClient, path: str) -> int:
    """How many statements a GET of ``path`` writes to the session table (the answer must be 200)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if "django_session" in query["sql"] and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_reading_within_a_minute_does_not_write_the_session_and_after_a_minute_does(
    world: World, settings: Any
) -> None:
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # the embedded default: no Redis
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)
        clock.shift(timedelta(seconds=30))
        assert session_writes(client, "/api/v1/me/") == 0
        assert session_writes(client, "/api/v1/matches/") == 0
        clock.shift(timedelta(seconds=31))  # a minute and a second since the login wrote the seen-time
        assert session_writes(client, "/api/v1/me/") == 1
        clock.shift(timedelta(seconds=59))
        assert session_writes(client, "/api/v1/me/") == 0
        # The seen-time written a minute in is what the idle limit counts from: 30 minutes after it, she is out.
        clock.shift(timedelta(minutes=30) - timedelta(seconds=59) + timedelta(seconds=1))
        expired = client.get("/api/v1/me/")
        assert expired.status_code == 401
        assert expired.json()["errors"][0]["code"] == "session_expired"


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


def test_with_redis_the_minutes_seen_time_goes_to_the_cache_and_every_ten_minutes_to_the_database(
    world: World, settings: Any
) -> None:
    settings.SESSION_ENGINE = "common.sessions"
    minute = timedelta(seconds=61)
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)  # the login is written through
        writes = []
        for _ in range(10):
            clock.shift(minute)
            writes.append(session_writes(client, "/api/v1/me/"))
        # each minute renews the seen-time in the cache; the tenth, 10 minutes 10 s after the login, also the database
        assert writes == [0] * 9 + [1]
        clock.shift(minute)
        assert session_writes(client, "/api/v1/me/") == 0
        # the idle clock counts from the cached seen-time: 29 minutes after it she is in, 31 after the next one out
        clock.shift(timedelta(minutes=29))
        assert client.get("/api/v1/me/").status_code == 200
        clock.shift(timedelta(minutes=31))
        assert client.get("/api/v1/me/").json()["errors"][0]["code"] == "session_expired"


def test_with_redis_a_lost_cache_falls_back_on_the_database_at_most_ten_minutes_behind(
    world: World, settings: Any
) -> None:
    settings.SESSION_ENGINE = "common.sessions"
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)
        for _ in range(9):
            clock.shift(timedelta(seconds=61))
            assert client.get("/api/v1/me/").status_code == 200  # seen-time in the cache only
        caches[settings.SESSION_CACHE_ALIAS].clear()  # Redis restarted
        # the database's seen-time is the login's, 9 minutes 9 s ago: 20 minutes more and the session is still alive,
        clock.shift(timedelta(minutes=20))
        assert client.get("/api/v1/me/").status_code == 200
        # and that request, more than ten minutes after the last write through, wrote the database again
        caches[settings.SESSION_CACHE_ALIAS].clear()
        clock.shift(timedelta(minutes=29))
        assert client.get("/api/v1/me/").status_code == 200
        caches[settings.SESSION_CACHE_ALIAS].clear()
        clock.shift(timedelta(minutes=31))
        assert client.get("/api/v1/me/").json()["errors"][0]["code"] == "session_expired"


def test_with_redis_anything_else_in_the_session_is_written_through_at_once(world: World, settings: Any) -> None:
    from common.sessions import SessionStore

    settings.SESSION_ENGINE = "common.sessions"
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in(world.mentee_a.membership.user)
        clock.shift(timedelta(seconds=61))
        assert session_writes(client, "/api/v1/me/") == 0
        key = client.cookies[settings.SESSION_COOKIE_NAME].value
        store = SessionStore(key)
        store["bridges.test_note"] = "kept"
        with CaptureQueriesContext(connection) as queries:
            store.save()
        assert any("django_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE") for q in queries)
        caches[settings.SESSION_CACHE_ALIAS].clear()
        assert SessionStore(key)["bridges.test_note"] == "kept"
        # a value changed in place counts too, even when only the clock changed besides
        store = SessionStore(key)
        store["bridges.test_list"] = ["first"]
        store.save()
        clock.shift(timedelta(seconds=61))
        store = SessionStore(key)
        store["bridges.test_list"].append("second")
        store["bridges.session_seen"] = time.time()
        store.save()
        caches[settings.SESSION_CACHE_ALIAS].clear()
        assert SessionStore(key)["bridges.test_list"] == ["first", "second"]
