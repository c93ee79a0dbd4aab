"""Organisations own programmes: their admins see every programme of theirs (open or closed, counts only, no
people), create programmes, and appoint and remove coordinators. An admin of organisation A acting on organisation
B's ids gets exactly the answer an unknown id gets; nobody else (coordinators, participants, site staff) sees an
organisation at all."""

import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from programmes.models import Membership, Organisation, OrganisationAdmin, Programme, ProgrammeKind, Role
from tests.backend.factories import (
    MembershipFactory,
    OrganisationAdminFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

NEW_PROGRAMME = {
    "kind": "mentoring",
    "name": "Jobs Leipzig 2027",
    "city": "Leipzig",
    "country": "DE",
    "languages": ["de", "ar"],
}


@pytest.fixture
def appoint(client_for: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """POST an appointment as ``user`` and run what it queued after the commit (the email)."""

    def call(user: User, programme: Programme, body: dict[str, str], **headers: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(
                f"/api/v1/programmes/{programme.pk}/coordinators/", body, format="json", **headers
            )

    return call


@pytest.fixture
def two_organisations() -> dict[str, Any]:
    iom, ngo = OrganisationFactory(name="IOM Germany"), OrganisationFactory(name="Frontline NGO")
    jobs = ProgrammeFactory(organisation=iom, name="Jobs Berlin")
    closed = ProgrammeFactory(organisation=iom, name="Pilot", signup_open=False)
    peers = ProgrammeFactory(organisation=ngo, name="Peers", kind=ProgrammeKind.PEER_NETWORK)
    cora = coordinator_of(jobs)
    MembershipFactory(programme=jobs, role=Role.MENTEE)
    MembershipFactory(programme=jobs, role=Role.MENTOR)
    MembershipFactory(programme=jobs, role=Role.MENTEE, left_at="2026-01-01T00:00:00Z")
    return {
        "iom": iom,
        "ngo": ngo,
        "jobs": jobs,
        "closed": closed,
        "peers": peers,
        "cora": cora,
        "ines": OrganisationAdminFactory(organisation=iom).user,
        "nadia": OrganisationAdminFactory(organisation=ngo).user,
    }


def test_an_admin_sees_every_programme_of_her_organisation_and_only_those(
    client_for: Any, two_organisations: Any
) -> None:
    w = two_organisations
    client = client_for(w["ines"])
    organisations = client.get("/api/v1/organisations/").json()["results"]
    assert [(o["name"], o["programme_count"]) for o in organisations] == [("IOM Germany", 2)]

    answer = client.get(f"/api/v1/organisations/{w['iom'].pk}/programmes/")
    assert answer.status_code == 200
    rows = {row["name"]: row for row in answer.json()["results"]}
    assert set(rows) == {"Jobs Berlin", "Pilot"}  # closed ones too; never the other organisation's
    assert rows["Jobs Berlin"]["participant_count"] == 2  # the one who left is not counted
    assert rows["Jobs Berlin"]["coordinator_count"] == 1
    assert rows["Jobs Berlin"]["coordinating"] is False
    assert "email" not in str(answer.json())  # counts, never people


@pytest.mark.parametrize("who", ["nadia", "cora", "participant", "staff"])
def test_anyone_but_its_admins_gets_the_unknown_id_answer(client_for: Any, two_organisations: Any, who: str) -> None:
    w = two_organisations
    caller = {
        "participant": Membership.objects.filter(programme=w["jobs"], role=Role.MENTEE).first().user,  # type: ignore[union-attr]
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }.get(who) or w[who]
    client = client_for(caller)
    unknown = uuid.uuid4()
    for template in (
        "/api/v1/organisations/{}/programmes/",
        "/api/v1/programmes/{}/coordinators/",
    ):
        real = w["iom"].pk if "organisations" in template else w["jobs"].pk
        theirs, made_up = client.get(template.format(real)), client.get(template.format(unknown))
        assert theirs.status_code == made_up.status_code == 404
        assert theirs.json() == made_up.json()
        posted = client.post(template.format(real), NEW_PROGRAMME | {"email": "x@example.org"}, format="json")
        assert posted.status_code == 404
    coordinator_role = Membership.objects.get(programme=w["jobs"], role=Role.COORDINATOR)
    theirs = client.delete(f"/api/v1/coordinators/{coordinator_role.pk}/")
    made_up = client.delete(f"/api/v1/coordinators/{unknown}/")
    assert theirs.status_code == made_up.status_code == 404 and theirs.json() == made_up.json()
    assert str(w["iom"].pk) not in str(client.get("/api/v1/organisations/").json())
    assert Programme.objects.count() == 3 and Membership.objects.filter(role=Role.COORDINATOR).count() == 1


def test_anonymous_is_asked_to_log_in(api: Any, two_organisations: Any) -> None:
    assert api.get("/api/v1/organisations/").status_code == 403
    assert api.get(f"/api/v1/organisations/{two_organisations['iom'].pk}/programmes/").status_code == 403


def test_an_admin_creates_a_programme_closed_until_set_up_and_coordinates_it(
    client_for: Any, two_organisations: Any
) -> None:
    w = two_organisations
    client = client_for(w["ines"])
    answer = client.post(
        f"/api/v1/organisations/{w['iom'].pk}/programmes/",
        NEW_PROGRAMME | {"languages": ["de", "AR", "de"]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["name"] == "Jobs Leipzig 2027" and body["coordinating"] is True and body["signup_open"] is False
    programme = Programme.objects.get(pk=body["id"])
    assert programme.organisation == w["iom"]
    assert programme.languages == ["de", "ar"]
    assert programme.texts["name"] == {"de": "Jobs Leipzig 2027"}  # in the language she wrote it in
    assert programme.slug == "jobs-leipzig-2027"
    assert Membership.objects.filter(user=w["ines"], programme=programme, role=Role.COORDINATOR).exists()
    # she may now do what coordinators do, e.g. change its settings
    opened = client.patch(f"/api/v1/programmes/{programme.pk}/", {"signup_open": True}, format="json")
    assert opened.status_code == 200 and opened.json()["signup_open"] is True

    again = client.post(
        f"/api/v1/organisations/{w['iom'].pk}/programmes/", NEW_PROGRAMME | {"coordinate": False}, format="json"
    )
    assert again.status_code == 201 and again.json()["coordinating"] is False
    assert Programme.objects.get(pk=again.json()["id"]).slug == "jobs-leipzig-2027-2"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "dating"}, "kind"),
        ({"languages": []}, "languages"),
        ({"languages": ["xx"]}, "languages"),
        ({"name": ""}, "name"),
        ({"name": "\u202ePay here"}, "name"),
        ({"country": "ZZ"}, "country"),
    ],
)
def test_a_bad_programme_gets_a_plain_error_naming_the_field(
    client_for: Any, two_organisations: Any, change: dict[str, Any], field: str
) -> None:
    w = two_organisations
    answer = client_for(w["ines"]).post(
        f"/api/v1/organisations/{w['iom'].pk}/programmes/", NEW_PROGRAMME | change, format="json"
    )
    assert answer.status_code == 400
    assert field in str(answer.json())
    assert Programme.objects.count() == 3


def test_appointing_a_new_coordinator_makes_her_account_and_invites_her(
    client_for: Any, appoint: Any, two_organisations: Any
) -> None:
    w = two_organisations
    client = client_for(w["ines"])
    answer = appoint(
        w["ines"], w["jobs"], {"email": "Lea.Neu@Example.org", "display_name": "Lea"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["new_account"] is True and answer.json()["already"] is False
    lea = User.objects.get(email__iexact="lea.neu@example.org")
    assert not lea.has_usable_password() and lea.preferred_language == "de"
    assert Membership.objects.filter(user=lea, programme=w["jobs"], role=Role.COORDINATOR).exists()
    (email,) = mail.outbox
    assert email.to == ["Lea.Neu@Example.org"] and "Jobs Berlin" in email.subject
    assert "/account/password/reset/key/" in email.body and "Jobs Berlin" in email.body

    listed = client.get(f"/api/v1/programmes/{w['jobs'].pk}/coordinators/").json()["results"]
    assert [(c["display_name"], c["password_set"]) for c in listed] == [
        (w["cora"].display_name, True),
        ("Lea", False),
    ]
    repeat = appoint(w["ines"], w["jobs"], {"email": "lea.neu@example.org"})
    assert repeat.status_code == 200 and repeat.json()["already"] is True
    assert len(mail.outbox) == 1  # nothing changed, nothing sent


def test_appointing_someone_with_an_account_joins_it_and_never_duplicates_it(
    appoint: Any, two_organisations: Any
) -> None:
    w = two_organisations
    mentor = Membership.objects.get(programme=w["jobs"], role=Role.MENTOR).user
    answer = appoint(w["ines"], w["jobs"], {"email": mentor.email.upper()})
    assert answer.status_code == 201 and answer.json()["new_account"] is False
    assert User.objects.filter(email__iexact=mentor.email).count() == 1
    assert set(Membership.objects.filter(user=mentor, programme=w["jobs"]).values_list("role", flat=True)) == {
        Role.MENTOR,
        Role.COORDINATOR,
    }
    (email,) = mail.outbox
    assert "/login" in email.body and "password/reset" not in email.body


def test_removing_coordinators_keeps_at_least_one(client_for: Any, two_organisations: Any) -> None:
    w = two_organisations
    client = client_for(w["ines"])
    cora_role = Membership.objects.get(user=w["cora"], programme=w["jobs"], role=Role.COORDINATOR)
    last = client.delete(f"/api/v1/coordinators/{cora_role.pk}/")
    assert last.status_code == 409 and "at least one coordinator" in str(last.json())

    client.post(f"/api/v1/programmes/{w['jobs'].pk}/coordinators/", {"email": "lea@example.org"}, format="json")
    assert client.delete(f"/api/v1/coordinators/{cora_role.pk}/").status_code == 204
    assert not Membership.objects.filter(pk=cora_role.pk).exists()
    assert User.objects.filter(pk=w["cora"].pk).exists()  # her account stays
    # she no longer reaches the programme's coordinator routes
    assert client_for(w["cora"]).get(f"/api/v1/programmes/{w['jobs'].pk}/participants/").status_code == 404


def test_organisation_admins_must_pass_two_step(client_for: Any, two_organisations: Any, enforce_two_step: Any) -> None:
    answer = client_for(two_organisations["ines"]).get("/api/v1/organisations/")
    assert answer.status_code == 403 and answer.json()["errors"][0]["code"] == "two_step_required"


def test_the_site_admin_creates_an_organisation_and_its_first_admin(capsys: Any) -> None:
    call_command("create_organisation", name="IOM Österreich", admin_email="anna@example.org", country="AT")
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.slug, organisation.country) == ("IOM Österreich", "iom-osterreich", "AT")
    admin = OrganisationAdmin.objects.get()
    assert admin.user.email == "anna@example.org" and not admin.user.has_usable_password()
    assert "/account/password/reset/key/" in capsys.readouterr().out
    # again, with someone who has an account: a second admin, the same organisation
    existing = UserFactory()
    call_command("create_organisation", name="IOM Österreich", admin_email=existing.email)
    assert Organisation.objects.count() == 1
    assert set(OrganisationAdmin.objects.values_list("user__email", flat=True)) == {"anna@example.org", existing.email}


BEFORE = [("programmes", "0006_message_retention")]
AFTER = [("programmes", "0008_programme_organisation_required")]


@pytest.mark.django_db(transaction=True)
def test_existing_programmes_move_into_one_organisation() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("programmes", "Programme")
    old.objects.create(kind="mentoring", name="Old one", slug="old-one")
    old.objects.create(kind="peer_network", name="Old two", slug="old-two")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    (organisation,) = new.get_model("programmes", "Organisation").objects.all()
    programmes = new.get_model("programmes", "Programme").objects.filter(organisation=organisation)
    assert set(programmes.values_list("slug", flat=True)) == {"old-one", "old-two"}
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_duplicating_a_programme_for_the_next_cohort_takes_its_settings_never_its_people(
    client_for: Any, two_organisations: Any
) -> None:
    w = two_organisations
    jobs = w["jobs"]
    jobs.texts = {
        "name": {"en": "Jobs Berlin"},
        "description": {"en": "Mentoring into work.", "ar": "إرشاد نحو العمل."},
        "consent_addition": {"en": "We keep your answers for one year."},
    }
    jobs.offer_expiry_days, jobs.matching_settings, jobs.languages = 10, {"min_score": 0.3}, ["de", "ar"]
    jobs.save()
    answer = client_for(w["ines"]).post(
        f"/api/v1/programmes/{jobs.pk}/duplicate/", {"name": "Jobs Berlin 2027"}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    copy = Programme.objects.get(pk=answer.json()["id"])
    assert copy.organisation == w["iom"] and copy.pk != jobs.pk
    assert (copy.name, copy.signup_open, copy.closed_at) == ("Jobs Berlin 2027", False, None)
    assert copy.texts["description"] == jobs.texts["description"]
    assert copy.texts["consent_addition"] == jobs.texts["consent_addition"]
    assert (copy.offer_expiry_days, copy.matching_settings, copy.languages) == (10, {"min_score": 0.3}, ["de", "ar"])
    # her people stay where they are; the admin coordinates the new one
    assert set(Membership.objects.filter(programme=copy).values_list("user_id", "role")) == {
        (w["ines"].pk, Role.COORDINATOR)
    }
    # another organisation's admin, or a coordinator who does not run the organisation: the unknown-id answer
    for caller in (w["nadia"], w["cora"]):
        refused = client_for(caller).post(f"/api/v1/programmes/{jobs.pk}/duplicate/", {"name": "X"}, format="json")
        assert refused.status_code == 404


@pytest.mark.parametrize("not_a_yes_or_no", ["yes", 1, "1", "true", None])
def test_a_yes_or_no_setting_takes_only_true_or_false(
    client_for: Any, two_organisations: Any, not_a_yes_or_no: Any
) -> None:
    """The schema says boolean: "yes", 1 or "true" in a JSON body is refused, not read as a yes."""
    w = two_organisations
    before = Programme.objects.count()
    answer = client_for(w["ines"]).post(
        f"/api/v1/programmes/{w['jobs'].pk}/duplicate/",
        {"name": "Jobs Berlin 2027", "coordinate": not_a_yes_or_no},
        format="json",
    )
    assert answer.status_code == 400, answer.json()
    assert answer.json()["errors"][0]["attr"] == "coordinate"
    assert Programme.objects.count() == before
