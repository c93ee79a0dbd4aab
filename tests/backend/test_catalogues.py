"""The backend's translation catalogues: every .po compiles cleanly, and the committed .mo is compiled from it.

The compiled catalogues are committed so that `make run` needs no gettext tools; this keeps them honest.
"""

import gettext
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "backend" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def _catalogue(path: Path) -> dict[object, str]:
    with path.open("rb") as compiled:
        return dict(gettext.GNUTranslations(compiled)._catalog)  # type: ignore[attr-defined]


def test_there_is_a_catalogue_for_every_interface_language_but_english() -> None:
    from django.conf import settings

    assert {path.parts[-3] for path in CATALOGUES} == {code for code, _ in settings.LANGUAGES} - {"en"}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.parts[-3])
def test_the_committed_catalogue_is_compiled_from_its_source(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    result = subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `cd backend && manage.py compilemessages`"
    assert _catalogue(committed) == _catalogue(fresh), f"{committed} is stale: run compilemessages and commit it"


def test_the_interface_languages_are_listed_once_in_the_backend_and_the_web_app_agrees() -> None:
    """One list (common/languages.py): Django's LANGUAGES, the schema's enum and every app take it from there, and
    the web app offers the same languages."""
    import re
    from pathlib import Path

    from django.conf import settings

    from common.languages import INTERFACE_LANGUAGES

    repo = Path(__file__).resolve().parents[2]
    spelled = re.compile(r"""["']en["'],\s*["']de["'],\s*["']fr["'],\s*["']ar["'],\s*["']uk["']""")
    copies = [
        str(path.relative_to(repo))
        for path in (repo / "backend").rglob("*.py")
        if "migrations" not in path.parts and path.name != "languages.py" and spelled.search(path.read_text())
    ]
    assert copies == [], f"the interface languages are spelled out again in {copies}: use common.languages"
    assert [code for code, _name in settings.LANGUAGES] == list(INTERFACE_LANGUAGES)
    web = (repo / "frontend/src/i18n/languages.ts").read_text()
    listed = re.search(r"UI_LANGUAGES = \[([^\]]*)\]", web)
    assert listed is not None
    assert re.findall(r"'(\w+)'", listed.group(1)) == list(INTERFACE_LANGUAGES)
