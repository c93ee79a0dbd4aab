"""Every cell of the authorization matrix (``matrix.py``) against the app, and a walk of the whole URL map (API,
allauth's sign-in, schema, docs, health, admin, catch-alls) so that a new route or method cannot ship without rows."""

import copy
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from tests.backend.security import render_matrix
from tests.backend.security.conformance import problem
from tests.backend.security.matrix import REQUESTS, ROLES, ROWS, SHADOWED, Row, fill
from tests.backend.security.routes import all_routes, routes_to_cover, served_template, shadowed_by
from tests.backend.security.sessions import pass_two_step
from tests.backend.security.world import SecurityWorld

CELLS = [(row, role) for row in ROWS for role in ROLES]


@pytest.fixture(scope="module", autouse=True)
def _schema_generated_once() -> Iterator[None]:
    """The OpenAPI schema is served public (the same for every caller), and generating it takes a second or two:
    the twelve cells of /api/schema/ and /api/docs/ share one generation. Access is still checked per cell."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.settings import spectacular_settings

    if not spectacular_settings.SERVE_PUBLIC:
        yield
        return
    real = SchemaGenerator.get_schema
    generated: dict[bool, Any] = {}

    def get_schema(self: SchemaGenerator, request: Any = None, public: bool = False) -> Any:
        if public not in generated:
            generated[public] = real(self, request=request, public=public)
        return copy.deepcopy(generated[public])

    patcher = pytest.MonkeyPatch()
    patcher.setattr(SchemaGenerator, "get_schema", get_schema)
    yield
    patcher.undo()


def call(client: APIClient, row: Row, world: SecurityWorld, *, made_up_id: bool = False) -> Any:
    extra = REQUESTS.get(row.route, lambda w: {})(world)
    path = fill(row.path, world, row.object)
    if made_up_id and row.path.count("{") > 1:
        path = fill(row.path, world, row.object, made_up=str(uuid.uuid4()))
    elif made_up_id:
        path = row.path.split("{")[0] + str(uuid.uuid4()) + row.path.split("}")[1]
    if row.method == "GET":
        return client.get(path, extra.get("query", {}))
    if "multipart" in extra:
        return client.post(path, extra["multipart"], format="multipart")
    return client.generic(
        row.method, path, data=_json(extra.get("data")), content_type="application/json", QUERY_STRING=""
    )


def _json(data: Any) -> str:
    import json

    return json.dumps(data) if data is not None else ""


def fresh(user: User | None) -> User | None:
    """The caller as the database has her: the world's objects live for the whole module, and a cell such as
    erasing one's own account changes the object it is handed (the database change itself is rolled back)."""
    return None if user is None else User.objects.get(pk=user.pk)


def session_client(user: Any) -> APIClient:
    """A browser's session (after a TOTP code, for those who have an authenticator): allauth's views and the
    admin read the session cookie, not DRF's forced authentication."""
    client = APIClient()
    if user is not None:
        client.force_login(user)
        pass_two_step(client, user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CELLS, ids=[f"{row.name}-{role}" for row, role in CELLS])
def test_cell(
    row: Row, role: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    user = fresh(security_world.user(role))
    response = call(client_for(user) if row.is_api else session_client(user), row, security_world)
    expected = row.expected[role]
    body = response.content[:400].decode(errors="replace")
    assert response.status_code == expected, (
        f"{row.name} as {role} ({ROLES[role]}): expected {expected}, got {response.status_code}: {body}"
    )
    if row.is_api:  # whatever the answer, the schema describes it (the status, and the body for that status)
        assert problem(row.method, row.path, fill(row.path, security_world, row.object), response) is None


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
    client = client_for(fresh(security_world.user(role)))
    hidden = call(client, row, security_world)
    missing = call(client, row, security_world, made_up_id=True)
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


MADE_UP = "made-up"
"""Stands for a fresh random id in a body: the answer must be the same as for the hidden object's id."""


@dataclass(frozen=True)
class BodyId:
    """A request whose body (or query) names someone else's object by id, as a caller who may use the route."""

    role: str
    method: str
    path: str
    path_object: str
    body: Callable[[SecurityWorld, Callable[[str], str]], dict[str, Any]]
    """Given the world and ``id_of`` (which answers the hidden object's id, or a made-up one), the data or query."""

    @property
    def name(self) -> str:
        return f"{self.role}: {self.method} {self.path}"


BODY_IDS = [
    # Hand matches: Cora names Otto's mentee or mentor; Otto names Cora's.
    BodyId(
        "coord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/",
        "jobs",
        lambda w, id_of: {"data": {"mentee": id_of("far_mentee"), "mentor": str(w.profiles["xavier"].pk)}},
    ),
    BodyId(
        "coord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/",
        "jobs",
        lambda w, id_of: {"data": {"mentee": str(w.objects["waiting_profile"]), "mentor": id_of("far_mentor")}},
    ),
    BodyId(
        "ocoord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/",
        "elsewhere",
        lambda w, id_of: {"data": {"mentee": id_of("waiting_profile"), "mentor": str(w.objects["far_mentor"])}},
    ),
    BodyId(
        "ocoord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/",
        "elsewhere",
        lambda w, id_of: {"data": {"mentee": str(w.objects["far_mentee"]), "mentor": id_of("mentor_profile")}},
    ),
    # Explaining a pairing, swapping and bulk-approving proposals with another programme's ids.
    BodyId(
        "coord",
        "GET",
        "/api/v1/programmes/{programme_id}/explain/",
        "jobs",
        lambda w, id_of: {"query": {"mentee": id_of("far_mentee"), "mentor": str(w.profiles["xavier"].pk)}},
    ),
    BodyId(
        "ocoord",
        "GET",
        "/api/v1/programmes/{programme_id}/explain/",
        "elsewhere",
        lambda w, id_of: {"query": {"mentee": str(w.objects["far_mentee"]), "mentor": id_of("mentor_profile")}},
    ),
    BodyId(
        "coord",
        "POST",
        "/api/v1/matches/swap/",
        "-",
        lambda w, id_of: {"data": {"first": str(w.objects["proposal"]), "second": id_of("far_proposal")}},
    ),
    BodyId(
        "ocoord",
        "POST",
        "/api/v1/matches/swap/",
        "-",
        lambda w, id_of: {"data": {"first": str(w.objects["far_proposal"]), "second": id_of("proposal")}},
    ),
    BodyId(
        "coord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/bulk-approve/",
        "jobs",
        lambda w, id_of: {"data": {"ids": [id_of("far_proposal")]}},
    ),
    BodyId(
        "ocoord",
        "POST",
        "/api/v1/programmes/{programme_id}/matches/bulk-reject/",
        "elsewhere",
        lambda w, id_of: {"data": {"ids": [id_of("proposal")], "reason": "Not a good fit."}},
    ),
    # Moving a worker: Cora names a worker of no network of hers (Otto's mentee); Otto names Cora's Fatma.
    BodyId(
        "coord",
        "POST",
        "/api/v1/rounds/{round_id}/moves/",
        "round",
        lambda w, id_of: {"data": {"worker": id_of("far_mentee"), "to_group": 1}},
    ),
    BodyId(
        "ocoord",
        "POST",
        "/api/v1/rounds/{round_id}/moves/",
        "far_round",
        lambda w, id_of: {"data": {"worker": id_of("worker_profile"), "to_group": 0}},
    ),
    # Reporting or blocking over someone else's match; consenting in a closed programme she is not part of.
    BodyId(
        "mentee",
        "POST",
        "/api/v1/safety/reports/",
        "-",
        lambda w, id_of: {"data": {"match": id_of("proposal"), "category": "harassment", "text": ""}},
    ),
    BodyId(
        "wgroup",
        "POST",
        "/api/v1/safety/reports/",
        "-",
        lambda w, id_of: {"data": {"match": id_of("offer"), "category": "harassment", "text": ""}},
    ),
    BodyId("mentee", "POST", "/api/v1/safety/blocks/", "-", lambda w, id_of: {"data": {"match": id_of("proposal")}}),
    BodyId("mpending", "POST", "/api/v1/safety/blocks/", "-", lambda w, id_of: {"data": {"match": id_of("active")}}),
    BodyId(
        "mentee",
        "POST",
        "/api/v1/me/consents/",
        "-",
        lambda w, id_of: {"data": {"programme": id_of("elsewhere"), "purpose": "outcome_reporting", "version": "1"}},
    ),
    BodyId(
        "wgroup",
        "POST",
        "/api/v1/me/consents/",
        "-",
        lambda w, id_of: {"data": {"programme": id_of("cohort"), "purpose": "outcome_reporting", "version": "1"}},
    ),
]


def _send_body(client: APIClient, case: BodyId, world: SecurityWorld, id_of: Callable[[str], str]) -> Any:
    request = case.body(world, id_of)
    path = fill(case.path, world, case.path_object)
    if case.method == "GET":
        return client.get(path, request.get("query", {}))
    return client.generic(case.method, path, data=_json(request.get("data")), content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("case", BODY_IDS, ids=[case.name for case in BODY_IDS])
def test_someone_elses_id_in_a_body_answers_exactly_like_one_that_does_not_exist(
    case: BodyId, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    client = client_for(fresh(security_world.user(case.role)))
    handed: list[str] = []

    def hand(value: str) -> str:
        handed.append(value)
        return value

    hidden = _send_body(client, case, security_world, lambda key: hand(str(security_world.objects[key])))
    missing = _send_body(client, case, security_world, lambda key: hand(str(uuid.uuid4())))

    def answer(response: Any) -> tuple[int, str]:
        text = response.content.decode()
        for value in handed:  # an answer may echo the id it was given (bulk approval lists each id's result)
            text = text.replace(value, "{id}")
        return response.status_code, text

    assert answer(hidden) == answer(missing)
    # ... and it was refused: an error, or (bulk approval) every item refused.
    assert hidden.status_code in (400, 404) or (hidden.status_code == 200 and b'"ok":true' not in hidden.content)


def _served(row: Row) -> str:
    return f"{row.method} {served_template(row.path)}"


def test_every_route_and_method_has_rows() -> None:
    covered = {_served(row) for row in ROWS}
    covered_paths = {key.split(" ", 1)[1] for key in covered}
    missing = [
        f"{method} {route.path} ({route.view})"
        for route in routes_to_cover()
        for method in route.methods
        if (route.path not in covered_paths if route.any_method else f"{method} {route.path}" not in covered)
    ]
    assert not missing, (
        "These routes have no row in tests/backend/security/matrix.py; add one per object it acts on (an "
        "`example` address for a pattern route), with the expected status for every role, then regenerate "
        "docs/authorization.md:\n  " + "\n  ".join(missing)
    )


def test_no_row_names_a_route_that_does_not_exist() -> None:
    routes = {route.path: route for route in routes_to_cover()}
    stale = []
    for row in ROWS:
        served = served_template(row.path)
        route = routes.get(served or "")
        if route is None or not (route.any_method or row.method in route.methods):
            stale.append(f"{row.route}: answered by {served} {route.methods if route else ''}")
        elif row.is_example != (served != row.path):
            # An `example` row stands for a pattern route; any other row names its route exactly, so a row of a
            # removed API route cannot pass as an example of the /api/ catch-all.
            stale.append(f"{row.route}: mark it `example` only if it is an address of a pattern route ({served})")
    assert not stale, f"These rows of matrix.py name routes or methods the app does not serve: {stale}"


def test_shadowed_routes_are_the_documented_ones() -> None:
    """A route the URL map lists but never reaches (an earlier route answers its address) needs no row, but it
    must be a known, documented one: otherwise a typo in config/urls.py could silently hide a new view."""
    shadowed = {route.path: shadowed_by(route) for route in all_routes() if shadowed_by(route) is not None}
    assert set(shadowed) == set(SHADOWED), shadowed
    for path in shadowed:
        assert any(served_template(row.path) == shadowed[path] for row in ROWS), path


def test_every_request_body_belongs_to_a_row() -> None:
    assert set(REQUESTS) <= {row.route for row in ROWS}


def test_docs_copy_is_up_to_date() -> None:
    path = Path(render_matrix.DOC_PATH)
    assert path.exists() and path.read_text() == render_matrix.render(), (
        f"{render_matrix.DOC_PATH} is stale: regenerate it with `{render_matrix.COMMAND}`"
    )
