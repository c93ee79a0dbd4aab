"""Headers: no caching of API answers, a content security policy everywhere, and production's secure cookies,
HSTS and the rest (`check --deploy` clean is tested in tests/backend/test_project.py)."""

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from config.settings import security
from tests.backend.conftest import World
from tests.backend.factories import PASSWORD

pytestmark = pytest.mark.django_db
PRODUCTION = {name: getattr(security, name) for name in dir(security) if name.isupper()}


@pytest.mark.parametrize(
    "path", ["/api/v1/programmes/", "/api/v1/csrf/", "/api/v1/no-such-thing/", "/_allauth/browser/v1/auth/session"]
)
def test_api_answers_are_never_stored(path: str) -> None:
    response = APIClient().get(path)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_personal_answers_are_never_stored(client_for: object, world: World) -> None:
    for path in ("/api/v1/me/", f"/api/v1/profiles/{world.mentee_a.pk}/", "/api/v1/matches/"):
        response = client_for(world.mentee_a.membership.user).get(path)  # type: ignore[operator]
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_the_web_app_and_api_carry_a_content_security_policy() -> None:
    for path in ("/", "/api/v1/programmes/"):
        header = APIClient().get(path)["Content-Security-Policy"]
        policy = dict(directive.strip().split(" ", 1) for directive in header.split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["script-src"].startswith("'self'") and "unsafe" not in policy["script-src"]
        assert policy["connect-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"


@override_settings(**PRODUCTION)
def test_production_headers_and_cookies(world: World) -> None:
    client = APIClient()
    redirected = client.get("/api/v1/programmes/")
    assert redirected.status_code == 301 and redirected["Location"].startswith("https://")
    response = client.get("/api/v1/programmes/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    login = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": world.mentee_a.membership.user.email, "password": PASSWORD},
        format="json",
        secure=True,
    )
    assert login.status_code == 200
    session = login.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.get("/api/v1/csrf/", secure=True).cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["samesite"] == "Strict"
