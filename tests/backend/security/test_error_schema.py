"""Every error the API answers is one its OpenAPI schema describes: the status, the error codes and the fields.

For each route of the authorization matrix that takes a body or a query string, a caller who may use it sends the
matrix's valid request spoiled in every way a hurried or hostile client spoils one: no body, a body that is not an
object, each field (of the valid request and of the schema, nested ones and list items too) set to null, the
wrong type, an empty or over-long text, an unknown choice, a negative number; and each query parameter set to
nonsense. Each answer must be a status the operation lists, with a body that matches the schema for it (checked
by schemathesis's validator, as ``make fuzz`` does). The generated web client is only as good as the schema.
"""

import copy
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.backend.security.conformance import problem, raw_schema
from tests.backend.security.matrix import REQUESTS, ROWS, Row, fill
from tests.backend.security.sessions import pass_two_step
from tests.backend.security.world import SecurityWorld

BAD_VALUES: list[Any] = [
    None,
    "",
    "x" * 5000,
    "not-a-choice",
    "\u202e\u200f",  # direction controls only
    "a\x00b",  # a NUL character
    -1,
    3.5,
    True,
    [],
    {},
    ["not-a-choice"],
    [None],
    [{}],
    [{}] * 600,  # more items than any list takes
]
"""What each field is set to in turn (each answer is checked, whatever it is)."""
BAD_BODIES: list[Any] = [None, {}, [], "text", 42]
"""Whole bodies: none at all, an empty object, and JSON that is not an object."""
BAD_QUERY_VALUES = ["", "not-a-uuid", "-1", "x" * 300, "0"]

PREFERRED_CALLERS = ("coord", "mentee", "mactive", "mpending", "wgroup", "omentee")


def _caller(row: Row) -> str | None:
    """A role the matrix lets through (2xx), so that the body is what gets judged, not the access."""
    for role in PREFERRED_CALLERS:
        if 200 <= row.expected[role] < 300 or row.expected[role] in (400, 409):
            return role
    return None


def _rows() -> list[Row]:
    """One row per route of the API that a role of the matrix may use (the first such row of the table)."""
    seen: set[str] = set()
    rows = []
    for row in ROWS:
        if not row.is_api or row.route in seen or _caller(row) is None:
            continue
        seen.add(row.route)
        rows.append(row)
    return rows


def _query_parameters(method: str, template: str) -> list[str]:
    operation = raw_schema()["paths"][template][method.lower()]
    return [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]


def _request_schema(method: str, template: str) -> dict[str, Any]:
    """The operation's JSON request body schema, with references followed (one level at a time)."""
    operation = raw_schema()["paths"][template][method.lower()]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    return _resolve(content.get("schema", {}))


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = raw_schema()["components"]["schemas"][name]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0])
    return schema


Path = tuple[str | int, ...]


def _field_paths(schema: dict[str, Any], valid: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every field the body can carry: the schema's properties and the valid body's keys, nested objects and
    the first item of lists included."""
    schema = _resolve(schema)
    names = list(schema.get("properties", {}))
    if isinstance(valid, dict):
        names += [name for name in valid if name not in names]
    for name in names:
        path = (*prefix, name)
        yield path
        inner = _resolve(schema.get("properties", {}).get(name, {}))
        value = valid.get(name) if isinstance(valid, dict) else None
        if inner.get("type") == "object" or isinstance(value, dict) or "properties" in inner:
            yield from _field_paths(inner, value if isinstance(value, dict) else {}, path)
        elif inner.get("type") == "array" or isinstance(value, list):
            items = _resolve(inner.get("items", {}))
            first = value[0] if isinstance(value, list) and value else None
            yield (*path, 0)
            if items.get("type") == "object" or isinstance(first, dict):
                yield from _field_paths(items, first if isinstance(first, dict) else {}, (*path, 0))


def _spoiled(valid: Any, path: Path, value: Any) -> Any:
    body = copy.deepcopy(valid) if isinstance(valid, dict) else {}
    node = body
    for step, following in itertools.pairwise(path):
        if isinstance(step, int):
            while len(node) <= step:
                node.append({} if isinstance(following, str) else None)
            node = node[step]
        else:
            if not isinstance(node.get(step), dict | list):
                node[step] = [] if isinstance(following, int) else {}
            node = node[step]
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value
    return body


def _client(world: SecurityWorld, role: str) -> APIClient:
    client = APIClient()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
        pass_two_step(client, user)
    return client


@pytest.mark.parametrize("row", _rows(), ids=lambda row: row.route)
def test_every_bad_request_gets_an_error_the_schema_describes(row: Row, security_world: SecurityWorld, db: Any) -> None:
    role = _caller(row)
    assert role is not None
    client = _client(security_world, role)
    path = fill(row.path, security_world, row.object)
    extra = REQUESTS.get(row.route, lambda w: {})(security_world)
    found: list[str] = []

    def send(data: Any = None, query: dict[str, str] | None = None, *, raw: str | None = None) -> None:
        cache.clear()  # a rate limit reached by the requests before is not what this asks about
        if row.method == "GET":
            response = client.get(path, query or {})
        else:
            body = raw if raw is not None else ("" if data is None else json.dumps(data))
            response = client.generic(row.method, path, data=body, content_type="application/json")
        if response.status_code >= 500:
            found.append(f"{row.method} {path} answered {response.status_code} to {data or query!r:.200}")
            return
        issue = problem(row.method, row.path, path, response)
        if issue:
            found.append(f"{issue}\n    request: {(data if query is None else query)!r:.300}")

    if row.method == "GET":
        valid_query = extra.get("query", {})
        for name in dict.fromkeys([*valid_query, *_query_parameters(row.method, row.path), "no_such_parameter"]):
            for value in BAD_QUERY_VALUES:
                send(query={**valid_query, name: value})
    else:
        valid = extra.get("data", {})
        for body in BAD_BODIES:
            send(body)
        send(raw="{not json")
        for field in _field_paths(_request_schema(row.method, row.path), valid):
            for value in BAD_VALUES:
                send(_spoiled(valid, field, value))
    assert not found, f"{len(found)} answers the schema does not describe:\n" + "\n".join(found[:400])


def _text_fields(method: str, template: str) -> list[str]:
    """The top-level fields of the request body that the schema says are text (strings without a choice list)."""
    properties = _request_schema(method, template).get("properties", {})
    return [
        name
        for name, schema in properties.items()
        if schema.get("type") == "string" and "enum" not in schema and "format" not in schema
    ]


TEXT_ROWS = [row for row in _rows() if row.method != "GET" and _text_fields(row.method, row.path)]


@pytest.mark.parametrize("row", TEXT_ROWS, ids=lambda row: row.route)
def test_a_number_where_text_is_expected_is_refused(row: Row, security_world: SecurityWorld, db: Any) -> None:
    """A phone number sent as a JSON number would lose its "+" and leading zero: text fields take text only."""
    role = _caller(row)
    assert role is not None
    client = _client(security_world, role)
    path = fill(row.path, security_world, row.object)
    valid = REQUESTS.get(row.route, lambda w: {})(security_world).get("data", {})
    for field in _text_fields(row.method, row.path):
        cache.clear()
        response = client.generic(
            row.method, path, data=json.dumps({**valid, field: 4915155507771}), content_type="application/json"
        )
        assert response.status_code == 400, (row.route, field, response.status_code, response.content[:300])
        assert {"attr": field, "code": "invalid"} in [
            {"attr": error["attr"], "code": error["code"]} for error in response.json()["errors"]
        ], (row.route, field, response.content[:300])
