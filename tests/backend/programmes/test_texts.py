"""The programme's own texts per language (issue 11, item 2): coordinators write them in each language, readers
get theirs or a marked fallback, the consent addition is versioned and limits the languages sign-up is offered in,
and bad input is refused in plain words."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from privacy.models import ConsentPurpose, ConsentRecord
from programmes.models import Programme
from tests.backend.conftest import World
from tests.backend.profiles.test_signup_api import mentee_payload, signup_url

pytestmark = pytest.mark.django_db


def _texts_url(programme: Programme) -> str:
    return f"/api/v1/programmes/{programme.pk}/texts/"


def _patch(client: Any, programme: Programme, texts: Any) -> Any:
    return client.patch(_texts_url(programme), {"texts": texts}, format="json")


def test_a_coordinator_writes_a_text_in_arabic_and_an_arabic_reader_gets_it(
    client_for: Any, world: World, api: Any
) -> None:
    coordinator = client_for(world.coordinator_a)
    before = coordinator.get(_texts_url(world.programme_a)).json()
    assert before["texts"]["name"] == {"en": "Jobs Berlin"}
    assert before["missing"]["name"] == ["de", "fr", "ar", "uk"]
    assert "welcome" not in before["missing"]  # a text nobody wrote is not asked for

    changed = _patch(
        coordinator,
        world.programme_a,
        {"name": {"ar": "  وظائف برلين  "}, "description": {"en": "Mentoring into work.", "ar": "إرشاد نحو العمل."}},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["texts"]["name"] == {"en": "Jobs Berlin", "ar": "وظائف برلين"}
    assert changed.json()["missing"]["description"] == ["de", "fr", "uk"]

    arabic = api.get(f"/api/v1/programmes/{world.programme_a.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert (arabic["name"], arabic["description"]) == ("وظائف برلين", "إرشاد نحو العمل.")
    assert arabic["text_languages"] == {"name": "ar", "description": "ar", "welcome": ""}
    listed = api.get("/api/v1/programmes/", HTTP_ACCEPT_LANGUAGE="ar").json()["results"]
    assert "وظائف برلين" in [row["name"] for row in listed]


def test_a_missing_text_falls_back_to_english_and_says_so(client_for: Any, world: World, api: Any) -> None:
    _patch(client_for(world.coordinator_a), world.programme_a, {"welcome": {"en": "Welcome!", "de": "Willkommen!"}})
    ukrainian = api.get(f"/api/v1/programmes/{world.programme_a.pk}/", HTTP_ACCEPT_LANGUAGE="uk").json()
    assert (ukrainian["welcome"], ukrainian["text_languages"]["welcome"]) == ("Welcome!", "en")
    german = api.get(f"/api/v1/programmes/{world.programme_a.pk}/", HTTP_ACCEPT_LANGUAGE="de-AT").json()
    assert (german["welcome"], german["text_languages"]["welcome"]) == ("Willkommen!", "de")


def test_removing_the_english_name_keeps_a_name_in_another_language(client_for: Any, world: World) -> None:
    coordinator = client_for(world.coordinator_a)
    _patch(coordinator, world.programme_a, {"name": {"de": "Jobs in Berlin"}})
    response = _patch(coordinator, world.programme_a, {"name": {"en": ""}})
    assert response.status_code == 200
    world.programme_a.refresh_from_db()
    assert (world.programme_a.name, world.programme_a.texts["name"]) == ("Jobs in Berlin", {"de": "Jobs in Berlin"})
    refused = _patch(coordinator, world.programme_a, {"name": {"de": ""}})
    assert refused.status_code == 400
    assert "name in at least one language" in refused.json()["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("texts", "says"),
    [
        ({"motto": {"en": "Hi"}}, "no text called “motto”"),
        ({"name": {"xx": "Hi"}}, "“xx” is not a language Bridges speaks"),
        ({"description": {"ar": "ا" * 5001}}, "Too long: at most 5000 characters (Description, Arabic)"),
        ({"welcome": "Hello"}, None),
        ({"welcome": {"en": ["Hello"]}}, None),
        ({"name": {"en": "\u202e\u200b"}}, None),
        ("everything", None),
    ],
    ids=["unknown text", "unknown language", "too long", "not per language", "not text", "invisible name", "no set"],
)
def test_bad_texts_are_refused_in_plain_words_and_nothing_changes(
    client_for: Any, world: World, texts: Any, says: str | None
) -> None:
    response = _patch(client_for(world.coordinator_a), world.programme_a, texts)
    assert response.status_code == 400, response.content
    detail = response.json()["errors"][0]["detail"]
    assert detail and "Traceback" not in detail
    if says:
        assert says in detail
    world.programme_a.refresh_from_db()
    assert world.programme_a.texts == {"name": {"en": "Jobs Berlin"}}


def test_an_arabic_coordinator_is_told_what_is_wrong_in_arabic(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_a)
    response = client.patch(
        _texts_url(world.programme_a),
        {"texts": {"description": {"fr": "x" * 5001}}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 400
    assert any("\u0600" <= ch <= "\u06ff" for ch in response.json()["errors"][0]["detail"])


def test_a_new_consent_addition_is_a_new_version_and_the_old_record_keeps_its_words(
    client_for: Any, world: World, api: Any
) -> None:
    programme = world.programme_a
    first = api.post(signup_url(programme.pk), mentee_payload(), format="json", HTTP_ACCEPT_LANGUAGE="ar")
    assert first.status_code == 202, first.content
    response = _patch(client_for(world.coordinator_a), programme, {"consent_addition": {"en": "Photos at events."}})
    assert response.json()["consent_version"] == "2"
    shown = api.get(f"/api/v1/programmes/{programme.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert (shown["consent_language"], shown["consent_languages"]) == ("en", ["en"])
    assert shown["consent_text"].endswith("Photos at events.")

    stale = mentee_payload()
    stale["account"]["email"] = "second@example.org"
    second = APIClient()  # another woman, on her own phone
    assert second.post(signup_url(programme.pk), stale, format="json").status_code == 400  # agreed to version 1
    stale["consent"]["version"] = "2"
    again = second.post(signup_url(programme.pk), stale, format="json")
    assert again.status_code == 202, again.content

    records = ConsentRecord.objects.filter(
        programme=programme,
        purpose=ConsentPurpose.PROGRAMME,
        user__email__in=["amal@example.org", "second@example.org"],
    ).order_by("given_at")
    assert [(r.text_version, r.language, r.text.endswith("Photos at events.")) for r in records] == [
        ("1", "ar", False),
        ("2", "en", True),
    ]
    unchanged = _patch(client_for(world.coordinator_a), programme, {"welcome": {"en": "Hello"}})
    assert unchanged.json()["consent_version"] == "2"


def test_her_memberships_and_notices_name_the_programme_in_her_language(client_for: Any, world: World) -> None:
    _patch(client_for(world.coordinator_a), world.programme_a, {"name": {"ar": "وظائف برلين"}})
    mentee = client_for(world.mentee_a.membership.user)
    me = mentee.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert "وظائف برلين" in [m["programme_name"] for m in me["memberships"]]
    assert "Jobs Berlin" in [m["programme_name"] for m in mentee.get("/api/v1/me/").json()["memberships"]]
