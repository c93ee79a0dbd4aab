"""One rule for the query parameters of every list route (found in the URL map, ``routes.list_routes``): a
parameter the list does not know answers 400 naming it, in the documented error format, while every parameter the
OpenAPI schema documents for the list (its filters, ``page``, ``page_size``) is still accepted."""

import uuid
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import User
from tests.backend.security.matrix import ROWS, fill
from tests.backend.security.routes import list_routes
from tests.backend.security.test_query_counts import VIEWERS
from tests.backend.security.world import SecurityWorld

LIST_PATHS = [route.path for route in list_routes()]
CASES = [(path, VIEWERS.get(path, ("(none)",))[0]) for path in LIST_PATHS]


@cache
def _documented_query_parameters(path: str) -> list[dict[str, Any]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [p for p in schema["paths"][path]["get"].get("parameters", []) if p["in"] == "query"]


def _example(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("format") == "uuid":
        return str(uuid.uuid4())
    return {"integer": "1", "boolean": "true"}.get(schema.get("type", ""), "x")


def _client(world: SecurityWorld, role: str, client_for: Callable[[Any], APIClient]) -> APIClient:
    user = world.user(role)
    return client_for(None if user is None else User.objects.get(pk=user.pk))


def _url(path: str, world: SecurityWorld) -> str:
    row = next(row for row in ROWS if row.method == "GET" and row.path == path)
    return fill(path, world, row.object)


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role"), CASES, ids=[f"{path}-{role}" for path, role in CASES])
def test_an_unknown_parameter_is_refused_and_the_documented_ones_are_known(
    path: str, role: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    assert path in VIEWERS, f"GET {path} is a list route without a viewer: add it to test_query_counts.VIEWERS"
    client = _client(security_world, role, client_for)
    url = _url(path, security_world)

    response = client.get(url, {"programme": str(uuid.uuid4())} if "programme" not in path else {"colour": "red"})
    name = "programme" if "programme" not in path else "colour"
    assert response.status_code == 400, f"GET {path}?{name}=…: {response.status_code} {response.content[:300]!r}"
    body = response.json()
    assert body["type"] == "validation_error"
    assert [(e["code"], e["attr"]) for e in body["errors"]] == [("unknown_parameter", name)]
    assert name in body["errors"][0]["detail"]

    documented = {p["name"]: _example(p) for p in _documented_query_parameters(path)}
    assert {"page", "page_size"} <= set(documented), f"GET {path}: the schema does not document the page"
    for parameter, value in documented.items():
        answer = client.get(url, {parameter: value})
        assert answer.status_code == 200, f"GET {path}?{parameter}={value}: {answer.status_code} {answer.content!r}"


@pytest.mark.django_db
def test_own_profiles_refuse_a_programme_parameter(
    security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    """The list of one's own profiles has no filter: ``?programme=`` used to be ignored silently."""
    client = _client(security_world, "mentee", client_for)
    assert client.get("/api/v1/profiles/").status_code == 200
    response = client.get("/api/v1/profiles/", {"programme": str(uuid.uuid4())})
    assert response.status_code == 400
    assert [(e["code"], e["attr"]) for e in response.json()["errors"]] == [("unknown_parameter", "programme")]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["run", "mentee", "mentor"])
def test_a_malformed_uuid_filter_is_refused_naming_it(
    name: str, security_world: SecurityWorld, client_for: Callable[[Any], APIClient], db: None
) -> None:
    path = "/api/v1/programmes/{programme_id}/matches/"
    client = _client(security_world, "coord", client_for)
    response = client.get(_url(path, security_world), {name: "not-a-uuid"})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["type"] == "validation_error"
    assert [(e["code"], e["attr"]) for e in body["errors"]] == [("invalid", name)]
