"""Every route of the URL map and the HTTP methods its view answers, read from Django's URL resolver: the API under
/api/v1/, allauth's headless sign-in under /_allauth/, the schema and docs, the health probe, the admin and the
web app's catch-all."""

import re
from dataclasses import dataclass
from typing import Any

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
_IGNORED = {"OPTIONS", "HEAD", "TRACE"}  # answered by every DRF view the same way, for anyone
ADMIN = "/admin/"
"""The Django admin's pages are one entry of the matrix (staff only): its own views check ``is_staff``."""
_REGEX = re.compile(r"[\\^$()\[\]*+?|]")


@dataclass(frozen=True)
class Route:
    path: str
    """The path with placeholders in braces, e.g. /api/v1/matches/{match_id}/accept/ (a regex for re_path)."""
    methods: tuple[str, ...]
    view: str
    any_method: bool = False
    """A plain function view: it answers every method the same way, so one row (of any method) covers it."""
    lists: bool = False
    """Its GET answers a page of a list (the view has a pagination class, or is a generic list view)."""

    @property
    def is_pattern(self) -> bool:
        """A regular expression (a catch-all or a family of addresses), reached through example paths."""
        return bool(_REGEX.search(self.path))


def _template(pattern: Any) -> str:
    text = str(pattern)
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    return text.lstrip("^").rstrip("$")


def _view_methods(callback: Any) -> tuple[str, tuple[str, ...], bool]:
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:
        return getattr(callback, "__name__", repr(callback)), ("GET",), True
    methods = tuple(
        name.upper()
        for name in view_class.http_method_names
        if name.upper() not in _IGNORED and callable(getattr(view_class, name, None))
    )
    return view_class.__name__, methods, False


def _lists(callback: Any) -> bool:
    """Whether the view's GET answers a page: a plain APIView names its pagination class (it has none otherwise);
    a generic view always has one (from the settings), so it must also be a list view."""
    view_class = getattr(callback, "cls", None)
    if view_class is None or getattr(view_class, "pagination_class", None) is None:
        return False
    actions = getattr(callback, "actions", None)
    if actions is not None:  # a viewset: the route's own action
        return actions.get("get") == "list"
    if issubclass(view_class, GenericAPIView):
        return issubclass(view_class, ListModelMixin)
    return True


def _walk(patterns: list[Any], prefix: str) -> list[Route]:
    routes: list[Route] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            routes += _walk(entry.url_patterns, prefix + _template(entry.pattern))
        elif isinstance(entry, URLPattern):
            view, methods, any_method = _view_methods(entry.callback)
            routes.append(
                Route(
                    path=prefix + _template(entry.pattern),
                    methods=methods,
                    view=view,
                    any_method=any_method,
                    lists="GET" in methods and _lists(entry.callback),
                )
            )
    return routes


def api_routes() -> list[Route]:
    """The routes under /api/v1/, in the order the URL map lists them."""
    return [route for route in all_routes() if route.path.startswith("/api/v1/")]


def list_routes() -> list[Route]:
    """The API's routes whose GET answers a page of a list."""
    return [route for route in api_routes() if route.lists]


def all_routes() -> list[Route]:
    return _walk(get_resolver().url_patterns, "/")


def served_template(path: str) -> str | None:
    """The template of the route a concrete path (placeholders may stay in braces) lands on, or None."""
    concrete = re.sub(r"\{\w+\}", "00000000-0000-4000-8000-000000000000", path)
    try:
        match = resolve(concrete)
    except Resolver404:
        return None
    served = "/" + _template(match.route)
    return ADMIN if served.startswith(ADMIN) else served


def shadowed_by(route: Route) -> str | None:
    """The route that answers this route's own address instead of it (listed later, so never reached), if any."""
    if route.is_pattern or "{" in route.path or route.path.startswith(ADMIN):
        return None
    served = served_template(route.path)
    return served if served != route.path else None


def routes_to_cover() -> list[Route]:
    """Every route the matrix must have rows for: the admin's pages folded into one, shadowed routes left out
    (``matrix.SHADOWED`` lists them, and the meta-test checks that list)."""
    routes = [route for route in all_routes() if not route.path.startswith(ADMIN) and shadowed_by(route) is None]
    return [*routes, Route(path=ADMIN, methods=("GET",), view="the Django admin (every page)")]
