"""Peer groups show a member's contact details only while her consent to share them is in force."""

from typing import Any

from rest_framework.test import APIClient

from tests.backend.peers.conftest import Network, network  # noqa: F401 (the peers fixture)
from tests.backend.peers.test_api import publish


def test_withdrawing_contact_sharing_hides_a_workers_email_from_her_group(
    as_user: Any,
    network: Network,  # noqa: F811
) -> None:
    sharer = network.workers[1]
    shared = as_user(sharer).patch(f"/api/v1/profiles/{sharer.pk}/", {"share_email": True}, format="json")
    assert shared.status_code == 200  # ticking "share my email" records her consent to share contacts
    round = network.open_round(min_size=12, max_size=12, min_distinct_cities=1)
    publish(network, round)
    reader = as_user(network.workers[0])
    email = sharer.membership.user.email
    assert email in str(reader.get("/api/v1/groups/").json())

    withdrawn = as_user(sharer).post(
        "/api/v1/me/consents/withdraw/",
        {"programme": str(network.programme.pk), "purpose": "contact_sharing"},
        format="json",
    )
    assert withdrawn.status_code == 200
    assert email not in str(reader.get("/api/v1/groups/").json())


def test_a_worker_who_joins_without_saying_shares_nothing_with_her_group(
    as_user: Any,
    network: Network,  # noqa: F811
) -> None:
    # Issue 10, item 6: a missing sharing field means "not shared", for email and phone alike.
    joining = APIClient()
    body = {
        "role": "frontline_worker",
        "account": {
            "email": "nadia@example.org",
            "password": "a-long-passphrase-2026",
            "display_name": "Nadia",
            "phone": "+32 470 12 34 56",
        },
        "profile": {
            "languages": [{"code": "en", "level": "C1"}],
            "city": "Liège",
            "country": "BE",
            "organisation": "Red Cross",
            "worker_role": "social_worker",
            "topics_interest": ["mental_health"],
        },
        "consent": {"given": True, "version": "1"},
    }
    response = joining.post(f"/api/v1/programmes/{network.programme.pk}/signup/", body, format="json")
    assert response.status_code == 202, response.json()
    profile_id = joining.get("/api/v1/me/").json()["memberships"][0]["profile"]
    mine = joining.get(f"/api/v1/profiles/{profile_id}/").json()
    assert (mine["share_email"], mine["share_phone"]) == (False, False)
    states = {row["purpose"]: row["consent_state"] for row in joining.get("/api/v1/me/consents/").json()}
    assert states["contact_sharing"] == "not_given"

    round = network.open_round(min_size=13, max_size=13, min_distinct_cities=1)
    publish(network, round)
    members = as_user(network.workers[0]).get("/api/v1/groups/").json()["results"][0]["members"]
    [nadia] = [member for member in members if member["name"] == "Nadia"]
    assert (nadia["email"], nadia["phone"]) == (None, None)
    assert "nadia@example.org" not in str(members) and "470 12 34 56" not in str(members)
