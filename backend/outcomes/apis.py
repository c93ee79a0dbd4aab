"""Outcome questions: the link's public routes (no login; the token answers only its own question; rate-limited),
her own open questions when logged in, and a programme's coordinators recording what a mentee told them."""

from typing import Any
from uuid import UUID

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.permissions import PublicAPIView
from common.throttles import AddressRateThrottle
from outcomes.selectors import match_of_programme, match_outcomes, open_questions, question_of, question_with_answer
from outcomes.serializers import (
    OutcomeAnswerInputSerializer,
    OutcomeOutputSerializer,
    OutcomeQuestionOutputSerializer,
    OutcomeRecordInputSerializer,
)
from outcomes.services import outcome_answer, outcome_record_by_coordinator, outcome_request_by_token
from programmes.selectors import coordinated_programme


class OutcomeTokenRateThrottle(AddressRateThrottle):
    """Requests to the link's routes per address: OUTCOME_TOKEN_RATE_LIMIT (nobody guesses links)."""

    scope = "outcome_token"
    rate_setting = "OUTCOME_TOKEN_RATE_LIMIT"


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]  # IsAuthenticated


def _question(question: Any) -> dict[str, Any]:
    return OutcomeQuestionOutputSerializer(question_with_answer(request=question)).data  # type: ignore[return-value]


class OutcomeByTokenApi(PublicAPIView):
    """The question the link asks, and her current answer. Unknown and cancelled links get the same 404; an
    expired one 410. Reading it records nothing (mail scanners open links)."""

    permission_classes = [AllowAny]
    throttle_classes = [OutcomeTokenRateThrottle]
    two_step_exempt = True  # shows nothing a coordinator's unfinished login must not see

    @extend_schema(operation_id="outcomes_by_token", responses=OutcomeQuestionOutputSerializer)
    def get(self, request: Request, token: str) -> Response:
        return Response(_question(outcome_request_by_token(token=token, now=timezone.now())))


class OutcomeByTokenAnswerApi(PublicAPIView):
    """Her answer, tapped on the link's page: it replaces any answer she gave before."""

    permission_classes = [AllowAny]
    throttle_classes = [OutcomeTokenRateThrottle]
    two_step_exempt = True

    @extend_schema(
        operation_id="outcomes_by_token_answer",
        request=OutcomeAnswerInputSerializer,
        responses=OutcomeQuestionOutputSerializer,
    )
    def post(self, request: Request, token: str) -> Response:
        now = timezone.now()
        question = outcome_request_by_token(token=token, now=now)
        serializer = OutcomeAnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome_answer(request=question, kind=serializer.validated_data["kind"], now=now)
        return Response(_question(question))


class MyOutcomeQuestionsApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_outcome_questions_list", responses=OutcomeQuestionOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        questions = open_questions(user=_user(request), now=timezone.now())[:20]
        return Response(OutcomeQuestionOutputSerializer(questions, many=True).data)


class MyOutcomeQuestionAnswerApi(PublicAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_outcome_questions_answer",
        request=OutcomeAnswerInputSerializer,
        responses=OutcomeQuestionOutputSerializer,
    )
    def post(self, request: Request, question_id: UUID) -> Response:
        now = timezone.now()
        question = question_of(user=_user(request), request_id=question_id, now=now)
        serializer = OutcomeAnswerInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome_answer(request=question, kind=serializer.validated_data["kind"], now=now)
        return Response(_question(question))


class ProgrammeMatchOutcomesApi(PublicAPIView):
    """The outcomes of one match, for the programme's coordinators; a coordinator records one the mentee told her."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="programme_match_outcomes_list", responses=OutcomeOutputSerializer(many=True))
    def get(self, request: Request, programme_id: UUID, match_id: UUID) -> Response:
        programme = coordinated_programme(user=_user(request), programme_id=programme_id)
        match = match_of_programme(programme=programme, match_id=match_id)
        return Response(OutcomeOutputSerializer(match_outcomes(match=match), many=True).data)

    @extend_schema(
        operation_id="programme_match_outcomes_record",
        request=OutcomeRecordInputSerializer,
        responses={201: OutcomeOutputSerializer},
    )
    def post(self, request: Request, programme_id: UUID, match_id: UUID) -> Response:
        programme = coordinated_programme(user=_user(request), programme_id=programme_id)
        match = match_of_programme(programme=programme, match_id=match_id)
        serializer = OutcomeRecordInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = outcome_record_by_coordinator(
            match=match,
            checkpoint=serializer.validated_data["checkpoint"],
            kind=serializer.validated_data["kind"],
            by=_user(request),
            now=timezone.now(),
        )
        return Response(OutcomeOutputSerializer(outcome).data, status=status.HTTP_201_CREATED)
