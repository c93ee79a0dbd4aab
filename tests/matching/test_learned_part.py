"""A learned score part inside the engine's own run: ``match(..., learned=LearnedPart(model, weight))``.

The learned part is one more score part (``hand score + weight·p`` on every eligible pair), so the run stays
exact: its total equals the optimum over ALL eligible pairs computed independently (``assign_with_learning``,
a min-cost flow over every pair), on populations of several shapes, and its proof still closes."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from threadpoolctl import threadpool_limits

from bench import synthetic
from matching import MatchingConfig, MatchingInputError, Mentee, Mentor, match
from matching.learning import (
    Outcome,
    SuccessModel,
    TrainingMinimums,
    assign_with_learning,
    predict_success,
    train_success_model,
)
from matching.records import LearnedPart
from matching.scoring import LEARNED, PARTS, learned_reasons, pair_scorer

SMALL = TrainingMinimums(outcomes=60, per_class=15, mentors=10, folds=3)
CONFIG = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def model() -> SuccessModel:
    """Trained on two matched rounds whose outcomes follow sector and goals (hidden from the hand weights)."""
    rng = np.random.default_rng(5)
    mentors = synthetic.mentors(30, seed=5)
    mentees: list[Mentee] = []
    outcomes: list[Outcome] = []
    for round_number in range(2):
        people = synthetic.mentees(60, seed=50 + round_number, id_prefix=f"r{round_number}")
        for a in match(people, mentors, CONFIG).assignments:
            p = 0.15 + 0.6 * a.parts["sector"] * (a.parts["goals"] > 0.2)
            outcomes.append(Outcome(a.mentee_id, a.mentor_id, bool(rng.random() < p), date(2026, 1, 1)))
        mentees += people
    return train_success_model(mentees, mentors, outcomes, CONFIG, seed=0, minimums=SMALL)


def _objective(result, weight: float) -> float:
    return sum(a.score for a in result.assignments)


@pytest.mark.parametrize(
    ("shape", "n_mentees", "n_mentors", "seed", "weight"),
    [
        ("default", 80, 25, 1, 0.5),
        ("default", 40, 60, 2, 2.0),
        ("scarce_capacity", 90, 30, 3, 1.0),
        ("language_islands", 70, 30, 4, 0.8),
        ("rare_sector", 60, 40, 5, 3.0),
    ],
)
def test_the_run_is_the_exact_optimum_of_score_plus_learned_part(model, shape, n_mentees, n_mentors, seed, weight):
    mentees, mentors = synthetic.population(shape, n_mentees, n_mentors, seed=seed)
    learned = LearnedPart(model, weight, "work_6m")
    result = match(mentees, mentors, CONFIG, learned=learned)
    reference = assign_with_learning(mentees, mentors, CONFIG, model=model, weight=weight)

    assert result.stats["certificate"]["proven"] is True
    assert result.stats["total_score"] == pytest.approx(reference.objective, abs=1e-4)
    # the learned part is not decoration: it changes what the run values
    plain = match(mentees, mentors, CONFIG)
    assert result.stats["total_score"] >= plain.stats["total_score"] - 1e-6
    # each pair's score is its hand parts plus weight·p, with p as predict_success predicts it
    pairs = [(a.mentee_id, a.mentor_id) for a in result.assignments]
    p = predict_success(model, mentees, mentors, pairs)
    for a, expected in zip(result.assignments, p.tolist(), strict=True):
        assert a.parts[LEARNED] == pytest.approx(expected, abs=1e-6)
        hand = sum(CONFIG_WEIGHTS[part] * a.parts[part] for part in PARTS)
        assert a.score == pytest.approx(hand + weight * a.parts[LEARNED], abs=1e-6)
    assert result.stats["learned"]["weight"] == pytest.approx(weight)


CONFIG_WEIGHTS = pair_scorer(CONFIG, [Mentee("x", {"de": "C1"})], [Mentor("y", {"de": "C1"})]).weights


def test_the_max_matched_mode_is_exact_with_a_learned_part_too(model):
    mentees, mentors = synthetic.population("scarce_capacity", 60, 25, seed=8)
    result = match(mentees, mentors, CONFIG, mode="max_matched", learned=LearnedPart(model, 1.0))
    assert result.stats["certificate"]["proven"] is True
    most = match(mentees, mentors, CONFIG, mode="max_matched")
    assert result.stats["matched"] == most.stats["matched"]


def test_weight_zero_is_the_run_without_a_learned_part_bit_for_bit(model):
    mentees, mentors = synthetic.population("default", 70, 30, seed=6)
    plain = match(mentees, mentors, CONFIG)
    zero = match(mentees, mentors, CONFIG, learned=LearnedPart(model, 0.0))
    assert zero.assignments == plain.assignments
    assert zero.alternatives == plain.alternatives
    assert zero.unmatched == plain.unmatched
    assert zero.stats["total_score"] == plain.stats["total_score"]
    assert "learned" not in zero.stats


def test_the_look_alike_shortcut_does_not_drop_the_learned_part(model):
    mentees, mentors = synthetic.population("ties", 60, 20, seed=7)
    result = match(mentees, mentors, CONFIG, learned=LearnedPart(model, 2.0))
    reference = assign_with_learning(mentees, mentors, CONFIG, model=model, weight=2.0)
    assert result.stats["total_score"] == pytest.approx(reference.objective, abs=1e-4)
    assert all(LEARNED in a.parts for a in result.assignments)


def test_ineligible_pairs_stay_ineligible_and_the_minimum_score_still_applies(model):
    mentees, mentors = synthetic.population("language_islands", 50, 25, seed=9)
    config = dataclasses.replace(CONFIG, min_score=0.35)
    result = match(mentees, mentors, config, learned=LearnedPart(model, 5.0))
    scorer = pair_scorer(config, sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id))
    for a in result.assignments:
        hand = sum(scorer.weights[part] * a.parts[part] for part in PARTS)
        assert hand >= 0.35 - 1e-6
    plain = match(mentees, mentors, config)
    assert set(result.unmatched) >= {m for m, r in plain.unmatched.items() if r[0].code != "candidates_at_capacity"}


def test_the_reason_says_pairs_like_this_often_led_to_the_target_when_p_is_well_above_the_base_rate(model):
    base = model.card["success_rate"]
    mentees, mentors = synthetic.population("default", 80, 30, seed=10)
    result = match(mentees, mentors, CONFIG, learned=LearnedPart(model, 1.0, "work_or_training_6m"))
    seen_with = seen_without = 0
    for a in result.assignments:
        found = [r for r in a.reasons if r.code == "learned_success"]
        if a.parts[LEARNED] - base >= 0.05 + 1e-9:
            assert len(found) == 1
            assert found[0].params["target"] == "work_or_training_6m"
            assert found[0].params["percent"] == round(100 * a.parts[LEARNED])
            assert found[0].params["base_percent"] == round(100 * base)
            seen_with += 1
        elif a.parts[LEARNED] - base < 0.05 - 1e-9:
            assert found == []
            seen_without += 1
    assert seen_with and seen_without
    # and never without a learned part
    assert not any(r.code == "learned_success" for a in match(mentees, mentors, CONFIG).assignments for r in a.reasons)
    assert learned_reasons(0.46, 0.30, "work_6m")[0].params == {
        "percent": 46, "base_percent": 30, "points": 16, "target": "work_6m"
    }  # fmt: skip
    assert learned_reasons(0.34, 0.30, "work_6m") == ()


def test_explanations_show_the_score_the_run_used(model):
    from matching.scoring import LearnedScorer

    mentees, mentors = synthetic.population("default", 40, 20, seed=11)
    learned = LearnedPart(model, 1.5, "work_6m")
    result = match(mentees, mentors, CONFIG, learned=learned)
    mentees, mentors = sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id)
    base = pair_scorer(CONFIG, mentees, mentors)
    from matching.candidates import score_floor

    scorer = LearnedScorer(base, model.success_matrix(base, score_floor(CONFIG.min_score)), learned)
    row = {m.id: i for i, m in enumerate(mentees)}
    col = {m.id: j for j, m in enumerate(mentors)}
    for a in result.assignments:
        explanation = scorer.explain(row[a.mentee_id], col[a.mentor_id])
        assert explanation.score == pytest.approx(a.score, abs=1e-6)
        part = {p.name: p for p in explanation.parts}[LEARNED]
        assert part.value == pytest.approx(a.parts[LEARNED], abs=1e-7)
        assert part.contribution == pytest.approx(1.5 * a.parts[LEARNED])
        assert [r.code for r in explanation.reasons] == [r.code for r in a.reasons]
        block = scorer.submatrix(np.array([row[a.mentee_id]]), np.array([col[a.mentor_id]]))[0, 0]
        assert float(block) == pytest.approx(a.score, abs=1e-5)


def test_bad_learned_parts_are_refused_in_plain_words(model):
    mentees, mentors = synthetic.population("default", 5, 3, seed=1)
    with pytest.raises(MatchingInputError, match="weight"):
        match(mentees, mentors, CONFIG, learned=LearnedPart(model, -1.0))
    with pytest.raises(MatchingInputError, match="target"):
        match(mentees, mentors, CONFIG, learned=LearnedPart(model, 1.0, "happiness"))
    with pytest.raises(MatchingInputError, match="model"):
        match(mentees, mentors, CONFIG, learned=LearnedPart(object(), 1.0))  # type: ignore[arg-type]


def test_too_large_a_run_is_refused_with_the_learned_part(model, monkeypatch):
    import matching.api

    monkeypatch.setattr(matching.api, "LEARNED_MAX_PAIRS", 100)
    mentees, mentors = synthetic.population("default", 20, 10, seed=1)
    with pytest.raises(MatchingInputError, match="without the learned part"):
        match(mentees, mentors, CONFIG, learned=LearnedPart(model, 1.0))
    assert match(mentees, mentors, CONFIG, learned=LearnedPart(model, 0.0)).assignments


def test_recommendations_rank_and_explain_with_the_learned_part(model):
    from matching.recommend import MentorIndex
    from matching.scoring import explain

    mentees, mentors = synthetic.population("default", 6, 40, seed=12)
    learned = LearnedPart(model, 2.0, "any_goal_6m")
    index = MentorIndex(CONFIG, learned=learned).fit(mentors)
    for mentee in mentees:
        found = index.recommend(mentee, k=5)
        expected = []
        for mentor in mentors:
            hand = explain(mentee, mentor, CONFIG)
            if hand.eligible and hand.score >= CONFIG.min_score:
                [p] = predict_success(model, [mentee], sorted(mentors, key=lambda m: m.id), [(mentee.id, mentor.id)])
                expected.append((-(hand.score + 2.0 * p), mentor.id))
        expected.sort()
        assert [r.mentor_id for r in found] == [mentor_id for _, mentor_id in expected[:5]]
        for r, (negative, _) in zip(found, expected, strict=False):
            assert r.score == pytest.approx(-negative, abs=1e-5)
            parts = {p.name: p for p in r.explanation.parts}
            assert parts[LEARNED].contribution == pytest.approx(2.0 * parts[LEARNED].value)
            assert r.score == pytest.approx(sum(p.contribution for p in r.explanation.parts), abs=1e-12)
            has_reason = any(x.code == "learned_success" for x in r.explanation.reasons)
            assert has_reason == (parts[LEARNED].value - model.card["success_rate"] >= 0.05)
    # weight 0: the recommendations without a learned part, exactly
    plain = MentorIndex(CONFIG).fit(mentors).recommend(mentees[0], k=5)
    assert MentorIndex(CONFIG, learned=LearnedPart(model, 0.0)).fit(mentors).recommend(mentees[0], k=5) == plain


@settings(max_examples=15, deadline=None)
@given(
    shape=st.sampled_from(synthetic.SHAPES),
    n_mentees=st.integers(1, 40),
    n_mentors=st.integers(1, 15),
    seed=st.integers(0, 10_000),
    weight=st.sampled_from([0.1, 0.7, 3.0, 25.0]),
    min_score=st.sampled_from([0.0, 0.3]),
)
def test_any_population_is_matched_at_the_optimum_of_score_plus_learned_part(
    model, shape, n_mentees, n_mentors, seed, weight, min_score
):
    mentees, mentors = synthetic.population(shape, n_mentees, n_mentors, seed=seed)
    config = dataclasses.replace(CONFIG, min_score=min_score)
    result = match(mentees, mentors, config, learned=LearnedPart(model, weight))
    reference = assign_with_learning(mentees, mentors, config, model=model, weight=weight)
    assert result.stats["certificate"]["proven"] is True
    assert result.stats["total_score"] == pytest.approx(reference.objective, abs=1e-4)
    assert len(result.assignments) + len(result.unmatched) == len(mentees)


def test_an_index_explains_each_mentor_as_it_recommends_her(model):
    """``MentorIndex.explain`` scores one mentor for a mentee exactly as ``recommend`` does, with the learned part
    (``p`` predicted among the fitted mentors) only where the pair is eligible by hand, and as ``explain()`` without
    it; an unknown mentor is refused in plain words."""
    from matching import MentorIndex, explain

    mentees, mentors = synthetic.population("default", 6, 25, seed=13)
    config = dataclasses.replace(CONFIG, min_score=0.2)
    index = MentorIndex(config, LearnedPart(model, 1.5, "work_6m")).fit(mentors)
    plain = MentorIndex(config).fit(mentors)
    seen_learned = seen_without = 0
    for mentee in mentees:
        shown = {m.id: index.explain(mentee, m.id) for m in mentors}
        for recommendation in index.recommend(mentee, k=len(mentors)):
            explanation = shown[recommendation.mentor_id]
            assert explanation.score == pytest.approx(recommendation.score, abs=1e-6)
            assert {p.name: p.value for p in explanation.parts} == pytest.approx(
                {p.name: p.value for p in recommendation.explanation.parts}, abs=1e-6
            )
        for mentor in mentors:
            explanation, hand = shown[mentor.id], explain(mentee, mentor, config)
            assert plain.explain(mentee, mentor.id).score == pytest.approx(hand.score, abs=1e-6)
            names = {p.name for p in explanation.parts}
            if hand.eligible and hand.score >= config.min_score:
                p = {part.name: part.value for part in explanation.parts}[LEARNED]
                assert explanation.score == pytest.approx(hand.score + 1.5 * p, abs=1e-6)
                seen_learned += 1
            else:
                assert LEARNED not in names and explanation.score == pytest.approx(hand.score, abs=1e-6)
                seen_without += 1
    assert seen_learned and seen_without
    with pytest.raises(MatchingInputError, match="mentor_id"):
        index.explain(mentees[0], "nobody")
