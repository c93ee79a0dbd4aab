"""Consent per purpose: she lists, gives and withdraws each; withdrawing stops its use at once."""

from typing import Any

from django.core import mail
from django.utils import timezone

from mentoring import engine as adapter
from mentoring.models import Feedback, MatchState
from notifications.models import Notification
from privacy.models import AuditEvent, ConsentPurpose, ConsentRecord
from tests.backend.privacy.conftest import Privacy

PURPOSES = {"programme", "sensitive_matching", "contact_sharing", "outcome_reporting", "improve_matching"}


def _withdraw(client: Any, privacy: Privacy, purpose: str) -> Any:
    return client.post(
        "/api/v1/me/consents/withdraw/", {"programme": str(privacy.programme.pk), "purpose": purpose}, format="json"
    )


def test_she_lists_each_purpose_with_its_text_and_version_in_her_language(as_user: Any, privacy: Privacy) -> None:
    rows = as_user(privacy.mentee).get("/api/v1/me/consents/?lang=de").json()
    assert {row["purpose"] for row in rows} == PURPOSES
    by_purpose = {row["purpose"]: row for row in rows}
    assert by_purpose["sensitive_matching"]["consent_state"] == "given"
    assert by_purpose["sensitive_matching"]["record"]["text_version"] == "1"
    assert "verschlüsselt" in by_purpose["sensitive_matching"]["current_text"]
    assert by_purpose["contact_sharing"]["stops"]
    arabic = {row["purpose"]: row for row in as_user(privacy.mentee).get("/api/v1/me/consents/?lang=ar").json()}
    assert "مشفّرة" in arabic["sensitive_matching"]["current_text"]


def test_give_withdraw_and_give_again_keeps_the_history(as_user: Any, privacy: Privacy) -> None:
    client = as_user(privacy.other_mentee)
    body = {"programme": str(privacy.programme.pk), "purpose": "outcome_reporting", "version": "1", "language": "fr"}
    given = client.post("/api/v1/me/consents/", body, format="json")
    assert given.status_code == 201, given.json()
    assert "sans mon nom" in given.json()["text"]
    assert client.post("/api/v1/me/consents/", body, format="json").json()["id"] == given.json()["id"]
    withdrawn = _withdraw(client, privacy, "outcome_reporting")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"] is not None
    assert client.post("/api/v1/me/consents/", body, format="json").status_code == 201
    rows = {row["purpose"]: row for row in client.get("/api/v1/me/consents/").json()}
    assert rows["outcome_reporting"]["consent_state"] == "given"
    assert len(rows["outcome_reporting"]["history"]) == 2
    actions = set(
        AuditEvent.objects.filter(actor=privacy.other_mentee.membership.user).values_list("action", flat=True)
    )
    assert {"consent.give", "consent.withdraw"} <= actions


def test_bad_input_is_refused_in_plain_words(as_user: Any, privacy: Privacy) -> None:
    client = as_user(privacy.mentee)
    stale = {"programme": str(privacy.programme.pk), "purpose": "outcome_reporting", "version": "0"}
    response = client.post("/api/v1/me/consents/", stale, format="json")
    assert response.status_code == 400 and "changed" in str(response.json())
    unknown = client.post("/api/v1/me/consents/", {**stale, "purpose": "marketing", "version": "1"}, format="json")
    assert unknown.status_code == 400
    elsewhere = {"programme": str(privacy.other_coordinator.pk), "purpose": "outcome_reporting", "version": "1"}
    assert client.post("/api/v1/me/consents/", elsewhere, format="json").status_code == 404
    assert as_user(privacy.outsider).get("/api/v1/me/consents/").json() == []
    assert _withdraw(as_user(privacy.outsider), privacy, "programme").status_code == 404


def test_coordinators_of_her_programme_list_her_consents_and_no_one_else(as_user: Any, privacy: Privacy) -> None:
    url = f"/api/v1/profiles/{privacy.mentee.pk}/consents/"
    response = as_user(privacy.coordinator).get(url)
    assert response.status_code == 200
    # Her records: every purpose but "help improve matching", which the fixture never gave.
    assert {row["purpose"] for row in response.json()} == PURPOSES - {"improve_matching"}
    assert as_user(privacy.mentee).get(url).status_code == 200
    for stranger in (privacy.other_coordinator, privacy.mentor, privacy.outsider):
        assert as_user(stranger).get(url).status_code == 404


def test_withdrawing_sensitive_matching_hides_the_attributes_from_the_engine(as_user: Any, privacy: Privacy) -> None:
    [before] = adapter.mentee_records(privacy.programme, [privacy.mentee])
    assert before.woman_mentor_only and "support:trauma_aware" in before.goals
    assert before.availability == frozenset({"mon:morning"})  # school hours only
    recommended = [r.mentor_id for r in adapter.recommend(privacy.programme, privacy.mentee, k=5)]
    assert str(privacy.man_mentor.pk) not in recommended and str(privacy.mentor.pk) in recommended

    assert _withdraw(as_user(privacy.mentee), privacy, "sensitive_matching").status_code == 200

    [after] = adapter.mentee_records(privacy.programme, [privacy.mentee])
    assert not after.woman_mentor_only and not any(goal.startswith("support:") for goal in after.goals)
    assert after.availability == frozenset({"mon:morning", "sat:evening"})
    recommended = [r.mentor_id for r in adapter.recommend(privacy.programme, privacy.mentee, k=5)]
    assert str(privacy.man_mentor.pk) in recommended


def test_the_next_run_does_not_see_withdrawn_attributes(
    as_user: Any, privacy: Privacy, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = as_user(privacy.coordinator)
    _withdraw(as_user(privacy.mentee), privacy, "sensitive_matching")
    privacy.mentor.available = False  # only the man is free: without her woman-mentor need, he may be proposed
    privacy.mentor.save()
    privacy.employer.available = False
    privacy.employer.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = coordinator.post(f"/api/v1/programmes/{privacy.programme.pk}/runs/", {}, format="json")
    assert run.status_code in (201, 202), run.json()
    proposals = coordinator.get(f"/api/v1/programmes/{privacy.programme.pk}/matches/?state=proposed").json()
    pairs = {(row["mentee"]["profile"], row["mentor"]["profile"]) for row in proposals["results"]}
    assert (str(privacy.mentee.pk), str(privacy.man_mentor.pk)) in pairs


def test_withdrawing_contact_sharing_hides_her_contacts_from_her_mentor_at_once(as_user: Any, privacy: Privacy) -> None:
    match = privacy.match(MatchState.ACTIVE)
    mentor = as_user(privacy.mentor)
    contact = mentor.get(f"/api/v1/matches/{match.pk}/").json()["contact"]
    assert contact["email"] == "zainab.quuxley@example.org" and contact["phone"] == "+4915112345678"

    assert _withdraw(as_user(privacy.mentee), privacy, "contact_sharing").status_code == 200

    contact = mentor.get(f"/api/v1/matches/{match.pk}/").json()["contact"]
    assert contact["email"] is None and contact["phone"] is None
    assert "zainab.quuxley" not in str(mentor.get("/api/v1/matches/").json())


def test_withdrawing_outcome_reporting_leaves_her_results_out_of_the_figures(as_user: Any, privacy: Privacy) -> None:
    match = privacy.match(MatchState.CLOSED)
    Feedback.objects.create(
        match=match, author=privacy.mentee.membership.user, author_role="mentee", rating=5, goal_reached="job"
    )
    health_url = f"/api/v1/programmes/{privacy.programme.pk}/health/"
    coordinator = as_user(privacy.coordinator)
    assert coordinator.get(health_url).json()["feedback"]["goals_reached"] == {"job": 1}
    _withdraw(as_user(privacy.mentee), privacy, "outcome_reporting")
    assert coordinator.get(health_url).json()["feedback"]["goals_reached"] == {}


def test_withdrawing_programme_consent_is_leaving(
    as_user: Any, privacy: Privacy, django_capture_on_commit_callbacks: Any
) -> None:
    offer = privacy.match(MatchState.OFFERED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _withdraw(as_user(privacy.mentee), privacy, "programme")
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.state == MatchState.DECLINED and offer.closed_by_role == "mentee"
    # The mentor is told neutrally: no name, no reason about her.
    notice = Notification.objects.get(user=privacy.mentor.membership.user, match_id=offer.pk)
    assert notice.kind == "offer_declined" and "Zainabq" not in str(notice.params)
    assert all("Zainabq" not in message.body for message in mail.outbox)
    # Every consent there is withdrawn, she is no longer waiting, and the engine no longer sees her.
    assert not ConsentRecord.objects.filter(user=privacy.mentee.membership.user, withdrawn_at__isnull=True).exists()
    assert privacy.mentee not in adapter.waiting_mentees(privacy.programme)
    health = as_user(privacy.coordinator).get(f"/api/v1/programmes/{privacy.programme.pk}/health/").json()
    assert health["mentees"] == 2 and health["mentees_waiting"] == 1
    # Giving it again brings her back.
    again = as_user(privacy.mentee).post(
        "/api/v1/me/consents/",
        {"programme": str(privacy.programme.pk), "purpose": "programme", "version": privacy.programme.consent_version},
        format="json",
    )
    assert again.status_code == 201
    assert privacy.mentee in adapter.waiting_mentees(privacy.programme)


def test_sharing_contacts_in_the_profile_records_the_consent(as_user: Any, privacy: Privacy) -> None:
    from privacy.consent_texts import CONSENT_TEXTS

    user = privacy.other_mentee.membership.user
    records = ConsentRecord.objects.filter(user=user, purpose=ConsentPurpose.CONTACT_SHARING)
    assert not records.exists()
    client = as_user(privacy.other_mentee)
    before = timezone.now()
    response = client.patch(f"/api/v1/profiles/{privacy.other_mentee.pk}/", {"share_email": True}, format="json")
    after = timezone.now()
    assert response.status_code == 200 and response.json()["share_email"] is True
    # One record, in force, of the text she was shown (its current version, in her language), dated now.
    record = records.get()
    assert record.withdrawn_at is None and record.programme == privacy.programme
    entry = CONSENT_TEXTS[ConsentPurpose.CONTACT_SHARING]
    assert (record.text_version, record.text) == (entry.version, entry.text(user.preferred_language))
    assert before <= record.given_at <= after
    assert AuditEvent.objects.filter(action="consent.give", target_id=str(record.pk)).exists()
    listed = {row["purpose"]: row for row in client.get("/api/v1/me/consents/").json()}
    assert listed["contact_sharing"]["consent_state"] == "given"
    # Ticking the phone as well is the same consent: no second record.
    client.patch(f"/api/v1/profiles/{privacy.other_mentee.pk}/", {"share_phone": True}, format="json")
    assert records.count() == 1


def test_sign_up_records_each_purpose_she_agreed_to(api: Any, privacy: Privacy) -> None:
    payload = {
        "role": "mentee",
        "account": {
            "email": "noor.signup@example.org",
            "password": "a-long-passphrase-42",
            "display_name": "Noor",
            "preferred_language": "uk",
        },
        "profile": {"languages": [{"code": "ar", "level": "C2"}], "city": "Leipzig", "country": "DE"},
        "consent": {"given": True, "version": "1", "purposes": ["sensitive_matching", "outcome_reporting"]},
    }
    api.get("/api/v1/csrf/")
    response = api.post(f"/api/v1/programmes/{privacy.programme.pk}/signup/", payload, format="json")
    assert response.status_code in (201, 202), response.json()
    records = ConsentRecord.objects.filter(user__email="noor.signup@example.org", withdrawn_at__isnull=True)
    assert set(records.values_list("purpose", flat=True)) == {"programme", "sensitive_matching", "outcome_reporting"}
    sensitive = records.get(purpose="sensitive_matching")
    assert sensitive.text_version == "1" and "зашифрованою" in sensitive.text  # in her language
    bad = {**payload, "consent": {**payload["consent"], "purposes": ["marketing"]}}
    assert api.post(f"/api/v1/programmes/{privacy.programme.pk}/signup/", bad, format="json").status_code == 400


def test_every_field_of_her_profile_is_correctable(privacy: Privacy) -> None:
    from profiles.serializers import ProfileInputSerializer
    from usecases.export import personal_data_export

    exported = personal_data_export(user=privacy.mentee.membership.user, now=timezone.now())["profiles"][0]
    correctable = set(ProfileInputSerializer().fields)
    system_fields = {"id", "programme", "role", "created_at", "updated_at"}
    assert set(exported) - system_fields <= correctable


def test_no_stored_or_shown_reason_hints_at_her_sensitive_answers(as_user: Any, privacy: Privacy) -> None:
    explained = as_user(privacy.coordinator).get(
        f"/api/v1/programmes/{privacy.programme.pk}/explain/",
        {"mentee": str(privacy.mentee.pk), "mentor": str(privacy.mentor.pk)},
    )
    assert explained.status_code == 200
    assert "support:" not in str(explained.json()) and "trauma" not in str(explained.json())
    assert "matched_on_preferences" in str(explained.json())


def test_someone_who_left_cannot_be_matched_by_hand_and_is_explained_without_error(
    as_user: Any, privacy: Privacy
) -> None:
    _withdraw(as_user(privacy.mentor), privacy, "programme")
    coordinator = as_user(privacy.coordinator)
    url = f"/api/v1/programmes/{privacy.programme.pk}/matches/"
    body = {"mentee": str(privacy.other_mentee.pk), "mentor": str(privacy.mentor.pk)}
    response = coordinator.post(url, body, format="json")
    assert response.status_code == 400 and "left the programme" in str(response.json())
    explained = coordinator.get(f"/api/v1/programmes/{privacy.programme.pk}/explain/", body)
    assert explained.status_code == 200
