"""Scheduled work that spans apps: flag inactive participants and erase them after the grace period."""

from celery import shared_task
from django.utils import timezone

from usecases.retention import retention_run


# The name is what the beat schedule and queued messages carry: it stays as it was when this lived in privacy.
@shared_task(name="privacy.retention", acks_late=True)
def run_retention() -> list[int]:
    flagged, erased = retention_run(now=timezone.now())
    return [flagged, erased]
