"""Background work of the mentoring workflow: matching runs and the scheduled expiry, reminders and completion.

Tasks take ids, not objects, and are idempotent, so late acknowledgement and redelivery after a killed
worker lose nothing and duplicate nothing.
"""

from celery import shared_task
from django.utils import timezone

from common import jobs
from mentoring import services


@shared_task(name="mentoring.run_matching", acks_late=True, reject_on_worker_lost=True)
def run_matching(run_id: str) -> str:
    return jobs.run_or_fail(
        run_id,
        execute=lambda pk: services.run_execute(run_id=pk, clock=timezone.now).status,
        fail=lambda pk: services.run_fail(run_id=pk, now=timezone.now()),
    )


@shared_task(name="mentoring.expire_offers", acks_late=True)
def expire_offers() -> int:
    return services.offers_expire_due(now=timezone.now())


@shared_task(name="mentoring.remind_offers", acks_late=True)
def remind_offers() -> int:
    return services.offers_remind_due(now=timezone.now())


@shared_task(name="mentoring.complete_matches", acks_late=True)
def complete_matches() -> int:
    return services.matches_complete_due(now=timezone.now())
