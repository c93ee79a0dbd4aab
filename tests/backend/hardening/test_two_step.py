"""Two-step verification: coordinators' API actions and the admin need a session that passed a TOTP code."""

from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.backend.conftest import World
from tests.backend.factories import PASSWORD, UserFactory
from tests.backend.hardening.conftest import AUTH, add_totp, full_login, password_login, totp_code

pytestmark = pytest.mark.django_db


def runs_url(world: World) -> str:
    return f"/api/v1/programmes/{world.programme_a.id}/runs/"


def test_coordinator_without_totp_is_told_plainly_to_set_it_up(world: World) -> None:
    client = APIClient()
    assert password_login(client, world.coordinator_a).status_code == 200  # no authenticator: no code asked
    refused = client.get(runs_url(world))
    assert refused.status_code == 403
    error = refused.json()["errors"][0]
    assert error["code"] == "two_step_required"
    assert "Set up an authenticator app" in error["detail"]
    # Who she is stays reachable, so the web app can lead her to the set-up.
    me = client.get("/api/v1/me/").json()
    assert me["two_step"] == {"required": True, "enabled": False, "passed": False}


@pytest.mark.django_db(transaction=True)  # allauth records the step after its own transaction commits
def test_setting_up_totp_in_the_session_passes_two_step(world: World) -> None:
    client = APIClient()
    password_login(client, world.coordinator_a)
    setup = client.get("/_allauth/browser/v1/account/authenticators/totp")
    assert setup.status_code == 404  # allauth: not set up yet, here is a secret
    secret = setup.json()["meta"]["secret"]
    # allauth asks for the password again before an authenticator is added.
    assert client.post(f"{AUTH}/reauthenticate", {"password": PASSWORD}, format="json").status_code == 200
    activated = client.post(
        "/_allauth/browser/v1/account/authenticators/totp", {"code": totp_code(secret)}, format="json"
    )
    assert activated.status_code == 200, activated.json()
    assert client.get(runs_url(world)).status_code == 200
    assert client.get("/api/v1/me/").json()["two_step"] == {"required": True, "enabled": True, "passed": True}


def test_coordinator_login_asks_for_the_code_and_then_acts(world: World) -> None:
    add_totp(world.coordinator_a)
    client = APIClient()
    pending = password_login(client, world.coordinator_a)
    assert pending.status_code == 401
    assert [f["id"] for f in pending.json()["data"]["flows"] if f.get("is_pending")] == ["mfa_authenticate"]
    assert client.get(runs_url(world)).status_code == 403  # not logged in until the code
    wrong = client.post(f"{AUTH}/2fa/authenticate", {"code": "000000"}, format="json")
    assert wrong.status_code == 400
    ok = client.post(f"{AUTH}/2fa/authenticate", {"code": totp_code()}, format="json")
    assert ok.status_code == 200, ok.json()
    assert client.get(runs_url(world)).status_code == 200


def test_a_password_only_session_of_a_coordinator_with_totp_is_refused(world: World) -> None:
    add_totp(world.coordinator_a)
    client = APIClient()
    client.force_login(world.coordinator_a)  # a session without the TOTP step
    refused = client.get(runs_url(world))
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["code"] == "two_step_required"
    assert "enter the code from your authenticator app" in refused.json()["errors"][0]["detail"]


def test_forced_logins_are_checked_too_without_the_test_shortcut(
    client_for: Any, world: World, enforce_two_step: None
) -> None:
    refused = client_for(world.coordinator_a).post(runs_url(world), {"mode": "optimal"}, format="json")
    assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "two_step_required"
    # Participants are not asked for a code.
    assert client_for(world.mentee_a.membership.user).get("/api/v1/matches/").status_code == 200


def test_participants_log_in_with_a_password_only(world: World) -> None:
    client = APIClient()
    assert password_login(client, world.mentee_a.membership.user).status_code == 200
    assert client.get("/api/v1/matches/").status_code == 200
    assert client.get("/api/v1/me/").json()["two_step"] == {"required": False, "enabled": False, "passed": False}


class TestAdmin:
    def test_anonymous_and_participants_are_refused(self, world: World) -> None:
        assert APIClient().get("/admin/").status_code == 403
        client = APIClient()
        client.force_login(world.mentee_a.membership.user)
        assert client.get("/admin/").status_code == 403

    def test_the_password_only_admin_login_form_is_not_offered(self) -> None:
        staff = UserFactory(is_staff=True, is_superuser=True)
        response = APIClient().post("/admin/login/", {"username": staff.email, "password": "x"})
        assert response.status_code == 403

    def test_staff_need_the_totp_step(self) -> None:
        staff = UserFactory(is_staff=True, is_superuser=True)
        client = APIClient()
        client.force_login(staff)
        refused = client.get("/admin/")
        assert refused.status_code == 403 and b"two-step verification" in refused.content
        add_totp(staff)
        assert full_login(staff).get("/admin/").status_code == 200

    def test_admin_answers_only_from_the_staff_network_when_configured(self) -> None:
        staff = UserFactory(is_staff=True, is_superuser=True)
        add_totp(staff)
        client = full_login(staff)
        with override_settings(ADMIN_ALLOWED_NETWORKS=["10.20.0.0/16"]):
            assert client.get("/admin/", REMOTE_ADDR="192.0.2.7").status_code == 404
            assert client.get("/admin/", REMOTE_ADDR="10.20.3.4").status_code == 200


@pytest.mark.parametrize("who", ["participant", "coordinator", "organisation_admin", "staff", "left_coordinator"])
def test_me_says_two_step_is_required_exactly_when_the_api_requires_it(world: World, who: str) -> None:
    """/me/ works out "required" from what it reads anyway (memberships, admin roles); it must agree with the
    check every other route makes."""
    from accounts.two_step import requires_two_step
    from tests.backend.factories import MembershipFactory, OrganisationAdminFactory

    user = UserFactory()
    if who == "participant":
        MembershipFactory(user=user, programme=world.programme_a, role="mentee")
    elif who in ("coordinator", "left_coordinator"):
        MembershipFactory(user=user, programme=world.programme_a, role="coordinator")
        if who == "left_coordinator":
            user.memberships.update(left_at=world.programme_a.created_at)
    elif who == "organisation_admin":
        OrganisationAdminFactory(user=user, organisation=world.programme_a.organisation)
    else:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client = APIClient()
    client.force_login(user)
    two_step = client.get("/api/v1/me/").json()["two_step"]
    assert two_step["required"] is requires_two_step(user) is (who != "participant")
