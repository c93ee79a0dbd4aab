"""Output shapes of a programme's learned model: the card (what it was trained on, how well it predicts held-out
mentors' outcomes, calibration, feature effects), its backtest, and the list of training attempts."""

from typing import Any

from rest_framework import serializers

from learning.models import LearnedModel, ModelStatus
from outcomes.models import OutcomeTarget


class ModelReadinessOutputSerializer(serializers.Serializer):
    outcomes = serializers.IntegerField()
    successes = serializers.IntegerField()
    non_successes = serializers.IntegerField()
    mentors = serializers.IntegerField()
    more_needed = serializers.DictField(
        child=serializers.IntegerField(), help_text="How many more outcomes, successes, non_successes, mentors."
    )
    minimums = serializers.DictField(child=serializers.IntegerField(), help_text="The least data a model needs.")


class ModelMetricsOutputSerializer(serializers.Serializer):
    auc = serializers.FloatField(allow_null=True, help_text="ROC AUC on held-out mentors (0.5: chance).")
    brier = serializers.FloatField(allow_null=True)
    log_loss = serializers.FloatField(allow_null=True)
    calibration_error = serializers.FloatField(allow_null=True)


class CalibrationBinOutputSerializer(serializers.Serializer):
    predicted = serializers.FloatField()
    observed = serializers.FloatField()
    count = serializers.IntegerField()


class FeatureEffectOutputSerializer(serializers.Serializer):
    feature = serializers.CharField(help_text="A feature name: a FEATURES name or a programme code feature.")
    low = serializers.FloatField()
    high = serializers.FloatField()
    effect = serializers.FloatField(help_text="Change in predicted success from low to high, in probability.")


class ModelCardOutputSerializer(serializers.Serializer):
    outcomes = serializers.IntegerField()
    successes = serializers.IntegerField()
    success_rate = serializers.FloatField()
    mentors = serializers.IntegerField()
    mentees = serializers.IntegerField()
    date_range = serializers.ListField(child=serializers.CharField(), allow_null=True)
    chosen = serializers.ChoiceField(choices=["logistic", "boosting"])
    folds = serializers.IntegerField()
    metrics = ModelMetricsOutputSerializer()
    candidates = serializers.DictField(child=ModelMetricsOutputSerializer())
    calibration_curve = CalibrationBinOutputSerializer(many=True)
    feature_effects = FeatureEffectOutputSerializer(many=True)
    features = serializers.IntegerField(help_text="How many features the model reads.")


class ModelBacktestOutputSerializer(serializers.Serializer):
    skipped = serializers.ChoiceField(
        choices=["no_run", "too_large", "nothing_made"],
        allow_null=True,
        help_text="Why there is no backtest; null when there is one.",
    )
    run_finished_at = serializers.DateTimeField(allow_null=True)
    mentees = serializers.IntegerField(allow_null=True)
    expected_learned = serializers.FloatField(allow_null=True, help_text="Expected successes, engine with learning.")
    expected_made = serializers.FloatField(allow_null=True, help_text="Expected successes of the pairs made.")
    difference = serializers.FloatField(allow_null=True)
    interval = serializers.ListField(child=serializers.FloatField(), allow_null=True, help_text="Of the difference.")
    level = serializers.FloatField(allow_null=True)
    pairs_learned = serializers.IntegerField(allow_null=True)
    pairs_made = serializers.IntegerField(allow_null=True)


class ModelAttemptOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ModelStatus.choices)
    target = serializers.ChoiceField(choices=OutcomeTarget.choices)
    pooled = serializers.BooleanField()
    programmes = serializers.IntegerField(help_text="How many programmes' outcomes it used.")
    outcomes = serializers.IntegerField(help_text="Outcomes it used (all programmes).")
    scheduled = serializers.BooleanField(help_text="Retrained on the schedule rather than on request.")
    started_at = serializers.DateTimeField()
    trained_at = serializers.DateTimeField(allow_null=True)
    auc = serializers.FloatField(allow_null=True)
    error = serializers.CharField(allow_blank=True)


class ProgrammeModelOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[("none", "none"), *ModelStatus.choices], help_text="The latest attempt's status; none before any."
    )
    latest = ModelAttemptOutputSerializer(allow_null=True, help_text="The latest attempt.")
    readiness = ModelReadinessOutputSerializer(allow_null=True, help_text="Of the latest finished attempt.")
    model = ModelAttemptOutputSerializer(allow_null=True, help_text="The model in use: the latest ready one.")
    card = ModelCardOutputSerializer(allow_null=True)
    backtest = ModelBacktestOutputSerializer(allow_null=True)
    versions = ModelAttemptOutputSerializer(many=True)
    learned_weight = serializers.FloatField(help_text="The programme's setting (0: not used in runs).")
    outcome_target = serializers.ChoiceField(choices=OutcomeTarget.choices)
    pool_outcomes = serializers.BooleanField()


def _number(value: Any) -> float | None:
    """A finite number, or None (a fold without both outcomes has no AUC)."""
    if isinstance(value, int | float) and value == value and abs(value) != float("inf"):
        return float(value)
    return None


def attempt_data(attempt: LearnedModel) -> dict[str, Any]:
    used = attempt.outcomes_by_programme or {}
    return {
        "id": attempt.pk,
        "version": attempt.version,
        "status": attempt.status,
        "target": attempt.target,
        "pooled": attempt.pooled,
        "programmes": len(used),
        "outcomes": sum(int(n) for n in used.values()),
        "scheduled": attempt.requested_by_id is None,
        "started_at": attempt.started_at,
        "trained_at": attempt.trained_at,
        "auc": _number((attempt.card or {}).get("metrics", {}).get("auc")),
        "error": attempt.error,
    }


def _metrics(values: dict[str, Any]) -> dict[str, float | None]:
    return {name: _number(values.get(name)) for name in ("auc", "brier", "log_loss", "calibration_error")}


def card_data(card: dict[str, Any]) -> dict[str, Any]:
    return {
        "outcomes": card.get("outcomes", 0),
        "successes": card.get("successes", 0),
        "success_rate": _number(card.get("success_rate")) or 0.0,
        "mentors": card.get("mentors", 0),
        "mentees": card.get("mentees", 0),
        "date_range": card.get("date_range"),
        "chosen": card.get("chosen", "logistic"),
        "folds": (card.get("cross_validation") or {}).get("folds", 0),
        "metrics": _metrics(card.get("metrics") or {}),
        "candidates": {kind: _metrics(values) for kind, values in (card.get("candidates") or {}).items()},
        "calibration_curve": card.get("calibration_curve", []),
        "feature_effects": card.get("feature_effects", []),
        "features": len(card.get("features", [])),
    }


def backtest_data(backtest: dict[str, Any]) -> dict[str, Any]:
    interval = backtest.get("interval")
    return {
        "skipped": backtest.get("skipped"),
        "run_finished_at": backtest.get("run_finished_at"),
        "mentees": backtest.get("mentees"),
        "expected_learned": _number(backtest.get("expected_a")),
        "expected_made": _number(backtest.get("expected_b")),
        "difference": _number(backtest.get("difference")),
        "interval": [_number(v) or 0.0 for v in interval] if interval else None,
        "level": _number(backtest.get("level")),
        "pairs_learned": backtest.get("pairs_learned"),
        "pairs_made": backtest.get("pairs_made"),
    }
