"""No personal data in logs: the filter on every handler scrubs email addresses and phone numbers."""

import io
import logging

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from common.log_filters import PersonalDataFilter, scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("login failed for amal.haddad+x@example.org", "login failed for [email]"),
        ("call +49 30 1234 5678 today", "call [phone] today"),
        ("mobile 0176-12345678", "mobile [phone]"),
        ("match 3f2b1c4e-1234-5678-9012-345678901234 approved", "match 3f2b1c4e-1234-5678-9012-345678901234 approved"),
        ("run took 1234 ms on 2026-11-25", "run took 1234 ms on 2026-11-25"),
    ],
)
def test_scrub(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_every_record_is_scrubbed_arguments_and_tracebacks_included() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    logger = logging.getLogger("tests.personal_data")
    logger.addHandler(handler)
    try:
        logger.warning("sign-up for %s from %s", "layla@example.org", "+44 20 7946 0958")
        try:
            raise ValueError("no account for olena@example.org")
        except ValueError:
            logger.exception("lookup failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "@example.org" not in output and "7946" not in output
    assert "sign-up for [email] from [phone]" in output and "no account for [email]" in output


def test_the_configured_handlers_use_the_filter() -> None:
    handlers = settings.LOGGING["handlers"]
    assert all("personal_data" in handler.get("filters", []) for handler in handlers.values())


@pytest.mark.django_db
def test_request_logs_name_the_path_not_the_body(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        APIClient().post("/api/v1/programmes/", {"secret": "amal@example.org"}, format="json")
    assert caplog.records and all("amal@example.org" not in r.getMessage() for r in caplog.records)
