"""Her data as JSON and as a printable page: all of hers, nobody else's."""

from typing import Any

from mentoring.models import Feedback, MatchState
from privacy.models import AuditEvent
from tests.backend.privacy.conftest import Privacy


def test_export_contains_her_data_and_nobody_elses(as_user: Any, privacy: Privacy) -> None:
    match = privacy.match(MatchState.ACTIVE)
    Feedback.objects.create(
        match=match, author=privacy.mentor.membership.user, author_role="mentor", rating=3, text="Mentor's own words"
    )
    response = as_user(privacy.mentee).get("/api/v1/me/data/")
    assert response.status_code == 200
    data = response.json()
    assert data["account"]["email"] == "zainab.quuxley@example.org"
    assert data["account"]["phone"] == "+4915112345678"
    assert data["profiles"][0]["goals_text"].startswith("I was a pharmacist")
    assert {item["code"] for item in data["sensitive_attributes"]} == {"gbv_survivor", "children_school_hours"}
    assert {c["purpose"] for c in data["consents"]} == {
        "programme",
        "contact_sharing",
        "sensitive_matching",
        "outcome_reporting",
    }
    assert data["matches"][0]["my_role"] == "mentee" and data["matches"][0]["state"] == "active"
    text = str(data)
    for other in (privacy.mentor, privacy.other_mentee, privacy.man_mentor):
        person = other.membership.user
        assert person.display_name not in text and (person.email or "?") not in text
    assert "Mentor's own words" not in text
    assert AuditEvent.objects.filter(action="sensitive.read", actor=privacy.mentee.membership.user).exists()
    download = as_user(privacy.mentee).get("/api/v1/me/data/?download=1")
    assert "attachment" in download["Content-Disposition"]


def test_the_readable_summary_is_a_printable_page_in_her_language(as_user: Any, privacy: Privacy) -> None:
    response = as_user(privacy.mentee).get("/api/v1/me/data/summary/?lang=ar")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert 'dir="rtl"' in page and "بياناتي على Bridges" in page
    assert "zainab.quuxley@example.org" in page
    assert privacy.mentor.membership.user.display_name not in page


def test_the_summary_names_her_data_in_her_language_not_in_field_codes(as_user: Any, privacy: Privacy) -> None:
    privacy.match(MatchState.ACTIVE)
    page = as_user(privacy.mentee).get("/api/v1/me/data/summary/?lang=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # Field names, roles, states, purposes and yes/no are words of her language, never the export's codes.
    for code in ("display_name", "preferred_language", "woman_mentor_only", "goals_text", ">mentee<", ">active<"):
        assert code not in page, code
    for words in ("الاسم الأول", "البريد الإلكتروني", "مرشدة امرأة فقط", "المشاركة في البرنامج والمطابقة", "نشط"):
        assert words in page, words
    assert ">True<" not in page and ">False<" not in page
    english = as_user(privacy.mentee).get("/api/v1/me/data/summary/?lang=en").content.decode()
    assert "First name" in english and "Woman mentor only" in english
