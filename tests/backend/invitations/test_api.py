"""Invitations through the API: inviting one or a pasted list, each state (sent, opened, joined, expired, revoked),
resend and revoke, joining with a new or an existing account (never a second one, never the wrong one), and the
walls: another programme's coordinator gets the unknown-id answer, a closed programme refuses new invitations."""

import re
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from invitations.models import Invitation
from notifications.messages import email_footer
from programmes.models import Membership, ProgrammeKind, Role
from tests.backend.factories import (
    MembershipFactory,
    OrganisationAdminFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-2026"
MENTOR_PROFILE = {
    "languages": [{"code": "de", "level": "C2"}],
    "sectors": ["86"],
    "capacity": 2,
    "city": "Berlin",
    "country": "DE",
}


@pytest.fixture
def jobs() -> Any:
    return ProgrammeFactory(name="Jobs Berlin", languages=["de", "en"])


@pytest.fixture
def cora(jobs: Any) -> User:
    return coordinator_of(jobs)


@pytest.fixture
def invite(client_for: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """POST invitations as ``user`` and run what was queued after the commit (the emails)."""

    def call(user: User, programme: Any, emails: list[str], role: str = "mentor", **extra: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(
                f"/api/v1/programmes/{programme.pk}/invitations/",
                {"role": role, "emails": emails, **extra},
                format="json",
            )

    return call


def link_token(message: Any) -> str:
    found = re.search(r"/invitations/([0-9a-f]{64})", message.body)
    assert found, message.body
    return found.group(1)


def states(client: APIClient, programme: Any, **query: str) -> dict[str, str]:
    response = client.get(f"/api/v1/programmes/{programme.pk}/invitations/", query)
    assert response.status_code == 200, response.content
    return {row["email"]: row["state"] for row in response.json()["results"]}


def preview(client: APIClient, token: str) -> Any:
    return client.get(f"/api/v1/invitations/by-token/{token}/")


def accept(client: APIClient, token: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/invitations/by-token/{token}/accept/", body, format="json")


def new_mentor_body() -> dict[str, Any]:
    return {
        "account": {"password": PASSWORD, "display_name": "Mira", "email": "ignored@example.org"},
        "profile": MENTOR_PROFILE,
        "consent": {"given": True, "version": "1"},
    }


def test_a_pasted_list_gets_one_answer_per_address(invite: Any, jobs: Any, cora: User) -> None:
    member = MembershipFactory(programme=jobs, role=Role.MENTOR).user
    pasted = (
        f"Mira.Mentor@Example.org; not-an-email\nRana <rana@example.org>, mira.mentor@example.org\n\n{member.email}"
    )
    response = invite(cora, jobs, [pasted, " ", "x@"])
    assert response.status_code == 200, response.content
    outcomes = [(row["email"], row["outcome"]) for row in response.json()["results"]]
    assert outcomes == [
        ("mira.mentor@example.org", "invited"),
        ("not-an-email", "invalid"),
        ("rana@example.org", "invited"),
        (member.email, "already_member"),
        ("x@", "invalid"),
    ]
    details = {row["email"]: row["detail"] for row in response.json()["results"]}
    assert details[member.email] == "Already in this programme as a mentor: not invited."
    assert details["not-an-email"] == "This is not an email address."
    assert sorted(message.to[0] for message in mail.outbox) == ["mira.mentor@example.org", "rana@example.org"]
    # The programme's first language, its name and the last day of the link.
    message = next(m for m in mail.outbox if m.to == ["rana@example.org"])
    assert "Jobs Berlin" in message.subject
    assert Invitation.objects.get(email="rana@example.org").language == "de"
    assert message.body.endswith(email_footer("de"))
    # The day as the email shows it: in the site's time zone (in UTC it is the day before, an hour before midnight).
    expires = timezone.localtime(Invitation.objects.get(email="rana@example.org").expires_at)
    assert expires.date() == timezone.localtime(timezone.now() + timedelta(days=14)).date()
    assert str(expires.day) in message.body


def test_the_email_speaks_the_chosen_language(invite: Any, jobs: Any, cora: User) -> None:
    invite(cora, jobs, ["olena@example.org"], language="uk")
    assert mail.outbox[0].body.endswith(email_footer("uk"))
    assert Invitation.objects.get().language == "uk"


def test_inviting_again_resends_the_one_invitation(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    first = link_token(mail.outbox[0])
    response = invite(cora, jobs, ["MIRA@example.org"])
    assert response.json()["results"][0]["outcome"] == "resent"
    assert Invitation.objects.count() == 1 and Invitation.objects.get().send_count == 2
    second = link_token(mail.outbox[1])
    assert second != first
    assert preview(APIClient(), first).status_code == 404  # the old link stops working
    assert preview(APIClient(), second).status_code == 200


def test_states_sent_opened_joined(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    token = link_token(mail.outbox[0])
    coordinator = client_for(cora)
    assert states(coordinator, jobs) == {"mira@example.org": "sent"}

    # Public sign-up is closed (a programme being set up): the invitation is still a way in, and its link brings the
    # programme as its sign-up page shows it, which the public route does not show to anyone else.
    jobs.signup_open = False
    jobs.save(update_fields=["signup_open"])
    anonymous = APIClient()
    assert anonymous.get(f"/api/v1/programmes/{jobs.pk}/").status_code == 404
    shown = preview(anonymous, token)
    assert shown.status_code == 200
    details = shown.json().pop("programme_details")
    assert (details["id"], details["signup_open"], details["consent_version"]) == (str(jobs.pk), False, "1")
    assert details["consent_text"]
    assert {key: value for key, value in shown.json().items() if key != "programme_details"} == {
        "programme": str(jobs.pk),
        "programme_name": "Jobs Berlin",
        "programme_kind": "mentoring",
        "organisation_name": jobs.organisation.name,
        "role": "mentor",
        "expires_at": shown.json()["expires_at"],
        "email_hint": "mi•••@example.org",
        "joined": False,
        "for_you": None,
        "consent_version": "1",
    }
    assert states(coordinator, jobs) == {"mira@example.org": "opened"}
    assert states(coordinator, jobs, state="opened") == {"mira@example.org": "opened"}
    assert states(coordinator, jobs, state="sent") == {}

    joined = accept(anonymous, token, new_mentor_body())
    assert joined.status_code == 201, joined.content
    assert joined.json()["new_account"] is True
    user = User.objects.get(email="mira@example.org")  # the invited address, whatever the body said
    assert Membership.objects.filter(user=user, programme=jobs, role=Role.MENTOR).exists()
    assert EmailAddress.objects.get(user=user).verified  # the link proved the address
    assert anonymous.get("/api/v1/me/").json()["email"] == "mira@example.org"  # logged in at once
    assert states(coordinator, jobs) == {"mira@example.org": "joined"}
    # The used link says so, and cannot be used again.
    assert preview(APIClient(), token).json()["joined"] is True
    assert accept(APIClient(), token, new_mentor_body()).status_code == 409


def test_a_participant_must_bring_a_profile_and_consent(invite: Any, jobs: Any, cora: User) -> None:
    invite(cora, jobs, ["mira@example.org"])
    token = link_token(mail.outbox[0])
    response = accept(APIClient(), token, {"account": {"password": PASSWORD, "display_name": "Mira"}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "profile"
    missing_capacity = {**new_mentor_body(), "profile": {**MENTOR_PROFILE, "capacity": None}}
    missing_capacity["profile"].pop("capacity")
    assert accept(APIClient(), token, missing_capacity).status_code == 400
    assert not User.objects.filter(email="mira@example.org").exists()  # all or nothing


def test_an_expired_link_says_so_and_a_resend_renews_it(
    invite: Any, jobs: Any, cora: User, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invite(cora, jobs, ["mira@example.org"])
    token = link_token(mail.outbox[0])
    invitation = Invitation.objects.get()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert states(client_for(cora), jobs) == {"mira@example.org": "expired"}
    expired = preview(APIClient(), token)
    assert expired.status_code == 410
    assert "expired" in expired.json()["errors"][0]["detail"]
    assert accept(APIClient(), token, new_mentor_body()).status_code == 410

    with django_capture_on_commit_callbacks(execute=True):
        resent = client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/resend/")
    assert resent.status_code == 200 and resent.json()["state"] == "sent" and resent.json()["send_count"] == 2
    assert accept(APIClient(), link_token(mail.outbox[-1]), new_mentor_body()).status_code == 201


def test_a_revoked_link_answers_as_an_unknown_one(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    token = link_token(mail.outbox[0])
    invitation = Invitation.objects.get()
    revoked = client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/revoke/").status_code == 200  # once is enough
    unknown = preview(APIClient(), "0" * 64)
    gone = preview(APIClient(), token)
    assert gone.status_code == unknown.status_code == 404
    assert gone.json() == unknown.json()
    assert preview(APIClient(), "not-a-token").json() == unknown.json()
    assert accept(APIClient(), token, new_mentor_body()).status_code == 404
    assert client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/resend/").status_code == 409
    # Inviting the address again makes a new invitation; the revoked one stays revoked.
    assert invite(cora, jobs, ["mira@example.org"]).json()["results"][0]["outcome"] == "invited"
    assert states(client_for(cora), jobs, state="revoked") == {"mira@example.org": "revoked"}


def test_a_joined_invitation_cannot_be_revoked(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    accept(APIClient(), link_token(mail.outbox[0]), new_mentor_body())
    invitation = Invitation.objects.get()
    assert client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/revoke/").status_code == 409
    assert client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/resend/").status_code == 409


def test_an_existing_account_joins_with_itself(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    other = ProgrammeFactory(organisation=jobs.organisation, name="Jobs Hamburg")
    existing = MembershipFactory(programme=other, role=Role.MENTOR).user
    EmailAddress.objects.create(user=existing, email=existing.email, primary=True, verified=False)
    invite(cora, jobs, [existing.email.upper()])
    token = link_token(mail.outbox[0])

    # Not logged in, a new account for her address is refused with plain words.
    refused = accept(APIClient(), token, new_mentor_body())
    assert refused.status_code == 409
    assert "already exists" in refused.json()["errors"][0]["detail"]

    mine = client_for(existing)
    assert preview(mine, token).json()["for_you"] is True
    joined = mine.post(
        f"/api/v1/invitations/by-token/{token}/accept/",
        {"profile": MENTOR_PROFILE, "consent": {"given": True, "version": "1"}},
        format="json",
    )
    assert joined.status_code == 201, joined.content
    assert joined.json()["new_account"] is False
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    assert Membership.objects.filter(user=existing, programme=jobs, role=Role.MENTOR).exists()
    assert EmailAddress.objects.get(user=existing).verified


def test_the_wrong_account_is_refused(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    token = link_token(mail.outbox[0])
    stranger = UserFactory()
    theirs = client_for(stranger)
    assert preview(theirs, token).json()["for_you"] is False
    refused = theirs.post(
        f"/api/v1/invitations/by-token/{token}/accept/",
        {"profile": MENTOR_PROFILE, "consent": {"given": True, "version": "1"}},
        format="json",
    )
    assert refused.status_code == 403
    assert "another email address" in refused.json()["errors"][0]["detail"]
    assert not Membership.objects.filter(user=stranger, programme=jobs).exists()
    assert Invitation.objects.get().joined_at is None


def test_a_co_coordinator_joins_without_a_profile(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    response = invite(cora, jobs, ["nora@example.org"], role="coordinator")
    assert response.json()["results"][0]["outcome"] == "invited"
    # In the programme's first language (German), naming the role she is invited to.
    assert "auf Bridges als Koordinatorin oder Koordinator beizutreten" in mail.outbox[0].body
    client = APIClient()
    joined = accept(client, link_token(mail.outbox[0]), {"account": {"password": PASSWORD, "display_name": "Nora"}})
    assert joined.status_code == 201, joined.content
    nora = User.objects.get(email="nora@example.org")
    assert Membership.objects.filter(user=nora, programme=jobs, role=Role.COORDINATOR).exists()
    # Two-step verification still applies: her session must set up an authenticator before coordinating.
    assert client.get(f"/api/v1/programmes/{jobs.pk}/invitations/").json()["errors"][0]["code"] == "two_step_required"


def test_a_peer_network_takes_frontline_workers_not_mentors(invite: Any, client_for: Any) -> None:
    network = ProgrammeFactory(kind=ProgrammeKind.PEER_NETWORK, name="Peers", city="", country="BE")
    coordinator = coordinator_of(network)
    refused = invite(coordinator, network, ["mira@example.org"], role="mentor")
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "role"
    assert invite(coordinator, network, ["fatma@example.org"], role="frontline_worker").status_code == 200


def test_another_programmes_coordinator_gets_the_unknown_answer(
    invite: Any, jobs: Any, cora: User, client_for: Any
) -> None:
    invite(cora, jobs, ["mira@example.org"])
    invitation = Invitation.objects.get()
    otto = coordinator_of(ProgrammeFactory(name="Elsewhere"))
    mentor = MembershipFactory(programme=jobs, role=Role.MENTOR).user
    for outsider in (otto, mentor):
        client = client_for(outsider)
        unknown_programme = client.get("/api/v1/programmes/00000000-0000-0000-0000-000000000000/invitations/")
        theirs = client.get(f"/api/v1/programmes/{jobs.pk}/invitations/")
        assert theirs.status_code == unknown_programme.status_code == 404
        assert theirs.json() == unknown_programme.json()
        unknown = client.post("/api/v1/invitations/00000000-0000-0000-0000-000000000000/revoke/")
        for action in ("resend", "revoke"):
            answer = client.post(f"/api/v1/invitations/{invitation.pk}/{action}/")
            assert answer.status_code == 404 and answer.json() == unknown.json()
    assert Invitation.objects.get().revoked_at is None


def test_the_organisations_admin_manages_its_invitations(invite: Any, jobs: Any, client_for: Any) -> None:
    admin = OrganisationAdminFactory(organisation=jobs.organisation).user
    assert invite(admin, jobs, ["mira@example.org"]).status_code == 200
    assert states(client_for(admin), jobs) == {"mira@example.org": "sent"}
    stranger_admin = OrganisationAdminFactory(organisation=OrganisationFactory()).user
    assert client_for(stranger_admin).get(f"/api/v1/programmes/{jobs.pk}/invitations/").status_code == 404


def test_a_closed_programme_refuses_new_invitations(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    invitation = Invitation.objects.get()
    jobs.closed_at = timezone.now()
    jobs.save()
    refused = invite(cora, jobs, ["rana@example.org"])
    assert refused.status_code == 409
    assert "closed" in refused.json()["errors"][0]["detail"]
    assert client_for(cora).post(f"/api/v1/invitations/{invitation.pk}/resend/").status_code == 409
    assert Invitation.objects.count() == 1


def test_a_batch_is_limited(invite: Any, jobs: Any, cora: User) -> None:
    too_many = ",".join(f"person{i}@example.org" for i in range(501))
    refused = invite(cora, jobs, [too_many])
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "emails"
    assert not Invitation.objects.exists()


def test_the_link_routes_are_rate_limited(settings: Any) -> None:
    settings.INVITATION_TOKEN_RATE_LIMIT = "3/hour"
    client = APIClient()
    answers = [preview(client, "0" * 64).status_code for _ in range(4)]
    assert answers == [404, 404, 404, 429]


def test_erasing_an_account_deletes_the_invitations_to_it(invite: Any, jobs: Any, cora: User, client_for: Any) -> None:
    invite(cora, jobs, ["mira@example.org"])
    accept(APIClient(), link_token(mail.outbox[0]), new_mentor_body())
    other = ProgrammeFactory(organisation=jobs.organisation, name="Jobs Hamburg")
    invite(coordinator_of(other), other, ["mira@example.org"])  # pending
    invite(cora, jobs, ["rana@example.org"])
    mira = User.objects.get(email="mira@example.org")
    erased = client_for(mira).post("/api/v1/me/erase/", {"confirm": "DELETE"}, format="json")
    assert erased.status_code in (200, 204), erased.content
    assert list(Invitation.objects.values_list("email", flat=True)) == ["rana@example.org"]


def test_retention_forgets_unused_invitations_after_their_keeping_time(
    invite: Any, jobs: Any, cora: User, client_for: Any
) -> None:
    from usecases.retention import retention_run

    invite(cora, jobs, ["old@example.org", "recent@example.org", "revoked@example.org", "mira@example.org"])
    accept(APIClient(), link_token(next(m for m in mail.outbox if m.to == ["mira@example.org"])), new_mentor_body())
    long_ago = timezone.now() - timedelta(days=91)
    Invitation.objects.filter(email__in=["old@example.org", "mira@example.org"]).update(expires_at=long_ago)
    Invitation.objects.filter(email="revoked@example.org").update(revoked_at=long_ago)
    Invitation.objects.filter(email="recent@example.org").update(expires_at=timezone.now() - timedelta(days=3))
    retention_run(now=timezone.now())
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["mira@example.org", "recent@example.org"]


def test_the_audit_trail_counts_invitations_and_records_revokes_and_joins(
    invite: Any, jobs: Any, cora: User, client_for: Any
) -> None:
    invite(cora, jobs, ["mira@example.org", "noor@example.org", "not-an-address"])
    invite(cora, jobs, ["mira@example.org"])  # again: resent
    by_email = {invitation.email: invitation for invitation in Invitation.objects.all()}
    client_for(cora).post(f"/api/v1/invitations/{by_email['noor@example.org'].pk}/revoke/")
    client_for(cora).post(f"/api/v1/invitations/{by_email['noor@example.org'].pk}/revoke/")  # changes nothing
    assert accept(APIClient(), link_token(mail.outbox[-1]), new_mentor_body()).status_code == 201

    events = client_for(cora).get(f"/api/v1/programmes/{jobs.pk}/audit/").json()["results"]
    rows = sorted(
        (e["action"], e["actor_role"], e["target_type"], e["detail"].get("invited"), e["detail"].get("resent"))
        for e in events
        if e["action"].startswith("invitation.")
    )
    assert rows == [
        ("invitation.join", "mentor", "invitation", None, None),
        ("invitation.revoke", "coordinator", "invitation", None, None),
        ("invitation.send", "coordinator", "programme", 0, 1),
        ("invitation.send", "coordinator", "programme", 2, 0),
    ]
    # Counts, never the addresses: those stay in the invitations, which are forgotten in time.
    assert "example.org" not in str(events)
