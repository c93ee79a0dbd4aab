"""A programme's settings through the API: every setting is read with its default, each change is checked in plain
words field by field (400, never a 500), saved and recorded in the audit trail; group sizes feed new rounds."""

from typing import Any

import pytest

from privacy.models import AuditEvent
from programmes.models import Programme
from tests.backend.conftest import World

pytestmark = pytest.mark.django_db


def _settings(client: Any, programme: Programme) -> Any:
    return client.get(f"/api/v1/programmes/{programme.id}/settings/")


def _patch(client: Any, programme: Programme, body: dict[str, Any]) -> Any:
    return client.patch(f"/api/v1/programmes/{programme.id}/", body, format="json")


def test_the_settings_show_every_default_to_its_coordinators_only(client_for: Any, world: World) -> None:
    response = _settings(client_for(world.coordinator_a), world.programme_a)
    assert response.status_code == 200
    data = response.json()
    assert data["weights"] == {"language": 0.2, "sector": 0.25, "goals": 0.25, "place": 0.15, "availability": 0.15}
    assert data["min_language_level"] == "B1" and data["min_score"] == 0.0
    assert data["offer_expiry_days"] == 7 and data["match_duration_days"] == 180
    assert data["retention_inactive_days"] == 730 and data["retention_grace_days"] == 30
    assert data["message_retention_months"] == 6
    assert data["group_min_size"] is None and data["language_levels"][0] == "A1"
    network = _settings(client_for(world.coordinator_b), world.programme_b).json()
    assert (network["group_min_size"], network["group_max_size"]) == (4, 8)
    # another programme's coordinator, a participant, nobody: the unknown-id answer
    assert _settings(client_for(world.coordinator_b), world.programme_a).status_code == 404
    assert _settings(client_for(world.mentee_a.membership.user), world.programme_a).status_code == 404
    assert _settings(client_for(None), world.programme_a).status_code == 403


@pytest.mark.parametrize(
    ("body", "attr", "words"),
    [
        ({"offer_expiry_days": 0}, "offer_expiry_days", "from 1 to 60"),
        ({"offer_expiry_days": 61}, "offer_expiry_days", "from 1 to 60"),
        ({"offer_expiry_days": "soon"}, "offer_expiry_days", "from 1 to 60"),
        ({"match_duration_days": 6}, "match_duration_days", "from 7 to 730"),
        ({"retention_inactive_days": 29}, "retention_inactive_days", "from 30 to 3650"),
        ({"retention_grace_days": 366}, "retention_grace_days", "from 7 to 365"),
        ({"message_retention_months": 0}, "message_retention_months", "months from 1 to 60"),
        ({"languages": []}, "languages", "at least one language"),
        ({"languages": ["de", "klingon"]}, "languages", "“klingon” is not a language code"),
        ({"min_score": 1.5}, "min_score", "from 0 to 1"),
        ({"min_language_level": "Z9"}, "min_language_level", "“Z9” is not a language level"),
        ({"weights": {"beauty": 0.5}}, "weights", "“beauty” is not a part of the score"),
        ({"weights": {"language": -0.1}}, "weights.language", "weight from 0 to 1"),
        ({"weights": {"language": 2}}, "weights.language", "weight from 0 to 1"),
        (
            {"weights": {"language": 0, "sector": 0, "goals": 0, "place": 0, "availability": 0}},
            "weights",
            "At least one weight must be above 0",
        ),
        ({"group_min_size": 4}, "group_min_size", "a setting of peer networks"),
    ],
)
def test_a_bad_setting_is_named_in_plain_words(
    client_for: Any, world: World, body: dict[str, Any], attr: str, words: str
) -> None:
    before = Programme.objects.get(pk=world.programme_a.pk)
    response = _patch(client_for(world.coordinator_a), world.programme_a, body)
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert [error["attr"] for error in errors] == [attr]
    assert words in errors[0]["detail"]
    after = Programme.objects.get(pk=world.programme_a.pk)
    assert (after.matching_settings, after.languages, after.offer_expiry_days) == (
        before.matching_settings,
        before.languages,
        before.offer_expiry_days,
    )


@pytest.mark.parametrize(
    ("body", "attr", "words"),
    [
        ({"group_min_size": 9}, "group_min_size", "smallest group cannot be larger than the largest"),
        ({"group_min_size": 6, "group_max_size": 5}, "group_max_size", "smallest group cannot be larger"),
        ({"group_max_size": 31}, "group_max_size", "group size from 2 to 30 people"),
        ({"weights": {"language": 1}}, "weights", "settings of mentoring programmes"),
    ],
)
def test_a_bad_network_setting_is_named(
    client_for: Any, world: World, body: dict[str, Any], attr: str, words: str
) -> None:
    response = _patch(client_for(world.coordinator_b), world.programme_b, body)
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert [error["attr"] for error in errors] == [attr] and words in errors[0]["detail"]


def test_every_setting_is_saved_and_recorded(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_a)
    body = {
        "languages": ["de", "ar", "uk"],
        "signup_open": False,
        "offer_expiry_days": 10,
        "match_duration_days": 90,
        "retention_inactive_days": None,
        "retention_grace_days": 60,
        "message_retention_months": 12,
        "min_language_level": "B2",
        "min_score": 0.3,
        "weights": {"language": 0.5},
    }
    assert _patch(client, world.programme_a, body).status_code == 200
    data = _settings(client, world.programme_a).json()
    assert {key: data[key] for key in body if key != "weights"} == {k: v for k, v in body.items() if k != "weights"}
    # only the part given changes; the others keep theirs
    assert data["weights"] == {"language": 0.5, "sector": 0.25, "goals": 0.25, "place": 0.15, "availability": 0.15}
    event = AuditEvent.objects.get(action="programme.settings_change", programme=world.programme_a)
    assert event.actor == world.coordinator_a
    assert event.detail["offer_expiry_days"] == [7, 10]
    assert event.detail["retention_inactive_days"] == [730, None]
    assert event.detail["weights"][1]["language"] == 0.5
    assert "match_duration_days" in event.detail and "signup_open" in event.detail
    # the same values again change nothing, and nothing is recorded
    assert _patch(client, world.programme_a, body).status_code == 200
    assert AuditEvent.objects.filter(action="programme.settings_change").count() == 1


def test_a_network_s_group_sizes_are_the_default_of_its_next_round(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_b)
    assert _patch(client, world.programme_b, {"group_min_size": 3, "group_max_size": 5}).status_code == 200
    assert (_settings(client, world.programme_b).json()["group_max_size"]) == 5
    response = client.post(f"/api/v1/programmes/{world.programme_b.id}/rounds/", {"name": "Spring"}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["min_size"], response.json()["max_size"]) == (3, 5)
    # a size given by the round wins
    response = client.post(
        f"/api/v1/programmes/{world.programme_b.id}/rounds/", {"name": "Autumn", "max_size": 6}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["min_size"], response.json()["max_size"]) == (3, 6)
    # a largest size below the network's smallest takes the smallest down with it
    response = client.post(
        f"/api/v1/programmes/{world.programme_b.id}/rounds/", {"name": "Winter", "max_size": 2}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["min_size"], response.json()["max_size"]) == (2, 2)


def test_sign_up_cannot_reopen_a_closed_programme(client_for: Any, world: World) -> None:
    from django.utils import timezone

    Programme.objects.filter(pk=world.programme_a.pk).update(closed_at=timezone.now(), signup_open=False)
    response = _patch(client_for(world.coordinator_a), world.programme_a, {"signup_open": True})
    assert response.status_code == 409 and "closed" in response.json()["errors"][0]["detail"]


def test_weights_stored_in_part_show_what_the_engine_reads(client_for: Any, world: World) -> None:
    """Set before this page existed (the Django admin): a part missing from stored weights weighs 0 in a run."""
    Programme.objects.filter(pk=world.programme_a.pk).update(matching_settings={"weights": {"language": 1}})
    client = client_for(world.coordinator_a)
    assert _settings(client, world.programme_a).json()["weights"] == {
        "language": 1.0,
        "sector": 0.0,
        "goals": 0.0,
        "place": 0.0,
        "availability": 0.0,
    }
    assert _patch(client, world.programme_a, {"weights": {"place": 0.5}}).status_code == 200
    assert Programme.objects.get(pk=world.programme_a.pk).matching_settings["weights"] == {
        "language": 1.0,
        "sector": 0.0,
        "goals": 0.0,
        "place": 0.5,
        "availability": 0.0,
    }
