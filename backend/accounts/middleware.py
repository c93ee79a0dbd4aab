"""The guard in front of the Django admin: staff only, from a session that passed two-step verification, and
optionally only from the staff's networks."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from accounts import two_step
from common.client_address import client_address, in_networks

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
        if networks and not in_networks(client_address(request), networks):
            return HttpResponse("Not found", status=404, content_type="text/plain")
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            message = "The admin is for staff only. Log in through the Bridges login page first."
            return HttpResponse(_ADMIN_PAGE.format(message=message), status=403)
        if not two_step.two_step_passed(request, user):  # type: ignore[arg-type]
            lazy = two_step.SIGN_IN_MESSAGE if two_step.has_authenticator(user) else two_step.SET_UP_MESSAGE  # type: ignore[arg-type]
            message = str(lazy)
            return HttpResponse(_ADMIN_PAGE.format(message=message), status=403)
        return self.get_response(request)
