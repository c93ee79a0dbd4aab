"""Consent in her language (issue 11, item 1): every purpose's text exists in every interface language, the page
asks it in hers, and the ledger keeps the language of the words she agreed to, as do her export and summary."""

from typing import Any

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from privacy.consent_texts import CONSENT_TEXTS
from privacy.models import ConsentPurpose, ConsentRecord
from tests.backend.factories import ProgrammeFactory
from tests.backend.privacy.conftest import Privacy
from tests.backend.profiles.test_signup_api import mentee_payload, signup_url

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CELLS = [(purpose, language) for purpose in ConsentPurpose.values for language in LANGUAGES]


def test_the_interface_languages_are_the_five() -> None:
    assert sorted(LANGUAGES) == ["ar", "de", "en", "fr", "uk"]


@pytest.mark.parametrize(("purpose", "language"), CELLS)
def test_every_purpose_has_its_own_text_in_every_language(purpose: str, language: str) -> None:
    entry = CONSENT_TEXTS[purpose]
    assert entry.texts.get(language, "").strip(), f"{purpose} has no text in {language}"
    assert entry.stops.get(language, "").strip(), f"{purpose} has no 'what stops' in {language}"
    if language != "en":  # a translation, not the English copied over
        assert entry.texts[language] != entry.texts["en"]
        assert entry.stops[language] != entry.stops["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programme_is_asked_in_her_language_and_her_sign_up_keeps_that_text(language: str) -> None:
    programme = ProgrammeFactory()
    api = APIClient()
    shown = api.get(f"/api/v1/programmes/{programme.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()
    expected = CONSENT_TEXTS[ConsentPurpose.PROGRAMME].texts[language]
    assert (shown["consent_text"], shown["consent_language"]) == (expected, language)
    assert sorted(shown["consent_languages"]) == sorted(LANGUAGES)

    api.get("/api/v1/csrf/")
    response = api.post(
        signup_url(programme.pk),
        mentee_payload(account__preferred_language=language),
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 202, response.content[:300]  # she confirms her email address next
    record = ConsentRecord.objects.get(programme=programme, purpose=ConsentPurpose.PROGRAMME)
    assert (record.text, record.language) == (expected, language)

    api.force_login(record.user)

    exported = api.get("/api/v1/me/data/").json()["consents"]
    assert {(c["purpose"], c["language"], c["text"]) for c in exported} >= {("programme", language, expected)}
    summary = api.get("/api/v1/me/data/summary/").content.decode()
    assert f'lang="{language}" dir="auto">{expected}' in summary.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("purpose", "language"), [cell for cell in CELLS if cell[0] != ConsentPurpose.PROGRAMME], ids=str
)
def test_each_consent_she_gives_keeps_the_language_she_read_it_in(
    as_user: Any, privacy: Privacy, purpose: str, language: str
) -> None:
    client = as_user(privacy.other_mentee)
    programme = str(privacy.programme.pk)
    client.post("/api/v1/me/consents/withdraw/", {"programme": programme, "purpose": purpose}, format="json")
    body = {"programme": programme, "purpose": purpose, "version": CONSENT_TEXTS[purpose].version, "language": language}
    given = client.post("/api/v1/me/consents/", body, format="json")
    assert given.status_code == 201, given.content[:300]
    assert (given.json()["text"], given.json()["language"]) == (CONSENT_TEXTS[purpose].texts[language], language)


def test_a_programme_with_its_own_addition_is_asked_only_in_the_languages_of_that_addition() -> None:
    """The standard consent plus the programme's own words: where the addition is missing, the consent is not
    complete in that language, so the page is told which languages have all of it."""
    addition = {"en": "We keep your answers for the Spring cohort only.", "ar": "نحتفظ بإجاباتك لدفعة الربيع فقط."}
    programme = ProgrammeFactory(texts={"name": {"en": "Spring"}, "consent_addition": addition}, consent_version="7")
    api = APIClient()
    arabic = api.get(f"/api/v1/programmes/{programme.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()
    standard = CONSENT_TEXTS[ConsentPurpose.PROGRAMME].texts
    assert arabic["consent_text"] == f"{standard['ar']}\n\n{addition['ar']}"
    assert (arabic["consent_language"], arabic["consent_languages"]) == ("ar", ["en", "ar"])
    french = api.get(f"/api/v1/programmes/{programme.pk}/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["consent_language"], french["consent_text"]) == ("en", f"{standard['en']}\n\n{addition['en']}")
    assert french["consent_version"] == "7"
