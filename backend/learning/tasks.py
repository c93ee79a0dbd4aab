"""Background work of learning: training a programme's success model (on request or weekly).

Acknowledged on receipt: an attempt whose worker died is given up by the weekly job, and the next one starts."""

from uuid import UUID

from celery import shared_task
from django.utils import timezone

from learning import services


@shared_task(name="learning.train_programme_model")
def train_programme_model(programme_id: str, requested_by_id: str | None = None) -> str:
    """Train the programme's attempt in training (one a coordinator asked for), or start and train a new one.
    Returns the attempt's status, or "busy" when none could start."""
    attempt = services.model_attempt_training(
        programme_id=UUID(programme_id),
        requested_by_id=UUID(requested_by_id) if requested_by_id else None,
        now=timezone.now(),
    )
    if attempt is None:
        return "busy"
    try:
        return services.model_train(attempt_id=attempt.pk, now=timezone.now()).status
    except Exception:
        services.model_fail(attempt_id=attempt.pk, now=timezone.now())
        raise


@shared_task(name="learning.retrain_models")
def retrain_models() -> int:
    """Weekly: give up stale trainings, then retrain every open mentoring programme that has outcomes and was not
    trained in the last six days (safe to run more often, e.g. from run_scheduled)."""
    now = timezone.now()
    services.models_give_up_stale(now=now)
    programme_ids = services.programmes_to_retrain(now=now)
    for programme_id in programme_ids:
        train_programme_model.delay(str(programme_id))
    return len(programme_ids)
