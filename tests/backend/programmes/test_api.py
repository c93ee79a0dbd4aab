"""Programmes and reference data as anonymous people, members and coordinators see them."""

from typing import Any

import pytest

from tests.backend.conftest import World

pytestmark = pytest.mark.django_db


def test_anonymous_sees_only_open_programmes(api: Any, world: World) -> None:
    response = api.get("/api/v1/programmes/")
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert names == ["Jobs Berlin", "Peer network"]
    assert api.get(f"/api/v1/programmes/{world.closed.id}/").status_code == 404
    assert api.get(f"/api/v1/programmes/{world.programme_a.id}/").json()["consent_version"] == "1"


def test_members_also_see_their_closed_programme(client_for: Any, world: World) -> None:
    world.closed.memberships.create(user=world.coordinator_a, role="coordinator")
    names = [row["name"] for row in client_for(world.coordinator_a).get("/api/v1/programmes/").json()["results"]]
    assert "Closed pilot" in names
    assert client_for(world.coordinator_b).get(f"/api/v1/programmes/{world.closed.id}/").status_code == 404


def test_only_the_coordinator_changes_a_programme(client_for: Any, world: World) -> None:
    url = f"/api/v1/programmes/{world.programme_a.id}/"
    change = {"signup_open": False, "offer_expiry_days": 10}
    assert client_for(world.coordinator_b).patch(url, change, format="json").status_code == 404
    assert client_for(world.mentee_a.membership.user).patch(url, change, format="json").status_code == 404
    response = client_for(world.coordinator_a).patch(url, change, format="json")
    assert response.status_code == 200
    assert response.json()["signup_open"] is False and response.json()["offer_expiry_days"] == 10
    bad = client_for(world.coordinator_a).patch(url, {"offer_expiry_days": 0}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["attr"] == "offer_expiry_days"


@pytest.mark.parametrize(
    ("language", "code", "label"),
    [("en", "86", "Human health activities"), ("de", "86", "Gesundheitswesen"), ("ar", "Q", None)],
)
def test_sectors_are_labelled_in_the_request_language(api: Any, language: str, code: str, label: str | None) -> None:
    response = api.get("/api/v1/reference/sectors/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    items = {item["code"]: item for item in response.json()}
    assert len([i for i in items.values() if i["parent"] is None]) == 21
    assert len([i for i in items.values() if i["parent"] is not None]) == 88
    assert items["86"]["parent"] == "Q"
    if label:
        assert items[code]["label"] == label
    else:
        assert any("\u0600" <= ch <= "\u06ff" for ch in items[code]["label"])  # Arabic script


def test_languages_and_goals_are_labelled(api: Any) -> None:
    languages = {
        item["code"]: item["label"]
        for item in api.get("/api/v1/reference/languages/", HTTP_ACCEPT_LANGUAGE="de").json()
    }
    assert languages["ar"] == "Arabisch"
    assert {"ti", "fa", "uk", "prs", "ckb"} <= set(languages)
    goals = api.get("/api/v1/reference/goals/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert {"job_search", "recognition_of_qualifications"} <= {goal["code"] for goal in goals}
    assert all(goal["label"] and goal["icon"] for goal in goals)
    for name in ("topics", "worker-roles", "decline-reasons", "end-reasons"):
        assert api.get(f"/api/v1/reference/{name}/").status_code == 200
