"""Lockout per (account, address): after 5 failed logins the next are refused, also 50 guesses sent at once."""

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.lockout import login_attempt_begin
from tests.backend.factories import PASSWORD, UserFactory
from tests.backend.hardening.conftest import AUTH

LOCKED = "too_many_login_attempts"


def login(email: str, password: str, address: str = "192.0.2.10") -> Any:
    return APIClient().post(f"{AUTH}/login", {"email": email, "password": password}, format="json", REMOTE_ADDR=address)


def codes(response: Any) -> list[str]:
    return [error.get("code", "") for error in response.json().get("errors", [])]


@pytest.mark.django_db
def test_the_sixth_attempt_is_refused_even_with_the_right_password() -> None:
    user = UserFactory()
    for _ in range(5):
        response = login(user.email, "wrong-password-123")
        assert response.status_code == 400 and LOCKED not in codes(response)
    locked = login(user.email, PASSWORD)
    assert locked.status_code == 400 and LOCKED in codes(locked)
    # Another address is not locked out, nor another account from the same address.
    assert login(user.email, PASSWORD, address="198.51.100.4").status_code == 200
    assert LOCKED not in codes(login("someone.else@example.org", "wrong-password-123"))


@pytest.mark.django_db
def test_an_unknown_account_is_locked_out_the_same_way() -> None:
    answers = [login("nobody@example.org", "wrong-password-123") for _ in range(6)]
    assert [LOCKED in codes(a) for a in answers] == [False] * 5 + [True]
    user = UserFactory()
    known = [login(user.email, "wrong-password-123") for _ in range(6)]
    assert [(a.status_code, codes(a)) for a in known] == [(a.status_code, codes(a)) for a in answers]


@pytest.mark.django_db
def test_a_successful_login_clears_the_count() -> None:
    user = UserFactory()
    for _ in range(4):
        login(user.email, "wrong-password-123")
    assert login(user.email, PASSWORD).status_code == 200
    for _ in range(5):
        assert LOCKED not in codes(login(user.email, "wrong-password-123"))


def test_the_counter_lets_exactly_five_of_fifty_concurrent_attempts_through() -> None:
    results: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def attempt() -> None:
        start.wait()
        allowed = login_attempt_begin(email="Target@example.org", address="192.0.2.99")
        with lock:
            results.append(allowed)

    threads = [threading.Thread(target=attempt) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(results) == {True: 5, False: 45}


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_wrong_guesses_through_the_api_reach_the_password_check_five_times() -> None:
    user = UserFactory()
    answers: list[list[str]] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def guess(n: int) -> None:
        try:
            start.wait()
            response = login(user.email, f"wrong-guess-{n}")
            with lock:
                answers.append(codes(response))
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 50
    assert sum(LOCKED in c for c in answers) == 45
    # And the right password is refused now, too.
    assert LOCKED in codes(login(user.email, PASSWORD))
