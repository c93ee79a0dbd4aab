"""Sectors in plain words (issue 11, item 7): people choose from a short list of job families in everyday words,
searchable in their language; profiles keep the NACE divisions the engine matches on; coordinators still see
them. The mapping is data: these tests keep it complete (every division reachable, in exactly one family) and
plain (no duplicate labels, no statistical jargon) in every language."""

from collections import Counter
from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from profiles.models import Profile
from programmes import reference_data
from tests.backend.conftest import World
from tests.backend.profiles.test_signup_api import mentee_payload, signup_url

LANGUAGES = [code for code, _name in settings.LANGUAGES]
FAMILIES = reference_data.job_families()
DIVISIONS = [item.code for item in reference_data.sectors() if item.parent]


def test_every_division_the_engine_matches_on_is_in_exactly_one_family() -> None:
    owners = Counter(division for family in FAMILIES for division in family.divisions)
    assert sorted(owners) == sorted(DIVISIONS), "a family names a code that is not a NACE division, or one is left out"
    assert [code for code, count in owners.items() if count > 1] == []


def test_the_list_is_short_and_its_codes_are_not_nace_codes() -> None:
    assert 12 <= len(FAMILIES) <= 30
    codes = [family.code for family in FAMILIES]
    assert len(set(codes)) == len(codes)
    assert not set(codes) & reference_data.codes("nace")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_distinct_everyday_labels_and_words_to_find_them(language: str) -> None:
    labels = [family.labels.get(language, "") for family in FAMILIES]
    assert all(labels), f"a family has no label in {language}"
    assert len({label.casefold() for label in labels}) == len(labels), f"duplicate labels in {language}"
    assert max(len(label) for label in labels) <= 50
    for family in FAMILIES:
        assert family.keywords.get(language), f"{family.code} has no search words in {language}"
        if language != "en":
            assert family.labels[language] != family.labels["en"] or family.code == "it"


JARGON = ("n.e.c.", "activities", "manufacture of", "extraterritorial", "compulsory", "lignite", "auxiliary")


def test_no_statistical_jargon_in_the_english_labels() -> None:
    for family in FAMILIES:
        assert not [word for word in JARGON if word in family.labels["en"].lower()], family.labels["en"]


def test_the_families_come_in_her_language_with_english_words_to_find_them_too() -> None:
    response = APIClient().get("/api/v1/reference/job-families/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    care = {item["code"]: item for item in response.json()}["care"]
    assert care["label"] == "الرعاية والعمل الاجتماعي"
    assert "رعاية المسنين" in care["keywords"] and "Care and social work" in care["keywords"]
    assert care["divisions"] == ["87", "88"]


@pytest.mark.django_db
def test_a_chosen_family_is_stored_as_its_divisions_and_shown_as_the_family(world: World) -> None:
    payload = mentee_payload(profile__sectors=["care", "it"])
    response = APIClient().post(signup_url(world.programme_a.pk), payload, format="json")
    assert response.status_code == 202, response.content
    profile = Profile.objects.get(membership__user__email="amal@example.org")
    assert sorted(profile.sectors.values_list("code", flat=True)) == ["58", "61", "62", "63", "87", "88"]


@pytest.mark.django_db
def test_her_profile_shows_families_and_the_coordinator_still_sees_nace(client_for: Any, world: World) -> None:
    mentee = world.mentee_a
    owner = client_for(mentee.membership.user)
    changed = owner.patch(f"/api/v1/profiles/{mentee.pk}/", {"sectors": ["health", "87"]}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["sectors"], changed.json()["job_families"]) == (["86", "87"], ["care", "health"])
    seen = client_for(world.coordinator_a).get(f"/api/v1/programmes/{world.programme_a.pk}/participants/").json()
    row = next(item for item in seen["results"] if item["id"] == str(mentee.pk))
    assert row["sectors"] == ["86", "87"]


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["nursing", "", "care; DROP TABLE", "8" * 41])
def test_an_unknown_family_is_refused_in_plain_words(client_for: Any, world: World, bad: str) -> None:
    mentee = world.mentee_a
    response = client_for(mentee.membership.user).patch(
        f"/api/v1/profiles/{mentee.pk}/", {"sectors": ["care", bad]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"].startswith("sectors")
    assert list(mentee.sectors.values_list("code", flat=True)) == ["86"]


def test_a_section_chosen_before_the_families_falls_in_the_families_of_its_divisions() -> None:
    assert reference_data.job_families_of(["Q"]) == ["care", "health"]
    assert reference_data.job_families_of(["86", "87", "X"]) == ["care", "health"]
