"""Permission pieces shared by the API views."""

from typing import Any

from django.middleware.csrf import CsrfViewMiddleware
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.views import APIView


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
            reason = check.process_view(request._request, None, (), {})  # type: ignore[arg-type]
            if reason:
                raise exceptions.PermissionDenied(f"CSRF check failed: {reason}")
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class PublicAPIView(CsrfForAnonymousMixin, APIView):
    """An API view that anonymous callers may use, with CSRF still enforced on writes."""
