"""The security suite's world, built once per module inside a transaction that is rolled back at the end.

Each test still runs in its own savepoint (pytest-django's ``db``), so a write by one cell of the matrix never
leaks into the next, and nothing of the world is left for other modules.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tests.backend.security.world import SecurityWorld, build_world


@pytest.fixture(scope="module")
def security_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[SecurityWorld]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
