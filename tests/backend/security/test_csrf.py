"""CSRF is enforced on every unsafe route, login included: without the token a write is refused with a 403 that
says so; with it, the same write is never refused for CSRF (it may still fail for other reasons)."""

import json
import uuid
from typing import Any

import pytest
from django.urls import resolve
from rest_framework.test import APIClient

from common.views import api_not_found
from tests.backend.factories import PASSWORD, UserFactory
from tests.backend.security.routes import UNSAFE, Route, all_routes, api_routes
from tests.backend.security.sessions import pass_two_step

pytestmark = pytest.mark.django_db

ALLAUTH_BROWSER = "/_allauth/browser/v1/"
LOGIN = f"{ALLAUTH_BROWSER}auth/login"


def _unsafe(routes: list[Route]) -> list[tuple[str, str]]:
    return [(method, route.path) for route in routes for method in route.methods if method in UNSAFE]


API_WRITES = _unsafe(api_routes())
AUTH_WRITES = [
    (method, path)
    for method, path in _unsafe([route for route in all_routes() if route.path.startswith(ALLAUTH_BROWSER)])
    if resolve(path).func is not api_not_found  # allauth's phone routes are switched off (config/urls.py)
]


def _url(path: str) -> str:
    """The route with every placeholder given a fresh id: CSRF is checked before any object is looked up."""
    import re

    return re.sub(r"\{\w+\}", lambda _: str(uuid.uuid4()), path)


def _client(logged_in: bool) -> tuple[APIClient, str]:
    """A browser-like client that enforces CSRF, with its session (if logged in) and the CSRF cookie's token."""
    client = APIClient(enforce_csrf_checks=True)
    if logged_in:
        user = UserFactory()
        client.force_login(user)
        pass_two_step(client, user)
    token = client.get("/api/v1/csrf/").json()["csrf_token"]
    return client, token


def _send(client: APIClient, method: str, url: str, token: str | None, body: str = "{}") -> Any:
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.generic(method, url, data=body, content_type="application/json", **headers)


def _is_csrf_refusal(response: Any) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


def test_the_walk_finds_the_writes_and_the_login() -> None:
    assert ("POST", "/api/v1/matches/{match_id}/accept/") in API_WRITES
    assert ("PATCH", "/api/v1/me/") in API_WRITES
    assert ("POST", LOGIN) in AUTH_WRITES


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
@pytest.mark.parametrize(
    ("method", "path"), API_WRITES + AUTH_WRITES, ids=[f"{m} {p}" for m, p in API_WRITES + AUTH_WRITES]
)
def test_unsafe_route_needs_the_csrf_token(method: str, path: str, logged_in: bool) -> None:
    client, token = _client(logged_in)
    url = _url(path)

    refused = _send(client, method, url, token=None)
    assert refused.status_code == 403, f"{method} {path} without a CSRF token answered {refused.status_code}"
    body = refused.json()
    assert body["errors"][0]["detail"].startswith("CSRF check failed"), body

    accepted = _send(client, method, url, token=token)
    assert not _is_csrf_refusal(accepted), (
        f"{method} {path} refused a request with a valid CSRF token: {accepted.content}"
    )
    assert accepted.status_code < 500


def test_login_needs_the_token_and_then_works() -> None:
    user = UserFactory(email="csrf.login@example.org")
    client = APIClient(enforce_csrf_checks=True)
    credentials = json.dumps({"email": "csrf.login@example.org", "password": PASSWORD})

    refused = _send(client, "POST", LOGIN, token=None, body=credentials)
    assert refused.status_code == 403 and "CSRF check failed" in refused.json()["errors"][0]["detail"]
    assert "_auth_user_id" not in client.session

    token = client.get("/api/v1/csrf/").json()["csrf_token"]
    without_header = _send(client, "POST", LOGIN, token=None, body=credentials)
    assert _is_csrf_refusal(without_header), "a CSRF cookie alone is not enough: the header must carry the token"
    wrong = _send(client, "POST", LOGIN, token="x" * 64, body=credentials)
    assert _is_csrf_refusal(wrong)

    logged_in = _send(client, "POST", LOGIN, token=token, body=credentials)
    assert logged_in.status_code == 200, logged_in.content
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_token_from_another_session_does_not_count() -> None:
    client, _ = _client(logged_in=True)
    _other, foreign_token = _client(logged_in=True)
    response = _send(client, "PATCH", "/api/v1/me/", token=foreign_token, body='{"display_name": "Mallory"}')
    assert _is_csrf_refusal(response)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
@pytest.mark.parametrize(("method", "path"), API_WRITES, ids=[f"{m} {p}" for m, p in API_WRITES])
def test_a_malformed_form_body_is_refused_not_a_server_error(method: str, path: str, logged_in: bool) -> None:
    """On a POST, the CSRF check also looks for a form's token, which reads a form body: a multipart body without a
    boundary (as the fuzzer sent) is refused as unreadable (400), with or without a token, never a server error.
    Other methods never read a form: without the token they are refused for it, with it for the media type."""
    client, token = _client(logged_in)
    for headers in ({}, {"HTTP_X_CSRFTOKEN": token}):
        response = client.generic(method, _url(path), data="x", content_type="multipart/form-data", **headers)
        assert response.status_code < 500, (method, path, response.status_code, response.content[:200])
        if method == "POST":
            assert response.status_code == 400, (path, response.status_code, response.content[:200])
            assert response.json()["errors"][0]["code"] == "parse_error"
