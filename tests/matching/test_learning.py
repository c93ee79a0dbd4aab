"""Learning from outcomes (issue 17): no sensitive feature, no training on too little, no leakage across
mentors, a zero weight that changes nothing, a fairness guard that holds, the same model for the same seed."""

from __future__ import annotations

import dataclasses
import doctest
import json
from datetime import date

import numpy as np
import pytest
from scipy import sparse
from scipy.optimize import LinearConstraint, milp
from threadpoolctl import threadpool_limits

import matching.learning as learning
from bench import synthetic
from matching import MatchingConfig, MatchingInputError, Mentee, Mentor, match
from matching.learning import (
    DENY_LIST,
    FEATURES,
    NotEnoughOutcomes,
    Outcome,
    TrainingMinimums,
    Vocabulary,
    assign_with_learning,
    backtest,
    blend_scores,
    denied,
    eligible_pairs,
    pair_features,
    predict_success,
    train_success_model,
    training_readiness,
)

SMALL = TrainingMinimums(outcomes=60, per_class=15, mentors=10, folds=3)
CONFIG = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)


@dataclasses.dataclass(frozen=True, slots=True)
class MenteeWithSensitiveData(Mentee):
    """A record carrying fields the model must never see, as a careless adapter might pass them."""

    nationality: str = ""
    religion: str = ""
    health: str = ""


def _history(seed: int = 3) -> tuple[list[Mentee], list[Mentor], list[Outcome]]:
    """Two rounds matched by the engine, outcomes drawn from a rule on sector and goals."""
    rng = np.random.default_rng(seed)
    mentors = synthetic.mentors(30, seed=seed)
    mentees: list[Mentee] = []
    outcomes: list[Outcome] = []
    for round_number in range(2):
        people = synthetic.mentees(60, seed=seed * 10 + round_number, id_prefix=f"r{round_number}")
        # a religious-support goal code: a real programme might have one; it must not become a feature
        people = [dataclasses.replace(p, goals=p.goals | {"religious_support"}) if k % 3 == 0 else p for k, p in
                  enumerate(people)]  # fmt: skip
        result = match(people, mentors, CONFIG)
        for a in result.assignments:
            p = 0.15 + 0.6 * a.parts["sector"] * (a.parts["goals"] > 0.2)
            outcomes.append(Outcome(a.mentee_id, a.mentor_id, bool(rng.random() < p), date(2026, 1 + round_number, 1)))
        mentees += people
    return mentees, mentors, outcomes


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """OpenMP's spinning threads cost far more than they bring on a shared 2-core machine."""
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def history() -> tuple[list[Mentee], list[Mentor], list[Outcome]]:
    return _history()


@pytest.fixture(scope="module")
def model(history):
    mentees, mentors, outcomes = history
    return train_success_model(mentees, mentors, outcomes, CONFIG, seed=0, minimums=SMALL)


# --- deny-list -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "nationality",
        "mentee_country_of_origin",
        "religion",
        "sexual_orientation",
        "gender_identity",
        "health_condition",
        "disability",
        "ethnicity",
        "immigration_status",
        "mentor_is_woman",
        "mentee_goal:religious_support",
    ],
)
def test_the_deny_list_catches_sensitive_names(name):
    assert denied(name) is not None


def test_no_feature_name_is_on_the_deny_list(model):
    assert all(denied(name) is None for name in FEATURES)
    assert all(denied(name) is None for name in model.feature_names)
    assert model.card["features"] == list(model.feature_names)
    # the programme's goal code that names a belief was refused, not learned from
    assert "mentee_goal:religious_support" in model.card["features_refused"]
    assert not any("religious" in name for name in model.feature_names)
    assert {"nationality", "religion", "health", "disability", "ethnicity"} <= set(DENY_LIST)


def test_sensitive_fields_on_the_records_never_reach_the_model(history, model):
    mentees, mentors, outcomes = history
    pairs = [(o.mentee_id, o.mentor_id) for o in outcomes[:40]]
    rng = np.random.default_rng(0)
    loaded = [
        MenteeWithSensitiveData(
            **{f.name: getattr(m, f.name) for f in dataclasses.fields(Mentee)},
            nationality=str(rng.choice(["SY", "UA", "AF"])),
            religion=str(rng.choice(["a", "b"])),
            health="x",
        )
        for m in mentees
    ]
    plain = pair_features(mentees, mentors, pairs, CONFIG, model.vocabulary)
    with_sensitive = pair_features(loaded, mentors, pairs, CONFIG, model.vocabulary)
    np.testing.assert_array_equal(plain.matrix, with_sensitive.matrix)
    np.testing.assert_array_equal(
        predict_success(model, mentees, mentors, pairs), predict_success(model, loaded, mentors, pairs)
    )


# --- minimum data --------------------------------------------------------------------------------------------


def test_refuses_to_train_below_the_minimum_and_says_how_many_more(history):
    mentees, mentors, outcomes = history
    with pytest.raises(NotEnoughOutcomes) as refused:
        train_success_model(mentees, mentors, outcomes[:25], CONFIG)
    readiness = refused.value.readiness
    assert not readiness.ready and readiness.outcomes == 25
    assert readiness.more_needed["outcomes"] == 200 - 25
    assert readiness.more_needed["successes"] == max(0, 40 - readiness.successes)
    assert "175 more outcomes" in str(refused.value)


def test_refuses_when_one_class_is_missing():
    only_successes = [Outcome(f"a{k}", f"m{k % 30}", True) for k in range(300)]
    readiness = training_readiness(only_successes)
    assert not readiness.ready
    assert readiness.more_needed == {"outcomes": 0, "successes": 0, "non_successes": 40, "mentors": 0}
    with pytest.raises(NotEnoughOutcomes):
        train_success_model([], [], only_successes)


# --- grouped cross-validation ------------------------------------------------------------------------------


def test_cross_validation_folds_never_share_a_mentor(history, monkeypatch):
    mentees, mentors, outcomes = history
    seen = []
    original = learning.mentor_folds

    def recording(mentor_ids, success, n_splits, seed):
        folds = original(mentor_ids, success, n_splits, seed)
        seen.append((list(mentor_ids), folds))
        return folds

    monkeypatch.setattr(learning, "mentor_folds", recording)
    trained = train_success_model(mentees, mentors, outcomes, CONFIG, seed=1, minimums=SMALL)
    [(mentor_ids, folds)] = seen
    ids = np.array(mentor_ids, dtype=object)
    assert len(folds) == SMALL.folds
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(len(outcomes)))  # every outcome held out exactly once
    for train, test in folds:
        assert set(ids[train]).isdisjoint(set(ids[test]))
    assert all(f["mentors_in_both"] == 0 for f in trained.card["cross_validation"]["fold_sizes"])
    assert trained.card["cross_validation"]["grouped_by"] == "mentor"


def test_the_model_card_reports_both_candidates_and_why(model):
    card = model.card
    assert set(card["candidates"]) == {"logistic", "boosting"}
    assert card["chosen"] in card["candidates"] and card["why"]
    assert 0.0 <= card["metrics"]["brier"] <= 1.0 and 0.0 <= card["metrics"]["auc"] <= 1.0
    assert sum(b["count"] for b in card["calibration_curve"]) == card["outcomes"]
    assert card["date_range"] == ["2026-01-01", "2026-02-01"]
    summary = json.loads(model.summary_json())
    assert summary["outcomes"] == card["outcomes"] and summary["successes"] == card["successes"]


# --- using the model -------------------------------------------------------------------------------------------


def test_weight_zero_leaves_the_engine_scores_unchanged(history, model):
    mentees, mentors, _ = history
    people = mentees[:60]
    pairs, scores, _ = eligible_pairs(people, mentors, CONFIG)
    probabilities = predict_success(model, people, mentors, pairs)
    blended = blend_scores(scores, probabilities, 0.0)
    assert blended is not scores and blended.dtype == scores.dtype
    np.testing.assert_array_equal(blended, scores)
    assert np.all(blend_scores(scores, probabilities, 0.5) >= scores)

    plain = assign_with_learning(people, mentors, CONFIG)
    zero = assign_with_learning(people, mentors, CONFIG, model=model, weight=0.0)
    assert zero.pairs == plain.pairs
    np.testing.assert_array_equal(zero.scores, plain.scores)
    assert zero.objective == plain.total_score
    # exact over all pairs, as the engine's optimal mode is
    assert plain.total_score == pytest.approx(match(people, mentors, CONFIG).stats["total_score"], abs=1e-4)


def _two_groups() -> tuple[list[Mentee], list[Mentor], dict[str, str]]:
    """Ten mentees every mentor suits and ten who fit worse; places for ten: unguarded, the second
    group gets nothing."""
    slots = frozenset({"mon:morning", "tue:morning"})
    strong = [
        Mentee(f"s{k}", {"de": "C1"}, sectors=frozenset({"86"}), goals=frozenset({"job_search"}), city="Berlin",
               country="DE", availability=slots)
        for k in range(10)
    ]  # fmt: skip
    weak = [Mentee(f"w{k}", {"de": "B1"}, city="Köln", country="DE", online=False) for k in range(10)]
    mentors = [
        Mentor(f"m{k}", {"de": "C2"}, capacity=2, sectors=frozenset({"86"}), offers=frozenset({"job_search"}),
               city="Berlin", country="DE", availability=slots)
        for k in range(5)
    ]  # fmt: skip
    groups = {m.id: "strong" for m in strong} | {m.id: "weak" for m in weak}
    return strong + weak, mentors, groups


def test_the_fairness_guard_keeps_every_group_near_the_overall_rate():
    mentees, mentors, groups = _two_groups()
    monitored = {"need": groups}
    free = assign_with_learning(mentees, mentors, CONFIG, monitored=monitored)
    assert free.groups["need"]["weak"]["match_rate"] == 0.0  # built to violate the guard without it
    guarded = assign_with_learning(mentees, mentors, CONFIG, monitored=monitored, min_share=0.8)
    rows = guarded.groups["need"]
    overall = sum(r["matched"] for r in rows.values()) / sum(r["matchable"] for r in rows.values())
    assert overall > 0
    for row in rows.values():
        assert row["matched"] / row["matchable"] >= 0.8 * overall - 1e-12
    assert guarded.guard["cost_in_total_score"] > 0
    assert guarded.guard["total_score"] == pytest.approx(guarded.total_score, abs=1e-5)
    assert free.total_score - guarded.total_score == pytest.approx(guarded.guard["cost_in_total_score"], abs=1e-5)
    assert guarded.guard["matched"] == len(guarded.pairs) and guarded.guard["matched_without_guard"] == len(free.pairs)


BANDS = {"A1": "A", "A2": "A", "B1": "B1", "B2": "B2+", "C1": "B2+", "C2": "B2+"}


@pytest.mark.parametrize(("seed", "share"), [(0, 0.9), (1, 0.9), (2, 0.7), (3, 1.0)])
def test_the_guarded_assignment_is_the_exact_optimum(seed, share):
    """Against a mixed-integer programme over the same pairs, on a small random population."""
    mentees = synthetic.mentees(24, seed=seed)
    mentors = [dataclasses.replace(m, capacity=1 + k % 2) for k, m in enumerate(synthetic.mentors(7, seed=seed))]
    groups = {m.id: BANDS[m.languages["de"]] for m in mentees}
    run = assign_with_learning(mentees, mentors, CONFIG, monitored={"german": groups}, min_share=share)

    pairs, scores, capacity = eligible_pairs(mentees, mentors, CONFIG)
    ids = sorted(m.id for m in mentees)
    mentor_ids = sorted(m.id for m in mentors)
    rows = np.array([ids.index(i) for i, _ in pairs])
    cols = np.array([mentor_ids.index(j) for _, j in pairs])
    edges = np.arange(len(pairs))
    matchable = np.zeros(len(ids), dtype=bool)
    matchable[rows[capacity[cols] > 0]] = True
    total = matchable.sum()
    constraints = [
        LinearConstraint(sparse.csr_matrix((np.ones(len(pairs)), (rows, edges)), shape=(len(ids), len(pairs))), 0, 1),
        LinearConstraint(
            sparse.csr_matrix((np.ones(len(pairs)), (cols, edges)), shape=(len(mentors), len(pairs))), 0, capacity
        ),
    ]
    for label in sorted(set(groups.values())):
        member = np.array([groups[ids[r]] == label for r in rows], dtype=float)
        size = sum(1 for k, i in enumerate(ids) if groups[i] == label and matchable[k])
        constraints.append(LinearConstraint(member - share * size / total, 0, np.inf))
    best = milp(-scores, constraints=constraints, integrality=np.ones(len(pairs)), bounds=(0, 1))
    assert best.success
    assert run.total_score == pytest.approx(-best.fun, abs=1e-4)


def test_backtest_compares_two_assignments_under_the_model(history, model):
    mentees, mentors, _ = history
    people = mentees[:60]
    engine = [(a.mentee_id, a.mentor_id) for a in match(people, mentors, CONFIG).assignments]
    learned = assign_with_learning(people, mentors, CONFIG, model=model, weight=5.0).pairs
    same = backtest(model, people, mentors, engine, engine, n_boot=200)
    assert same["difference"] == 0.0 and same["interval"] == [0.0, 0.0]
    result = backtest(model, people, mentors, learned, engine, n_boot=500, seed=1)
    assert result["expected_a"] == pytest.approx(predict_success(model, people, mentors, learned).sum(), abs=1e-3)
    assert result["interval"][0] <= result["difference"] <= result["interval"][1]
    assert result["difference"] >= 0  # the learned assignment weighs predicted success heavily


# --- determinism and storage ------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_model_and_it_survives_storage(history, model):
    mentees, mentors, outcomes = history
    again = train_success_model(mentees, mentors, outcomes, CONFIG, seed=0, minimums=SMALL)
    assert again.summary_json() == model.summary_json()
    pairs = [(o.mentee_id, o.mentor_id) for o in outcomes]
    first = predict_success(model, mentees, mentors, pairs)
    np.testing.assert_array_equal(first, predict_success(again, mentees, mentors, pairs))
    stored = learning.SuccessModel.from_bytes(model.to_bytes())
    np.testing.assert_array_equal(first, predict_success(stored, mentees, mentors, pairs))
    assert stored.config.exclusions == frozenset() and stored.vocabulary == model.vocabulary
    assert isinstance(stored.vocabulary, Vocabulary)


def test_docstring_examples_run():
    result = doctest.testmod(learning)
    assert result.attempted > 0 and result.failed == 0


def test_bad_input_is_refused_in_plain_words(history, model):
    mentees, mentors, _ = history
    with pytest.raises(MatchingInputError, match="unknown mentor id 'nobody'"):
        predict_success(model, mentees, mentors, [(mentees[0].id, "nobody")])
    with pytest.raises(MatchingInputError, match="needs a model"):
        assign_with_learning(mentees[:5], mentors, CONFIG, weight=1.0)
    with pytest.raises(MatchingInputError, match="name the groups"):
        assign_with_learning(mentees[:5], mentors, CONFIG, min_share=0.5)
    with pytest.raises(MatchingInputError, match="weight must be"):
        blend_scores(np.zeros(2), np.zeros(2), -1.0)
