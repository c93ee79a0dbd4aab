"""Who may read and change which profile and participant list."""

from typing import Any

import pytest

from tests.backend.conftest import World

pytestmark = pytest.mark.django_db


def test_mentee_reads_and_updates_her_own_profile(client_for: Any, world: World) -> None:
    client = client_for(world.mentee_a.membership.user)
    url = f"/api/v1/profiles/{world.mentee_a.id}/"
    assert client.get(url).status_code == 200
    response = client.patch(url, {"languages": [{"code": "uk", "level": "B2"}], "city": "Potsdam"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["languages"] == [{"code": "uk", "level": "B2"}]
    assert response.json()["city"] == "Potsdam"
    assert client.get("/api/v1/profiles/").json()[0]["id"] == str(world.mentee_a.id)


def test_mentee_cannot_read_or_change_another_persons_profile(client_for: Any, world: World) -> None:
    client = client_for(world.mentee_a.membership.user)
    for other in (world.other_mentee_a, world.mentor_a, world.mentee_b):
        url = f"/api/v1/profiles/{other.id}/"
        assert client.get(url).status_code == 404
        assert client.patch(url, {"city": "Nowhere"}, format="json").status_code == 404
        other.refresh_from_db()
        assert other.city != "Nowhere"


def test_profile_update_rejects_bad_values_and_keeps_the_old_ones(client_for: Any, world: World) -> None:
    client = client_for(world.mentor_a.membership.user)
    url = f"/api/v1/profiles/{world.mentor_a.id}/"
    response = client.patch(url, {"capacity": 0, "languages": [{"code": "qq", "level": "B1"}]}, format="json")
    assert response.status_code == 400
    fields = {error["attr"] for error in response.json()["errors"]}
    assert fields == {"capacity", "languages.0.code"}
    world.mentor_a.refresh_from_db()
    assert world.mentor_a.capacity == 2
    assert sorted(world.mentor_a.languages.values_list("language", flat=True)) == ["ar", "de"]


def test_mentee_cannot_set_a_capacity(client_for: Any, world: World) -> None:
    response = client_for(world.mentee_a.membership.user).patch(
        f"/api/v1/profiles/{world.mentee_a.id}/", {"capacity": 3}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "capacity"


def test_coordinator_lists_filters_and_searches_her_programmes_participants(
    client_for: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world.coordinator_a)
    url = f"/api/v1/programmes/{world.programme_a.id}/participants/"
    with django_assert_max_num_queries(8):
        everyone = client.get(url)
    assert everyone.status_code == 200
    assert everyone.json()["count"] == 3
    ids = {row["id"] for row in everyone.json()["results"]}
    assert ids == {str(world.mentee_a.id), str(world.other_mentee_a.id), str(world.mentor_a.id)}
    assert client.get(url, {"role": "mentor"}).json()["count"] == 1
    assert client.get(url, {"language": "ar"}).json()["count"] == 3
    assert client.get(url, {"language": "sv"}).json()["count"] == 0
    assert client.get(url, {"sector": "Q"}).json()["count"] == 3  # the section finds its division 86
    assert client.get(url, {"verified": "false", "role": "mentor"}).json()["count"] == 1
    name = world.other_mentee_a.membership.user.display_name
    found = client.get(url, {"search": name}).json()["results"]
    assert [row["id"] for row in found] == [str(world.other_mentee_a.id)]


def test_participant_list_does_not_grow_queries_with_rows(
    client_for: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    from programmes.models import Role
    from tests.backend.factories import MembershipFactory, ProfileFactory

    for _ in range(15):
        ProfileFactory(membership=MembershipFactory(programme=world.programme_a, role=Role.MENTEE))
    with django_assert_max_num_queries(8):
        response = client_for(world.coordinator_a).get(f"/api/v1/programmes/{world.programme_a.id}/participants/")
    assert response.json()["count"] == 18


def test_coordinator_of_another_programme_sees_nothing(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_b)
    assert client.get(f"/api/v1/programmes/{world.programme_a.id}/participants/").status_code == 404
    assert client.get(f"/api/v1/profiles/{world.mentee_a.id}/").status_code == 404
    assert client.post(f"/api/v1/profiles/{world.mentor_a.id}/verify/").status_code == 404
    own = client.get(f"/api/v1/programmes/{world.programme_b.id}/participants/")
    assert [row["id"] for row in own.json()["results"]] == [str(world.mentee_b.id)]


def test_coordinator_verifies_a_mentor_but_not_a_mentee(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_a)
    response = client.post(f"/api/v1/profiles/{world.mentor_a.id}/verify/")
    assert response.status_code == 200
    assert response.json()["verified"] is True
    world.mentor_a.refresh_from_db()
    assert world.mentor_a.verified_by == world.coordinator_a
    refused = client.post(f"/api/v1/profiles/{world.mentee_a.id}/verify/")
    assert refused.status_code == 400


def test_mentor_cannot_verify_himself(client_for: Any, world: World) -> None:
    response = client_for(world.mentor_a.membership.user).post(f"/api/v1/profiles/{world.mentor_a.id}/verify/")
    assert response.status_code == 404
    world.mentor_a.refresh_from_db()
    assert world.mentor_a.verified_at is None
