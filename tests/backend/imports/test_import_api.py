"""Importing an existing participant list: a dry run that names every problem by row and column in the
coordinator's language and stores nothing; then the valid rows, all at once, joined to existing accounts, never
duplicated, with assisted consent and an invitation to set a password."""

import io
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from imports.models import ImportMapping
from openpyxl import Workbook

from accounts.models import User
from privacy.models import ConsentRecord
from profiles.models import Profile
from programmes.models import Role
from tests.backend.conftest import World

pytestmark = pytest.mark.django_db

HEADERS = ["Vorname", "E-Mail", "Languages", "Sector", "City", "Notes"]
GOOD = [
    ["Amal", "amal@example.org", "ar C2; de A2", "Care and social work", "Berlin", "Wants to work as a nurse"],
    ["Olena", "", "uk C2, de B1, en B2", "Q", "Berlin", ""],
    ["Hiwet", "hiwet@example.org", "ti C2 / en A2", "IT and software", "", ""],
]
BAD = [
    ["Sara", "sara@example", "fa C2", "Care and social work", "Berlin", ""],  # email invalid
    ["Noor", "noor@example.org", "xx C2", "Care and social work", "Berlin", ""],  # unknown language code
    ["Dilan", "dilan@example.org", "ku", "Helthcare", "Berlin", ""],  # level missing, sector misspelt
    ["", "nameless@example.org", "de B1", "", "Berlin", ""],  # first name missing
]


def _xlsx(rows: list[list[str]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("mentees.xlsx", buffer.getvalue())


def _csv(rows: list[list[str]], headers: list[str] = HEADERS, sep: str = ";") -> SimpleUploadedFile:
    text = "\n".join(sep.join(cells) for cells in [headers, *rows])
    return SimpleUploadedFile("mentees.csv", text.encode("utf-8-sig"))


def _post(client: Any, world: World, upload: Any, **fields: Any) -> Any:
    url = f"/api/v1/programmes/{world.programme_a.id}/imports/"
    return client.post(url, {"file": upload, "role": "mentee", **fields}, format="multipart")


def _problems(answer: Any) -> list[tuple[Any, str, str]]:
    return [(p["row"], p["letter"], p["field"]) for p in answer.json()["problems"]]


def test_a_dry_run_names_every_problem_and_stores_nothing(client_for: Any, world: World) -> None:
    before = (User.objects.count(), Profile.objects.count(), ConsentRecord.objects.count())
    answer = _post(client_for(world.coordinator_a), world, _xlsx(GOOD + BAD))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["rows"] == 7 and body["valid"] == 3 and body["committed"] is False
    # The headers said which field each column is (German and English names alike).
    assert [(c["header"], c["field"]) for c in body["columns"]] == [
        ("Vorname", "first_name"),
        ("E-Mail", "email"),
        ("Languages", "languages"),
        ("Sector", "sectors"),
        ("City", "city"),
        ("Notes", "goals_text"),
    ]
    assert sorted(_problems(answer)) == [
        (5, "B", "email"),
        (6, "C", "languages"),
        (7, "C", "languages"),
        (7, "D", "sectors"),
        (8, "A", "first_name"),
    ]
    by_cell = {(p["row"], p["letter"]): p["message"] for p in body["problems"]}
    assert "xx" in by_cell[(6, "C")] and "language code" in by_cell[(6, "C")]
    assert by_cell[(7, "C")] == "The level is missing for “ku”. Write it like ku B1 (A1 to C2)."
    assert "Did you mean" in by_cell[(7, "D")] and "Helthcare" in by_cell[(7, "D")]
    assert (User.objects.count(), Profile.objects.count(), ConsentRecord.objects.count()) == before


def test_problems_are_in_the_coordinators_language(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_a)
    answer = client.post(
        f"/api/v1/programmes/{world.programme_a.id}/imports/",
        {"file": _csv(BAD), "role": "mentee"},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    by_cell = {(p["row"], p["letter"]): p["message"] for p in answer.json()["problems"]}
    assert by_cell[(5, "A")] == "Diese Zelle ist leer."
    assert "Meinten Sie" in by_cell[(4, "D")]


def test_the_valid_rows_are_imported_with_assisted_consent_and_invitations(
    client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    existing = world.mentee_b.membership.user  # has an account already, as a worker of the peer network
    rows = [*GOOD, ["Carla", existing.email.upper(), "es C2, de B2", "Q", "Berlin", ""], *BAD]
    client = client_for(world.coordinator_a)
    refused = _post(client, world, _xlsx(rows), commit="true")
    assert refused.status_code == 400 and refused.json()["errors"][0]["attr"] == "consent_method"
    users_before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer = _post(client, world, _xlsx(rows), commit="true", consent_method="paper_form")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["imported"], body["joined"], body["invited"], body["valid"]) == (4, 1, 2, 4)
    assert User.objects.count() == users_before + 3  # Carla joined with her account, never a second one
    amal = Profile.objects.get(membership__user__email="amal@example.org", membership__programme=world.programme_a)
    assert amal.membership.role == Role.MENTEE and amal.city == "Berlin"
    assert sorted(amal.languages.values_list("language", "level")) == [("ar", "C2"), ("de", "A2")]
    assert amal.sectors.exists() and amal.goals_text == "Wants to work as a nurse"
    assert amal.membership.user.preferred_language == "ar"  # the app in the language she speaks best
    assert not amal.membership.user.has_usable_password()
    consent = ConsentRecord.objects.get(user=amal.membership.user, programme=world.programme_a, purpose="programme")
    assert (consent.method, consent.entered_by) == ("paper_form", world.coordinator_a)
    assert Profile.objects.filter(membership__user=existing, membership__programme=world.programme_a).count() == 1
    # Olena has no email: no invitation. Amal and Hiwet get one each, in their language, with a working link.
    assert sorted(address for m in mail.outbox for address in m.to) == ["amal@example.org", "hiwet@example.org"]
    [to_amal] = [m for m in mail.outbox if m.to == ["amal@example.org"]]
    key = to_amal.body.split("/account/password/reset/key/")[1].split()[0]
    # The link works: allauth takes its key and sets her password (then she is logged in).
    browser = Client()
    reset = "/_allauth/browser/v1/auth/password/reset"
    assert browser.get(reset, HTTP_X_PASSWORD_RESET_KEY=key).status_code == 200
    done = browser.post(reset, {"key": key, "password": "a long new passphrase 7"}, content_type="application/json")
    assert done.status_code in (200, 401), done.content
    assert User.objects.get(email="amal@example.org").check_password("a long new passphrase 7")
    assert world.programme_a.name not in to_amal.body
    # A second import of the same list joins nobody twice: they are all in the programme now.
    again = _post(client, world, _xlsx(GOOD), commit="true", consent_method="paper_form")
    assert again.status_code == 400
    dry = _post(client, world, _xlsx(GOOD))
    assert {p["message"] for p in dry.json()["problems"]} >= {"This person is already in the programme."}


def test_the_columns_she_chose_are_remembered(client_for: Any, world: World) -> None:
    headers = ["Spalte 1", "Kontakt", "Sprachkenntnisse", "Ort"]
    rows = [["Amal", "amal@example.org", "ar C2", "Berlin"]]
    client = client_for(world.coordinator_a)
    first = _post(client, world, _csv(rows, headers, sep=","))
    assert [c["field"] for c in first.json()["columns"]] == ["", "", "", "city"]
    mapping = '{"Spalte 1": "first_name", "Kontakt": "email", "Sprachkenntnisse": "languages", "Ort": "city"}'
    chosen = _post(client, world, _csv(rows, headers, sep=","), mapping=mapping)
    assert chosen.json()["valid"] == 1 and chosen.json()["problems"] == []
    assert ImportMapping.objects.get(programme=world.programme_a, role="mentee").updated_by == world.coordinator_a
    later = _post(client, world, _csv(rows, headers, sep=","))
    assert [c["field"] for c in later.json()["columns"]] == ["first_name", "email", "languages", "city"]


def test_a_required_column_not_chosen_is_named_and_blocks_the_import(client_for: Any, world: World) -> None:
    client = client_for(world.coordinator_a)
    answer = _post(client, world, _csv([["Amal", "Berlin"]], ["Vorname", "City"]))
    assert [(p["row"], p["field"]) for p in answer.json()["problems"]] == [(None, "languages")]
    refused = _post(
        client, world, _csv([["Amal", "Berlin"]], ["Vorname", "City"]), commit="true", consent_method="verbal"
    )
    assert refused.status_code == 400 and not Profile.objects.filter(membership__user__display_name="Amal").exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("list.xlsx", b"PK\x03\x04 not really a workbook", "Excel"),
        ("list.xlsx", b"just text", "Excel"),
        ("list.csv", b"\n\n", "empty"),
        ("list.csv", ("Vorname;" * 70).encode(), "columns"),
    ],
)
def test_a_file_that_cannot_be_read_gets_plain_words(
    client_for: Any, world: World, name: str, content: bytes, words: str
) -> None:
    answer = _post(client_for(world.coordinator_a), world, SimpleUploadedFile(name, content))
    assert answer.status_code == 400
    assert words in answer.json()["errors"][0]["detail"]


def test_mentors_need_an_email_and_a_capacity(client_for: Any, world: World) -> None:
    headers = ["First name", "Email", "Languages", "Sectors", "Capacity"]
    rows = [["Carla", "", "de C2", "Q", "2"], ["Jan", "jan@example.org", "de C2", "Q", "many"]]
    answer = client_for(world.coordinator_a).post(
        f"/api/v1/programmes/{world.programme_a.id}/imports/",
        {"file": _csv(rows, headers), "role": "mentor"},
        format="multipart",
    )
    assert sorted(_problems(answer)) == [(2, "B", "email"), (3, "E", "capacity")]


@pytest.mark.parametrize("who", ["coordinator_b", "mentee"])
def test_only_the_programmes_coordinator_may_import(client_for: Any, world: World, who: str) -> None:
    user = world.coordinator_b if who == "coordinator_b" else world.mentee_a.membership.user
    answer = _post(client_for(user), world, _xlsx(GOOD), commit="true", consent_method="verbal")
    assert answer.status_code == 404
    assert not User.objects.filter(email="amal@example.org").exists()


@pytest.mark.parametrize("not_true_or_false", ["1", "yes", "on", "True"])
def test_commit_is_true_or_false_and_nothing_else(client_for: Any, world: World, not_true_or_false: str) -> None:
    """A form field is text, so the schema's boolean is "true" or "false": anything else is refused and nothing
    is imported (an import is not something to start by accident)."""
    before = Profile.objects.count()
    answer = _post(client_for(world.coordinator_a), world, _xlsx(GOOD), commit=not_true_or_false)
    assert answer.status_code == 400, answer.content
    assert answer.json()["errors"][0]["attr"] == "commit"
    assert Profile.objects.count() == before
    assert _post(client_for(world.coordinator_a), world, _xlsx(GOOD), commit="false").json()["committed"] is False
