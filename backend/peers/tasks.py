"""Background work of peer networks: forming a round's groups, and the scheduled follow-up questions.

Tasks take ids, not objects, and are idempotent, so late acknowledgement and redelivery after a killed worker
lose nothing and duplicate nothing.
"""

from celery import shared_task
from django.utils import timezone

from common import jobs
from peers import services


@shared_task(name="peers.form_groups", acks_late=True, reject_on_worker_lost=True)
def form_groups(round_id: str) -> str:
    return jobs.run_or_fail(
        round_id,
        execute=lambda pk: services.round_form_execute(round_id=pk, clock=timezone.now).status,
        fail=lambda pk: services.round_form_fail(round_id=pk, now=timezone.now()),
    )


@shared_task(name="peers.send_followups", acks_late=True)
def send_followups() -> int:
    return services.followups_send_due(now=timezone.now())
