"""Every API route under /api/v1/ and the HTTP methods its view answers, read from Django's URL resolver."""

import re
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
_IGNORED = {"OPTIONS", "HEAD", "TRACE"}  # answered by every DRF view the same way, for anyone


@dataclass(frozen=True)
class Route:
    path: str
    """The path with placeholders in braces, e.g. /api/v1/matches/{match_id}/accept/."""
    methods: tuple[str, ...]
    view: str


def _template(pattern: Any) -> str:
    text = str(pattern)
    text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
    return text.lstrip("^").rstrip("$")


def _view_methods(callback: Any) -> tuple[str, tuple[str, ...]]:
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:
        return getattr(callback, "__name__", repr(callback)), ("GET",)
    methods = tuple(
        name.upper()
        for name in view_class.http_method_names
        if name.upper() not in _IGNORED and callable(getattr(view_class, name, None))
    )
    return view_class.__name__, methods


def _walk(patterns: list[Any], prefix: str) -> list[Route]:
    routes: list[Route] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            routes += _walk(entry.url_patterns, prefix + _template(entry.pattern))
        elif isinstance(entry, URLPattern):
            view, methods = _view_methods(entry.callback)
            routes.append(Route(path=prefix + _template(entry.pattern), methods=methods, view=view))
    return routes


def api_routes() -> list[Route]:
    """The routes under /api/v1/, in the order the URL map lists them."""
    return [route for route in _walk(get_resolver().url_patterns, "/") if route.path.startswith("/api/v1/")]


def all_routes() -> list[Route]:
    return _walk(get_resolver().url_patterns, "/")
