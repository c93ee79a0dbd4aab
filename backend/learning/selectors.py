"""Reads of learned models: the one a run uses (the latest ready one), a programme's learning settings, and the
attempts its coordinators see."""

from dataclasses import dataclass
from functools import lru_cache
from uuid import UUID

from django.db.models import QuerySet

from learning.models import LearnedModel, ModelStatus
from matching.learning import SuccessModel
from programmes.matching_settings import learning_values
from programmes.models import Programme


@dataclass(frozen=True, slots=True)
class LearningSettings:
    """A programme's learning settings as a run reads them. ``weight`` 0 means the learned part is off;
    ``min_share`` None means no fairness guard."""

    weight: float
    target: str
    pooled: bool
    monitored: tuple[str, ...]
    min_share: float | None
    guard_by: str | None


def learning_settings(programme: Programme) -> LearningSettings:
    values = learning_values(programme.matching_settings or {})
    return LearningSettings(
        weight=values["learned_weight"],
        target=values["outcome_target"],
        pooled=values["pool_outcomes"],
        monitored=tuple(values["monitored_groups"]),
        min_share=values["fairness_min_share"],
        guard_by=values["fairness_group"],
    )


def latest_ready(programme: Programme) -> LearnedModel | None:
    """The programme's latest ready model (the one in use), without its bytes."""
    return (
        LearnedModel.objects.filter(programme=programme, status=ModelStatus.READY)
        .defer("model_bytes")
        .order_by("-version")
        .first()
    )


def has_ready_model(programme: Programme) -> bool:
    return LearnedModel.objects.filter(programme=programme, status=ModelStatus.READY).exists()


@lru_cache(maxsize=16)
def _loaded(model_id: UUID) -> SuccessModel:
    data = LearnedModel.objects.values_list("model_bytes", flat=True).get(pk=model_id)
    if data is None:
        raise ValueError("a ready model without its bytes")
    return SuccessModel.from_bytes(bytes(data))


def active_model(programme: Programme) -> SuccessModel | None:
    """The latest ready model of the programme, loaded from its bytes (cached per process by the model's id: a
    stored model never changes); None when there is none, or when its bytes no longer load (an older format:
    it has to be trained again)."""
    latest = (
        LearnedModel.objects.filter(programme=programme, status=ModelStatus.READY)
        .order_by("-version")
        .values_list("pk", flat=True)
        .first()
    )
    if latest is None:
        return None
    try:
        return _loaded(latest)
    except ValueError:
        return None


def model_attempts(programme: Programme) -> QuerySet[LearnedModel]:
    """Every training attempt of the programme, newest first, without the bytes."""
    return (
        LearnedModel.objects.filter(programme=programme)
        .defer("model_bytes")
        .select_related("requested_by")
        .order_by("-version")
    )
