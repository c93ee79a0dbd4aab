"""Login, sign-up and password reset answer the same whether or not an account exists; each is rate limited."""

from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from rest_framework.test import APIClient

from config.settings.allauth import ACCOUNT_RATE_LIMITS
from tests.backend.conftest import World
from tests.backend.factories import UserFactory
from tests.backend.hardening.conftest import AUTH

pytestmark = pytest.mark.django_db


def answer(response: Any) -> tuple[int, Any]:
    return response.status_code, response.json()


def test_login_answers_the_same_for_an_unknown_email_and_a_wrong_password() -> None:
    user = UserFactory()
    known = APIClient().post(f"{AUTH}/login", {"email": user.email, "password": "wrong-password-1"}, format="json")
    unknown = APIClient().post(
        f"{AUTH}/login", {"email": "nobody@example.org", "password": "wrong-password-1"}, format="json"
    )
    assert answer(known) == answer(unknown)
    assert user.email not in str(known.json())  # and the address is not repeated back


def test_password_reset_answers_the_same_and_mails_only_the_owner() -> None:
    user = UserFactory()
    known = APIClient().post(f"{AUTH}/password/request", {"email": user.email}, format="json")
    unknown = APIClient().post(f"{AUTH}/password/request", {"email": "nobody@example.org"}, format="json")
    assert answer(known) == answer(unknown)
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_allauths_bare_sign_up_is_closed_for_everyone_alike() -> None:
    user = UserFactory()
    taken = APIClient().post(f"{AUTH}/signup", {"email": user.email, "password": "a-long-pass-2026"}, format="json")
    new = APIClient().post(
        f"{AUTH}/signup", {"email": "new@example.org", "password": "a-long-pass-2026"}, format="json"
    )
    assert taken.status_code == new.status_code == 403


def _signup_payload(email: str) -> dict[str, Any]:
    return {
        "role": "mentee",
        "account": {"email": email, "password": "a-long-passphrase-2026", "display_name": "Amal"},
        "profile": {"languages": [{"code": "ar", "level": "C2"}], "sectors": ["86"], "goals": ["job_search"]},
        "consent": {"given": True, "version": "1"},
    }


def test_programme_sign_up_does_not_reveal_a_taken_email(world: World) -> None:
    url = f"/api/v1/programmes/{world.programme_a.id}/signup/"
    taken_email = world.mentee_a.membership.user.email
    new = APIClient().post(url, _signup_payload("brand.new@example.org"), format="json")
    taken = APIClient().post(url, _signup_payload(taken_email.upper()), format="json")
    assert answer(new) == answer(taken)
    assert new.status_code == 202
    assert taken_email not in str(taken.json())


@override_settings(SIGNUP_RATE_LIMIT="3/hour")
def test_programme_sign_up_is_rate_limited_per_address(world: World) -> None:
    url = f"/api/v1/programmes/{world.programme_a.id}/signup/"
    statuses = [
        APIClient().post(url, _signup_payload(f"p{n}@example.org"), format="json", REMOTE_ADDR="192.0.2.5").status_code
        for n in range(4)
    ]
    assert statuses == [202, 202, 202, 429]
    other = APIClient().post(url, _signup_payload("p9@example.org"), format="json", REMOTE_ADDR="192.0.2.6")
    assert other.status_code == 202


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS)
def test_password_reset_is_rate_limited_per_address_and_account() -> None:
    user = UserFactory()
    statuses = [
        APIClient().post(f"{AUTH}/password/request", {"email": user.email}, format="json").status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS)
def test_login_is_rate_limited_per_address() -> None:
    statuses = [
        APIClient()
        .post(f"{AUTH}/login", {"email": f"p{n}@example.org", "password": "wrong-password-1"}, format="json")
        .status_code
        for n in range(31)
    ]
    assert statuses[-1] == 429 and set(statuses[:20]) == {400}
