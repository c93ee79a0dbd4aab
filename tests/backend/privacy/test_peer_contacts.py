"""Peer groups show a member's contact details only while her consent to share them is in force."""

from typing import Any

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
