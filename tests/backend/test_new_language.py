"""README's "Translating Bridges" steps for a sixth language work: add it to common/languages.py, `make messages`
(a new catalogue with every text), translate (here: tests/backend/fixtures/ti.po, Tigrinya), compile, and the API
answers in it. Everything happens in a temporary locale directory; the real catalogues are not touched."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext_lazy
from rest_framework.test import APIClient

from common import languages
from common.catalogues import catalogue_paths, check, extract, read

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ti.po"


@pytest.fixture
def tigrinya(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The steps, on a copy of the project's locale directory: returns it, with Tigrinya an interface language."""
    for po in catalogue_paths(settings.LOCALE_PATHS[0]):
        shutil.copytree(po.parent, tmp_path / po.parts[-3] / "LC_MESSAGES")
    # 1. common/languages.py: the code and its name.
    monkeypatch.setattr(languages, "INTERFACE_LANGUAGES", (*languages.INTERFACE_LANGUAGES, "ti"))
    monkeypatch.setitem(languages.LANGUAGE_NAMES, "ti", gettext_lazy("Tigrinya"))
    # 2. make messages: a catalogue for the new language, with every text of the code, untranslated.
    call_command("update_catalogues", locale_dir=str(tmp_path), verbosity=0)
    po = tmp_path / "ti" / "LC_MESSAGES" / "django.po"
    assert po.exists()
    # 3. A translator fills it in (Weblate, Pontoon or Poedit): here, from the fixture.
    with po.open("rb") as started, FIXTURE.open("rb") as translated:
        catalogue, done = read_po(started), read_po(translated)
    catalogue._num_plurals, catalogue._plural_expr = done.num_plurals, done.plural_expr  # the translator's header
    for message in done:
        if message.id:
            catalogue[message.id].string = message.string
    with po.open("wb") as out:
        write_po(out, catalogue, width=0, include_lineno=False)
    # 4. Compile (make run, make test, CI and the image do this).
    call_command("compile_catalogues", locale_dir=[str(tmp_path)], verbosity=0)
    assert po.with_suffix(".mo").exists()
    # 5. Django's LANGUAGES (config/django/base.py builds it from common.languages when it starts).
    languages_setting = [(code, languages.LANGUAGE_NAMES[code]) for code in languages.INTERFACE_LANGUAGES]
    with override_settings(LANGUAGES=languages_setting, LOCALE_PATHS=[tmp_path]):
        yield tmp_path


def test_the_new_catalogue_has_every_text_of_the_code_and_only_the_translations_are_left(tigrinya: Path) -> None:
    problems = check(read(tigrinya / "ti" / "LC_MESSAGES" / "django.po"), extract())
    assert problems, "the fixture translates only a few texts: the rest are listed as untranslated"
    assert all(problem.endswith(" is untranslated") for problem in problems), problems[:5]
    assert not any(problem.startswith("'This request is too large") or "minute." in problem for problem in problems)


@pytest.mark.django_db
def test_the_api_answers_in_the_new_language(tigrinya: Path) -> None:
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        response = APIClient().post(
            "/api/v1/no-such-route/", {"text": "x" * 500}, format="json", HTTP_ACCEPT_LANGUAGE="ti,en;q=0.5"
        )
    assert response.status_code == 413
    assert response.json()["errors"][0]["detail"] == "እዚ ሕቶ ኣዝዩ ዓቢ እዩ። በጃኹም ሓደ ግዜ ውሑድ ስደዱ።"


def test_counted_texts_take_the_new_languages_plural_forms(tigrinya: Path) -> None:
    singular = "Too many sign-ups from this connection. Please try again in %(count)d minute."
    plural = "Too many sign-ups from this connection. Please try again in %(count)d minutes."
    with translation.override("ti"):
        assert "ደቒቕ" in translation.ngettext(singular, plural, 1) % {"count": 1}
        assert "ደቓይቕ" in translation.ngettext(singular, plural, 5) % {"count": 5}
    with translation.override("de"):  # the other languages are unchanged
        assert "Minuten" in translation.ngettext(singular, plural, 5) % {"count": 5}
