"""The backend's translation catalogues (backend/locale/<language>/LC_MESSAGES/django.po): each one is complete and
up to date with the code, its plural forms are the language's, and the .mo Django reads is built from it.

The .mo files are not committed: `manage.py compile_catalogues` builds them (make run, make test, CI, the image).
The checks themselves live in common.catalogues, so that `make messages` reports the same problems; a broken fixture
(tests/backend/fixtures/broken.po) proves they find each kind of fault.
"""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from common.catalogues import catalogue_paths, check, compile_catalogue, extract, read, update_catalogue

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "backend" / "locale"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CATALOGUES = catalogue_paths(LOCALE)


@pytest.fixture(scope="module")
def code_texts(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Every text the backend passes to gettext, extracted afresh into a temporary .pot."""
    pot = tmp_path_factory.mktemp("extracted") / "django.pot"
    with pot.open("wb") as out:
        write_po(out, extract(), width=0, include_lineno=False)
    with pot.open("rb") as written:
        return read_po(written)


def test_there_is_a_catalogue_for_every_interface_language_but_english() -> None:
    from django.conf import settings

    assert {path.parts[-3] for path in CATALOGUES} == {code for code, _ in settings.LANGUAGES} - {"en"}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.parts[-3])
def test_the_catalogue_is_complete_and_up_to_date_with_the_code(po: Path, code_texts: Catalog) -> None:
    """No text untranslated, fuzzy, with other placeholders than the English or the wrong number of plural forms;
    the Plural-Forms header is the language's; every text in the code is in the catalogue and no other."""
    problems = check(read(po), code_texts)
    assert problems == [], f"{po.parts[-3]}: {len(problems)} problems (make messages lists them):\n" + "\n".join(
        problems[:40]
    )


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.parts[-3])
def test_the_compiled_catalogue_is_built_from_its_source(po: Path, tmp_path: Path) -> None:
    copy = tmp_path / po.parts[-3] / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(po, copy)
    compiled = compile_catalogue(copy)
    assert compiled.problems == []
    with compiled.mo.open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    catalogue = read(po)
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            for n in (0, 1, 2, 3, 5, 11, 21, 100):
                form = message.string[translations.plural(n)]  # type: ignore[attr-defined]
                assert (
                    translations.npgettext(message.context, message.id[0], message.id[1], n)
                    if message.context
                    else translations.ngettext(message.id[0], message.id[1], n)
                ) == form
        else:
            got = (
                translations.pgettext(message.context, message.id)
                if message.context
                else translations.gettext(message.id)
            )
            assert got == message.string
    if shutil.which("msgfmt"):  # GNU gettext, where installed, agrees that the catalogue is well formed
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_the_check_finds_untranslated_fuzzy_and_placeholder_faults_and_wrong_plural_counts() -> None:
    assert check(read(FIXTURES / "broken.po")) == [
        "'Not translated yet' is untranslated",
        "'A guess' is fuzzy: check the translation and remove the fuzzy flag",
        "'Hello %(name)s': placeholders ['%(nmae)s'] differ from the English ['%(name)s']",
        "'Groups: {groups}': placeholders [] differ from the English ['{groups}']",
        "'%(count)d hour' has 3 plural forms, the header says 4",
    ]


def test_the_check_finds_a_plural_rule_that_is_not_the_languages() -> None:
    assert check(read(FIXTURES / "wrong-plural-header.po")) == ["Plural-Forms: nplurals=2, but ar has 6"]


def test_the_check_finds_a_catalogue_out_of_date_with_the_code(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text(
        "from django.utils.translation import gettext as _, ngettext, pgettext_lazy\n"
        "_('Good morning')\n"
        "ngettext('%(count)d minute', '%(count)d minutes', 2)\n"
        "pgettext_lazy('mentor', 'New in the code')\n"
    )
    catalogue = read(FIXTURES / "broken.po")
    problems = [problem for problem in check(catalogue, extract(tmp_path)) if "code" in problem]
    assert problems[0] == "'New in the code' is in the code but not in the catalogue: run make messages"
    assert "'A guess' is in the catalogue but no longer in the code: run make messages" in problems
    assert not any("Good morning" in problem or "minute" in problem for problem in problems)


def test_a_text_only_obsolete_in_the_catalogue_but_used_in_the_code_is_found(tmp_path: Path) -> None:
    (tmp_path / "views.py").write_text("from django.utils.translation import gettext as _\n_('Old text')\n")
    po = tmp_path / "uk.po"
    po.write_text(
        (FIXTURES / "broken.po").read_text().split("#: fine.py")[0] + '#~ msgid "Old text"\n#~ msgstr "Старе"\n'
    )
    assert check(read(po), extract(tmp_path)) == [
        "'Old text' is in the code but only as obsolete (#~) in the catalogue: run make messages"
    ]


def test_make_messages_adds_new_texts_at_the_end_and_moves_nothing(tmp_path: Path) -> None:
    """update_catalogue (make messages) keeps every entry as written, adds new texts at the end and makes texts the
    code no longer has obsolete; a second run changes nothing."""
    (tmp_path / "fine.py").write_text(
        "from django.utils.translation import gettext as _, ngettext\n"
        "_('Good morning')\n"
        "ngettext('%(count)d minute', '%(count)d minutes', 2)\n"
        "# Translators: a greeting at night.\n"
        "_('Good night')\n"
    )
    po = tmp_path / "uk" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "broken.po", po)
    before = po.read_text()
    assert update_catalogue(po, extract(tmp_path)) == (1, 5)
    after = po.read_text()
    kept = before.split("#: untranslated.py")[0]
    assert after.startswith(kept), "the header and the texts still in the code stay exactly as they were"
    assert '#. Translators: a greeting at night.\n#: fine.py\nmsgid "Good night"\nmsgstr ""\n' in after
    assert '#~ msgid "A guess"' in after
    update_catalogue(po, extract(tmp_path))
    assert po.read_text() == after
    problems = check(read(po), extract(tmp_path))
    assert problems == ["'Good night' is untranslated"]


def test_extraction_reads_code_and_templates_as_makemessages_does(tmp_path: Path) -> None:
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("_('Not for translators')\n")
    (tmp_path / "app" / "models.py").write_text(
        "from django.utils.translation import gettext_lazy as _, npgettext_lazy\n"
        "LABEL = _('Peer group')\n"
        "COUNT = npgettext_lazy('people', '%(count)d member', '%(count)d members', 'count')\n"
    )
    (tmp_path / "app" / "templates" / "summary.html").write_text(
        "{% load i18n %}<h1>{% translate 'Your data' %}</h1>\n"
        "{# Translators: how many matches she had #}\n"
        "{% blocktranslate count counter=n %}One match{% plural %}{{ counter }} matches{% endblocktranslate %}\n"
    )
    found = {(message.context, message.id): message for message in extract(tmp_path) if message.id}
    assert set(found) == {
        (None, "Peer group"),
        ("people", ("%(count)d member", "%(count)d members")),
        (None, "Your data"),
        (None, ("One match", "%(counter)s matches")),
    }
    assert found[(None, ("One match", "%(counter)s matches"))].auto_comments == [
        "Translators: how many matches she had"
    ]
    assert found[(None, "Peer group")].locations == [("app/models.py", None)]


def test_the_interface_languages_are_listed_once_in_the_backend_and_the_web_app_agrees() -> None:
    """One list (common/languages.py): Django's LANGUAGES, the schema's enum and every app take it from there, and
    the web app offers the same languages."""
    import re

    from django.conf import settings

    from common.languages import INTERFACE_LANGUAGES

    spelled = re.compile(r"""["']en["'],\s*["']de["'],\s*["']fr["'],\s*["']ar["'],\s*["']uk["']""")
    copies = [
        str(path.relative_to(REPO))
        for path in (REPO / "backend").rglob("*.py")
        if "migrations" not in path.parts and path.name != "languages.py" and spelled.search(path.read_text())
    ]
    assert copies == [], f"the interface languages are spelled out again in {copies}: use common.languages"
    assert [code for code, _name in settings.LANGUAGES] == list(INTERFACE_LANGUAGES)
    web = (REPO / "frontend/src/i18n/languages.ts").read_text()
    listed = re.search(r"UI_LANGUAGES = \[([^\]]*)\]", web)
    assert listed is not None
    assert re.findall(r"'(\w+)'", listed.group(1)) == list(INTERFACE_LANGUAGES)
