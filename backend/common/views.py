"""Liveness and readiness probes for the load balancer and docker-compose, the web app's page (painted in her language
before its JavaScript arrives), the icons and web-app manifest, and the JSON answers for unknown API paths and
refused CSRF checks."""

import json
import re
import uuid
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.translation import get_language_info
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from kombu import Connection

from common.shedding import LIVENESS_BODY


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. It reads nothing (no database, no cache, no session). Behind gunicorn the
    load-shedding gate answers it first, the same way, without queueing (common.shedding), so a busy server is not
    mistaken for a dead one."""
    return JsonResponse(LIVENESS_BODY)


def _database_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def _cache_up() -> bool:
    # A write and a read back: django-redis answers None instead of raising when told to ignore errors.
    token = uuid.uuid4().hex
    cache.set("readyz", token, timeout=10)
    return cache.get("readyz") is not None


def _broker_up() -> bool:
    # Without a broker, tasks run in the web process itself (the embedded default): nothing to reach.
    if not settings.CELERY_BROKER_URL:
        return True
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=0, timeout=2)  # one try: a probe does not wait
    return True


_READINESS_CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database_up,
    "cache": _cache_up,
    "broker": _broker_up,
}


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database, the cache (Redis) and the task broker each answer; 503 names the ones that do not.
    A load balancer sends no traffic to a server that is not ready; an orchestrator restarts one that is not live."""
    states = {}
    for name, check in _READINESS_CHECKS.items():
        try:
            states[name] = "up" if check() else "down"
        except Exception:  # noqa: BLE001 - any failure of a dependency means "not ready"
            states[name] = "down"
    ready = all(state == "up" for state in states.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **states}, status=200 if ready else 503)


# The icons (common/icons): icon.svg is the drawing; favicon.ico (16, 32 and 48 px) and the PNGs are made from it.
_ICON_DIR = Path(__file__).parent / "icons"
_ICONS = {
    "favicon.ico": "image/x-icon",
    "icon.svg": "image/svg+xml",
    "icon-192.png": "image/png",
    "icon-512.png": "image/png",
    "apple-touch-icon.png": "image/png",
}
ICON_NAMES = tuple(_ICONS)
_ICON_BYTES = {name: (_ICON_DIR / name).read_bytes() for name in _ICONS}


def icon(request: HttpRequest, name: str) -> HttpResponse:
    """The icons browsers and phones ask for at the site's root (/favicon.ico, /apple-touch-icon.png), and the
    manifest's; never the web app's page. Only the names above reach this view (config/urls.py)."""
    response = HttpResponse(_ICON_BYTES[name], content_type=_ICONS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


# The cookie the web app sets when she picks a language (frontend/src/i18n/languages.ts, LANGUAGE_COOKIE).
LANGUAGE_COOKIE = "bridges_language"


@lru_cache(maxsize=4)
def _built_page(index: Path, mtime_ns: int) -> tuple[str, dict[str, Any]] | None:
    """The built index.html and what dist/shell.json says per language (the painted shell's words and the files of
    the language's catalogue), read once per build."""
    shell = index.with_name("shell.json")
    if not shell.exists():
        return None
    return index.read_text(encoding="utf-8"), json.loads(shell.read_text(encoding="utf-8"))


def _page_files(shell: dict[str, Any], path: str, language: str) -> list[str]:
    """The files of the web app's page at ``path``: the first of frontend/src/app/routes/pages.json's paths (React
    Router's ``:name`` for one part, ``*`` for anything) that matches, with the rest of her language's catalogue
    where the page needs it (frontend/src/i18n/parts.ts)."""
    for pattern, files, *full in shell.get("pages", []):
        if re.fullmatch(_route_regex(pattern), path):
            later = shell.get("later", {}).get(language, []) if full and full[0] else []
            return [*files, *later]
    return []


@lru_cache(maxsize=64)
def _route_regex(pattern: str) -> str:
    parts = [
        ".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part) for part in pattern.split("/")
    ]
    return "/".join(parts) + "/?"


def shell_language(request: HttpRequest, languages: Collection[str]) -> str:
    """Her language for the first page: the one she chose in the app (a cookie), else the first of her browser's
    languages the app speaks (a regional variant counts as its language), else English."""
    chosen = request.COOKIES.get(LANGUAGE_COOKIE, "")
    if chosen in languages:
        return chosen
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.lower().split("-")[0]
        if base in languages:
            return base
    return "en" if "en" in languages else next(iter(languages))


# What a phone needs to put Bridges on its home screen: a neutral name and the same icon as the tab. It says
# nothing about what Bridges is for beyond its name, since the icon may sit on a shared phone.
_MANIFEST = {
    "name": "Bridges",
    "short_name": "Bridges",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": "#ffffff",
    "theme_color": "#1864ab",
    "icons": [
        {"src": "/icon.svg", "type": "image/svg+xml", "sizes": "any", "purpose": "any"},
        {"src": "/icon-192.png", "type": "image/png", "sizes": "192x192", "purpose": "any"},
        {"src": "/icon-512.png", "type": "image/png", "sizes": "512x512", "purpose": "any"},
    ],
}


def manifest(request: HttpRequest) -> JsonResponse:
    """The web-app manifest (linked from index.html)."""
    response = JsonResponse(_MANIFEST, content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache  # it names the current build's files: a cached copy would ask for files a new release removed
def single_page_app(request: HttpRequest) -> HttpResponse:
    """The web app's index.html for every path the API does not own, so the browser's router takes over.

    It is sent painted: the header, a loading line and a working Quick exit, in her language, with the page's
    ``lang`` and ``dir``, and the CSP nonce for the shell's few lines of script (frontend/index.html).
    Before the frontend is built (``make run`` builds it), a short page links to the API docs instead.
    """
    index = settings.FRONTEND_DIST / "index.html"
    built = _built_page(index, index.stat().st_mtime_ns) if index.exists() else None
    if built is None:
        return render(request, "home.html")
    html, shell = built
    all_words: dict[str, dict[str, str]] = shell["words"]
    language = shell_language(request, all_words)
    info = get_language_info(language) if language in dict(settings.LANGUAGES) else {"bidi": False}
    values: dict[str, str] = {f"__{name}__": escape(text) for name, text in all_words[language].items()}
    lazy_nonce = get_nonce(request)  # made on first use, and then also named in the CSP header
    nonce = "" if lazy_nonce is None else str(lazy_nonce)
    values |= {"__LANG__": language, "__DIR__": "rtl" if info["bidi"] else "ltr", "__CSP_NONCE__": nonce}
    # Whether this browser is logged in, so that the app need not ask (an anonymous ask answers 401).
    values["__SESSION__"] = "user" if request.user.is_authenticated else "anonymous"
    for placeholder, value in values.items():
        html = html.replace(placeholder, value)
    # Her language's catalogue and the page's own files come with the app's first files instead of after them.
    files = [*shell.get("preload", {}).get(language, []), *_page_files(shell, request.path, language)]
    urls = [static(name) for name in dict.fromkeys(files)]
    links = "".join(
        f'<link rel="modulepreload" crossorigin href="{escape(url)}">' for url in urls if f'"{url}"' not in html
    )
    html = html.replace("<!--bridges:preload-->", links)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@csrf_exempt  # it changes nothing; a write to an unknown address is a 404, not a CSRF page
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Unknown API paths answer in the API's own error format, not with an HTML page."""
    error = {"code": "not_found", "detail": "There is no such address in the API.", "attr": None}
    return JsonResponse({"type": "client_error", "errors": [error]}, status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """A refused CSRF check (e.g. on allauth's login) answers in the API's error format, saying why."""
    detail = f"CSRF check failed: {reason} Fetch /api/v1/csrf/ and send its token in the X-CSRFToken header."
    error = {"code": "permission_denied", "detail": detail, "attr": None}
    return JsonResponse({"type": "client_error", "errors": [error]}, status=403)
