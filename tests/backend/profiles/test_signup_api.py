"""Public and assisted sign-up: all or nothing, a clear message per field for bad input."""

from typing import Any

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import User
from privacy.consent_texts import CONSENT_TEXTS
from privacy.models import ConsentPurpose, ConsentRecord
from profiles.models import Profile
from programmes.models import Membership
from tests.backend.conftest import World

pytestmark = pytest.mark.django_db


def signup_url(programme_id: object) -> str:
    return f"/api/v1/programmes/{programme_id}/signup/"


def mentee_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "role": "mentee",
        "account": {
            "email": "amal@example.org",
            "password": "a-long-passphrase-2026",
            "display_name": "Amal",
            "full_name": "Amal Haddad",
            "preferred_language": "ar",
        },
        "profile": {
            "languages": [{"code": "ar", "level": "C2"}, {"code": "de", "level": "B1"}],
            "sectors": ["86"],
            "goals": ["recognition_of_qualifications", "job_search"],
            "goals_text": "Anerkennung meines Pflegediploms",
            "city": "Berlin",
            "country": "DE",
            "online": True,
            "availability": ["mon:evening", "sat:morning"],
            "woman_mentor_only": True,
        },
        "consent": {"given": True, "version": "1"},
    }
    for key, value in overrides.items():
        section, _, field = key.partition("__")
        if field:
            if value is None:
                payload[section].pop(field, None)
            else:
                payload[section][field] = value
        else:
            payload[section] = value
    return payload


def errors_by_field(response: Any) -> dict[str, str]:
    body = response.json()
    assert body["type"] == "validation_error", body
    return {error["attr"]: error["detail"] for error in body["errors"]}


def nothing_created() -> bool:
    return not (User.objects.exists() or Profile.objects.exists() or ConsentRecord.objects.exists())


@pytest.fixture
def programme(db: None) -> Any:
    from tests.backend.factories import ProgrammeFactory

    return ProgrammeFactory()


def test_mentee_signs_up_and_is_logged_in(
    api: APIClient, programme: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(signup_url(programme.id), mentee_payload(), format="json")

    # The answer does not say whether the address had an account (see the duplicate test below).
    assert response.status_code == 202, response.json()
    assert response.json()["status"] == "check_email"
    me = api.get("/api/v1/me/")
    assert me.status_code == 200
    body = api.get(f"/api/v1/profiles/{me.json()['memberships'][0]['profile']}/").json()
    assert body["role"] == "mentee"
    assert body["languages"] == [{"code": "ar", "level": "C2"}, {"code": "de", "level": "B1"}]
    assert body["sectors"] == ["86"]
    assert body["woman_mentor_only"] is True
    user = User.objects.get(email="amal@example.org")
    assert user.password.startswith("argon2")
    assert user.preferred_language == "ar"
    consent = ConsentRecord.objects.get(user=user)
    assert (consent.text_version, consent.method, consent.entered_by) == ("1", "self_online", None)
    # She signed up in Arabic, so the text she agreed to (and the ledger keeps) is the Arabic one.
    assert (consent.text, consent.language) == (CONSENT_TEXTS[ConsentPurpose.PROGRAMME].texts["ar"], "ar")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["amal@example.org"]


def test_mentor_signs_up_with_capacity(api: APIClient, programme: Any) -> None:
    payload = mentee_payload(role="mentor", profile__capacity=3, profile__woman_mentor_only=None)
    response = api.post(signup_url(programme.id), payload, format="json")
    assert response.status_code == 202, response.json()
    profile = Profile.objects.get(membership__user__email="amal@example.org")
    assert profile.capacity == 3
    assert profile.verified_at is None


@pytest.mark.parametrize("role", ["mentee", "mentor", "employer"])
def test_a_sign_up_that_does_not_mention_sharing_shares_nothing(api: APIClient, programme: Any, role: str) -> None:
    # A missing sharing field means "not shared" (issue 10, item 6), for every role.
    extra = {} if role == "mentee" else {"profile__capacity": 2, "profile__woman_mentor_only": None}
    payload = mentee_payload(role=role, account__phone="+49 30 1234567", **extra)
    assert "share_email" not in payload["profile"] and "share_phone" not in payload["profile"]
    response = api.post(signup_url(programme.id), payload, format="json")
    assert response.status_code == 202, response.json()
    profile_id = api.get("/api/v1/me/").json()["memberships"][0]["profile"]
    body = api.get(f"/api/v1/profiles/{profile_id}/").json()
    assert (body["share_email"], body["share_phone"]) == (False, False)
    states = {row["purpose"]: row["consent_state"] for row in api.get("/api/v1/me/consents/").json()}
    assert states["contact_sharing"] == "not_given"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"profile__languages": [{"code": "xx-nonsense", "level": "B1"}]}, "profile.languages.0.code", "language"),
        ({"profile__languages": [{"code": "ar", "level": "Z9"}]}, "profile.languages.0.level", "valid choice"),
        ({"role": "mentor", "profile__capacity": 0, "profile__woman_mentor_only": None}, "profile.capacity", "1"),
        ({"role": "mentor", "profile__capacity": 11, "profile__woman_mentor_only": None}, "profile.capacity", "10"),
        ({"role": "mentor", "profile__woman_mentor_only": None}, "profile.capacity", "how many"),
        ({"consent": {"given": False, "version": "1"}}, "consent.given", "Consent"),
        ({"consent": None}, "consent", "required"),
        ({"profile__sectors": ["ZZ"]}, "profile.sectors.0", "not in the list"),
        ({"profile__availability": ["someday"]}, "profile.availability.0", "valid choice"),
        ({"account__password": "short"}, "account.password", "too short"),
        ({"account__email": "not-an-email"}, "account.email", "valid email"),
        ({"role": "coordinator"}, "role", "valid choice"),
        ({"role": "frontline_worker"}, "role", "takes people as"),
        ({"consent": {"given": True, "version": "0"}}, "consent.version", "changed"),
    ],
)
def test_bad_input_gets_a_400_naming_the_field_and_creates_nothing(
    api: APIClient, programme: Any, overrides: dict[str, Any], field: str, words: str
) -> None:
    payload = mentee_payload(**overrides)
    if overrides.get("consent", "") is None:
        payload.pop("consent")

    response = api.post(signup_url(programme.id), payload, format="json")

    assert response.status_code == 400
    errors = errors_by_field(response)
    assert field in errors, errors
    assert words.lower() in errors[field].lower()
    assert nothing_created()


def test_duplicate_email_answers_the_same_adds_nothing_and_tells_the_owner(api: APIClient, programme: Any) -> None:
    first = api.post(signup_url(programme.id), mentee_payload(), format="json")
    mail.outbox.clear()
    second_client = APIClient()
    second = second_client.post(
        signup_url(programme.id), mentee_payload(account__email="AMAL@example.org"), format="json"
    )
    assert (second.status_code, second.json()) == (first.status_code, first.json())
    assert User.objects.count() == 1 and Profile.objects.count() == 1
    assert second_client.get("/api/v1/me/").status_code == 403  # nobody was logged in
    assert [m.to for m in mail.outbox] == [["amal@example.org"]]
    assert "حاول شخص ما التسجيل" in mail.outbox[0].subject  # in the owner's language (Arabic)


def test_malformed_json_is_a_plain_400(api: APIClient, programme: Any) -> None:
    response = api.post(signup_url(programme.id), '{"role": "mentee", ', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["type"] == "client_error"
    assert "JSON" in response.json()["errors"][0]["detail"]
    assert nothing_created()


def test_a_failure_after_the_account_is_written_leaves_nothing(
    api: APIClient, programme: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from privacy.models import ConsentRecord as Consent

    def broken_create(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Consent.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        api.post(signup_url(programme.id), mentee_payload(), format="json")
    assert nothing_created()
    assert not Membership.objects.exists()


def test_closed_programme_refuses_sign_up(api: APIClient, world: World) -> None:
    world.programme_a.signup_open = False
    world.programme_a.save()
    response = api.post(signup_url(world.programme_a.id), mentee_payload(), format="json")
    assert response.status_code == 404  # closed programmes are not visible to strangers


def test_member_of_closed_programme_gets_a_plain_refusal(client_for: Any, world: World) -> None:
    world.closed.memberships.create(user=world.mentee_a.membership.user, role="coordinator")
    payload = mentee_payload()
    payload.pop("account")
    response = client_for(world.mentee_a.membership.user).post(signup_url(world.closed.id), payload, format="json")
    assert response.status_code == 403
    assert "closed" in response.json()["errors"][0]["detail"]


def test_logged_in_person_joins_a_second_programme_without_a_new_account(client_for: Any, world: World) -> None:
    from tests.backend.factories import ProgrammeFactory

    other = ProgrammeFactory()
    user = world.mentee_a.membership.user
    payload = mentee_payload()
    payload.pop("account")
    response = client_for(user).post(signup_url(other.id), payload, format="json")
    assert response.status_code == 201, response.json()
    assert Profile.objects.filter(membership__user=user).count() == 2
    again = client_for(user).post(signup_url(other.id), payload, format="json")
    assert again.status_code == 409


def test_sign_up_checks_csrf_even_when_anonymous(programme: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    refused = client.post(signup_url(programme.id), mentee_payload(), format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["errors"][0]["detail"]
    token = client.get("/api/v1/csrf/").json()["csrf_token"]
    accepted = client.post(signup_url(programme.id), mentee_payload(), format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 202, accepted.json()


class TestAssistedSignUp:
    def payload(self, **account: Any) -> dict[str, Any]:
        base = mentee_payload()
        return {
            "account": {"display_name": "Hiwet", "full_name": "Hiwet T.", "preferred_language": "en", **account},
            "profile": base["profile"],
            "consent": {"given": True, "version": "1", "method": "interpreter"},
        }

    def test_coordinator_registers_a_mentee_without_email(self, client_for: Any, world: World) -> None:
        url = f"/api/v1/programmes/{world.programme_a.id}/assisted-signups/"
        response = client_for(world.coordinator_a).post(url, self.payload(), format="json")
        assert response.status_code == 201, response.json()
        user = User.objects.get(pk=response.json()["user"])
        assert user.email is None and not user.has_usable_password()
        consent = ConsentRecord.objects.get(user=user)
        assert consent.entered_by == world.coordinator_a
        assert consent.method == "interpreter"

    def test_method_of_consent_is_required(self, client_for: Any, world: World) -> None:
        url = f"/api/v1/programmes/{world.programme_a.id}/assisted-signups/"
        payload = self.payload()
        del payload["consent"]["method"]
        response = client_for(world.coordinator_a).post(url, payload, format="json")
        assert response.status_code == 400
        assert "consent.method" in errors_by_field(response)

    @pytest.mark.parametrize("who", ["coordinator_b", "mentee"])
    def test_only_the_programmes_coordinator_may(self, client_for: Any, world: World, who: str) -> None:
        user = world.coordinator_b if who == "coordinator_b" else world.mentee_a.membership.user
        url = f"/api/v1/programmes/{world.programme_a.id}/assisted-signups/"
        before = User.objects.count()
        response = client_for(user).post(url, self.payload(), format="json")
        assert response.status_code == 404
        assert User.objects.count() == before
