"""Learning from outcomes: which pairs led to what the mentee came for, measured honestly before use.

Features of a (mentee, mentor) pair are the engine's own pair features and score parts (never a sensitive
attribute: every name is checked against :data:`DENY_LIST`); a model is chosen between calibrated logistic
regression and gradient boosting by cross-validation grouped by mentor; the predicted success ``p`` can then be
blended into the pair score (``score + weight·p``), an assignment can be evaluated against another under the
model (a backtest with a bootstrap interval), and a fairness guard keeps every monitored group's match rate at
or above a set share of the overall rate. Plain Python: no Django, no Celery.

    model = train_success_model(mentees, mentors, outcomes, config, seed=0)   # refuses below the minimums
    p = predict_success(model, mentees, mentors, [("mentee-1", "mentor-7")])
    run = assign_with_learning(mentees, mentors, config, model=model, weight=1.0, monitored=..., min_share=0.8)
    backtest(model, mentees, mentors, run.pairs, actual_pairs)
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import joblib
import numpy as np
from ortools.graph.python import min_cost_flow
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from matching.api import assignments_of, validate_inputs
from matching.assignment import SCORE_SCALE, assign
from matching.candidates import score_floor
from matching.features import ProfileEncoder
from matching.records import Assignment, LearnedPart, MatchingConfig, MatchingInputError, Mentee, Mentor, Reason
from matching.rules import open_mentor_mask, remaining_capacity
from matching.scoring import BOTH_ONLINE, PARTS, SAME_CITY, SAME_COUNTRY, LearnedScorer, PairScorer, pair_scorer

MODEL_FORMAT_VERSION = 1
"""Bumped whenever the stored bytes or the features change meaning; older models must be retrained."""

FEATURES: tuple[str, ...] = (
    "score",  # the hand-weighted pair score under the training config's weights
    *PARTS,  # language, sector, goals, place, availability: each part's value in [0, 1]
    "text_similarity",
    "same_sector",
    "related_sector_only",
    "same_city",
    "both_online",
    "same_country_only",
    "goal_codes_met",
    "mentee_goal_count",
    "mentor_offer_count",
    "mentor_is_employer",
)
"""Pair features every model has, in this order. A language *code* is never a feature (a home language
stands in for origin), nor a city or country name, nor whether a mentor is a woman."""

GOAL_RELATIONS: tuple[str, ...] = ("same_sector", "same_sector_family", "same_city", "offer_meets_goal", "language")
"""For each goal code kept, its product with these pair relations (``mentee_goal:job_search*same_sector``):
what helps a mentee depends on what she came for, which an additive model cannot see on its own."""

PREDICT_PAIRS = 200_000
"""Pairs whose features are built and predicted at once when a run scores with a learned part (a block of
this many pairs' features is some tens of megabytes)."""

MIN_CODE_PAIRS = 10
"""A code seen in fewer training pairs is left out: too rare to learn from, and a rare code narrows to a person."""

DENY_LIST: tuple[str, ...] = (
    "nationality",
    "citizenship",
    "country_of_origin",
    "origin",
    "birthplace",
    "place_of_birth",
    "date_of_birth",
    "age",
    "religion",
    "religious",
    "belief",
    "faith",
    "sexual_orientation",
    "sexuality",
    "orientation",
    "gender_identity",
    "gender",
    "sex",
    "woman",
    "women",
    "female",
    "male",
    "health",
    "medical",
    "disability",
    "disabled",
    "pregnancy",
    "ethnicity",
    "ethnic",
    "race",
    "racial",
    "immigration_status",
    "residence_permit",
    "residence_status",
    "asylum",
    "refugee_status",
    "visa",
    "marital_status",
    "political",
    "trade_union",
    "criminal",
    "biometric",
    "genetic",
    "home_language",
    "native_language",
    "mother_tongue",
)
"""Words that may never appear in a feature's name (special categories of data under GDPR art. 9 and
attributes that stand in for them). Matched on whole words of the name, and as the start of a word for
entries of five letters or more: "healthcare" matches "health", "nationalities" matches "nationality". Erring
on the side of refusing: a refused programme code only costs the model one feature."""


def denied(name: str) -> str | None:
    """The deny-list entry a feature name matches, or None.

    >>> denied("mentee_goal:job_search"), denied("mentee_Nationality"), denied("religious-support")
    (None, 'nationality', 'religious')
    """
    words = [w for w in re.split(r"[^a-z0-9]+", name.lower()) if w]
    for entry in DENY_LIST:
        parts = entry.split("_")
        for start in range(len(words) - len(parts) + 1):
            window = words[start : start + len(parts)]
            if window == parts:
                return entry
            if len(parts) == 1 and len(entry) >= 5 and window[0].startswith(entry):
                return entry
    return None


# --- outcomes and the minimum data ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What came of one past match: ``success`` is the programme's chosen target (e.g. work or training
    within 6 months). ``ended_on`` is only summarised (the date range of the training data)."""

    mentee_id: str
    mentor_id: str
    success: bool
    ended_on: date | None = None


@dataclass(frozen=True, slots=True)
class TrainingMinimums:
    """Least data a model is trained on: outcomes in all, of each class, and distinct mentors (the folds
    are grouped by mentor, so each fold needs mentors of its own)."""

    outcomes: int = 200
    per_class: int = 40
    mentors: int = 20
    folds: int = 5


@dataclass(frozen=True, slots=True)
class Readiness:
    """Whether there is enough to train on, and how many more of each are needed (0 when enough)."""

    ready: bool
    outcomes: int
    successes: int
    non_successes: int
    mentors: int
    more_needed: Mapping[str, int]


class NotEnoughOutcomes(ValueError):
    """Training refused: ``readiness.more_needed`` says how many more outcomes, successes, non-successes
    and mentors it needs."""

    def __init__(self, readiness: Readiness) -> None:
        self.readiness = readiness
        missing = ", ".join(f"{n} more {what.replace('_', '-')}" for what, n in readiness.more_needed.items() if n)
        super().__init__(f"not enough outcomes to learn from yet: needs {missing}")


def training_readiness(outcomes: Sequence[Outcome], minimums: TrainingMinimums | None = None) -> Readiness:
    """Count what there is against ``minimums``.

    >>> r = training_readiness([Outcome("a", "m", True)] * 3)
    >>> r.ready, r.more_needed["outcomes"], r.more_needed["non_successes"]
    (False, 197, 40)
    """
    minimums = minimums if minimums is not None else TrainingMinimums()
    successes = sum(1 for o in outcomes if o.success)
    non_successes = len(outcomes) - successes
    mentors = len({o.mentor_id for o in outcomes})
    more = {
        "outcomes": max(0, minimums.outcomes - len(outcomes)),
        "successes": max(0, minimums.per_class - successes),
        "non_successes": max(0, minimums.per_class - non_successes),
        "mentors": max(0, max(minimums.mentors, minimums.folds) - mentors),
    }
    return Readiness(
        ready=not any(more.values()),
        outcomes=len(outcomes),
        successes=successes,
        non_successes=non_successes,
        mentors=mentors,
        more_needed=more,
    )


# --- features ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The programme codes a model has features for, after :data:`FEATURES`: ``mentee_goal:<code>``,
    ``mentor_offer:<code>``, ``mentee_sector_family:<code>`` and each goal times :data:`GOAL_RELATIONS`. A code
    is kept when at least :data:`MIN_CODE_PAIRS` training pairs have it and its name passes the deny-list."""

    goals: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    sector_families: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (
            *(f"mentee_goal:{c}" for c in self.goals),
            *(f"mentor_offer:{c}" for c in self.offers),
            *(f"mentee_sector_family:{c}" for c in self.sector_families),
            *(f"mentee_goal:{c}*{relation}" for c in self.goals for relation in GOAL_RELATIONS),
        )


def _aligned(matrix: np.ndarray, classes: Sequence[str], wanted: Sequence[str]) -> np.ndarray:
    """Columns of ``matrix`` (named by ``classes``) in the order of ``wanted``, zero where unknown."""
    column = {str(c): k for k, c in enumerate(classes)}
    out = np.zeros((matrix.shape[0], len(wanted)), dtype=np.float64)
    for k, code in enumerate(wanted):
        if code in column:
            out[:, k] = matrix[:, column[code]]
    return out


def _pair_matrix(scored: _Scored, rows: np.ndarray, cols: np.ndarray, vocabulary: Vocabulary) -> np.ndarray:
    """Features (:data:`FEATURES` then ``vocabulary.names()``) of pairs given by scorer row and column. Reads
    only what the engine encodes for scoring; a record's other fields never get here."""
    scorer = scored.scorer
    a, b = scorer.a, scorer.b
    values = scorer.part_values(rows, cols)
    score = np.zeros(len(rows))
    for part in PARTS:
        score += scorer.weights[part] * values[part]
    same_sector = np.einsum("ij,ij->i", a.sector_matrix[a.sector_key[rows]], b.sector_matrix[b.sector_key[cols]]) > 0
    same_family = (
        np.einsum(
            "ij,ij->i",
            (a.family_matrix[a.sector_key[rows]] > 0).astype(np.float32),
            (b.family_matrix[b.sector_key[cols]] > 0).astype(np.float32),
        )
        > 0
    )
    place = values["place"]
    goal_count = a.code_count[rows]
    codes_met = np.einsum("ij,ij->i", a.codes[rows], b.codes[cols]) / np.maximum(goal_count, 1)
    employer = np.fromiter((m.kind == "employer" for m in scorer.mentors), dtype=bool, count=len(scorer.mentors))
    base = np.column_stack(
        [
            score,
            *(values[p] for p in PARTS),
            values["text_similarity"],
            same_sector,
            same_family & ~same_sector,
            place == SAME_CITY,
            place == BOTH_ONLINE,
            place == SAME_COUNTRY,
            codes_met,
            goal_count,
            b.code_count[cols],
            employer[cols],
        ]
    ).astype(np.float64)
    goals = _aligned(a.codes[rows], scored.codes, vocabulary.goals)
    offers_of_goals = _aligned(b.codes[cols], scored.codes, vocabulary.goals)
    relations = {
        "same_sector": same_sector,
        "same_sector_family": same_family,
        "same_city": place == SAME_CITY,
        "language": values["language"],
    }
    products = [
        goals[:, k] * (offers_of_goals[:, k] if relation == "offer_meets_goal" else relations[relation])
        for k in range(len(vocabulary.goals))
        for relation in GOAL_RELATIONS
    ]
    return np.hstack(
        [
            base,
            goals,
            _aligned(b.codes[cols], scored.codes, vocabulary.offers),
            _aligned(a.family_matrix[a.sector_key[rows]] > 0, scored.families, vocabulary.sector_families),
            np.column_stack(products) if products else np.zeros((len(rows), 0)),
        ]
    )


@dataclass(frozen=True, slots=True)
class _Scored:
    """The engine's scorer for a population, with the code names of its encoder's columns."""

    scorer: PairScorer
    codes: list[str]
    families: list[str]


def _scored(config: MatchingConfig, mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> _Scored:
    encoder = ProfileEncoder(config).fit(mentees, mentors)
    return _Scored(
        scorer=pair_scorer(config, mentees, mentors, encoder),
        codes=[str(c) for c in encoder.codes_.classes_],
        families=[str(c) for c in encoder.sector_families_.classes_],
    )


@dataclass(frozen=True, slots=True)
class FeatureTable:
    """Features of some pairs: ``matrix[k]`` describes ``pairs[k]``; columns are ``names``."""

    names: tuple[str, ...]
    matrix: np.ndarray
    pairs: tuple[tuple[str, str], ...]


def _positions(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], pairs: Iterable[tuple[str, str]]
) -> tuple[np.ndarray, np.ndarray, tuple[tuple[str, str], ...]]:
    row_of = {m.id: i for i, m in enumerate(mentees)}
    col_of = {m.id: j for j, m in enumerate(mentors)}
    pairs = tuple((str(i), str(j)) for i, j in pairs)
    for mentee_id, mentor_id in pairs:
        if mentee_id not in row_of:
            raise MatchingInputError(f"pairs: unknown mentee id {mentee_id!r}")
        if mentor_id not in col_of:
            raise MatchingInputError(f"pairs: unknown mentor id {mentor_id!r}")
    rows = np.fromiter((row_of[i] for i, _ in pairs), dtype=np.intp, count=len(pairs))
    cols = np.fromiter((col_of[j] for _, j in pairs), dtype=np.intp, count=len(pairs))
    return rows, cols, pairs


def pair_features(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    pairs: Iterable[tuple[str, str]],
    config: MatchingConfig,
    vocabulary: Vocabulary,
) -> FeatureTable:
    """Features of (mentee id, mentor id) pairs, scored as a matching run over these records scores them.

    Raises :class:`MatchingInputError` for a bad record or an unknown id.
    """
    validate_inputs(mentees, mentors, config)
    rows, cols, pairs = _positions(mentees, mentors, pairs)
    names = FEATURES + vocabulary.names()
    return FeatureTable(
        names=names, matrix=_pair_matrix(_scored(config, mentees, mentors), rows, cols, vocabulary), pairs=pairs
    )


def _vocabulary(scored: _Scored, rows: np.ndarray, cols: np.ndarray) -> tuple[Vocabulary, list[str]]:
    """Codes common enough among the training pairs, without any whose feature name is denied."""
    a, b = scored.scorer.a, scored.scorer.b
    dropped: list[str] = []

    def kept(prefix: str, counts: np.ndarray, classes: Sequence[str]) -> tuple[str, ...]:
        out = []
        for code, count in zip(classes, counts.tolist(), strict=True):
            name = f"{prefix}:{code}"
            if denied(name):
                dropped.append(name)
            elif count >= MIN_CODE_PAIRS:
                out.append(str(code))
        return tuple(sorted(out))

    codes, families = scored.codes, scored.families
    vocabulary = Vocabulary(
        goals=kept("mentee_goal", a.codes[rows].sum(axis=0), codes),
        offers=kept("mentor_offer", b.codes[cols].sum(axis=0), codes),
        sector_families=kept("mentee_sector_family", (a.family_matrix[a.sector_key[rows]] > 0).sum(axis=0), families),
    )
    return vocabulary, dropped


# --- model choice by cross-validation grouped by mentor ---------------------------------------------


def mentor_folds(
    mentor_ids: Sequence[str], success: np.ndarray, n_splits: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays with every mentor's pairs on one side only, stratified by outcome.

    >>> mentors = np.array(["m1", "m1", "m2", "m2", "m3", "m3"])
    >>> folds = mentor_folds(mentors.tolist(), np.array([1, 0, 1, 0, 1, 0]), 3, seed=0)
    >>> [mentors[test].tolist() for _, test in folds]
    [['m3', 'm3'], ['m2', 'm2'], ['m1', 'm1']]
    """
    groups = np.asarray(mentor_ids, dtype=object)
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return [(train, test) for train, test in splitter.split(np.zeros(len(groups)), success, groups)]


def _logistic(groups: np.ndarray, seed: int) -> CalibratedClassifierCV:
    """Logistic regression on standardised features, its probabilities recalibrated (sigmoid) on held-out
    mentors: the inner calibration folds are grouped by mentor too."""
    inner = list(GroupKFold(n_splits=min(3, len(set(groups.tolist())))).split(groups, groups=groups))
    base = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000, random_state=seed))
    return CalibratedClassifierCV(base, method="sigmoid", cv=inner)


def _boosting(seed: int) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        learning_rate=0.05,
        max_iter=150,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=seed,
    )


CANDIDATES: tuple[str, ...] = ("logistic", "boosting")
"""``logistic``: calibrated logistic regression, additive and readable. ``boosting``: histogram gradient
boosting, which can learn interactions (sector × goal × place) the hand weights miss."""


def _make(kind: str, groups: np.ndarray, seed: int) -> Any:
    return _logistic(groups, seed) if kind == "logistic" else _boosting(seed)


def _calibration_bins(success: np.ndarray, predicted: np.ndarray, n_bins: int = 10) -> list[dict[str, float]]:
    """Reliability diagram: pairs in bins of equal size by predicted probability; mean predicted vs observed."""
    n_bins = max(1, min(n_bins, len(predicted) // 20))
    order = np.argsort(predicted, kind="stable")
    bins = []
    for chunk in np.array_split(order, n_bins):
        if len(chunk):
            bins.append(
                {
                    "predicted": round(float(predicted[chunk].mean()), 4),
                    "observed": round(float(success[chunk].mean()), 4),
                    "count": len(chunk),
                }
            )
    return bins


def calibration_error(bins: Sequence[Mapping[str, float]]) -> float:
    """Expected calibration error: mean |observed − predicted| over the bins, weighted by their counts."""
    total = sum(b["count"] for b in bins)
    return float(sum(b["count"] * abs(b["observed"] - b["predicted"]) for b in bins) / total) if total else 0.0


def _fold_metrics(success: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    both = len(np.unique(success)) == 2
    return {
        "auc": float(roc_auc_score(success, predicted)) if both else float("nan"),
        "brier": float(brier_score_loss(success, predicted)),
        "log_loss": float(log_loss(success, np.clip(predicted, 1e-6, 1 - 1e-6), labels=[0, 1])),
    }


def _summary(per_fold: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for metric in ("auc", "brier", "log_loss"):
        values = np.array([f[metric] for f in per_fold], dtype=np.float64)
        values = values[np.isfinite(values)]
        out[metric] = round(float(values.mean()), 4) if len(values) else float("nan")
        out[f"{metric}_sd"] = round(float(values.std(ddof=1)), 4) if len(values) > 1 else 0.0
    return out


def feature_effects(estimator: Any, features: np.ndarray, names: Sequence[str]) -> list[dict[str, Any]]:
    """How much the predicted success changes, on average over the given pairs, when one feature moves from
    its low value to its high value (10th to 90th percentile; 0 to 1 for a yes/no feature) and the others stay
    as they are: the model card's "feature effects", largest first, in probability points."""
    effects = []
    for k, name in enumerate(names):
        low, high = np.percentile(features[:, k], [10, 90])
        if low == high:
            low, high = float(features[:, k].min()), float(features[:, k].max())
        if low == high:
            continue
        moved = features.copy()
        moved[:, k] = low
        at_low = estimator.predict_proba(moved)[:, 1].mean()
        moved[:, k] = high
        at_high = estimator.predict_proba(moved)[:, 1].mean()
        effects.append(
            {"feature": name, "low": round(float(low), 4), "high": round(float(high), 4),
             "effect": round(float(at_high - at_low), 4)}
        )  # fmt: skip
    return sorted(effects, key=lambda e: -abs(e["effect"]))


@dataclass(frozen=True)
class SuccessModel:
    """A trained success model with everything needed to use and describe it.

    ``card`` is JSON-serialisable: the training summary (n, successes, date range, features) and the
    honest evaluation (grouped cross-validation of both candidates, which won and why, calibration bins,
    feature effects). ``to_bytes``/``from_bytes`` store the whole model; load only bytes you stored yourself
    (they are a pickle).
    """

    estimator: Any
    feature_names: tuple[str, ...]
    vocabulary: Vocabulary
    config: MatchingConfig
    card: Mapping[str, Any]
    format_version: int = MODEL_FORMAT_VERSION

    def summary_json(self) -> str:
        return json.dumps(self.card, sort_keys=True, ensure_ascii=False)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    def success_matrix(
        self, scorer: PairScorer, floor: np.float32, progress: Callable[[float], None] | None = None
    ) -> np.ndarray:
        """Predicted success of every pair of ``scorer``'s population that scores at least ``floor`` there
        (mentees × mentors, float32; 0 for every other pair), as :func:`predict_success` predicts it: the
        features come from this model's own config over the same records. Vectorised by blocks of mentees
        (features of a block's eligible pairs built at once, :data:`PREDICT_PAIRS` pairs per prediction)."""
        n, m = scorer.shape
        out = np.zeros((n, m), dtype=np.float32)
        if n == 0 or m == 0:
            return out
        scored = _scored(self.config, scorer.mentees, scorer.mentors)
        step = max(1, PREDICT_PAIRS // m)
        for start in range(0, n, step):
            stop = min(n, start + step)
            rows, cols = np.nonzero(scorer.block(start, stop) >= floor)
            rows += start
            for first in range(0, len(rows), PREDICT_PAIRS):
                r, c = rows[first : first + PREDICT_PAIRS], cols[first : first + PREDICT_PAIRS]
                features = _pair_matrix(scored, r, c, self.vocabulary)
                out[r, c] = self.estimator.predict_proba(features)[:, 1]
                if progress is not None:
                    progress((start + (stop - start) * min(1.0, (first + len(r)) / len(rows))) / n)
        return out

    @classmethod
    def from_bytes(cls, data: bytes) -> SuccessModel:
        model = joblib.load(io.BytesIO(data))
        if not isinstance(model, cls):
            raise ValueError("these bytes do not hold a success model")
        if model.format_version != MODEL_FORMAT_VERSION:
            raise ValueError(
                f"success model format {model.format_version} is not {MODEL_FORMAT_VERSION}: train it again"
            )
        return model


def train_success_model(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    outcomes: Sequence[Outcome],
    config: MatchingConfig | None = None,
    *,
    seed: int = 0,
    minimums: TrainingMinimums | None = None,
    trained_at: str | None = None,
) -> SuccessModel:
    """Train the success model on past outcomes, choosing the estimator by grouped cross-validation.

    ``mentees`` and ``mentors`` are the records as they were when matched (every id in ``outcomes`` among
    them, ids unique). Both candidates of :data:`CANDIDATES` are scored on the same folds, grouped by mentor
    (no mentor's pairs on both sides of a fold). The winner has the lower Brier score (a proper score that
    rewards both ranking and calibration, which matter because ``p`` is added to scores and summed into
    expected successes), unless boosting beats logistic regression by less than one standard error of the
    fold differences: then the simpler, additive model wins. The winner is refitted on all outcomes.

    Raises :class:`NotEnoughOutcomes` below ``minimums`` (saying how many more are needed) and
    :class:`MatchingInputError` for bad records or unknown ids.
    """
    config = config if config is not None else MatchingConfig()
    minimums = minimums if minimums is not None else TrainingMinimums()
    readiness = training_readiness(outcomes, minimums)
    if not readiness.ready:
        raise NotEnoughOutcomes(readiness)
    validate_inputs(mentees, mentors, config)
    # the model keeps only what features need: no exclusions or capacities (they name people)
    config = replace(config, exclusions=frozenset(), remaining_capacity={})
    mentees = sorted(mentees, key=lambda m: m.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    rows, cols, _ = _positions(mentees, mentors, [(o.mentee_id, o.mentor_id) for o in outcomes])
    scored = _scored(config, mentees, mentors)
    vocabulary, dropped = _vocabulary(scored, rows, cols)
    names = FEATURES + vocabulary.names()
    if any(denied(name) for name in names):  # FEATURES are fixed and the vocabulary was filtered: never
        raise RuntimeError("a feature name on the deny-list reached the model")
    features = _pair_matrix(scored, rows, cols, vocabulary)
    success = np.fromiter((bool(o.success) for o in outcomes), dtype=np.int64, count=len(outcomes))
    groups = np.array([o.mentor_id for o in outcomes], dtype=object)

    folds = mentor_folds(groups.tolist(), success, minimums.folds, seed)
    out_of_fold = {kind: np.zeros(len(success)) for kind in CANDIDATES}
    per_fold: dict[str, list[dict[str, float]]] = {kind: [] for kind in CANDIDATES}
    fold_report = []
    for train, test in folds:
        shared = set(groups[train].tolist()) & set(groups[test].tolist())
        fold_report.append(
            {
                "train_pairs": len(train),
                "test_pairs": len(test),
                "test_mentors": len(set(groups[test].tolist())),
                "mentors_in_both": len(shared),
            }
        )
        for kind in CANDIDATES:
            estimator = _make(kind, groups[train], seed).fit(features[train], success[train])
            predicted = estimator.predict_proba(features[test])[:, 1]
            out_of_fold[kind][test] = predicted
            per_fold[kind].append(_fold_metrics(success[test], predicted))

    candidates = {kind: _summary(per_fold[kind]) for kind in CANDIDATES}
    differences = np.array(
        [b["brier"] - a["brier"] for a, b in zip(per_fold["logistic"], per_fold["boosting"], strict=True)]
    )
    standard_error = float(differences.std(ddof=1) / np.sqrt(len(differences))) if len(differences) > 1 else 0.0
    gain = -float(differences.mean())  # how much lower boosting's Brier score is
    if gain > standard_error:
        chosen = "boosting"
        why = (
            f"gradient boosting predicted held-out mentors' outcomes better: Brier score "
            f"{candidates['boosting']['brier']:.4f} against {candidates['logistic']['brier']:.4f} for logistic "
            f"regression, a gain of {gain:.4f}, more than one standard error ({standard_error:.4f}); ROC AUC "
            f"{candidates['boosting']['auc']:.3f} against {candidates['logistic']['auc']:.3f}. The outcomes depend "
            f"on combinations of features that an additive model cannot express."
        )
    elif gain < -standard_error:
        chosen = "logistic"
        why = (
            f"calibrated logistic regression predicted held-out mentors' outcomes better: Brier score "
            f"{candidates['logistic']['brier']:.4f} against {candidates['boosting']['brier']:.4f} for gradient "
            f"boosting, by more than one standard error ({standard_error:.4f}); ROC AUC "
            f"{candidates['logistic']['auc']:.3f} against {candidates['boosting']['auc']:.3f}. With this much data "
            f"the more flexible model fits noise."
        )
    else:
        chosen = "logistic"
        why = (
            f"calibrated logistic regression is as good as gradient boosting on held-out mentors (Brier score "
            f"{candidates['logistic']['brier']:.4f} against {candidates['boosting']['brier']:.4f}, a difference "
            f"within one standard error, {standard_error:.4f}), and it is simpler and additive, so each feature's "
            f"effect can be read directly."
        )
    final = _make(chosen, groups, seed).fit(features, success)
    bins = _calibration_bins(success, out_of_fold[chosen])
    effects = feature_effects(final, features, names)
    ended = sorted(o.ended_on.isoformat() for o in outcomes if o.ended_on is not None)
    card: dict[str, Any] = {
        "format_version": MODEL_FORMAT_VERSION,
        "trained_at": trained_at,
        "seed": seed,
        "outcomes": len(outcomes),
        "successes": int(success.sum()),
        "success_rate": round(float(success.mean()), 4),
        "mentors": readiness.mentors,
        "mentees": len({o.mentee_id for o in outcomes}),
        "date_range": [ended[0], ended[-1]] if ended else None,
        "features": list(names),
        "features_refused": dropped,
        "weights": dict(config.weights),
        "min_language_level": config.min_language_level,
        "cross_validation": {"folds": len(folds), "grouped_by": "mentor", "fold_sizes": fold_report},
        "candidates": candidates,
        "chosen": chosen,
        "why": why,
        "metrics": {
            "auc": candidates[chosen]["auc"],
            "brier": candidates[chosen]["brier"],
            "log_loss": candidates[chosen]["log_loss"],
            "calibration_error": round(calibration_error(bins), 4),
        },
        "calibration_curve": bins,
        "feature_effects": effects[:10],
    }
    return SuccessModel(estimator=final, feature_names=names, vocabulary=vocabulary, config=config, card=card)


# --- using a model -------------------------------------------------------------------------------------


def predict_success(
    model: SuccessModel, mentees: Sequence[Mentee], mentors: Sequence[Mentor], pairs: Iterable[tuple[str, str]]
) -> np.ndarray:
    """Predicted probability of success of each (mentee id, mentor id) pair, in the order given.

    Features are computed under the model's own training config (its weights give the ``score`` feature).
    Raises :class:`MatchingInputError` for a bad record or an unknown id.
    """
    table = pair_features(mentees, mentors, pairs, model.config, model.vocabulary)
    if not len(table.pairs):
        return np.zeros(0)
    return model.estimator.predict_proba(table.matrix)[:, 1]


def blend_scores(scores: np.ndarray, probabilities: np.ndarray, weight: float) -> np.ndarray:
    """Pair scores with the learned part added: ``score + weight·p``. A weight of 0 returns the scores
    unchanged, bit for bit (as a copy).

    >>> blend_scores(np.array([0.5, 0.25]), np.array([0.2, 0.9]), 0.5).tolist()
    [0.6, 0.7]
    """
    if not np.isfinite(weight) or weight < 0:
        raise MatchingInputError(f"weight must be a number ≥ 0, not {weight!r}")
    scores = np.array(scores, copy=True)
    if weight == 0:
        return scores
    return scores + weight * np.asarray(probabilities, dtype=np.float64)


@dataclass(frozen=True)
class LearnedRun:
    """An assignment over every eligible pair with the learned part blended in (and the guard, if asked).

    ``pairs`` are (mentee id, mentor id); ``scores`` their engine scores; ``success`` their predicted
    success (None without a model). ``groups`` reports match rates and predicted success per monitored
    group; ``guard`` the guard's share and its cost in total engine score.
    """

    pairs: list[tuple[str, str]]
    scores: np.ndarray
    success: np.ndarray | None
    total_score: float
    objective: float
    groups: Mapping[str, Mapping[str, Mapping[str, float]]] = field(default_factory=dict)
    guard: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class _Edges:
    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray


def _eligible_edges(scorer: PairScorer, min_score: float) -> _Edges:
    """Every eligible pair scoring at least ``min_score``, by blocks of mentees (moderate sizes)."""
    floor = score_floor(min_score)
    n, m = scorer.shape
    step = max(1, 2_000_000 // max(m, 1))
    mentee_parts, mentor_parts, score_parts = [], [], []
    for start in range(0, n, step):
        block = scorer.block(start, min(n, start + step))
        i, j = np.nonzero(block >= floor)
        mentee_parts.append(i + start)
        mentor_parts.append(j)
        score_parts.append(block[i, j].astype(np.float64))
    if not mentee_parts:
        return _Edges(np.zeros(0, np.intp), np.zeros(0, np.intp), np.zeros(0))
    return _Edges(np.concatenate(mentee_parts), np.concatenate(mentor_parts), np.concatenate(score_parts))


def eligible_pairs(
    mentees: Sequence[Mentee], mentors: Sequence[Mentor], config: MatchingConfig | None = None
) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """Every eligible (mentee id, mentor id) pair scoring at least ``config.min_score``, its engine score,
    and each mentor's places in this run (in the order of ``sorted(mentors, key=id)``): the ground an
    assignment over all pairs stands on. Moderate sizes only: it scores every pair."""
    config = config if config is not None else MatchingConfig()
    validate_inputs(mentees, mentors, config)
    mentees = sorted(mentees, key=lambda m: m.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    edges = _eligible_edges(pair_scorer(config, mentees, mentors), config.min_score)
    pairs = [(mentees[i].id, mentors[j].id) for i, j in zip(edges.mentee.tolist(), edges.mentor.tolist(), strict=True)]
    return pairs, edges.score, _capacity(mentees, mentors, config)


def _capacity(mentees: Sequence[Mentee], mentors: Sequence[Mentor], config: MatchingConfig) -> np.ndarray:
    """Places per mentor as the engine counts them: none when closed, never more than there are mentees."""
    is_open = open_mentor_mask(mentors, config)
    return np.array(
        [min(remaining_capacity(m, config), len(mentees)) if o else 0 for m, o in zip(mentors, is_open, strict=True)],
        dtype=np.int64,
    )


def group_rates(
    mentee_ids: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    monitored: Mapping[str, Mapping[str, str]],
    success: np.ndarray | None = None,
    matchable: Iterable[str] | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """Per monitored grouping and group: mentees, mentees some mentor could take (``matchable``), matched,
    match rate (matched / matchable) and mean predicted success of the matched (when ``success`` is given,
    one value per pair). ``monitored`` maps a grouping's name to {mentee id: group label}; a mentee
    without a label is in group "".
    """
    matchable_ids = set(matchable) if matchable is not None else set(mentee_ids)
    matched_at = {mentee_id: k for k, (mentee_id, _) in enumerate(pairs)}
    report: dict[str, dict[str, dict[str, float]]] = {}
    for grouping, labels in monitored.items():
        rows: dict[str, dict[str, float]] = {}
        for mentee_id in mentee_ids:
            row = rows.setdefault(
                str(labels.get(mentee_id, "")), {"mentees": 0, "matchable": 0, "matched": 0, "success_sum": 0.0}
            )
            row["mentees"] += 1
            row["matchable"] += mentee_id in matchable_ids
            if mentee_id in matched_at:
                row["matched"] += 1
                if success is not None:
                    row["success_sum"] += float(success[matched_at[mentee_id]])
        for row in rows.values():
            row["match_rate"] = round(row["matched"] / row["matchable"], 4) if row["matchable"] else 0.0
            total = row.pop("success_sum")
            if success is not None:
                row["predicted_success"] = round(total / row["matched"], 4) if row["matched"] else 0.0
        report[grouping] = dict(sorted(rows.items()))
    return report


def _guarded(
    edges: _Edges,
    gain: np.ndarray,
    capacity: np.ndarray,
    group: np.ndarray,
    matchable: np.ndarray,
    min_share: float,
) -> np.ndarray:
    """Best total ``gain`` such that every group's match rate (matched / matchable) is at least ``min_share``
    times the overall rate. Returns the assigned mentor per mentee, -1 when unmatched.

    Exact: for each number ``T`` of matched mentees the constraint is a lower bound on each group's matched
    count, ⌈min_share · matchable_g · T / matchable⌉, so the best assignment matching exactly ``T`` is one
    min-cost flow with lower bounds (source → group → mentee → mentor → sink); the best over all ``T`` wins
    (ties to the larger ``T``), and a concave bound on ``T`` stops the search early. ``group`` holds each
    mentee's group number.
    """
    n, m = len(group), len(capacity)
    n_groups = int(group.max()) + 1 if n else 0
    assigned = np.full(n, -1, dtype=np.int64)
    if len(edges.mentee) == 0 or not matchable.any():
        return assigned
    most = int((assign(edges.mentee, edges.mentor, gain, capacity, n, "max_matched") >= 0).sum())
    size = np.bincount(group[matchable], minlength=n_groups)
    total = int(matchable.sum())
    # nodes: mentees 0..n-1, mentors n..n+m-1, groups n+m.., source, sink
    source, sink = n + m + n_groups, n + m + n_groups + 1
    mentees_used = np.flatnonzero(matchable)
    mentors_used = np.unique(edges.mentor)
    group_nodes = n + m + np.arange(n_groups)
    # arcs: source → group, group → mentee, mentee → mentor, mentor → sink
    tails = np.concatenate(
        [np.full(n_groups, source), group_nodes[group[mentees_used]], edges.mentee, mentors_used + n]
    )
    heads = np.concatenate([group_nodes, mentees_used, edges.mentor + n, np.full(len(mentors_used), sink)])
    ones = np.ones(len(mentees_used) + len(edges.mentee), dtype=np.int64)
    costs = np.concatenate(
        [
            np.zeros(n_groups + len(mentees_used), np.int64),
            -np.rint(gain * SCORE_SCALE).astype(np.int64),
            np.zeros(len(mentors_used), np.int64),
        ]
    )
    pair_arcs = np.arange(n_groups + len(mentees_used), n_groups + len(mentees_used) + len(edges.mentee))

    def solve(matched: int, lower: np.ndarray) -> tuple[int, np.ndarray] | None:
        """Best total gain matching exactly ``matched`` mentees, at least ``lower[g]`` of group g."""
        flow = min_cost_flow.SimpleMinCostFlow()
        caps = np.concatenate([size - lower, ones, capacity[mentors_used]])
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        supplies = np.zeros(n + m + n_groups + 2, dtype=np.int64)
        supplies[source], supplies[sink] = matched - lower.sum(), -matched
        supplies[group_nodes] = lower
        flow.set_nodes_supplies(np.arange(len(supplies)), supplies)
        if flow.solve() != flow.OPTIMAL:
            return None
        return -int(flow.optimal_cost()), flow.flows(pair_arcs)

    # Without the guard, the best gain of exactly T matched is concave in T (a min-cost flow's cost is convex
    # in the flow's value), peaks at the unguarded optimum and bounds the guarded gain from above: walking
    # away from the peak, once that bound falls below the best guarded gain found, nothing further can win.
    peak = int((assign(edges.mentee, edges.mentor, gain, capacity, n, "optimal") >= 0).sum())
    no_lower = np.zeros(n_groups, dtype=np.int64)
    best: tuple[int, int] | None = None
    best_flow: np.ndarray | None = None
    for walk in (range(peak, -1, -1), range(peak + 1, most + 1)):
        for matched in walk:
            bound = solve(matched, no_lower)
            if bound is None or (best is not None and bound[0] < best[0]):
                break
            lower = np.ceil(min_share * size * matched / total - 1e-9).astype(np.int64)
            if (lower > size).any() or lower.sum() > matched:
                continue
            found = solve(matched, lower) if lower.any() else bound
            if found is not None and (best is None or (found[0], matched) >= best):
                best, best_flow = (found[0], matched), found[1]
    if best_flow is not None:
        chosen = best_flow > 0
        assigned[edges.mentee[chosen]] = edges.mentor[chosen]
    return assigned


def assign_with_learning(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig | None = None,
    *,
    model: SuccessModel | None = None,
    weight: float = 0.0,
    monitored: Mapping[str, Mapping[str, str]] | None = None,
    min_share: float | None = None,
    guard_by: str | None = None,
) -> LearnedRun:
    """Assign over EVERY eligible pair (scoring at least ``config.min_score``) maximising the total of
    ``score + weight·p`` within capacities, exactly (min-cost flow). With ``min_share``, every group of the
    monitored grouping ``guard_by`` (needed when several are monitored) keeps a match rate of at least
    ``min_share`` times the overall rate, still exactly (one flow with lower bounds per number of matched
    mentees). Rates count only mentees some open mentor may take by the hard rules: the guard cannot place
    the others, and counting them would force everyone else out. Meant for moderate sizes (it scores all
    pairs); the engine's ``match`` remains the fast path.

    ``monitored`` maps a grouping's name (e.g. "language") to {mentee id: group label}; every grouping is
    reported. The guard's cost is the total engine score lost against the same run without it.

    The guarantee is strict, in whole people: a group of g matchable mentees needs ⌈share · g · T / N⌉ of the T
    matched. In small populations these roundings can add up to more than any feasible T, and then the only
    assignment that keeps the promise matches nobody: ``guard["matched"]`` against
    ``guard["matched_without_guard"]`` shows it, and a lower share (or larger groups) is the way out.
    """
    config = config if config is not None else MatchingConfig()
    validate_inputs(mentees, mentors, config)
    if model is None and weight != 0:
        raise MatchingInputError("weight: a learned part needs a model")
    if min_share is not None and not (0.0 <= min_share <= 1.0):
        raise MatchingInputError(f"min_share must be a number from 0 to 1, not {min_share!r}")
    if min_share is not None:
        if not monitored:
            raise MatchingInputError("min_share: name the groups to monitor")
        if guard_by is None and len(monitored) == 1:
            guard_by = next(iter(monitored))
        if guard_by not in monitored:
            raise MatchingInputError("guard_by: name one of the monitored groupings")
    mentees = sorted(mentees, key=lambda m: m.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    scorer = pair_scorer(config, mentees, mentors)
    edges = _eligible_edges(scorer, config.min_score)
    capacity = _capacity(mentees, mentors, config)
    pair_ids = [
        (mentees[i].id, mentors[j].id) for i, j in zip(edges.mentee.tolist(), edges.mentor.tolist(), strict=True)
    ]
    success = predict_success(model, mentees, mentors, pair_ids) if model is not None else None
    gain = blend_scores(edges.score, success if success is not None else np.zeros(len(edges.score)), weight)

    assigned = assign(edges.mentee, edges.mentor, gain, capacity, len(mentees), "optimal")
    guard = None
    if min_share is not None and monitored and guard_by is not None:
        usable = capacity[edges.mentor] > 0
        matchable = np.zeros(len(mentees), dtype=bool)
        matchable[edges.mentee[usable]] = True
        labels = monitored[guard_by]
        names = sorted({str(labels.get(m.id, "")) for m in mentees})
        group = np.array([names.index(str(labels.get(m.id, ""))) for m in mentees], dtype=np.int64)
        unguarded = assigned
        unguarded_total = _total(edges, edges.score, assigned)
        unguarded_objective = _total(edges, gain, assigned)
        assigned = _guarded(edges, gain, capacity, group, matchable, min_share)
        guarded_total = _total(edges, edges.score, assigned)
        guarded_objective = _total(edges, gain, assigned)
        # with a learned part the run maximises score + weight·p, so the engine score alone may even rise
        guard = {
            "grouping": guard_by,
            "min_share": min_share,
            "total_score_without_guard": round(unguarded_total, 6),
            "total_score": round(guarded_total, 6),
            "cost_in_total_score": round(unguarded_total - guarded_total, 6),
            "objective_without_guard": round(unguarded_objective, 6),
            "objective": round(guarded_objective, 6),
            "cost_in_objective": round(unguarded_objective - guarded_objective, 6),
            "matched_without_guard": int((unguarded >= 0).sum()),
            "matched": int((assigned >= 0).sum()),
        }

    chosen = _chosen_edges(edges, assigned)
    pairs = [pair_ids[k] for k in chosen.tolist()]
    chosen_success = success[chosen] if success is not None else None
    groups = {}
    if monitored:
        usable = capacity[edges.mentor] > 0
        matchable_ids = {mentees[i].id for i in np.unique(edges.mentee[usable]).tolist()}
        groups = group_rates([m.id for m in mentees], pairs, monitored, chosen_success, matchable_ids)
    return LearnedRun(
        pairs=pairs,
        scores=edges.score[chosen],
        success=chosen_success,
        total_score=float(edges.score[chosen].sum()),
        objective=float(gain[chosen].sum()),
        groups=groups,
        guard=guard,
    )


def _chosen_edges(edges: _Edges, assigned: np.ndarray) -> np.ndarray:
    """Indices of the edges the assignment uses, in mentee order."""
    on = assigned[edges.mentee] == edges.mentor
    return np.flatnonzero(on)


def _total(edges: _Edges, values: np.ndarray, assigned: np.ndarray) -> float:
    return float(values[_chosen_edges(edges, assigned)].sum())


def guard_reason(grouping: str) -> Reason:
    """Why a mentee the run without the fairness guard would have matched is left unmatched by it."""
    return Reason("fairness_guard", {"grouping": grouping})


def assignments_for(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    pairs: Iterable[tuple[str, str]],
    config: MatchingConfig | None = None,
    learned: LearnedPart | None = None,
) -> list[Assignment]:
    """Given (mentee id, mentor id) pairs (e.g. :attr:`LearnedRun.pairs`) as a matching run over these records
    states its assignments: score, each part's value (``"learned"`` too, with a learned part of weight > 0),
    reasons. The same scores and reasons ``match(..., learned=learned)`` gives the same pairs.

    Raises :class:`MatchingInputError` for a bad record, an unknown id or a bad learned part.
    """
    config = config if config is not None else MatchingConfig()
    validate_inputs(mentees, mentors, config)
    if learned is not None:
        learned.validate()
        learned = learned if learned.weight > 0 else None
    mentees = sorted(mentees, key=lambda m: m.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    rows, cols, pairs = _positions(mentees, mentors, pairs)
    scorer = pair_scorer(config, mentees, mentors)
    if learned is not None:
        probabilities = np.zeros(scorer.shape, dtype=np.float32)
        if len(pairs):
            probabilities[rows, cols] = predict_success(learned.model, mentees, mentors, pairs)
        scorer = LearnedScorer(scorer, probabilities, learned)
    return assignments_of(scorer, rows, cols)[0]


# --- backtest -------------------------------------------------------------------------------------------


def backtest(
    model: SuccessModel,
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    assignment_a: Sequence[tuple[str, str]],
    assignment_b: Sequence[tuple[str, str]],
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Expected successful outcomes of assignment A and of assignment B under the model (GeoMatch's
    backtest), with a bootstrap interval for the difference A − B from resampling the mentees (the same
    resample for both, so the interval is for the paired difference).

    Returns {"mentees", "expected_a", "expected_b", "difference", "interval": [low, high], "level",
    "share_a", "share_b"}, shares being per mentee.
    """
    ids = sorted(m.id for m in mentees)
    position = {mentee_id: k for k, mentee_id in enumerate(ids)}
    per_mentee = []
    for assignment in (assignment_a, assignment_b):
        values = np.zeros(len(ids))
        if len(assignment):
            p = predict_success(model, mentees, mentors, assignment)
            for (mentee_id, _), probability in zip(assignment, p.tolist(), strict=True):
                values[position[mentee_id]] += probability
        per_mentee.append(values)
    difference = per_mentee[0] - per_mentee[1]
    rng = np.random.default_rng(seed)
    n = len(ids)
    sums = np.zeros(n_boot)
    step = max(1, 1_000_000 // max(n, 1))
    for start in range(0, n_boot, step):
        draw = rng.integers(0, n, size=(min(step, n_boot - start), n)) if n else np.zeros((0, 0), np.intp)
        sums[start : start + len(draw)] = difference[draw].sum(axis=1) if n else 0.0
    tail = (1 - level) / 2
    low, high = (np.quantile(sums, [tail, 1 - tail]).tolist()) if n_boot else (float("nan"), float("nan"))
    return {
        "mentees": n,
        "expected_a": round(float(per_mentee[0].sum()), 4),
        "expected_b": round(float(per_mentee[1].sum()), 4),
        "difference": round(float(difference.sum()), 4),
        "interval": [round(low, 4), round(high, 4)],
        "level": level,
        "share_a": round(float(per_mentee[0].sum() / n), 4) if n else 0.0,
        "share_b": round(float(per_mentee[1].sum() / n), 4) if n else 0.0,
    }
