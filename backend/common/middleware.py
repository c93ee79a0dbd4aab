"""Security middleware: session lifetime (idle and absolute), deactivated accounts, no caching of API answers,
and the guard in front of the Django admin (staff, two-step verification, optional staff network)."""

import ipaddress
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

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


class NoStoreMiddleware:
    """API and authentication answers carry personal data: no browser or proxy may keep a copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(("/api/", "/_allauth/", "/admin/")):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
            response["Pragma"] = "no-cache"
        return response


def _client_address(request: HttpRequest) -> str:
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request)
    except Exception:  # noqa: BLE001 - no address means not on the staff network
        return ""


def _in_networks(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(network, strict=False) for network in networks)


_ADMIN_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridges admin</title></head>'
    "<body><main><h1>Bridges admin</h1><p>{message}</p>"
    '<p><a href="/login">Go to the login page</a></p></main></body></html>'
)


class AdminGuardMiddleware:
    """The Django admin is only for staff whose session passed two-step verification (log in through the web
    app, which asks for the TOTP code), and, when ADMIN_ALLOWED_NETWORKS is set, only from those networks.
    The admin's own password-only login form is therefore never used."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        networks: list[str] = settings.ADMIN_ALLOWED_NETWORKS
        if networks and not _in_networks(_client_address(request), networks):
            return HttpResponse("Not found", status=404, content_type="text/plain")
        from accounts.two_step import SET_UP_MESSAGE, SIGN_IN_MESSAGE, has_authenticator, two_step_passed

        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            message = "The admin is for staff only. Log in through the Bridges login page first."
            return HttpResponse(_ADMIN_PAGE.format(message=message), status=403)
        if not two_step_passed(request, user):  # type: ignore[arg-type]
            message = SIGN_IN_MESSAGE if has_authenticator(user) else SET_UP_MESSAGE  # type: ignore[arg-type]
            return HttpResponse(_ADMIN_PAGE.format(message=message), status=403)
        return self.get_response(request)
