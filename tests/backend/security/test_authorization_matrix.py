"""Every cell of the authorization matrix (``matrix.py``) against the API, and a walk of the URL map so that a new
route or method cannot ship without rows."""

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.backend.security import render_matrix
from tests.backend.security.matrix import REQUESTS, ROLES, ROWS, Row, fill
from tests.backend.security.routes import api_routes
from tests.backend.security.world import SecurityWorld

CELLS = [(row, role) for row in ROWS for role in ROLES]


def call(client: APIClient, row: Row, world: SecurityWorld, *, made_up_id: bool = False) -> Any:
    extra = REQUESTS.get(row.route, lambda w: {})(world)
    path = fill(row.path, world, row.object)
    if made_up_id:
        path = row.path.split("{")[0] + str(uuid.uuid4()) + row.path.split("}")[1]
    if row.method == "GET":
        return client.get(path, extra.get("query", {}))
    return client.generic(
        row.method, path, data=_json(extra.get("data")), content_type="application/json", QUERY_STRING=""
    )


def _json(data: Any) -> str:
    import json

    return json.dumps(data) if data is not None else ""


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CELLS, ids=[f"{row.name}-{role}" for row, role in CELLS])
def test_cell(
    row: Row, role: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    response = call(client_for(security_world.user(role)), row, security_world)
    expected = row.expected[role]
    body = response.content[:400].decode(errors="replace")
    assert response.status_code == expected, (
        f"{row.name} as {role} ({ROLES[role]}): expected {expected}, got {response.status_code}: {body}"
    )


HIDDEN = [
    (row, next(role for role in ROLES if row.expected[role] == 404))
    for row in ROWS
    if "{" in row.path and any(code == 404 for code in row.expected.values())
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), HIDDEN, ids=[f"{row.name}-{role}" for row, role in HIDDEN])
def test_someone_elses_object_answers_exactly_like_one_that_does_not_exist(
    row: Row, role: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    client = client_for(security_world.user(role))
    hidden = call(client, row, security_world)
    missing = call(client, row, security_world, made_up_id=True)
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_every_route_and_method_has_rows() -> None:
    covered = {row.route for row in ROWS}
    missing = [
        f"{method} {route.path} ({route.view})"
        for route in api_routes()
        for method in route.methods
        if f"{method} {route.path}" not in covered
    ]
    assert not missing, (
        "These API routes have no row in tests/backend/security/matrix.py; add one per object it acts on, "
        "with the expected status for every role, then regenerate docs/authorization.md:\n  " + "\n  ".join(missing)
    )


def test_no_row_names_a_route_that_does_not_exist() -> None:
    served = {f"{method} {route.path}" for route in api_routes() for method in route.methods}
    stale = sorted({row.route for row in ROWS} - served)
    assert not stale, f"These rows of matrix.py name routes or methods the API does not serve: {stale}"


def test_every_request_body_belongs_to_a_row() -> None:
    assert set(REQUESTS) <= {row.route for row in ROWS}


def test_docs_copy_is_up_to_date() -> None:
    path = Path(render_matrix.DOC_PATH)
    assert path.exists() and path.read_text() == render_matrix.render(), (
        f"{render_matrix.DOC_PATH} is stale: regenerate it with `{render_matrix.COMMAND}`"
    )
