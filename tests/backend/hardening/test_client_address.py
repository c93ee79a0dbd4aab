"""One client address for every limit: a forged X-Forwarded-For opens no new budget, behind no proxy (the header
is not read at all) and behind trusted proxies (only the address the outermost trusted proxy appended counts)."""

from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from config.settings.allauth import ACCOUNT_RATE_LIMITS
from tests.backend.conftest import World
from tests.backend.factories import PASSWORD, UserFactory
from tests.backend.hardening.conftest import AUTH
from tests.backend.hardening.test_enumeration_and_rate_limits import _signup_payload

pytestmark = pytest.mark.django_db

CLIENT = "203.0.113.7"
PROXY = "10.0.0.2"


def _connection(attempt: int, proxies: int) -> dict[str, str]:
    """What reaches the app on attempt ``attempt`` from one client who writes a new X-Forwarded-For each time."""
    forged = f"198.51.100.{attempt + 1}"
    if proxies == 0:
        return {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": forged}
    # The proxy appends the address it was reached from to whatever the client sent.
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, {CLIENT}"}


def _other_client(proxies: int) -> dict[str, str]:
    """Another person: another connection, or behind the proxy another address the proxy appended."""
    if proxies == 0:
        return {"REMOTE_ADDR": "203.0.113.99"}
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.99"}


def _codes(response: Any) -> list[str]:
    return [error.get("code", "") for error in response.json().get("errors", [])]


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_forwarded_header_does_not_bypass_the_sign_up_limit(world: World, proxies: int) -> None:
    url = f"/api/v1/programmes/{world.programme_a.id}/signup/"
    with override_settings(SIGNUP_RATE_LIMIT="3/hour", TRUSTED_PROXY_COUNT=proxies):
        statuses = [
            APIClient()
            .post(url, _signup_payload(f"p{n}@example.org"), format="json", **_connection(n, proxies))
            .status_code
            for n in range(4)
        ]
        assert statuses == [202, 202, 202, 429]
        # Another person has her own budget.
        other = APIClient().post(url, _signup_payload("p9@example.org"), format="json", **_other_client(proxies))
        assert other.status_code == 202


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_forwarded_header_does_not_bypass_the_login_lockout(proxies: int) -> None:
    user = UserFactory()
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        answers = [
            APIClient().post(
                f"{AUTH}/login",
                {"email": user.email, "password": "wrong-password-123"},
                format="json",
                **_connection(n, proxies),
            )
            for n in range(5)
        ]
        assert all(a.status_code == 400 and "too_many_login_attempts" not in _codes(a) for a in answers)
        locked = APIClient().post(
            f"{AUTH}/login", {"email": user.email, "password": PASSWORD}, format="json", **_connection(5, proxies)
        )
        assert "too_many_login_attempts" in _codes(locked)
        # Her account from another person's address is not locked (behind the proxy too: not one shared address).
        other = APIClient().post(
            f"{AUTH}/login", {"email": user.email, "password": PASSWORD}, format="json", **_other_client(proxies)
        )
        assert other.status_code == 200


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_forwarded_header_does_not_bypass_allauths_limits(proxies: int) -> None:
    with override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS, TRUSTED_PROXY_COUNT=proxies):
        statuses = [
            APIClient()
            .post(f"{AUTH}/password/request", {"email": f"p{n}@example.org"}, format="json", **_connection(n, proxies))
            .status_code
            for n in range(21)
        ]
        other = APIClient().post(
            f"{AUTH}/password/request", {"email": "p99@example.org"}, format="json", **_other_client(proxies)
        )
    assert statuses == [200] * 20 + [429]
    assert other.status_code == 200


def test_behind_one_proxy_a_connection_from_elsewhere_is_not_trusted_when_the_proxy_networks_are_set(
    world: World,
) -> None:
    url = f"/api/v1/programmes/{world.programme_a.id}/signup/"
    with override_settings(SIGNUP_RATE_LIMIT="2/hour", TRUSTED_PROXY_COUNT=1, TRUSTED_PROXY_NETWORKS=["10.0.0.0/24"]):
        # A client reaching the app directly, around the proxy, writes a new header each time: her own address counts.
        statuses = [
            APIClient()
            .post(
                url,
                _signup_payload(f"d{n}@example.org"),
                format="json",
                REMOTE_ADDR=CLIENT,
                HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
            )
            .status_code
            for n in range(3)
        ]
    assert statuses == [202, 202, 429]


def test_the_admins_staff_network_is_checked_on_the_address_the_proxy_vouches_for() -> None:
    with override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16"], TRUSTED_PROXY_COUNT=1):
        # The client claims a staff address; the proxy appended her real one.
        forged = APIClient().get("/admin/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"10.20.3.4, {CLIENT}")
        assert forged.status_code == 404
        staff = APIClient().get("/admin/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="10.20.3.4")
        assert staff.status_code != 404
    with override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16"], TRUSTED_PROXY_COUNT=0):
        assert APIClient().get("/admin/", REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR="10.20.3.4").status_code == 404
