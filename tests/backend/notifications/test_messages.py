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
            assert set(texts) == set(INTERFACE_LANGUAGES), kind


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES)
@pytest.mark.parametrize(("kind", "audience"), VARIANTS)
def test_every_kind_renders_in_every_language(kind: str, audience: str, language: str) -> None:
    params = {key: SAMPLE_PARAMS[key] for key in (*messages.KIND_PARAMS[kind], "programme")}
    subject, body = messages.render(kind, language, params, audience=audience)
    assert subject and body
    assert "{" not in subject + body and "}" not in subject + body
    assert "\n" not in subject
    template_subject, template_body = messages.CATALOG[kind][audience][language]
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
