"""The engine's result is the optimum over ALL eligible pairs, whatever the candidate graph dropped, with a
certificate that says so; and where the proof is cut short, its bound still holds."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from bench import synthetic
from matching import MatchingConfig, api, duplicates, match
from tests.matching.test_assignment import check_invariants, dense_scores, slot_columns

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def optimum_and_most_matched(mentees, mentors, config) -> tuple[float, int]:
    """The best total score and the most mentees matchable, over all pairs, by scipy on mentor slots."""
    scores = dense_scores(mentees, mentors, config)
    eligible = dense_eligible(mentees, mentors, config)
    slots = slot_columns(mentors, config)
    if len(slots) == 0:
        return 0.0, 0
    rows, cols = linear_sum_assignment(scores[:, slots], maximize=True)
    most = maximum_bipartite_matching(csr_matrix(eligible[:, slots].astype(np.int8)), perm_type="column")
    return float(scores[:, slots][rows, cols].sum()), int((most >= 0).sum())


def dense_eligible(mentees, mentors, config) -> np.ndarray:
    from matching.scoring import pair_scorer

    scorer = pair_scorer(config, sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id))
    return np.array(
        [
            [(e := scorer.explain(i, j)).eligible and e.score >= config.min_score for j in range(len(mentors))]
            for i in range(len(mentees))
        ],
        dtype=bool,
    ).reshape(len(mentees), len(mentors))


def pruned(**changes: object) -> MatchingConfig:
    """A config whose candidate graph keeps two pairs per side: far too few for the optimum."""
    return MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS, top_k=2, top_q=2, **changes)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(synthetic.SHAPES), st.integers(8, 40), st.integers(2, 12), st.integers(0, 10_000))
def test_every_shape_reaches_the_optimum_over_all_pairs_with_a_proof(shape, n, m, seed):
    mentees, mentors = synthetic.population(shape, n, m, seed)
    config = pruned()
    result = match(mentees, mentors, config)
    check_invariants(result, mentees, mentors, config)
    optimum, _ = optimum_and_most_matched(mentees, mentors, config)
    certificate = result.stats["certificate"]
    assert certificate["proven"] and certificate["gap"] == 0 and certificate["stopped"] == "proven"
    assert result.stats["total_score"] == pytest.approx(optimum, rel=1e-6, abs=n * 1e-6)
    assert certificate["upper_bound"] == pytest.approx(optimum, rel=1e-6, abs=n * 1e-6)
    assert result.stats["ratio_to_bound"] == pytest.approx(1.0, abs=1e-6)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(synthetic.SHAPES), st.integers(8, 40), st.integers(2, 12), st.integers(0, 10_000))
def test_most_matched_first_is_proven_too(shape, n, m, seed):
    mentees, mentors = synthetic.population(shape, n, m, seed)
    config = pruned()
    result = match(mentees, mentors, config, mode="max_matched")
    check_invariants(result, mentees, mentors, config)
    _, most = optimum_and_most_matched(mentees, mentors, config)
    certificate = result.stats["certificate"]
    assert certificate["proven"] and certificate["matched_proven"]
    assert result.stats["matched"] == most
    # and no assignment that matches as many scores more
    optimal = match(mentees, mentors, config)
    if optimal.stats["matched"] == most:
        assert result.stats["total_score"] == pytest.approx(optimal.stats["total_score"], rel=1e-6, abs=n * 1e-6)


def test_the_tied_crowd_that_a_pruned_graph_leaves_unmatched_is_matched(monkeypatch):
    # look-alike people: every pair of a kind scores the same, and "top 2, lowest index first" sends all
    # mentees to the same two mentors; the pricing loop (not the market of kinds) must still get there
    monkeypatch.setattr(duplicates, "MOST_KIND_PAIRS", 0)
    mentees, mentors = synthetic.population("ties", 300, 90, seed=3)
    graph_only = match(mentees, mentors, pruned(proof_rounds=0))
    proven = match(mentees, mentors, pruned())
    optimum, _ = optimum_and_most_matched(mentees, mentors, pruned())
    assert graph_only.stats["total_score"] < 0.5 * optimum
    assert proven.stats["total_score"] == pytest.approx(optimum, rel=1e-6)
    assert proven.stats["certificate"]["pairs_added"] > 0 and proven.stats["certificate"]["rounds"] >= 2


def test_a_proof_cut_short_states_a_bound_that_holds():
    mentees, mentors = synthetic.population("rare_sector", 200, 60, seed=5)
    optimum, _ = optimum_and_most_matched(mentees, mentors, pruned())
    for limits in ({"proof_rounds": 1}, {"proof_seconds": 0.0}):
        result = match(mentees, mentors, pruned(**limits))
        certificate = result.stats["certificate"]
        assert not certificate["proven"] and certificate["stopped"] in ("rounds", "time")
        assert certificate["gap"] > 0
        assert result.stats["total_score"] <= optimum + 1e-6 <= certificate["upper_bound"] + 2e-6
        assert result.stats["ratio_to_bound"] < 1.0


def test_without_proof_rounds_there_is_no_certificate():
    mentees, mentors = synthetic.population("default", 30, 10, seed=1)
    result = match(mentees, mentors, pruned(proof_rounds=0))
    assert "certificate" not in result.stats and "upper_bound" not in result.stats


def test_min_score_and_exclusions_hold_while_pairs_are_added():
    mentees, mentors = synthetic.population("ties", 60, 20, seed=8)
    excluded = frozenset((mentees[i].id, mentors[j].id) for i in range(0, 60, 3) for j in range(0, 20, 2))
    config = pruned(min_score=0.3, exclusions=excluded)
    result = match(mentees, mentors, config)
    check_invariants(result, mentees, mentors, config)
    optimum, _ = optimum_and_most_matched(mentees, mentors, config)
    assert result.stats["certificate"]["proven"]
    assert result.stats["total_score"] == pytest.approx(optimum, rel=1e-6)


def test_closed_mentors_offer_no_places():
    mentees, mentors = synthetic.population("scarce_capacity", 50, 30, seed=2)
    mentors = [dataclasses.replace(m, capacity=3) for m in mentors]
    result = match(mentees, mentors)
    open_places = sum(min(3, len(mentees)) for m in mentors if m.available and m.verified)
    assert result.stats["places"] == open_places < 3 * len(mentors)


@settings(max_examples=15, deadline=None)
@given(
    st.integers(60, 150), st.integers(10, 30), st.integers(0, 10_000), st.sampled_from([0.0, 0.3]), st.integers(0, 4)
)
def test_a_crowd_of_look_alikes_is_solved_as_one_market_of_kinds(n, m, seed, min_score, n_excluded):
    mentees, mentors = synthetic.population("ties", n, m, seed)
    rng = np.random.default_rng(seed)
    picks = zip(rng.integers(0, n, n_excluded), rng.integers(0, m, n_excluded), strict=True)
    config = pruned(min_score=min_score, exclusions=frozenset((mentees[i].id, mentors[j].id) for i, j in picks))
    solved = []

    def recorded(*args):
        solved.append(duplicates.solve_by_kinds(*args))
        return solved[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "solve_by_kinds", recorded)
        result = match(mentees, mentors, config)
    assert solved[0] is not None  # the market of kinds answered, not the pricing loop
    check_invariants(result, mentees, mentors, config)
    optimum, _ = optimum_and_most_matched(mentees, mentors, config)
    certificate = result.stats["certificate"]
    assert certificate["proven"] and certificate["gap"] == 0
    assert result.stats["total_score"] == pytest.approx(optimum, rel=1e-6, abs=n * 1e-6)
    assert certificate["upper_bound"] == pytest.approx(optimum, rel=1e-6, abs=n * 1e-6)
    # the same total as the pricing loop's, and the same pairs every time
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicates, "MOST_KIND_PAIRS", 0)
        looped = match(mentees, mentors, config)
    assert looped.stats["total_score"] == pytest.approx(result.stats["total_score"], rel=1e-6, abs=n * 1e-6)
    again = match(mentees, mentors, config)
    assert [(a.mentee_id, a.mentor_id) for a in again.assignments] == [
        (a.mentee_id, a.mentor_id) for a in result.assignments
    ]
