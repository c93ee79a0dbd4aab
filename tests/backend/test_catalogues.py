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
