"""Conditional GETs (ETag / If-None-Match -> 304), one helper for every app.

- ``conditional(request, response)``: a participant's own page. The tag is a hash of the rendered body and of who
  asks (her id goes into the hash, never into the header in clear), so a tab polling an unchanged page gets a 304
  without the body, and one person never gets a 304 for another's body. ``Vary: Cookie`` (the session names her)
  and ``Accept-Language`` (the body may be translated). Cache-Control stays common.middleware's no-store: no
  browser or proxy keeps a copy of personal data (a shared computer, the Quick exit), so the browser does not
  revalidate by itself; the web app keeps each polled page's tag and body in memory and sends If-None-Match
  (frontend/src/api/revalidate.ts).
- ``reference(request, key, build)``: reference data shipped with the code (the same for everyone). The body and
  its tag are computed once per process and language; the answer may be kept by any cache for a day
  (``public, max-age``) and revalidated with its tag after that.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

REFERENCE_MAX_AGE = 24 * 60 * 60
"""Seconds a browser or proxy may reuse reference data without asking; it changes only with a release."""

REFERENCE_CACHE_CONTROL = f"public, max-age={REFERENCE_MAX_AGE}"


def tag_of(data: Any, *, scope: str = "") -> str:
    """A strong ETag for ``data`` (JSON-able) as seen by ``scope``: a hash, so nothing of either shows in clear."""
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(f"{scope}\0{body}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def holds(request: HttpRequest | Request, tag: str) -> bool:
    """Whether the caller's If-None-Match names ``tag`` (or is ``*``). A weak tag counts as a match for a GET."""
    header = request.headers.get("If-None-Match", "")
    if not header:
        return False
    named = {t.strip().removeprefix("W/") for t in header.split(",")}
    return tag in named or "*" in named


def _not_modified(tag: str) -> Response:
    response = Response(status=status.HTTP_304_NOT_MODIFIED)
    response["ETag"] = tag
    return response


def conditional(request: Request, response: Response) -> Response:
    """The view's answer with an ETag over its body and the caller, or a 304 when she already holds this body."""
    if request.method not in ("GET", "HEAD") or response.status_code != status.HTTP_200_OK:
        return response
    user = getattr(request, "user", None)
    scope = f"user:{user.pk}" if user is not None and user.is_authenticated else "anonymous"
    tag = tag_of(response.data, scope=f"{scope}:{translation.get_language() or ''}")
    answer = _not_modified(tag) if holds(request, tag) else response
    answer["ETag"] = tag
    patch_vary_headers(answer, ("Cookie", "Accept-Language"))
    return answer


_REFERENCE: dict[tuple[str, str], tuple[Any, str]] = {}


def reference(request: Request, key: str, build: Callable[[], Any]) -> Response:
    """Reference data ``key`` in the request's language: built and tagged once per process, 304 to its tag."""
    language = translation.get_language() or ""
    found = _REFERENCE.get((key, language))
    if found is None:
        data = build()
        found = (data, tag_of(data, scope=f"reference:{key}:{language}"))
        _REFERENCE[(key, language)] = found
    data, tag = found
    answer = _not_modified(tag) if holds(request, tag) else Response(data)
    answer["ETag"] = tag
    answer["Cache-Control"] = REFERENCE_CACHE_CONTROL
    answer.shared_cacheable = True  # type: ignore[attr-defined]  # read by common.middleware.NoStoreMiddleware
    # The language comes from Accept-Language or Django's language cookie (LocaleMiddleware).
    patch_vary_headers(answer, ("Accept-Language", "Cookie"))
    return answer
