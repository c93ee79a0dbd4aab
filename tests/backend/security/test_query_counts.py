"""Every list route of the URL map, as the roles that see it, asks the database no more at page size 100 than at page
size 10: an N+1 (a query per row) fails here, naming the route and both counts.

The list routes are found in the URL map (``routes.list_routes``: views with a pagination class), so a new list
cannot ship without a case below. The world is the security suite's (``world.py``) with a crowd of more than a
hundred rows in every list (``crowd.py``), so that page size 100 really fetches 100 rows of every kind.
"""

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from tests.backend.security.crowd import add_crowd
from tests.backend.security.matrix import ROLES, ROWS, fill
from tests.backend.security.routes import list_routes
from tests.backend.security.world import SecurityWorld

VIEWERS: dict[str, tuple[str, ...]] = {
    "/api/v1/programmes/": ("anon", "mentee", "coord"),
    "/api/v1/organisations/": ("coord",),
    "/api/v1/organisations/{organisation_id}/programmes/": ("coord",),
    "/api/v1/programmes/{programme_id}/coordinators/": ("coord",),
    "/api/v1/programmes/{programme_id}/invitations/": ("coord",),
    "/api/v1/programmes/{programme_id}/participants/": ("coord",),
    "/api/v1/notifications/": ("mentee",),
    "/api/v1/programmes/{programme_id}/runs/": ("coord",),
    "/api/v1/programmes/{programme_id}/matches/": ("coord",),
    "/api/v1/programmes/{programme_id}/health/mentor-load/": ("coord",),
    "/api/v1/programmes/{programme_id}/audit/": ("coord",),
    "/api/v1/matches/": ("mentee", "mpending"),
    "/api/v1/programmes/{programme_id}/rounds/": ("wgroup", "coord"),
    "/api/v1/groups/": ("wgroup",),
    "/api/v1/safety/blocks/": ("mentee",),
    "/api/v1/programmes/{programme_id}/safety-reports/": ("coord",),
}
"""Each list route → the roles (``matrix.ROLES``) whose list the crowd fills; the object is the matrix row's."""

LIST_PATHS = [route.path for route in list_routes()]
CASES = [(path, role) for path in LIST_PATHS for role in VIEWERS.get(path, ("(none)",))]
SMALL, LARGE = 10, 100


def test_the_list_routes_are_found() -> None:
    """The discovery finds the lists the app has (a broken discovery would make the test below vacuous)."""
    assert "/api/v1/matches/" in LIST_PATHS
    assert "/api/v1/matches/{match_id}/" not in LIST_PATHS
    assert sorted(set(VIEWERS) - set(LIST_PATHS)) == [], "VIEWERS names a route that is not a list route"


@pytest.fixture(scope="module")
def crowded_world(security_world: SecurityWorld, django_db_blocker: Any) -> SecurityWorld:
    """Inside the security world's transaction, so it is rolled back with it."""
    with django_db_blocker.unblock():
        add_crowd(security_world)
    return security_world


def _page(client: APIClient, path: str, size: int) -> tuple[dict[str, Any], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": size})
    assert response.status_code == 200, (
        f"GET {path}?page_size={size}: {response.status_code} {response.content[:300]!r}"
    )
    return response.json(), [query["sql"] for query in queries.captured_queries]


def _shape(sql: str) -> str:
    """The query with its values left out, so that the same query for each row counts as one shape."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role"), CASES, ids=[f"{path}-{role}" for path, role in CASES])
def test_queries_do_not_grow_with_the_page(
    path: str, role: str, crowded_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    assert role in ROLES, f"GET {path} is a list route without a query-count case: add it to VIEWERS"
    row = next(row for row in ROWS if row.method == "GET" and row.path == path)
    assert row.expected[role] == 200, f"GET {path}: the matrix does not let {role} see it"
    user = crowded_world.user(role)
    client = client_for(None if user is None else User.objects.get(pk=user.pk))
    url = fill(path, crowded_world, row.object)
    _page(client, url, SMALL)  # the first request fills caches (content types, reference data)
    small, small_queries = _page(client, url, SMALL)
    large, large_queries = _page(client, url, LARGE)

    assert small["count"] > LARGE, f"GET {path} as {role}: only {small['count']} rows; the crowd must fill the page"
    assert (len(small["results"]), len(large["results"])) == (SMALL, LARGE)
    repeated = Counter(_shape(sql) for sql in large_queries).most_common(1)[0]
    assert len(large_queries) <= len(small_queries), (
        f"GET {path} as {role}: {len(small_queries)} queries at page size {SMALL}, {len(large_queries)} at page size "
        f"{LARGE}; the most repeated ({repeated[1]}×): {repeated[0][:400]}"
    )
