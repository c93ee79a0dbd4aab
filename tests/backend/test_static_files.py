"""The web app is served as a phone on a slow network needs it (issue 12, item 3): the files Vite names after their
content are cached for a year and never asked for again, every text file goes out brotli- or gzip-compressed
(made once, at collectstatic), and index.html, which names the current files, is never cached."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

HASHED = "assets/index-B2x9QkLm.js"
SCRIPT = "export const words = [" + ",".join(f'"word {n}"' for n in range(2000)) + "];\n"


@pytest.fixture
def served(tmp_path: Path) -> Any:
    """A built web app collected as `make run` and the Docker image collect it, behind WhiteNoise."""
    dist, root = tmp_path / "dist", tmp_path / "static"
    (dist / "assets").mkdir(parents=True)
    (dist / HASHED).write_text(SCRIPT)
    (dist / "robots.txt").write_text("User-agent: *\nDisallow:\n" * 40)
    with override_settings(
        STATICFILES_DIRS=[dist], STATIC_ROOT=root, WHITENOISE_AUTOREFRESH=False, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponse(status=404))

        def get(path: str, encoding: str = "") -> Any:
            return middleware(RequestFactory().get(f"/static/{path}", HTTP_ACCEPT_ENCODING=encoding))

        yield root, get


def test_collectstatic_writes_brotli_and_gzip_copies(served: Any) -> None:
    root, _get = served
    assert (root / f"{HASHED}.br").stat().st_size < (root / HASHED).stat().st_size / 3
    assert (root / f"{HASHED}.gz").exists()


def test_a_hashed_file_is_kept_a_year_and_sent_as_brotli(served: Any) -> None:
    _root, get = served
    response = get(HASHED, "gzip, deflate, br")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "br"
    assert get(HASHED, "gzip")["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in get(HASHED)


def test_a_file_without_a_hash_is_checked_again_soon(served: Any) -> None:
    _root, get = served
    response = get("robots.txt", "br")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"


@pytest.mark.django_db
def test_the_app_page_is_never_cached(client: Any) -> None:
    response = client.get("/mentor/offers")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
