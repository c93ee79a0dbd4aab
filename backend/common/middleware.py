"""Security middleware: session lifetime (idle and absolute), deactivated accounts, no caching of API answers,
the permissions policy and the size limit of request bodies. The guard in front of the Django admin checks
two-step verification, which is accounts' (accounts/middleware.py)."""

import io
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from common.errors import RequestTooLarge

SESSION_STARTED_KEY = "bridges.session_started"
SESSION_SEEN_KEY = "bridges.session_seen"

_EXPIRED = "Your session has ended because it was idle or open for too long. Please log in again."
_INACTIVE = "This account is not active. Please contact your programme's coordinators."


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _unauthenticated(code: str, detail: str) -> JsonResponse:
    response = JsonResponse(
        {"type": "client_error", "errors": [{"code": code, "detail": detail, "attr": None}]}, status=401
    )
    response["WWW-Authenticate"] = 'Session realm="api"'
    return response


_SEEN_GRANULARITY = 60  # seconds


class SessionLifetimeMiddleware:
    """Ends a session idle for SESSION_IDLE_TIMEOUT seconds or older than SESSION_ABSOLUTE_TIMEOUT, and the
    session of an account deactivated meanwhile; the API then answers 401. Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = time.time()
            started = session.get(SESSION_STARTED_KEY, now)
            seen = session.get(SESSION_SEEN_KEY, now)
            expired = now - seen > settings.SESSION_IDLE_TIMEOUT or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            # Django's user lookup refuses inactive (or deleted) accounts: the session still names one.
            inactive = not expired and not request.user.is_authenticated
            if expired or inactive:
                logout(request)
                if _api(request):
                    return _unauthenticated(
                        "session_expired" if expired else "account_inactive", _EXPIRED if expired else _INACTIVE
                    )
            elif SESSION_STARTED_KEY not in session or now - seen >= _SEEN_GRANULARITY:
                # Written at most once a minute, so that reading pages does not write the session every time.
                session[SESSION_STARTED_KEY] = started
                session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Every answer (API, web app, static files, admin, errors) turns off the browser features Bridges never uses
    (PERMISSIONS_POLICY_DISABLED: camera, microphone, location, payment, ...), whatever a page might load. Goes
    before WhiteNoise, so that static files carry it too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        features: list[str] = settings.PERMISSIONS_POLICY_DISABLED
        response.headers.setdefault("Permissions-Policy", ", ".join(f"{feature}=()" for feature in features))
        return response


def _body_size(request: HttpRequest) -> int:
    """The larger of the declared Content-Length and, where the server buffered the body (ASGI, also when sent
    without a length), its actual size; WSGI servers hand Django no more than the declared length."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        declared = 0
    stream = getattr(request, "_stream", None)
    try:
        if stream is not None and stream.seekable():
            position = stream.tell()
            buffered = stream.seek(0, io.SEEK_END)
            stream.seek(position)
            return max(declared, buffered)
    except (AttributeError, OSError, ValueError):
        pass
    return declared


def _too_large(request: HttpRequest) -> JsonResponse:
    # Answered before LocaleMiddleware runs: the language comes from the request itself.
    with translation.override(translation.get_language_from_request(request)):
        error = {"code": RequestTooLarge.default_code, "detail": str(RequestTooLarge.default_detail), "attr": None}
    return JsonResponse({"type": "client_error", "errors": [error]}, status=RequestTooLarge.status_code)


class RequestSizeLimitMiddleware:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 in the API's error format on every route (allauth's and
    the admin's too), with DEBUG on or off, and nothing of it is read or repeated. Checked before any view or
    middleware reads the body; when a view still meets Django's RequestDataTooBig (a body that turned out larger
    than declared), the same answer replaces Django's 400 page (the API views map it in common.errors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and _body_size(request) > limit:
            return _too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return _too_large(request) if isinstance(exception, RequestDataTooBig) else None


class NoStoreMiddleware:
    """API and authentication answers carry personal data: no browser or proxy may keep a copy. Reference data, the
    same for everyone, keeps its own long Cache-Control (common.etags.reference marks it shared_cacheable)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        shared = getattr(response, "shared_cacheable", False)
        if request.path.startswith(("/api/", "/_allauth/", "/admin/")) and not shared:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
            response["Pragma"] = "no-cache"
        return response
