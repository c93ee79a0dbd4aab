"""A body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 in the API's error format on every route, allauth's and the
admin's included, with DEBUG on or off: never Django's debug page, never a bare HTML 400, never a piece of the body.
"""

import asyncio
import json
from typing import Any

import pytest
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.test import override_settings
from rest_framework.test import APIClient

from tests.backend.conftest import World
from tests.backend.hardening.conftest import AUTH
from tests.backend.security.conformance import problem

pytestmark = pytest.mark.django_db

MARKER = "canary-body-text"


def _big_json() -> bytes:
    """About 5 MB of JSON whose text must never come back in an answer."""
    return json.dumps({"display_name": "Amal", "bio": MARKER * (5 * 1024 * 1024 // len(MARKER))}).encode()


def _routes(world: World) -> list[tuple[str, str]]:
    return [
        ("patch", "/api/v1/me/"),
        ("post", f"/api/v1/programmes/{world.programme_a.id}/signup/"),
        ("post", f"{AUTH}/login"),
        ("post", "/api/v1/no-such-route/"),
        ("post", "/admin/login/"),
        ("post", "/some/app/page"),
    ]


def _assert_too_large(response: Any) -> None:
    assert response.status_code == 413, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["type"] == "client_error"
    assert [error["code"] for error in body["errors"]] == ["request_too_large"]
    assert MARKER not in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("debug", [True, False])
def test_a_declared_length_over_the_limit_answers_413_everywhere(world: World, debug: bool) -> None:
    body = _big_json()
    with override_settings(DEBUG=debug):
        for method, path in _routes(world):
            client = APIClient()
            client.force_login(world.mentee_a.membership.user)
            response = getattr(client, method)(path, body, content_type="application/json")
            _assert_too_large(response)
            if path.startswith("/api/v1/programmes/") or path == "/api/v1/me/":  # the schema documents the 413
                template = path.replace(str(world.programme_a.id), "{programme_id}")
                assert problem(method.upper(), template, path, response) is None


def test_the_413_speaks_her_language(world: World) -> None:
    response = APIClient().post(
        f"{AUTH}/login", _big_json(), content_type="application/json", HTTP_ACCEPT_LANGUAGE="de"
    )
    _assert_too_large(response)
    assert "zu groß" in response.json()["errors"][0]["detail"]


def _asgi_post(path: str, chunks: list[bytes], headers: list[tuple[bytes, bytes]]) -> tuple[int, dict[str, str], bytes]:
    """Send a body in chunks to the ASGI app without a Content-Length (as with Transfer-Encoding: chunked)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("192.0.2.30", 40000),
        "server": ("testserver", 80),
    }
    messages = [
        {"type": "http.request", "body": chunk, "more_body": n < len(chunks) - 1} for n, chunk in enumerate(chunks)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)  # the client stays connected until the answer is sent
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(ASGIHandler()(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}, body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("debug", [True, False])
def test_a_body_without_a_declared_length_that_turns_out_too_large_answers_413(debug: bool) -> None:
    body = _big_json()
    chunks = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    with override_settings(DEBUG=debug):
        for path in (f"{AUTH}/login", "/api/v1/me/"):
            status, headers, content = _asgi_post(path, chunks, [])
            assert status == 413, (status, content[:300])
            assert headers["content-type"].startswith("application/json")
            answer = json.loads(content)
            assert answer["type"] == "client_error" and answer["errors"][0]["code"] == "request_too_large"
            assert MARKER.encode() not in content


def test_a_body_within_the_limit_is_read_as_usual(world: World) -> None:
    client = APIClient()
    client.force_login(world.mentee_a.membership.user)
    small = {"display_name": "Amal"}
    assert len(json.dumps(small)) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert client.patch("/api/v1/me/", small, format="json").status_code == 200
