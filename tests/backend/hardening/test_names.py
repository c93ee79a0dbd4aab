"""Names and short titles hold something visible and nothing that disguises them (issue 10, item 4): the one rule
of common/names.py, at every place a name, title, city, organisation or phone number is taken."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from programmes.models import Programme
from tests.backend.conftest import World
from tests.backend.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = [
    pytest.param("\u200e\u200f\u200e", "invisible_name", id="direction-marks-only"),
    pytest.param("\u202a\u202b\u202c\u202d\u202e", "direction_control", id="embeddings-and-overrides-only"),
    pytest.param("\u2066\u2067\u2068\u2069", "direction_control", id="isolates-only"),
    pytest.param("Amal\u202egnp.exe", "direction_control", id="right-to-left-override"),
    pytest.param("\u2067Amal\u2069", "direction_control", id="isolate-around-a-name"),
    pytest.param("\u200b\u2060\ufeff", "invisible_name", id="zero-width-only"),
    pytest.param("\u0301\u0308", "invisible_name", id="combining-marks-only"),
    pytest.param("-.'", "invisible_name", id="punctuation-only"),
    pytest.param("\u3164\u3164", "invisible_name", id="hangul-filler"),
    pytest.param("\u200d\u200c", "invisible_name", id="joiners-only"),
    pytest.param("Amal\nHaddad", "invisible_character", id="line-break"),
]

ACCEPTED = [
    pytest.param("أمل", "أمل", id="arabic"),
    pytest.param("Олена", "Олена", id="ukrainian"),
    pytest.param("N'Diaye", "N'Diaye", id="apostrophe"),
    pytest.param("Anne-Marie", "Anne-Marie", id="hyphen"),
    pytest.param("Amal 🌸", "Amal 🌸", id="emoji"),
    pytest.param("👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧", id="family-emoji-with-joiners"),
    pytest.param("زهره\u200cای", "زهره\u200cای", id="persian-non-joiner"),
    pytest.param("E\u0301lodie", "\u00c9lodie", id="nfc-normalised"),
    pytest.param("\u200fأمل\u200f", "أمل", id="direction-marks-removed"),
    pytest.param("Am\u200bal", "Amal", id="zero-width-space-removed"),
    pytest.param("42", "42", id="digits"),
    pytest.param(
        "Eilidh 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "Eilidh 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        id="subdivision-flag",
    ),
    pytest.param("\U000e0041\U000e0042Amal", "Amal", id="stray-tag-characters-removed"),
]

WORKER_PROFILE = {
    "languages": [{"code": "fr", "level": "C2"}],
    "city": "Liège",
    "country": "BE",
    "organisation": "Red Cross",
    "worker_role": "social_worker",
    "topics_interest": ["mental_health"],
}
MENTEE_PROFILE = {"languages": [{"code": "ar", "level": "C2"}], "goals": ["job_search"], "city": "Berlin"}


def _account(**fields: str) -> dict[str, str]:
    return {"email": "amal@example.org", "password": "a-long-passphrase-2026", "display_name": "Amal", **fields}


@dataclass
class Places:
    world: World
    client_for: Callable[[Any], APIClient]

    def signed_up_profile(self, client: APIClient) -> dict[str, Any]:
        profile_id = client.get("/api/v1/me/").json()["memberships"][0]["profile"]
        return client.get(f"/api/v1/profiles/{profile_id}/").json()

    def sign_up(self, programme: Programme, role: str, account: dict[str, str], profile: dict[str, Any]) -> Any:
        client = APIClient()
        body = {"role": role, "account": account, "profile": profile, "consent": {"given": True, "version": "1"}}
        response = client.post(f"/api/v1/programmes/{programme.id}/signup/", body, format="json")
        return response, (lambda: self.signed_up_profile(client)) if response.status_code == 202 else None


def _sign_up_account(field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        response, read = places.sign_up(places.world.programme_a, "mentee", _account(**{field: value}), MENTEE_PROFILE)
        return response, read and (lambda: read()[field])

    return send


def _sign_up_profile(field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        response, read = places.sign_up(
            places.world.programme_a, "mentee", _account(), {**MENTEE_PROFILE, field: value}
        )
        return response, read and (lambda: read()[field])

    return send


def _join_network(section: str, field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        account = _account(**{field: value}) if section == "account" else _account()
        profile = {**WORKER_PROFILE, field: value} if section == "profile" else WORKER_PROFILE
        response, read = places.sign_up(places.world.programme_b, "frontline_worker", account, profile)
        return response, read and (lambda: read()[field])

    return send


def _assisted(field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        world = places.world
        body = {
            "account": {"display_name": "Amal", field: value},
            "profile": MENTEE_PROFILE,
            "consent": {"given": True, "version": "1", "method": "paper_form"},
        }
        client = places.client_for(world.coordinator_a)
        response = client.post(f"/api/v1/programmes/{world.programme_a.id}/assisted-signups/", body, format="json")
        return response, lambda: response.json()[field]

    return send


def _me(field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        client = places.client_for(places.world.mentee_a.membership.user)
        response = client.patch("/api/v1/me/", {field: value}, format="json")
        return response, lambda: client.get("/api/v1/me/").json()[field]

    return send


def _profile(field: str) -> Callable[[Places, str], Any]:
    def send(places: Places, value: str) -> Any:
        worker = places.world.mentee_b  # a frontline worker of the peer network
        client = places.client_for(worker.membership.user)
        response = client.patch(f"/api/v1/profiles/{worker.id}/", {field: value}, format="json")
        return response, lambda: client.get(f"/api/v1/profiles/{worker.id}/").json()[field]

    return send


def _round_name(places: Places, value: str) -> Any:
    world = places.world
    client = places.client_for(world.coordinator_b)
    body = {"name": value, "min_size": 4, "max_size": 6}
    response = client.post(f"/api/v1/programmes/{world.programme_b.id}/rounds/", body, format="json")
    return response, lambda: client.get(f"/api/v1/rounds/{response.json()['id']}/").json()["name"]


PLACES = [
    pytest.param(_sign_up_account("display_name"), "account.display_name", 202, id="sign-up-display-name"),
    pytest.param(_sign_up_account("full_name"), "account.full_name", 202, id="sign-up-full-name"),
    pytest.param(_sign_up_account("phone"), "account.phone", 202, id="sign-up-phone"),
    pytest.param(_sign_up_profile("city"), "profile.city", 202, id="sign-up-city"),
    pytest.param(_join_network("account", "display_name"), "account.display_name", 202, id="peer-join-display-name"),
    pytest.param(_join_network("profile", "organisation"), "profile.organisation", 202, id="peer-join-organisation"),
    pytest.param(_join_network("profile", "city"), "profile.city", 202, id="peer-join-city"),
    pytest.param(_assisted("display_name"), "account.display_name", 201, id="assisted-display-name"),
    pytest.param(_assisted("full_name"), "account.full_name", 201, id="assisted-full-name"),
    pytest.param(_me("display_name"), "display_name", 200, id="me-display-name"),
    pytest.param(_me("full_name"), "full_name", 200, id="me-full-name"),
    pytest.param(_me("phone"), "phone", 200, id="me-phone"),
    pytest.param(_profile("city"), "city", 200, id="profile-city"),
    pytest.param(_profile("organisation"), "organisation", 200, id="profile-organisation"),
    pytest.param(_round_name, "name", 201, id="round-name"),
]


@pytest.fixture
def places(world: World, client_for: Callable[[Any], APIClient]) -> Places:
    return Places(world=world, client_for=client_for)


@pytest.mark.parametrize(("send", "attr", "ok"), PLACES)
@pytest.mark.parametrize(("value", "code"), REFUSED)
def test_an_invisible_or_disguised_name_is_refused_with_a_stable_code(
    places: Places, send: Any, attr: str, ok: int, value: str, code: str
) -> None:
    response, _read = send(places, value)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["type"] == "validation_error"
    assert [(error["attr"], error["code"]) for error in body["errors"]] == [(attr, code)]


@pytest.mark.parametrize(("send", "attr", "ok"), PLACES)
@pytest.mark.parametrize(("value", "stored"), ACCEPTED)
def test_real_names_are_accepted_and_stored_normalised(
    places: Places, send: Any, attr: str, ok: int, value: str, stored: str
) -> None:
    response, read = send(places, value)
    assert response.status_code == ok, response.json()
    assert read() == stored


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "at least one letter or number"),
        ("de", "mindestens einen Buchstaben"),
        ("fr", "au moins une lettre"),
        ("ar", "حرف أو رقم"),
        ("uk", "принаймні одну літеру"),
    ],
)
def test_the_refusal_is_in_her_language(places: Places, language: str, words: str) -> None:
    body = {
        "role": "mentee",
        "account": _account(display_name="\u200f\u200f", preferred_language=language),
        "profile": MENTEE_PROFILE,
        "consent": {"given": True, "version": "1"},
    }
    response = APIClient().post(
        f"/api/v1/programmes/{places.world.programme_a.id}/signup/",
        body,
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert words in error["detail"]


@pytest.mark.parametrize(("value", "code"), REFUSED)
def test_programme_names_and_accounts_from_the_admin_follow_the_same_rule(value: str, code: str) -> None:
    # Programmes are named in the admin, which validates through the model (full_clean), as do staff accounts.
    programme = ProgrammeFactory.build(name=value)
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    assert [error.code for error in refused.value.error_dict["name"]] == [code]
    user = UserFactory.build(display_name=value)
    with pytest.raises(ValidationError) as refused:
        user.full_clean(exclude=["password"])
    assert [error.code for error in refused.value.error_dict["display_name"]] == [code]


@pytest.mark.parametrize(("value", "stored"), ACCEPTED)
def test_the_admin_stores_programme_names_normalised(value: str, stored: str) -> None:
    programme = ProgrammeFactory.build(name=value, city=value)
    programme.full_clean(exclude=["organisation"])  # built, not saved: its organisation is not in the database
    assert (programme.name, programme.city) == (stored, stored)


def test_names_stored_before_the_rule_are_repaired_by_the_data_migrations() -> None:
    """The data migrations (accounts 0003, profiles 0005, programmes 0004) run ``stored_names_repair``: a disguised
    name loses its direction controls, an invisible one gets a visible fallback (or is emptied where blank is
    allowed), real names are not touched and not rewritten."""
    from accounts.models import User
    from common.names import stored_names_repair

    disguised, invisible, real, broken_phone = (
        UserFactory(),
        UserFactory(),
        UserFactory(display_name="أمل"),
        UserFactory(),
    )
    User.objects.filter(pk=disguised.pk).update(display_name="Amal\u202egnp.exe", full_name="Amal\nHaddad")
    User.objects.filter(pk=invisible.pk).update(display_name="\u200e\u202e\u200f", full_name="\u2066\u2069")
    User.objects.filter(pk=broken_phone.pk).update(phone="+49\u202e 151")
    fallbacks = {"display_name": "Participant", "full_name": "", "phone": ""}

    assert stored_names_repair(User, fallbacks, batch_size=2) == 3
    rows = {user.pk: User.objects.get(pk=user.pk) for user in (disguised, invisible, real, broken_phone)}
    assert (rows[disguised.pk].display_name, rows[disguised.pk].full_name) == ("Amalgnp.exe", "Amal Haddad")
    assert (rows[invisible.pk].display_name, rows[invisible.pk].full_name) == ("Participant", "")
    assert rows[real.pk].display_name == "أمل"
    assert rows[broken_phone.pk].phone == "+49 151"
    assert stored_names_repair(User, fallbacks) == 0  # repaired names pass the rule: a second run changes nothing

    programme = ProgrammeFactory()
    Programme.objects.filter(pk=programme.pk).update(name="\u3164", city="Berlin\u2069")
    assert stored_names_repair(Programme, {"name": "Programme", "city": ""}) == 1
    programme.refresh_from_db()
    assert (programme.name, programme.city) == ("Programme", "Berlin")
