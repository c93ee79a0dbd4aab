"""Liveness/readiness probe for the load balancer and docker-compose, the web app's page, the favicon, and the
JSON answers for unknown API paths and refused CSRF checks."""

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt


def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


_FAVICON = (Path(__file__).parent / "favicon.svg").read_bytes()


def favicon(request: HttpRequest) -> HttpResponse:
    """The icon browsers ask for at /favicon.ico (an SVG, which they take by its type), not the web app's page."""
    response = HttpResponse(_FAVICON, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache  # it names the current build's files: a cached copy would ask for files a new release removed
def single_page_app(request: HttpRequest) -> HttpResponse:
    """The web app's index.html for every path the API does not own, so the browser's router takes over.

    Before the frontend is built (``make run`` builds it), a short page links to the API docs instead.
    """
    index = settings.FRONTEND_DIST / "index.html"
    if index.exists():
        return HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    return render(request, "home.html")


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
