"""One rule for the query parameters of every list: a parameter the list does not know answers 400, naming it,
rather than being silently ignored (``?programme=`` on a list that cannot filter by programme would otherwise look
like a filtered answer)."""

from typing import Any, ClassVar

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request

ALWAYS_KNOWN = ("format",)
"""Parameters any GET may carry (DRF's format suffix)."""


class UnknownQueryParameter(exceptions.ValidationError):
    default_code = "unknown_parameter"


class KnownQueryParametersMixin:
    """On GET, refuse query parameters the view does not know. Applies to every view with a pagination class (every
    list) and to any view that names its ``query_parameters``; the known ones are those, the pagination's ``page``
    and ``page_size``, and ``format``. Declare each filter in ``query_parameters`` and in the schema."""

    query_parameters: ClassVar[tuple[str, ...] | None] = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method == "GET":
            check_query_parameters(request, self)


def known_query_parameters(view: Any) -> set[str] | None:
    """The parameters the view's GET knows, or None when it does not check them."""
    pagination = getattr(view, "pagination_class", None)
    declared = getattr(view, "query_parameters", None)
    if pagination is None and declared is None:
        return None
    known = set(ALWAYS_KNOWN) | set(declared or ())
    if pagination is not None:
        known |= {name for name in (pagination.page_query_param, pagination.page_size_query_param) if name}
    return known


def check_query_parameters(request: Request, view: Any) -> None:
    known = known_query_parameters(view)
    if known is None:
        return
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        name = unknown[0]
        raise UnknownQueryParameter(
            {name: [_("This list does not know the parameter “%(name)s”; leave it out.") % {"name": name}]},
            code="unknown_parameter",
        )
