"""The outcome question's link token: derived from the question (its id and when it was sent) and the site's
secret key, so neither the database nor a task message ever holds it; the database keeps only its hash to find the
question when the link is opened."""

import hashlib
from urllib.parse import urlencode

from django.utils.crypto import salted_hmac

from outcomes.models import OutcomeRequest


def token_for(request: OutcomeRequest) -> str:
    value = f"{request.pk}:{request.sent_at.isoformat()}"
    return salted_hmac("outcomes.token", value, algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_link(request: OutcomeRequest, site: str, kind: str | None = None) -> str:
    """The web page of the question; with ``kind``, the page records that answer when it opens (by a POST: a
    mail scanner that fetches the link records nothing)."""
    link = f"{site.rstrip('/')}/outcomes/{token_for(request)}"
    return f"{link}?{urlencode({'answer': kind})}" if kind else link
