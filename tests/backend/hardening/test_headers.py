"""Headers: no caching of API answers, a content security policy everywhere, and production's secure cookies,
HSTS and the rest (`check --deploy` clean is tested in tests/backend/test_project.py)."""

import struct

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from config.settings import security
from tests.backend.conftest import World
from tests.backend.factories import PASSWORD

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n"
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


def _permissions_policy(response: object) -> dict[str, str]:
    header = response["Permissions-Policy"]  # type: ignore[index]
    return dict(directive.strip().split("=", 1) for directive in header.split(","))


def test_every_kind_of_answer_turns_off_powerful_features_and_framing(world: World) -> None:
    staff_only = APIClient()
    staff_only.force_login(world.mentee_a.membership.user)
    answers = {
        "API JSON": APIClient().get("/api/v1/programmes/"),
        "web app page": APIClient().get("/mentor/offers"),
        "API 404": APIClient().get("/api/v1/no-such-thing/"),
        "allauth": APIClient().get("/_allauth/browser/v1/auth/session"),
        "admin guard 403": staff_only.get("/admin/"),
        "favicon": APIClient().get("/favicon.ico"),
        "413": APIClient().post(
            "/api/v1/me/", b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), content_type="application/json"
        ),
    }
    with override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16"]):
        answers["admin guard 404"] = APIClient().get("/admin/", REMOTE_ADDR="192.0.2.7")
    assert answers["admin guard 403"].status_code == 403 and answers["admin guard 404"].status_code == 404
    assert answers["413"].status_code == 413
    for kind, response in answers.items():
        policy = _permissions_policy(response)
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert policy.get(feature) == "()", (kind, feature)
        assert response["X-Frame-Options"] == "DENY", kind


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)  # no collectstatic in the tests
def test_static_files_carry_the_permissions_policy_too() -> None:
    response = APIClient().get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert _permissions_policy(response)["camera"] == "()"


def test_the_favicon_is_a_real_icon_file_not_the_web_apps_page() -> None:
    response = APIClient().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    # An ICO directory (reserved 0, type 1) with the 16, 32 and 48 px images, each a PNG.
    reserved, kind, count = struct.unpack("<HHH", response.content[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _height, _colours, _r, _planes, _bits, length, offset = struct.unpack(
            "<BBBBHHII", response.content[6 + 16 * index : 22 + 16 * index]
        )
        assert response.content[offset : offset + 8] == PNG
        assert offset + length <= len(response.content)
        sizes.append(width)
    assert sorted(sizes) == [16, 32, 48]


@pytest.mark.parametrize(
    ("path", "content_type", "start"),
    [
        ("/icon.svg", "image/svg+xml", b"<svg"),
        ("/icon-192.png", "image/png", PNG),
        ("/icon-512.png", "image/png", PNG),
        ("/apple-touch-icon.png", "image/png", PNG),
    ],
)
def test_every_icon_is_served_as_what_it_is(path: str, content_type: str, start: bytes) -> None:
    response = APIClient().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(start) and b"<html" not in response.content.lower()
