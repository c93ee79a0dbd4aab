"""Scheduled privacy work: flag inactive participants and erase them after the grace period."""

from celery import shared_task
from django.utils import timezone

from privacy.retention import retention_run


@shared_task(name="privacy.retention", acks_late=True)
def run_retention() -> list[int]:
    flagged, erased = retention_run(now=timezone.now())
    return [flagged, erased]
