"""The canaries the whole backend suite watches for (tests/backend/conftest.py, after every test).

Two kinds:

- personal details: every full name, email and phone number the factories make carries a marker
  (``tests.backend.factories.CANARY_MARKERS``). None may appear in a log record, a Celery task message or an
  error answer. Emails are not checked for them: an email greets its recipient by name and goes to her address.
- sensitive data: the special-category answers (each code and its words in every language of the app) and the
  free texts of reports and similar confidences, which the fixtures write with ``SENSITIVE_TEXT_MARKER`` in them.
  None may appear in a log record, a task message, an error answer or an email, to anyone.
"""

import logging
import re
from functools import cache
from types import TracebackType
from typing import Any
from urllib.parse import quote

import pytest

from privacy.sensitive import SENSITIVE_ATTRIBUTES, SENSITIVE_CODES

SENSITIVE_TEXT_MARKER = "Kanarienvogel-sensitive"
"""Put into every sensitive free text a fixture writes (a safety report's words, a confidence in a comment)."""


def sensitive_text(words: str) -> str:
    """A sensitive free text that the suite-wide check recognises wherever it turns up."""
    return f"{SENSITIVE_TEXT_MARKER}: {words}"


@cache
def sensitive_canaries() -> tuple[str, ...]:
    """Every sensitive answer as it could be written out (its code, its question in each language) and the
    marker of sensitive free texts."""
    labels = {label for item in SENSITIVE_ATTRIBUTES for label in item.labels.values()}
    return tuple(sorted(SENSITIVE_CODES | labels | {SENSITIVE_TEXT_MARKER}))


def personal_markers() -> tuple[str, ...]:
    """Lower-case markers of the factories' names, emails and phone numbers."""
    from tests.backend.factories import CANARY_MARKERS

    return tuple(marker.lower() for marker in CANARY_MARKERS)


def leaks(text: str, *, personal: bool) -> list[str]:
    """The canaries in ``text``: always the sensitive ones, and the personal markers if ``personal``."""
    lowered = text.lower()
    found = [canary for canary in sensitive_canaries() if canary.lower() in lowered]
    if personal:
        found += [marker for marker in personal_markers() if marker in lowered]
    return found


class _LogText(logging.Handler):
    """Keeps each record's text as the code logged it (handler filters later scrub records in place)."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name} {record.getMessage()}"
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.texts.append(text)


def without_own_details(text: str, user: Any) -> str:
    """The answer without the caller's own email, name and phone (as is and URL-encoded): a sign-in answer may
    show her her own account (allauth's 401 asking her to re-enter her password, her authenticator's setup URL).
    Anybody else's details still count."""
    if not getattr(user, "is_authenticated", False):
        return text
    for value in (user.email, user.full_name, user.phone):
        for form in {value or "", quote(value or "")} - {""}:
            text = re.sub(re.escape(form), "", text, flags=re.IGNORECASE)
    return text


class LeakWatch:
    """Watches, while open, every channel data leaves the app by in a test:

    - log records, as the code logged them (first handler of the root logger, before any scrubbing filter);
    - Celery task messages, where every task is queued (``Task.apply_async``, which ``delay`` calls; eager in
      tests) and, with a real broker, where they are published (``before_task_publish``);
    - error answers (status 400 and up), where Django's request handler returns them (test client and DRF's);
    - emails, in the test outbox.
    """

    def __init__(self) -> None:
        self.logs = _LogText()
        self.tasks: list[str] = []
        self.errors: list[tuple[str, str]] = []
        """(request, answer): only the answer is searched (her own request may name her)."""
        self._patcher = pytest.MonkeyPatch()

    def __enter__(self) -> "LeakWatch":
        from celery.app.task import Task
        from celery.signals import before_task_publish
        from django.core.handlers.base import BaseHandler

        real_apply_async, real_get_response = Task.apply_async, BaseHandler.get_response
        tasks, errors = self.tasks, self.errors

        def apply_async(task: Task, args: Any = None, kwargs: Any = None, *rest: Any, **options: Any) -> Any:
            tasks.append(f"{task.name} {args!r} {kwargs!r}")
            return real_apply_async(task, args, kwargs, *rest, **options)

        def get_response(handler: BaseHandler, request: Any) -> Any:
            response = real_get_response(handler, request)
            if response.status_code >= 400 and not getattr(response, "streaming", False):
                text = without_own_details(response.content.decode(errors="replace"), getattr(request, "user", None))
                errors.append((f"{request.method} {request.path} {response.status_code}", text))
            return response

        self._patcher.setattr(Task, "apply_async", apply_async)
        self._patcher.setattr(BaseHandler, "get_response", get_response)
        before_task_publish.connect(self._published, weak=False)
        logging.getLogger().handlers.insert(0, self.logs)
        return self

    def _published(self, sender: Any = None, body: Any = None, **_: Any) -> None:
        self.tasks.append(f"{sender} {body!r}")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        from celery.signals import before_task_publish

        self._patcher.undo()
        before_task_publish.disconnect(self._published)
        logging.getLogger().removeHandler(self.logs)

    def clear(self) -> None:
        """Forget what was seen so far (a test that leaks on purpose, to prove the watch works)."""
        self.logs.texts.clear()
        self.tasks.clear()
        self.errors.clear()

    def found(self) -> list[str]:
        """What leaked, one line per record, message, answer or email (with the canaries it carried)."""
        from django.core import mail

        found = [
            f"{channel}: {text[:300]} {leaks(text, personal=True)}"
            for channel, texts in (("log", self.logs.texts), ("task message", self.tasks))
            for text in texts
            if leaks(text, personal=True)
        ]
        found += [
            f"error answer to {request}: {text[:300]} {leaks(text, personal=True)}"
            for request, text in self.errors
            if leaks(text, personal=True)
        ]
        for message in getattr(mail, "outbox", []):
            alternatives = "".join(str(content) for content, _type in getattr(message, "alternatives", []))
            text = f"{message.subject} {message.body} {alternatives}"
            if leaks(text, personal=False):
                found.append(f"email {message.subject!r}: {leaks(text, personal=False)}")
        return found
