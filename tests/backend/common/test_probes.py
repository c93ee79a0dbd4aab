"""The probes: /healthz (liveness) answers without reading anything; /readyz (readiness) checks the database, the
cache and the task broker, and answers 503 naming the one that is down. (That both pass a full load-shedding gate is
tests/backend/common/test_shedding.py's; who may call them, the authorization matrix's.)"""

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

# A port nothing listens on: a connection to it is refused at once.
CLOSED = "redis://127.0.0.1:1/0"


def test_liveness_reads_nothing(client: Any) -> None:
    # No django_db mark: any database access here raises (pytest-django blocks it), so this proves it reads none.
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_when_the_database_cache_and_broker_answer(client: Any) -> None:
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "up", "cache": "up", "broker": "up"}


@pytest.mark.django_db
def test_not_ready_names_the_database_when_it_is_down(client: Any) -> None:
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "down", "cache": "up", "broker": "up"}


@pytest.mark.django_db
def test_not_ready_names_the_cache_when_redis_is_down(client: Any) -> None:
    unreachable = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CLOSED}}
    with override_settings(CACHES=unreachable):
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["cache"] == "down"
    assert answer.json()["database"] == "up"


@pytest.mark.django_db
def test_not_ready_names_the_broker_when_it_is_down(client: Any) -> None:
    with override_settings(CELERY_BROKER_URL=CLOSED):
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "up", "cache": "up", "broker": "down"}
