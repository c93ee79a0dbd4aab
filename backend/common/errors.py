"""Domain errors raised by services, and the one API exception handler that turns them into plain answers."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _
from drf_standardized_errors.handler import ExceptionHandler as StandardExceptionHandler
from drf_standardized_errors.openapi_serializers import ClientErrorEnum
from rest_framework import exceptions, serializers, status


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is shown to the person as it is."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    code = "invalid"

    def __init__(self, message: "str | StrPromise", *, field: str | None = None) -> None:
        # A lazy text is read now, in the language of the request that broke the rule.
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class NotAllowed(DomainError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "permission_denied"


class NotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


class Conflict(DomainError):
    status_code = status.HTTP_409_CONFLICT
    code = "conflict"


class _DomainAPIException(exceptions.APIException):
    def __init__(self, error: DomainError) -> None:
        self.status_code = error.status_code
        super().__init__(detail=error.message, code=error.code)


class RequestTooLarge(exceptions.APIException):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE (common.middleware.RequestSizeLimitMiddleware answers it too)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"
    default_detail = _("This request is too large. Please send less at once.")


class ExceptionHandler(StandardExceptionHandler):
    """Maps domain and Django validation errors to 400/403/404/409, and a body too large to read to 413, in the
    standard error format."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if isinstance(exc, DomainError):
            if exc.field and exc.status_code == status.HTTP_400_BAD_REQUEST:
                return exceptions.ValidationError({exc.field: [exc.message]}, code=exc.code)
            return _DomainAPIException(exc)
        if isinstance(exc, RequestDataTooBig):
            return RequestTooLarge()
        if isinstance(exc, DjangoValidationError):
            detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            return exceptions.ValidationError(detail)
        return super().convert_known_exceptions(exc)


ERROR_403_CODES = [
    ("permission_denied", "Permission denied"),
    ("not_authenticated", "Not logged in"),
    ("two_step_required", "Two-step verification required"),
]
"""The codes a 403 carries: session authentication answers 403 (not 401) to a caller who is not logged in."""


class Error403Serializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=ERROR_403_CODES)
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ErrorResponse403Serializer(serializers.Serializer):
    """The shape of a 403: not logged in, no right to act on an object one may see, or a failed CSRF check."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = Error403Serializer(many=True)  # type: ignore[assignment]


class Error409Serializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=[("conflict", "conflict")])
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ErrorResponse409Serializer(serializers.Serializer):
    """The shape of a 409: the request clashes with the current state (e.g. already signed up)."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = Error409Serializer(many=True)  # type: ignore[assignment]


class Error413Serializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=[(RequestTooLarge.default_code, RequestTooLarge.default_code)])
    detail = serializers.CharField()
    attr = serializers.CharField(allow_null=True)


class ErrorResponse413Serializer(serializers.Serializer):
    """The shape of a 413: the body is over the size the API reads (nothing of it is echoed)."""

    type = serializers.ChoiceField(choices=ClientErrorEnum.choices)
    errors = Error413Serializer(many=True)  # type: ignore[assignment]
