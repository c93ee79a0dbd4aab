"""A logging filter that takes email addresses and phone numbers out of every log record before it is written."""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An international number (+49 30 1234567) or a run of 9 to 15 digits with single separators.
PHONE = re.compile(r"(?<![\w-])(?:\+\d(?:[\s().-]?\d){6,14}|\d(?:[\s().-]?\d){8,14})(?![\w-])")


def scrub(text: str) -> str:
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class PersonalDataFilter(logging.Filter):
    """Rewrites the message (with its arguments filled in) and any traceback text; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is still logged, scrubbed
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
