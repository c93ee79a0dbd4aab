"""The web app's page arrives painted (issue 12, item 1): header, a loading line in her language (her choice in the
app, else her browser's first language the app speaks), the page's lang and dir, and a Quick exit whose few lines of
script the Content-Security-Policy lets run (by nonce) while every other inline script stays refused."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.backend.factories import UserFactory

REPO = Path(__file__).resolve().parents[2]
WORDS = {
    "en": {
        "APP_NAME": "Bridges",
        "TAGLINE": "Mentoring",
        "LOADING": "Loading…",
        "QUICK_EXIT": "Quick exit",
        "QUICK_EXIT_HINT": "Leave now",
    },
    "fr": {
        "APP_NAME": "Bridges",
        "TAGLINE": "Mentorat",
        "LOADING": "Chargement…",
        "QUICK_EXIT": "Sortie rapide",
        "QUICK_EXIT_HINT": "Partir",
    },
    "ar": {
        "APP_NAME": "Bridges",
        "TAGLINE": "إرشاد",
        "LOADING": "جارٍ التحميل…",
        "QUICK_EXIT": "خروج سريع",
        "QUICK_EXIT_HINT": '<b>غادر</b> & "الآن"',
    },
}


@pytest.fixture
def page(tmp_path: Path) -> Any:
    """The web app's own index.html (its placeholders as the build keeps them) and the words the build writes."""
    (tmp_path / "index.html").write_text((REPO / "frontend" / "index.html").read_text(encoding="utf-8"))
    preload = {"ar": ["assets/ar-Bx1.js", "assets/build-catalogues-Cy2.js"], "en": ["assets/en-Dz3.js"]}
    later = {"ar": ["assets/ar-later-E5.js", "assets/build-catalogues-Cy2.js"], "en": ["assets/en-later-F6.js"]}
    pages = [
        ["/", ["assets/home-A1.js"], False],
        [
            "/programmes/:programmeId/signup",
            ["assets/signup-B2.js", "assets/build-catalogues-Cy2.js", "assets/Form-C3.js"],
            False,
        ],
        ["/networks", ["assets/peers-G7.js"], True],
        ["*", ["assets/not-found-D4.js"]],
    ]
    shell = {"words": WORDS, "preload": preload, "later": later, "pages": pages}
    (tmp_path / "shell.json").write_text(json.dumps(shell))
    with override_settings(FRONTEND_DIST=tmp_path):

        def get(path: str = "/", **headers: str) -> Any:
            return Client(headers=headers).get(path)

        yield get


@pytest.mark.django_db
def test_the_page_is_painted_in_the_browsers_language_right_to_left(page: Any) -> None:
    response = page("/programmes/x/signup", accept_language="es-ES, ar-EG;q=0.8, en;q=0.5")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert '<p role="status">جارٍ التحميل…</p>' in html
    assert ">خروج سريع</a>" in html
    # Her language's catalogue is fetched with the app's first files, and no other language's.
    preloads = re.findall(r'<link rel="modulepreload" crossorigin href="([^"]+)">', html.split("</title>")[1])
    assert preloads[:2] == ["/static/assets/ar-Bx1.js", "/static/assets/build-catalogues-Cy2.js"]
    assert "/static/assets/en-Dz3.js" not in html
    # And so are the page's own files (each once), and no other page's; sign-up needs only the first part of the
    # catalogue.
    assert preloads[2:] == ["/static/assets/signup-B2.js", "/static/assets/Form-C3.js"]
    assert "later" not in html
    assert "__" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)  # no placeholder left
    # Words are text, never markup.
    assert 'title="&lt;b&gt;غادر&lt;/b&gt; &amp; &quot;الآن&quot;"' in html
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_her_choice_in_the_app_wins_and_a_bad_choice_is_ignored(page: Any) -> None:
    chosen = page("/", accept_language="ar", cookie="bridges_language=fr").content.decode()
    assert "home-A1.js" in chosen and "not-found" not in chosen
    assert '<meta name="bridges-session" content="anonymous" />' in chosen
    assert "not-found-D4.js" in page("/no/such/page").content.decode()
    assert '<html lang="fr" dir="ltr">' in chosen and "Chargement…" in chosen
    bad = page("/", accept_language="x;q=abc,,;", cookie='bridges_language="><script>').content.decode()
    assert '<html lang="en" dir="ltr">' in bad and "Loading…" in bad
    assert "><script>" not in bad.split("<body>")[1]


@pytest.mark.django_db
def test_a_page_that_needs_the_rest_of_the_catalogue_gets_it_in_her_language(page: Any) -> None:
    html = page("/networks", accept_language="ar").content.decode()
    preloads = re.findall(r'<link rel="modulepreload" crossorigin href="([^"]+)">', html.split("</title>")[1])
    assert preloads == [
        "/static/assets/ar-Bx1.js",
        "/static/assets/build-catalogues-Cy2.js",
        "/static/assets/peers-G7.js",
        "/static/assets/ar-later-E5.js",
    ]
    assert "en-later" not in html


@pytest.mark.django_db
def test_only_the_shells_own_script_runs_by_its_nonce(page: Any) -> None:
    response = page("/login")
    nonces = re.findall(r'<script nonce="([^"]+)">', response.content.decode())
    assert len(nonces) == 1 and len(nonces[0]) >= 16
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == f"'self' 'nonce-{nonces[0]}'"
    assert re.findall(r'nonce="([^"]+)"', page("/login").content.decode()) != nonces  # a new one each time


@pytest.mark.django_db
def test_without_a_build_a_short_page_points_to_the_api(tmp_path: Path) -> None:
    with override_settings(FRONTEND_DIST=tmp_path):
        response = Client().get("/")
    assert response.status_code == 200
    assert b"/api/docs/" in response.content


@pytest.mark.django_db
def test_the_web_app_manifest_names_bridges_and_its_icon() -> None:
    response = Client().get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Bridges" and manifest["start_url"] == "/"
    # Every icon it names is served as its type says; phones that install it find the 192 and 512 px PNGs.
    for entry in manifest["icons"]:
        icon = Client().get(entry["src"])
        assert icon.status_code == 200 and icon["Content-Type"] == entry["type"]
    assert {entry["sizes"] for entry in manifest["icons"] if entry["type"] == "image/png"} == {"192x192", "512x512"}


@pytest.mark.django_db
def test_the_page_says_whether_she_is_logged_in(page: Any) -> None:
    client = Client()
    client.force_login(UserFactory())
    assert '<meta name="bridges-session" content="user" />' in client.get("/me").content.decode()
