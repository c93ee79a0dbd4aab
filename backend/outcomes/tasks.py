"""The daily task that asks what came of matches that ended 3 or 6 months ago (Celery beat; run_scheduled on the
embedded default)."""

from celery import shared_task
from django.utils import timezone

from outcomes.services import outcome_questions_ask


@shared_task(name="outcomes.ask_questions", acks_late=True)
def ask_outcome_questions() -> int:
    """Ask what came of matches that ended 3 or 6 months ago. Safe to repeat: each question is asked once."""
    return outcome_questions_ask(now=timezone.now())
