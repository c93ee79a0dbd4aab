"""The links allauth emails, followed the way the web app follows them: reset a password, confirm an address."""

import re
from typing import Any
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from rest_framework.test import APIClient

from tests.backend.factories import PASSWORD, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db
AUTH = "/_allauth/browser/v1/auth"
NEW_PASSWORD = "a-brand-new-passphrase-77"


def key_from_mail(route: str) -> str:
    """The key of the one emailed link to the web app's page ``route`` (a HEADLESS_FRONTEND_URLS entry)."""
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    prefix = settings.HEADLESS_FRONTEND_URLS[route].split("{key}")[0]
    found = re.search(rf"https?://[^/\s]+{re.escape(prefix)}(\S+)", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    return unquote(found.group(1))  # the link carries it URL-encoded, as the browser reads it


def errors(response: Any) -> list[tuple[str, str]]:
    return [(error["param"], error["code"]) for error in response.json()["errors"]]


def log_in(email: str, password: str) -> int:
    return APIClient().post(f"{AUTH}/login", {"email": email, "password": password}, format="json").status_code


def test_full_password_reset_from_the_emailed_link() -> None:
    user = UserFactory()
    browser = APIClient()
    assert browser.post(f"{AUTH}/password/request", {"email": user.email}, format="json").status_code == 200
    assert mail.outbox[0].to == [user.email]
    key = key_from_mail("account_reset_password_from_key")

    # The page checks the key before asking for the new password.
    check = browser.get(f"{AUTH}/password/reset", HTTP_X_PASSWORD_RESET_KEY=key)
    assert check.status_code == 200, check.json()
    assert check.json()["data"]["user"]["id"] == str(user.id)

    # A password the validators refuse is named on its field, and the key still works afterwards.
    weak = browser.post(f"{AUTH}/password/reset", {"key": key, "password": "short"}, format="json")
    assert weak.status_code == 400
    assert errors(weak) == [("password", "password_too_short")]

    done = browser.post(f"{AUTH}/password/reset", {"key": key, "password": NEW_PASSWORD}, format="json")
    # Not logged in by the reset (ACCOUNT_LOGIN_ON_PASSWORD_RESET = False): allauth points to the login flow.
    assert done.status_code == 401, done.json()
    assert done.json()["meta"]["is_authenticated"] is False

    assert log_in(user.email, PASSWORD) == 400
    assert log_in(user.email, NEW_PASSWORD) == 200

    # The key works once: checking or using it again is refused, and the password stays the new one.
    again = browser.post(f"{AUTH}/password/reset", {"key": key, "password": "yet-another-passphrase-88"}, format="json")
    assert again.status_code == 400
    assert errors(again) == [("key", "invalid_password_reset")]
    assert browser.get(f"{AUTH}/password/reset", HTTP_X_PASSWORD_RESET_KEY=key).status_code == 400
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_made_up_reset_key_is_refused() -> None:
    user = UserFactory()
    forged = f"{user.id.hex}-abcdef-0123456789abcdef0123456789abcdef"
    response = APIClient().post(f"{AUTH}/password/reset", {"key": forged, "password": NEW_PASSWORD}, format="json")
    assert response.status_code == 400
    assert errors(response) == [("key", "invalid_password_reset")]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def sign_up(client: APIClient, programme: Any) -> None:
    payload = {
        "role": "mentee",
        "account": {"email": "amal@example.org", "password": "a-long-passphrase-2026", "display_name": "Amal"},
        "profile": {"languages": [{"code": "ar", "level": "C2"}], "goals": ["job_search"], "city": "Berlin"},
        "consent": {"given": True, "version": programme.consent_version},
    }
    response = client.post(f"/api/v1/programmes/{programme.id}/signup/", payload, format="json")
    assert response.status_code == 202, response.json()


def test_email_verification_from_the_emailed_link(django_capture_on_commit_callbacks: Any) -> None:
    signed_up = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(signed_up, ProgrammeFactory())
    assert mail.outbox[0].to == ["amal@example.org"]
    key = key_from_mail("account_confirm_email")
    address = EmailAddress.objects.get(email="amal@example.org")
    assert not address.verified
    assert signed_up.get("/api/v1/me/").json()["email_verified"] is False

    # Opened on another device, not logged in: confirmed all the same (401 only says "not logged in here").
    elsewhere = APIClient()
    assert elsewhere.get(f"{AUTH}/email/verify", HTTP_X_EMAIL_VERIFICATION_KEY=key).json()["data"]["email"] == (
        "amal@example.org"
    )
    confirmed = elsewhere.post(f"{AUTH}/email/verify", {"key": key}, format="json")
    assert confirmed.status_code == 401, confirmed.json()
    address.refresh_from_db()
    assert address.verified
    assert signed_up.get("/api/v1/me/").json()["email_verified"] is True

    # A used link is refused in the words the page shows as "this link does not work any more".
    again = signed_up.post(f"{AUTH}/email/verify", {"key": key}, format="json")
    assert again.status_code == 400
    assert errors(again) == [("key", "invalid_or_expired_key")]


def test_a_made_up_verification_key_confirms_nothing() -> None:
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    response = APIClient().post(f"{AUTH}/email/verify", {"key": "MQ:1xYlc6:not-a-signature"}, format="json")
    assert response.status_code == 400
    assert errors(response) == [("key", "invalid_or_expired_key")]
    address.refresh_from_db()
    assert not address.verified
