"""A programme's learned success model for its coordinators: the card of the model in use, the latest attempt
(refused: how many more outcomes it needs), the versions; and training it again on request. Another programme's
id gets the answer an unknown id gets."""

from typing import Any
from uuid import UUID

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from learning.models import ModelStatus
from learning.selectors import learning_settings, model_attempts
from learning.serializers import ProgrammeModelOutputSerializer, attempt_data, backtest_data, card_data
from learning.services import model_attempt_start
from matching.learning import TrainingMinimums
from programmes.models import Programme
from programmes.selectors import coordinated_programme

VERSIONS_SHOWN = 20


def _minimums() -> dict[str, int]:
    least = TrainingMinimums()
    return {
        "outcomes": least.outcomes,
        "successes": least.per_class,
        "non_successes": least.per_class,
        "mentors": max(least.mentors, least.folds),
    }


def programme_model_data(programme: Programme) -> dict[str, Any]:
    attempts = list(model_attempts(programme)[:VERSIONS_SHOWN])
    latest = attempts[0] if attempts else None
    in_use = next((a for a in attempts if a.status == ModelStatus.READY), None)
    finished = next((a for a in attempts if a.status != ModelStatus.TRAINING and a.readiness), None)
    readiness = None
    if finished is not None:
        readiness = {
            key: finished.readiness.get(key, 0) for key in ("outcomes", "successes", "non_successes", "mentors")
        }
        readiness["more_needed"] = finished.readiness.get("more_needed", {})
        readiness["minimums"] = _minimums()
    settings = learning_settings(programme)
    return {
        "status": latest.status if latest is not None else "none",
        "latest": attempt_data(latest) if latest is not None else None,
        "readiness": readiness,
        "model": attempt_data(in_use) if in_use is not None else None,
        "card": card_data(in_use.card) if in_use is not None else None,
        "backtest": backtest_data(in_use.backtest) if in_use is not None and in_use.backtest else None,
        "versions": [attempt_data(a) for a in attempts],
        "learned_weight": settings.weight,
        "outcome_target": settings.target,
        "pool_outcomes": settings.pooled,
    }


class ProgrammeModelApi(PublicAPIView):
    """The programme's success model: its card and backtest, the latest attempt and the versions."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="programmes_model_retrieve", responses=ProgrammeModelOutputSerializer)
    def get(self, request: Request, programme_id: UUID) -> Response:
        programme = coordinated_programme(user=request.user, programme_id=programme_id)
        return Response(ProgrammeModelOutputSerializer(programme_model_data(programme)).data)


class ProgrammeModelTrainApi(PublicAPIView):
    """Train the programme's model again now (in the background); 409 while it is training."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="programmes_model_train", request=None, responses={202: ProgrammeModelOutputSerializer})
    def post(self, request: Request, programme_id: UUID) -> Response:
        programme = coordinated_programme(user=request.user, programme_id=programme_id)
        user: User = request.user  # type: ignore[assignment]
        model_attempt_start(programme=programme, by=user, now=timezone.now())
        return Response(
            ProgrammeModelOutputSerializer(programme_model_data(programme)).data, status=status.HTTP_202_ACCEPTED
        )
