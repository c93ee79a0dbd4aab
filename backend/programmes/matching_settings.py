"""A programme's matching settings as its coordinators edit them: the stored values laid over the engine's defaults,
so that the settings page always shows what a run would use."""

from typing import Any

from matching.records import CEFR_LEVELS, DEFAULT_WEIGHTS
from programmes.models import Programme, ProgrammeKind

WEIGHT_PARTS: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
"""The parts of a pair's score, each with a weight."""

LANGUAGE_LEVELS: tuple[str, ...] = CEFR_LEVELS

DEFAULT_MIN_LANGUAGE_LEVEL = "B1"
DEFAULT_MIN_SCORE = 0.0
GROUP_SIZE_RANGE = (2, 30)
DEFAULT_GROUP_SIZES = (4, 8)

RULE_FIELDS = ("min_language_level", "min_score", "weights")
"""The settings a matching run reads (and a what-if tries out)."""

GROUP_FIELDS = ("group_min_size", "group_max_size")
"""The peer network's default group sizes for a new round."""

LEARNING_FIELDS = (
    "learned_weight", "outcome_target", "pool_outcomes", "monitored_groups", "fairness_min_share", "fairness_group",
)  # fmt: skip
"""Learning from outcomes (mentoring programmes): how much the learned success counts, what it predicts, whether
outcomes are pooled with the organisation's other programmes, and the fairness guard."""

MONITORED_GROUPINGS: tuple[str, ...] = ("mentee_language", "childcare", "city")
"""Groupings of mentees whose match rates a run reports (and the guard can protect)."""

DEFAULT_OUTCOME_TARGET = "work_or_training_6m"
FAIRNESS_SHARE_RANGE = (0.5, 1.0)

MATCHING_FIELDS = RULE_FIELDS + GROUP_FIELDS + LEARNING_FIELDS


def weights_of(stored: dict[str, Any] | None) -> dict[str, float]:
    """Every part's weight as the engine reads them: the defaults when none are stored, else the stored ones (a
    part missing from them weighs 0, as in :func:`matching.scoring.normalised_weights`)."""
    if not stored:
        return dict(DEFAULT_WEIGHTS)
    return {part: float(stored.get(part, 0.0)) for part in WEIGHT_PARTS}


def effective_matching_settings(programme: Programme) -> dict[str, Any]:
    stored = programme.matching_settings or {}
    settings: dict[str, Any] = {
        "weights": weights_of(stored.get("weights")),
        "min_language_level": stored.get("min_language_level", DEFAULT_MIN_LANGUAGE_LEVEL),
        "min_score": float(stored.get("min_score", DEFAULT_MIN_SCORE)),
        "group_min_size": None,
        "group_max_size": None,
        **learning_values(stored),
    }
    if programme.kind == ProgrammeKind.PEER_NETWORK:
        settings["group_min_size"], settings["group_max_size"] = group_sizes(stored)
    return settings


def group_sizes(stored: dict[str, Any]) -> tuple[int, int]:
    """The smallest and largest group a new round of a network forms unless its coordinator says otherwise, from
    its stored matching settings."""
    low = int(stored.get("group_min_size", DEFAULT_GROUP_SIZES[0]))
    high = int(stored.get("group_max_size", DEFAULT_GROUP_SIZES[1]))
    return low, high


def learning_values(stored: dict[str, Any]) -> dict[str, Any]:
    """The learning settings from stored matching settings, defaults filled in (off: weight 0, no guard)."""
    share = stored.get("fairness_min_share")
    return {
        "learned_weight": float(stored.get("learned_weight", 0.0)),
        "outcome_target": str(stored.get("outcome_target", DEFAULT_OUTCOME_TARGET)),
        "pool_outcomes": bool(stored.get("pool_outcomes", False)),
        "monitored_groups": [g for g in stored.get("monitored_groups", []) if g in MONITORED_GROUPINGS],
        "fairness_min_share": float(share) if share is not None else None,
        "fairness_group": stored.get("fairness_group"),
    }
