"""Training a programme's success model: an attempt is started (one at a time per programme), then trained in a
task on the outcomes its mentees agreed to share, refused below the minimums with how many more are needed,
and backtested on the programme's last finished matching run."""

import math
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from celery import current_app
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy

from accounts.models import User
from common import jobs
from common.errors import Conflict
from learning.models import LearnedModel, ModelStatus
from learning.selectors import learning_settings
from matching.learning import (
    NotEnoughOutcomes,
    Outcome,
    SuccessModel,
    assign_with_learning,
    backtest,
    train_success_model,
    training_readiness,
)
from matching.records import MatchingConfig, MatchingInputError, Mentee, Mentor
from mentoring.engine import config_for, mentee_record, mentor_record
from mentoring.models import MatchingRun, MatchState, RunStatus
from outcomes.selectors import TrainingOutcome, training_outcomes
from profiles.models import Profile
from programmes.models import Programme, ProgrammeKind

TASK_NAME = "learning.train_programme_model"
SEED = 0
BACKTEST_MAX_MENTEES = 3000
"""The backtest scores every pair of the run's mentees and the mentors: above this many mentees it is skipped."""
STALE_AFTER = timedelta(hours=2)
"""A training that has said nothing for this long is given up, so the next one can start."""

BUSY = gettext_lazy("The model is being trained already. Wait until it is done.")
FAILED = gettext_lazy("Training stopped on an unexpected error. Nothing was changed; you can train it again.")
INVALID_RECORDS = gettext_lazy(
    "Training stopped: some profiles of the past matches could not be read as matching records. Nothing was changed."
)


def _next_version(programme: Programme) -> int:
    latest = LearnedModel.objects.filter(programme=programme).aggregate(latest=Max("version"))["latest"]
    return int(latest or 0) + 1


def _queue(programme_id: UUID, requested_by_id: object) -> None:
    """Queue the training task once the transaction commits, by name (the tasks module imports this one)."""
    args = [str(programme_id), str(requested_by_id) if requested_by_id else None]

    def send() -> None:
        if TASK_NAME not in current_app.tasks:
            current_app.autodiscover_tasks(force=True)
        current_app.tasks[TASK_NAME].delay(*args)

    transaction.on_commit(send)


def model_attempt_start(*, programme: Programme, by: User | None, now: datetime) -> LearnedModel:
    """A new training attempt of the programme (its next version), queued for the task. Raises Conflict while
    another attempt of the programme is training."""
    settings = learning_settings(programme)
    with jobs.one_at_a_time(str(BUSY)):
        # the lock makes two versions at once impossible; the partial unique constraint two trainings at once
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        attempt = LearnedModel.objects.create(
            programme=programme,
            version=_next_version(programme),
            status=ModelStatus.TRAINING,
            target=settings.target,
            pooled=settings.pooled,
            requested_by=by,
            started_at=now,
        )
    _queue(programme.pk, by.pk if by is not None else None)
    return attempt


def model_attempt_training(*, programme_id: UUID, requested_by_id: UUID | None, now: datetime) -> LearnedModel | None:
    """The attempt the task trains: the programme's attempt in training, or (a scheduled retraining) a new one.
    None when the programme is gone or a new one cannot start."""
    attempt = LearnedModel.objects.filter(programme_id=programme_id, status=ModelStatus.TRAINING).first()
    if attempt is not None:
        return attempt
    programme = Programme.objects.filter(pk=programme_id, kind=ProgrammeKind.MENTORING).first()
    if programme is None:
        return None
    settings = learning_settings(programme)
    requested_by = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    try:
        with jobs.one_at_a_time(str(BUSY)):
            Programme.objects.select_for_update().filter(pk=programme.pk).first()
            return LearnedModel.objects.create(
                programme=programme,
                version=_next_version(programme),
                target=settings.target,
                pooled=settings.pooled,
                requested_by=requested_by,
                started_at=now,
            )
    except Conflict:
        return None


def pooled_programme_ids(programme: Programme, *, pooled: bool) -> list[UUID]:
    """The programmes whose outcomes train this one's model: itself, and when it pools, the organisation's other
    mentoring programmes that pool theirs too."""
    if not pooled:
        return [programme.pk]
    others = (
        Programme.objects.filter(organisation_id=programme.organisation_id, kind=ProgrammeKind.MENTORING)
        .exclude(pk=programme.pk)
        .filter(matching_settings__pool_outcomes=True)
        .values_list("pk", flat=True)
    )
    return [programme.pk, *others]


def _profiles(ids: Iterable[object]) -> list[Profile]:
    return list(
        Profile.objects.filter(pk__in=list(set(ids)))
        .select_related("membership")
        .prefetch_related("languages", "sectors")
        .order_by("pk")
    )


def _records(rows: list[TrainingOutcome]) -> tuple[list[Mentee], list[Mentor]]:
    """Engine records of the mentees and mentors of these outcomes as they are now (without sensitive needs)."""
    mentees = [mentee_record(p) for p in _profiles(r.mentee_profile_id for r in rows)]
    mentors = [mentor_record(p) for p in _profiles(r.mentor_profile_id for r in rows)]
    return mentees, mentors


def _finite(value: Any) -> Any:
    """JSON without NaN or infinity (PostgreSQL's jsonb refuses them): None in their place."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _readiness_data(readiness: Any) -> dict[str, Any]:
    return {
        "ready": readiness.ready,
        "outcomes": readiness.outcomes,
        "successes": readiness.successes,
        "non_successes": readiness.non_successes,
        "mentors": readiness.mentors,
        "more_needed": dict(readiness.more_needed),
    }


def _finish(attempt_id: UUID, now: datetime, **fields: Any) -> LearnedModel:
    with transaction.atomic():
        attempt = LearnedModel.objects.select_for_update().get(pk=attempt_id)
        if attempt.status != ModelStatus.TRAINING:
            return attempt  # given up meanwhile: a later attempt may already be training
        for name, value in fields.items():
            setattr(attempt, name, value)
        attempt.trained_at = now
        attempt.save()
    return attempt


def model_train(*, attempt_id: UUID, now: datetime) -> LearnedModel:
    """Train the attempt: refused (with the readiness) below the minimums, else ready with its card and backtest."""
    attempt = LearnedModel.objects.select_related("programme").get(pk=attempt_id)
    programme = attempt.programme
    rows = training_outcomes(
        programme_ids=pooled_programme_ids(programme, pooled=attempt.pooled), target=attempt.target
    )
    used = {str(programme_id): count for programme_id, count in Counter(r.programme_id for r in rows).items()}
    outcomes = [Outcome(str(r.mentee_profile_id), str(r.mentor_profile_id), bool(r.success), r.ended_on) for r in rows]
    readiness = training_readiness(outcomes)
    if not readiness.ready:
        return _finish(
            attempt.pk,
            now,
            status=ModelStatus.REFUSED,
            outcomes_by_programme=used,
            readiness=_readiness_data(readiness),
        )
    mentees, mentors = _records(rows)
    config = config_for(programme, remaining={})
    try:
        model = train_success_model(mentees, mentors, outcomes, config, seed=SEED, trained_at=now.isoformat())
    except NotEnoughOutcomes as refused:  # an outcome's profile is gone meanwhile
        return _finish(
            attempt.pk,
            now,
            status=ModelStatus.REFUSED,
            outcomes_by_programme=used,
            readiness=_readiness_data(refused.readiness),
        )
    except MatchingInputError:
        return _finish(
            attempt.pk, now, status=ModelStatus.FAILED, outcomes_by_programme=used, error=str(INVALID_RECORDS)
        )
    return _finish(
        attempt.pk,
        now,
        status=ModelStatus.READY,
        outcomes_by_programme=used,
        readiness=_readiness_data(readiness),
        model_bytes=model.to_bytes(),
        card=_finite(dict(model.card)),
        backtest=_finite(run_backtest(programme, model, config)),
    )


def run_backtest(programme: Programme, model: SuccessModel, config: MatchingConfig) -> dict[str, Any]:
    """Expected successes on the programme's last finished run: the engine with the learned part (weight 1) over
    that run's mentees and the programme's mentors, against the pairs that were actually made (offers that became
    active or have closed since). ``skipped`` names why there is none: no_run, too_large, nothing_made."""
    run = (
        MatchingRun.objects.filter(programme=programme, status=RunStatus.DONE, finished_at__isnull=False)
        .order_by("-finished_at")
        .first()
    )
    if run is None:
        return {"skipped": "no_run"}
    proposals = list(run.proposals.values_list("mentee_id", "mentor_id", "state", "accepted_at"))
    mentee_ids = {mentee_id for mentee_id, _, _, _ in proposals} | set((run.unmatched or {}).keys())
    if len(mentee_ids) > BACKTEST_MAX_MENTEES:
        return {"skipped": "too_large", "run": str(run.pk), "mentees": len(mentee_ids)}
    mentees = [mentee_record(p) for p in _profiles(mentee_ids)]
    mentors = [
        mentor_record(p)
        for p in Profile.objects.filter(membership__programme=programme, membership__role__in=["mentor", "employer"])
        .select_related("membership")
        .prefetch_related("languages", "sectors")
        .order_by("pk")
    ]
    known_mentees, known_mentors = {m.id for m in mentees}, {m.id for m in mentors}
    made = [
        (str(mentee_id), str(mentor_id))
        for mentee_id, mentor_id, state, accepted_at in proposals
        if state in (MatchState.ACTIVE, MatchState.PAUSED) or (state == MatchState.CLOSED and accepted_at is not None)
        if str(mentee_id) in known_mentees and str(mentor_id) in known_mentors
    ]
    if not made:
        return {"skipped": "nothing_made", "run": str(run.pk)}
    learned = assign_with_learning(mentees, mentors, config, model=model, weight=1.0)
    result = backtest(model, mentees, mentors, learned.pairs, made, seed=SEED)
    finished = run.finished_at
    return {
        **result,
        "run": str(run.pk),
        "run_finished_at": finished.isoformat() if finished else None,
        "pairs_learned": len(learned.pairs),
        "pairs_made": len(made),
    }


def model_fail(*, attempt_id: UUID, now: datetime) -> LearnedModel:
    """Mark the attempt failed after an unexpected error, in plain words (the error's text never reaches it)."""
    return _finish(attempt_id, now, status=ModelStatus.FAILED, error=str(FAILED))


def models_give_up_stale(*, now: datetime) -> int:
    return jobs.give_up_stale(
        LearnedModel.objects.filter(status=ModelStatus.TRAINING),
        now=now,
        after=STALE_AFTER,
        started_field="started_at",
        heartbeat_field="started_at",
        fail=lambda pk: model_fail(attempt_id=pk, now=now),
    )


RETRAIN_EVERY = timedelta(days=6)
"""A programme trained (on request or scheduled) more recently than this is not retrained by the schedule."""


def programmes_to_retrain(*, now: datetime) -> list[UUID]:
    """Open mentoring programmes with at least one outcome and no training attempt in the last RETRAIN_EVERY: the
    weekly retraining's list (so running the schedule more often retrains nothing twice in a week)."""
    recent = LearnedModel.objects.filter(started_at__gte=now - RETRAIN_EVERY).values("programme_id")
    return list(
        Programme.objects.filter(kind=ProgrammeKind.MENTORING, closed_at__isnull=True, matches__outcomes__isnull=False)
        .exclude(pk__in=recent)
        .distinct()
        .values_list("pk", flat=True)
    )
