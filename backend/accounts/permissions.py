"""Permission pieces shared by every app's API views: CSRF for anonymous writes, and two-step verification for
coordinators and staff (which is why they live in accounts, not in common)."""

from typing import Any

from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.two_step import check_two_step
from common.query_parameters import KnownQueryParametersMixin


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request: Any, reason: str) -> str:  # type: ignore[override]
        return reason


class CsrfForAnonymousMixin:
    """Enforce CSRF on unsafe methods even for anonymous callers (DRF only checks logged-in ones).

    Sign-up and other public writes would otherwise be open to cross-site form posts.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            check = _CsrfCheck(lambda req: None)  # type: ignore[arg-type,return-value]
            check.process_request(request._request)
            try:  # the check looks for a form's token too, which reads a form body
                reason = check.process_view(request._request, None, (), {})  # type: ignore[arg-type]
            except MultiPartParserError:
                raise exceptions.ParseError(_("The body of this request could not be read.")) from None
            if reason:
                raise exceptions.PermissionDenied(
                    gettext("CSRF check failed: %(reason)s. Reload the page and try again.") % {"reason": reason}
                )
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class TwoStepMixin:
    """Coordinators and staff act only from a session that passed two-step verification (TOTP).

    Checked after authentication, so it holds for every way a user is authenticated. A view that a coordinator
    must reach before setting up TOTP (who am I, the CSRF cookie) sets ``two_step_exempt = True``.
    """

    two_step_exempt = False

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if not self.two_step_exempt and request.user is not None and request.user.is_authenticated:
            check_two_step(request._request, request.user)


class PublicAPIView(CsrfForAnonymousMixin, TwoStepMixin, KnownQueryParametersMixin, APIView):
    """An API view that anonymous callers may use, with CSRF still enforced on writes; coordinators and staff
    need a session that passed two-step verification; a list refuses query parameters it does not know."""
