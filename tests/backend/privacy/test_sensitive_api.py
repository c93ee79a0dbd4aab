"""Sensitive attributes: encrypted at rest, readable by her and her coordinators only, every read logged, and
never in any response to a mentor or employer, in any state of a match."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from mentoring.models import MatchState
from privacy.models import AuditEvent, SensitiveAttributes
from privacy.sensitive import SENSITIVE_CODES, SENSITIVE_FIELD_NAMES
from tests.backend.privacy.conftest import Privacy


def _raw_codes(user_id: Any) -> str:
    with connection.cursor() as cursor:
        table = SensitiveAttributes._meta.db_table
        cursor.execute(f"SELECT codes FROM {table} WHERE user_id = %s", [user_id.hex])
        row = cursor.fetchone()
    if row is None:  # PostgreSQL stores the uuid as a uuid, SQLite as hex
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT codes FROM {table} WHERE user_id = %s", [str(user_id)])
            row = cursor.fetchone()
    assert row is not None
    return str(row[0])


def test_the_attribute_is_not_readable_in_the_raw_database_row(privacy: Privacy) -> None:
    raw = _raw_codes(privacy.mentee.membership.user_id)
    assert raw.startswith("gAAAA")  # a Fernet token
    for code in ("gbv_survivor", "children_school_hours", "gbv", "survivor"):
        assert code not in raw
    assert SensitiveAttributes.objects.get(user=privacy.mentee.membership.user).codes == [
        "children_school_hours",
        "gbv_survivor",
    ]


def test_keys_rotate_new_key_first_old_key_still_reads(privacy: Privacy) -> None:
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    row = SensitiveAttributes.objects.get(user=privacy.mentee.membership.user)
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[old]):
        row.save()
        written_with_old = _raw_codes(privacy.mentee.membership.user_id)
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[new, old]):
        assert SensitiveAttributes.objects.get(pk=row.pk).codes == ["children_school_hours", "gbv_survivor"]
        call_command("privacy_rotate_keys", verbosity=0)
        assert _raw_codes(privacy.mentee.membership.user_id) != written_with_old
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[new]):
        assert SensitiveAttributes.objects.get(pk=row.pk).codes == ["children_school_hours", "gbv_survivor"]
    with override_settings(PRIVACY_ENCRYPTION_KEYS=[old]), pytest.raises(ImproperlyConfigured):
        SensitiveAttributes.objects.get(pk=row.pk)  # the old key alone no longer reads it


def test_she_reads_and_changes_her_own_and_each_read_is_logged(as_user: Any, privacy: Privacy) -> None:
    client = as_user(privacy.mentee)
    before = AuditEvent.objects.filter(action="sensitive.read").count()
    mine = client.get("/api/v1/me/sensitive-attributes/").json()
    assert sorted(mine["sensitive_attributes"]) == ["children_school_hours", "gbv_survivor"]
    assert {o["code"] for o in mine["options"]} == SENSITIVE_CODES
    assert all(set(o["labels"]) == {"en", "de", "fr", "ar", "uk"} for o in mine["options"])
    assert mine["used_for_matching_in"] == [str(privacy.programme.pk)]
    updated = client.put(
        "/api/v1/me/sensitive-attributes/", {"sensitive_attributes": ["lgbtqi_identity"]}, format="json"
    )
    assert updated.status_code == 200 and updated.json()["sensitive_attributes"] == ["lgbtqi_identity"]
    bad = client.put("/api/v1/me/sensitive-attributes/", {"sensitive_attributes": ["astrology"]}, format="json")
    assert bad.status_code == 400
    assert (
        client.put("/api/v1/me/sensitive-attributes/", {"sensitive_attributes": []}, format="json").status_code == 200
    )
    assert not SensitiveAttributes.objects.filter(user=privacy.mentee.membership.user).exists()
    assert AuditEvent.objects.filter(action="sensitive.read").count() == before + 1


def test_coordinators_of_her_programme_read_them_and_each_read_is_logged(as_user: Any, privacy: Privacy) -> None:
    url = f"/api/v1/profiles/{privacy.mentee.pk}/sensitive-attributes/"
    for _ in range(2):
        response = as_user(privacy.coordinator).get(url)
        assert response.status_code == 200
        assert sorted(response.json()["sensitive_attributes"]) == ["children_school_hours", "gbv_survivor"]
    reads = AuditEvent.objects.filter(action="sensitive.read", actor=privacy.coordinator)
    assert reads.count() == 2
    assert all(
        r.target_id == str(privacy.mentee.membership.user_id) and r.programme == privacy.programme for r in reads
    )
    assert all("gbv" not in str(r.detail) + r.reason for r in reads)
    for stranger in (privacy.other_coordinator, privacy.mentor, privacy.other_mentee, privacy.outsider):
        assert as_user(stranger).get(url).status_code == 404
    assert AuditEvent.objects.filter(action="sensitive.read").count() == 2


def test_a_matching_run_reading_them_is_logged(as_user: Any, privacy: Privacy) -> None:
    as_user(privacy.coordinator).get(f"/api/v1/profiles/{privacy.mentee.pk}/recommendations/")
    assert AuditEvent.objects.filter(action="sensitive.use_for_matching", programme=privacy.programme).exists()


def _contains_sensitive(payload: Any) -> list[str]:
    text = str(payload)
    return [word for word in (*SENSITIVE_CODES, *SENSITIVE_FIELD_NAMES, "support:") if word in text]


@pytest.mark.parametrize("side", ["mentor", "employer"])
@pytest.mark.parametrize("state", [MatchState.OFFERED, MatchState.ACTIVE, MatchState.CLOSED, MatchState.DECLINED])
def test_mentors_never_get_sensitive_data_in_any_match_state(
    as_user: Any, privacy: Privacy, state: str, side: str
) -> None:
    match = privacy.match(state, mentor=getattr(privacy, side))
    mentor = as_user(getattr(privacy, side))
    for url in (f"/api/v1/matches/{match.pk}/", "/api/v1/matches/", "/api/v1/notifications/", "/api/v1/me/"):
        response = mentor.get(url)
        assert response.status_code == 200, url
        assert _contains_sensitive(response.json()) == [], url
    view = mentor.get(f"/api/v1/matches/{match.pk}/").json()
    # Only the effect: "matched on her preferences".
    assert {"code": "matched_on_preferences", "params": {}} in view["reasons"]
    assert "woman_mentor_only" not in str(view) and "children" not in str(view)
    for url in (
        f"/api/v1/profiles/{privacy.mentee.pk}/sensitive-attributes/",
        f"/api/v1/profiles/{privacy.mentee.pk}/",
        f"/api/v1/profiles/{privacy.mentee.pk}/consents/",
    ):
        assert mentor.get(url).status_code == 404, url


def test_the_mentor_sees_a_pseudonymous_card_until_the_match_is_accepted(as_user: Any, privacy: Privacy) -> None:
    match = privacy.match(MatchState.OFFERED)
    mentor = as_user(privacy.mentor)
    card = mentor.get(f"/api/v1/matches/{match.pk}/").json()
    assert card["counterpart"]["first_name"] == "Z." and card["contact"] is None
    assert "Zainabq" not in str(card) and "zainab.quuxley" not in str(card) and "pharmacist" not in str(card)
    match.state, match.accepted_at = MatchState.ACTIVE, match.offered_at
    match.save()
    card = mentor.get(f"/api/v1/matches/{match.pk}/").json()
    assert card["counterpart"]["first_name"] == "Zainabq"
    assert card["contact"]["email"] == "zainab.quuxley@example.org"
