"""What the outcome routes read and answer."""

from typing import Any

from rest_framework import serializers

from outcomes.models import Checkpoint, Outcome, OutcomeKind, OutcomeRequest
from programmes.models import PARTICIPANT_ROLE_CHOICES, Role
from programmes.texts import programme_name


class OutcomeAnswerInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)


class OutcomeRecordInputSerializer(serializers.Serializer):
    checkpoint = serializers.ChoiceField(choices=Checkpoint.choices)
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)


class OutcomeQuestionOutputSerializer(serializers.ModelSerializer):
    """The question as she sees it: the programme, the other person's first name only, when, her answer."""

    programme = serializers.SerializerMethodField()
    respondent_role = serializers.ChoiceField(choices=PARTICIPANT_ROLE_CHOICES, read_only=True)
    other_first_name = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeRequest
        fields = ["id", "programme", "other_first_name", "checkpoint", "respondent_role", "answer", "expires_at"]

    def get_programme(self, request: OutcomeRequest) -> str:
        return programme_name(request.match.programme)

    def get_other_first_name(self, request: OutcomeRequest) -> str:
        other = request.match.mentor if request.respondent_role == Role.MENTEE else request.match.mentee
        return str(other.membership.user.display_name)

    def get_answer(self, request: OutcomeRequest) -> OutcomeKind | None:
        answer: Any = getattr(request, "answer", None)
        return OutcomeKind(answer) if answer else None


class OutcomeOutputSerializer(serializers.ModelSerializer):
    respondent_role = serializers.ChoiceField(choices=PARTICIPANT_ROLE_CHOICES, read_only=True)
    recorded_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Outcome
        fields = ["id", "checkpoint", "kind", "respondent_role", "source", "answered_at", "recorded_by_name"]

    def get_recorded_by_name(self, outcome: Outcome) -> str:
        return outcome.recorded_by.display_name if outcome.recorded_by else ""
