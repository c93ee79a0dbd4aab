"""Sign-up limits per address: accepted sign-ups count against SIGNUP_RATE_LIMIT, refused ones apart against the
more generous SIGNUP_FAILED_RATE_LIMIT, and the 429 says in her language when she can try again."""

import re
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.backend.conftest import World
from tests.backend.hardening.test_enumeration_and_rate_limits import _signup_payload

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.44"


def _sign_up(world: World, payload: dict[str, Any], language: str = "en") -> Any:
    return APIClient().post(
        f"/api/v1/programmes/{world.programme_a.id}/signup/",
        payload,
        format="json",
        REMOTE_ADDR=ADDRESS,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def _mistyped(n: int) -> dict[str, Any]:
    payload = _signup_payload(f"typo{n}@example.org")
    payload["account"]["email"] = f"typo{n}-at-example.org"  # not an email address
    return payload


def test_ten_mistyped_sign_ups_do_not_use_up_the_budget(world: World) -> None:
    for n in range(10):
        assert _sign_up(world, _mistyped(n)).status_code == 400
    assert _sign_up(world, _signup_payload("amal@example.org")).status_code == 202


@override_settings(SIGNUP_RATE_LIMIT="3/hour")
def test_the_accepted_limit_still_holds_between_mistakes(world: World) -> None:
    for n in range(3):
        assert _sign_up(world, _mistyped(n)).status_code == 400
        assert _sign_up(world, _signup_payload(f"p{n}@example.org")).status_code == 202
    assert _sign_up(world, _signup_payload("p3@example.org")).status_code == 429


@override_settings(SIGNUP_FAILED_RATE_LIMIT="5/hour")
def test_refused_sign_ups_have_their_own_limit(world: World) -> None:
    statuses = [_sign_up(world, _mistyped(n)).status_code for n in range(6)]
    assert statuses == [400] * 5 + [429]
    # Reaching it pauses sign-up from that address, also a valid one; another address is not affected.
    assert _sign_up(world, _signup_payload("amal@example.org")).status_code == 429
    other = APIClient().post(
        f"/api/v1/programmes/{world.programme_a.id}/signup/",
        _signup_payload("huda@example.org"),
        format="json",
        REMOTE_ADDR="192.0.2.45",
    )
    assert other.status_code == 202


@override_settings(SIGNUP_RATE_LIMIT="1/hour")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Too many sign-ups from this connection. Please try again in 60 minutes."),
        ("de", "Zu viele Anmeldungen von dieser Verbindung. Bitte versuchen Sie es in 60 Minuten erneut."),
        ("ar", "طلبات تسجيل كثيرة جدًا من هذا الاتصال. يُرجى المحاولة مرة أخرى بعد 60 دقيقة."),
        ("uk", "Забагато реєстрацій з цього з’єднання. Спробуйте ще раз через 60 хвилин."),
        ("fr", "Trop d’inscriptions depuis cette connexion. Veuillez réessayer dans 60 minutes."),
    ],
)
def test_the_429_says_in_her_language_when_she_can_try_again(world: World, language: str, words: str) -> None:
    assert _sign_up(world, _signup_payload("amal@example.org")).status_code == 202
    refused = _sign_up(world, _signup_payload("rania@example.org"), language=language)
    assert refused.status_code == 429
    assert 3500 <= int(refused["Retry-After"]) <= 3600
    [error] = refused.json()["errors"]
    assert error["code"] == "throttled"
    # The minutes left are those of Retry-After, rounded up: 60 unless the clock passed a minute in between.
    assert error["detail"] == re.sub(r"60", str(-(-int(refused["Retry-After"]) // 60)), words)


@override_settings(SIGNUP_RATE_LIMIT="1/day")
def test_a_long_wait_is_said_in_hours(world: World) -> None:
    assert _sign_up(world, _signup_payload("amal@example.org")).status_code == 202
    refused = _sign_up(world, _signup_payload("rania@example.org"), language="de")
    assert refused.json()["errors"][0]["detail"].endswith("in 24 Stunden erneut.")
