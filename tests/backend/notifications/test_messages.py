"""Every notice has words in every interface language, and rendering never fails on partial data."""

import re

import pytest

from common.languages import INTERFACE_LANGUAGES
from notifications import messages
from notifications.models import NotificationKind

SAMPLE_PARAMS = {
    "mentee": "Amina",
    "mentor": "Birgit",
    "expires": "2026-05-01",
    "reason": "no_time",
    "by": "mentor",
    "proposals": 12,
    "unmatched": 3,
    "programme": "Jobs Berlin",
    "round": "Spring 2027",
    "count": 3,
    "erase_on": "2026-06-01",
    "mentor_form": "feminine",
    "mentee_form": "feminine",
}
ARABIC = re.compile(r"[\u0600-\u06ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
VARIANTS = [(kind, audience) for kind in messages.CATALOG for audience in messages.audiences(kind)]


def test_the_catalog_covers_exactly_the_model_kinds() -> None:
    assert set(messages.CATALOG) == set(NotificationKind.values)
    assert set(messages.KIND_PARAMS) == set(NotificationKind.values)
    for kind, variants in messages.CATALOG.items():
        assert "" in variants, f"{kind} has no general wording"
        for texts in variants.values():
            assert len(texts) == 2, kind  # subject and body, English msgids translated by the catalogues


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@pytest.mark.parametrize(("kind", "audience"), VARIANTS)
def test_every_kind_renders_in_every_language(kind: str, audience: str, language: str) -> None:
    params = {key: SAMPLE_PARAMS[key] for key in (*messages.KIND_PARAMS[kind], "programme")}
    subject, body = messages.render(kind, language, params, audience=audience)
    assert subject and body
    assert "{" not in subject + body and "}" not in subject + body
    assert "\n" not in subject
    template_subject, template_body = (str(text) for text in messages.CATALOG[kind][audience])
    for name in ("mentee", "mentor", "programme"):
        if "{" + name + "}" in template_subject + template_body:
            assert str(SAMPLE_PARAMS[name]) in subject + body
    if language != "en":
        assert (subject, body) != messages.render(kind, "en", params, audience=audience)
    if language == "ar":
        assert ARABIC.search(subject), subject
    if language == "uk":
        assert CYRILLIC.search(subject), subject


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@pytest.mark.parametrize(("kind", "audience"), VARIANTS)
def test_missing_params_give_safe_words_not_errors(kind: str, audience: str, language: str) -> None:
    subject, body = messages.render(kind, language, {}, audience=audience)
    assert subject and body
    assert "{" not in subject + body and "None" not in subject + body


def test_language_tags_and_unknown_languages_fall_back() -> None:
    params = {"mentor": "Birgit"}
    assert messages.render("offer_accepted", "de-AT", params) == messages.render("offer_accepted", "de", params)
    assert messages.render("offer_accepted", "sw", params) == messages.render("offer_accepted", "en", params)
    assert messages.render("offer_accepted", None, params)[0] == "Good news: Birgit said yes!"


def test_an_unknown_kind_still_renders() -> None:
    assert messages.render("retired_kind", "fr", {})[0] == "Nouveau message dans Bridges"


def test_reason_codes_become_labels_in_the_readers_language() -> None:
    _, body = messages.render("match_ended", "de", {"reason": "moved_away", "programme": "Jobs"})
    assert "Grund: Umgezogen" in body
    _, body = messages.render(
        "offer_declined", "fr", {"reason": "no_time", "by": "mentee", "mentee": "Amina"}, "coordinator"
    )
    assert "Raison : Je n'ai pas le temps en ce moment" in body
    assert "Refusé par : Amina" in body


def test_a_safety_concern_is_not_named_to_the_other_side() -> None:
    _, to_mentor = messages.render("match_ended", "en", {"reason": "safety_concern"}, audience="mentor")
    assert "Safety" not in to_mentor and "Reason: Other" in to_mentor
    _, to_coordinator = messages.render("match_ended", "en", {"reason": "safety_concern"}, audience="coordinator")
    assert "Reason: Safety concern" in to_coordinator


def test_dates_are_written_out_in_the_readers_language() -> None:
    _, body = messages.render("offer_reminder", "de", {"expires": "2026-05-01"})
    assert "1. Mai 2026" in body
    _, body = messages.render("offer_reminder", "en", {"expires": "2026-05-01T10:00:00+00:00"})
    assert "May 1, 2026" in body


def test_a_name_cannot_break_the_subject_line() -> None:
    subject, _ = messages.render("offer_accepted", "en", {"mentor": "Eve\r\nBcc: all@example.org"})
    assert "\n" not in subject and "\r" not in subject


@pytest.mark.parametrize(
    ("language", "count", "words"),
    [
        ("en", 1, "1 participant of Jobs has not"),
        ("en", 3, "3 participants of Jobs have not"),
        ("uk", 1, "1 учасник програми"),
        ("uk", 2, "2 учасники програми"),
        ("uk", 5, "5 учасників програми"),
        ("uk", 21, "21 учасник програми"),
        ("ar", 1, "مشارك واحد (1)"),
        ("ar", 2, "مشاركان (2)"),
        ("ar", 3, "3 مشاركين"),
        ("ar", 11, "11 مشاركًا"),
        ("ar", 100, "100 مشارك في"),
        ("fr", 1, "1 personne du programme « Jobs » n’est plus active"),
        ("fr", 4, "4 personnes du programme"),
        ("de", 1, "1 teilnehmende Person"),
    ],
)
def test_a_count_takes_the_plural_form_of_its_language(language: str, count: int, words: str) -> None:
    _, body = messages.render("retention_due", language, {"count": count, "programme": "Jobs"})
    assert words in body


@pytest.mark.parametrize(
    ("language", "form", "words"),
    [
        ("ar", "masculine", "وجدنا مرشدًا لك"),
        ("ar", "feminine", "وجدنا مرشدة لك"),
        ("ar", "", "وجدنا مرشدًا أو مرشدة لك"),
        ("uk", "feminine", "менторку"),
        ("de", "masculine", "einen Mentor"),
        ("fr", "feminine", "une mentore"),
    ],
)
def test_the_mentor_is_worded_in_her_or_his_own_form(language: str, form: str, words: str) -> None:
    subject, _ = messages.render("offer_shown_to_mentee", language, {"mentor": "Sami", "mentor_form": form})
    assert words in subject


def test_the_mentor_form_travels_with_the_notice_and_is_never_shown() -> None:
    _, body = messages.render("offer_accepted", "ar", {"mentor": "Omar", "mentor_form": "masculine", "programme": "X"})
    assert "يكون مرشدك" in body and "masculine" not in body


@pytest.mark.parametrize(
    ("kind", "language", "form", "words"),
    [
        ("offer_received", "ar", "feminine", "متدرّبة جديدة"),
        ("offer_received", "ar", "masculine", "متدرّب جديد"),
        ("offer_received", "ar", "", "اقتراح جديد"),
        ("offer_received", "uk", "masculine", "Новий учасник"),
        ("offer_received", "uk", "neutral", "Нова пропозиція"),
        ("offer_reminder", "de", "feminine", "Eine Mentee"),
        ("offer_reminder", "de", "", "Ein Vorschlag"),
        ("offer_reminder", "fr", "masculine", "un mentoré"),
    ],
)
def test_the_mentee_is_worded_in_her_or_his_own_form_and_neutrally_by_default(
    kind: str, language: str, form: str, words: str
) -> None:
    """A mentor's offer speaks of the mentee as she or he asked; "a new mentee" in a language that must choose a
    gender is never assumed feminine for someone who did not say."""
    subject, body = messages.render(kind, language, {"mentee": "S.", "expires": "2026-12-12", "mentee_form": form})
    assert words in subject
    assert form not in body or not form
