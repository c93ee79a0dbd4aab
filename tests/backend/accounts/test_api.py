"""Login, session, logout, password reset and the person's own account, through the browser API."""

from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from tests.backend.conftest import World
from tests.backend.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
AUTH = "/_allauth/browser/v1/auth"


def test_login_session_and_logout(world: World) -> None:
    client = APIClient()
    user = world.mentee_a.membership.user
    bad = client.post(f"{AUTH}/login", {"email": user.email, "password": "wrong-password"}, format="json")
    assert bad.status_code == 400
    ok = client.post(f"{AUTH}/login", {"email": user.email, "password": PASSWORD}, format="json")
    assert ok.status_code == 200, ok.json()
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["memberships"][0]["role"] == "mentee"
    assert client.delete(f"{AUTH}/session").status_code == 401  # allauth answers "no longer authenticated"
    assert client.get("/api/v1/me/").status_code == 403


def test_password_reset_sends_an_email_in_the_persons_language() -> None:
    # Answering the same for an unknown address is the enumeration suite's (tests/backend/hardening).
    subjects = {}
    for language in ("de", "ar"):
        user = UserFactory(preferred_language=language)
        response = APIClient().post(f"{AUTH}/password/request", {"email": user.email}, format="json")
        assert response.status_code == 200
        assert mail.outbox[-1].to == [user.email]
        subjects[language] = mail.outbox[-1].subject
    assert "Passwort" in subjects["de"]
    assert "كلمة المرور" in subjects["ar"]


def test_passwords_are_hashed_with_argon2() -> None:
    user = UserFactory()
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


def test_me_updates_language_and_name(client_for: Any, world: World) -> None:
    client = client_for(world.mentee_a.membership.user)
    response = client.patch("/api/v1/me/", {"preferred_language": "uk", "display_name": "Olena"}, format="json")
    assert response.status_code == 200
    assert response.json()["preferred_language"] == "uk"
    bad = client.patch("/api/v1/me/", {"preferred_language": "xx"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["attr"] == "preferred_language"
