"""One pass priced by an estimate: the selection is exact, the bound holds, and no estimate — good, wild or
absent — changes the proven optimum."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from bench import synthetic
from matching import api, candidates, match, pricing
from matching.assignment import SCORE_SCALE
from matching.candidates import priced_candidate_graph, top_per_column, top_per_row
from matching.pricing import estimate_prices, market_prices
from matching.rules import open_mentor_mask, remaining_capacity
from matching.scoring import pair_scorer
from tests.matching.test_assignment import check_invariants
from tests.matching.test_proof import optimum_and_most_matched, pruned

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


@pytest.mark.parametrize("per", ["row", "column"])
@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.float32,
        st.tuples(st.integers(1, 7), st.integers(1, 700)),
        # few distinct values: ties everywhere, and the infinities an ineligible pair nets
        elements=st.sampled_from([-np.inf, -4.0, -0.5, 0.0, 0.25, 0.5, 0.75, 1.0, np.inf]),
    ),
    st.integers(1, 60),
)
def test_top_per_row_and_per_column_return_a_top_t_best_first(per, values, t):
    """Each row's top ``t`` of ``values``: by ``top_per_row``, or by ``top_per_column`` of its transpose."""
    if per == "row":
        index, got = top_per_row(values, t)
    else:
        index, got = top_per_column(np.ascontiguousarray(values.T), t)
    t = min(t, values.shape[1])
    expected = -np.sort(-values, axis=1)[:, :t]
    np.testing.assert_array_equal(got, expected)
    np.testing.assert_array_equal(got, np.take_along_axis(values, index, axis=1))
    assert all(len(set(line)) == t for line in index.tolist())  # distinct columns


def scorer_and_capacity(shape: str, n: int, m: int, seed: int):
    mentees, mentors = synthetic.population(shape, n, m, seed)
    config = pruned()
    mentees, mentors = sorted(mentees, key=lambda x: x.id), sorted(mentors, key=lambda x: x.id)
    scorer = pair_scorer(config, mentees, mentors)
    is_open = open_mentor_mask(mentors, config)
    capacity = np.array([remaining_capacity(x, config) if o else 0 for x, o in zip(mentors, is_open, strict=True)])
    return scorer, capacity


@pytest.mark.parametrize("shape", synthetic.SHAPES)
@pytest.mark.parametrize("chunk", [1 << 21, 97])
def test_the_priced_graph_holds_each_mentees_best_net_pairs_and_bounds_the_rest(monkeypatch, shape, chunk):
    monkeypatch.setattr(candidates, "CHUNK_PAIRS", chunk)
    scorer, _ = scorer_and_capacity(shape, 90, 40, seed=3)
    prices = np.random.default_rng(4).uniform(0, 0.6, 40).astype(np.float32)
    graph = priced_candidate_graph(scorer, prices, 3, 2, 2, min_score=0.1)
    rows = max(1, min(90, chunk // 40))  # the pass's own chunks: BLAS sums a block's rows in its own order
    scores = np.vstack([scorer.block(start, min(90, start + rows)) for start in range(0, 90, rows)])
    net = np.where(scores >= graph.floor, scores - prices, -np.inf)
    on_graph = np.zeros(scores.shape, dtype=bool)
    on_graph[graph.mentee, graph.mentor] = True
    assert np.all(scores[on_graph] >= graph.floor)
    np.testing.assert_array_equal(graph.score, scores[graph.mentee, graph.mentor])
    for i in range(90):
        eligible = np.flatnonzero(np.isfinite(net[i]))
        best = eligible[np.argsort(-net[i, eligible], kind="stable")][:3]
        assert on_graph[i, best].all()
        left_out = net[i, eligible[~on_graph[i, eligible]]]
        assert left_out.size == 0 or left_out.max() <= graph.row_bound[i]


@pytest.mark.parametrize("shape", synthetic.SHAPES)
@pytest.mark.parametrize("chunk", [1 << 21, 97])
@pytest.mark.parametrize("priced", [False, True])
@pytest.mark.parametrize("min_score", [0.0, 0.1])
def test_every_pair_left_out_is_within_its_rows_and_its_mentors_bound(monkeypatch, shape, chunk, priced, min_score):
    """What the proof's first round does not score again is exactly what these two bounds settle."""
    monkeypatch.setattr(candidates, "CHUNK_PAIRS", chunk)
    scorer, _ = scorer_and_capacity(shape, 90, 40, seed=5)
    prices = np.random.default_rng(6).uniform(0, 0.6, 40).astype(np.float32) if priced else None
    graph = priced_candidate_graph(scorer, prices, 3, 4, 6, min_score=min_score)
    rows = max(1, min(90, chunk // 40))
    scores = np.vstack([scorer.block(start, min(90, start + rows)) for start in range(0, 90, rows)])
    net = scores - (prices if priced else 0)
    eligible = scores >= graph.floor
    off = eligible.copy()
    off[graph.mentee, graph.mentor] = False
    assert np.all(net[off] <= graph.row_bound[np.nonzero(off)[0]])
    assert np.all(scores[off] <= graph.column_bound[np.nonzero(off)[1]])
    # a mentor's own top list is on the graph: at most top_q pairs of hers are above her bound
    above = eligible & (scores > graph.column_bound)
    assert np.all(above.sum(axis=0) <= 4)
    # her alternatives are her best by plain score, ties by mentor
    for i in range(90):
        ranked = graph.ranked_mentors[i][graph.ranked_mentors[i] >= 0]
        best = np.flatnonzero(eligible[i])
        best = best[np.argsort(-scores[i, best], kind="stable")][:6]
        np.testing.assert_array_equal(ranked, best)
        assert graph.best_score[i] == scores[i].max()


def test_the_sample_market_prices_a_scarce_mentor_above_an_idle_one():
    # two mentees want mentor 0 most; she has one place; mentor 1 has places to spare
    mentee, mentor = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    prices, potential = market_prices(
        mentee, mentor, np.array([0.9, 0.5, 0.8, 0.6]), np.array([1, 1]), np.array([1, 5])
    )
    assert prices[1] == 0
    assert prices[0] == pytest.approx(0.2 * SCORE_SCALE)  # what mentee 1 gives up to move: 0.8 − 0.6
    np.testing.assert_array_equal(potential, [0.7 * SCORE_SCALE, 0.6 * SCORE_SCALE])


def test_the_estimate_of_a_small_population_is_its_own_market(monkeypatch):
    monkeypatch.setattr(pricing, "SAMPLE_SHARE", 1.0)
    scorer, capacity = scorer_and_capacity("scarce_capacity", 60, 20, seed=5)
    prices = estimate_prices(scorer, capacity, 0.0, rounds=1)
    assert prices.shape == (20,) and np.all(prices >= 0)
    assert np.all(prices[capacity == 0] >= 0)


class _Table:
    """A scorer stand-in over a fixed table of scores (all :func:`estimate_prices` reads)."""

    def __init__(self, scores: np.ndarray) -> None:
        self.scores = scores.astype(np.float32)
        self.shape = scores.shape

    def rows(self, rows: np.ndarray) -> np.ndarray:
        return self.scores[rows]


def test_an_estimate_is_kept_only_where_her_best_few_by_plain_score_are_not_enough(monkeypatch):
    monkeypatch.setattr(pricing, "SAMPLE_SHARE", 1.0)
    rng = np.random.default_rng(7)
    # a crowd of 48 wants the two mentors of a rare sector (one place each) far above the eight others, who
    # have room for everyone: by plain score the crowd's best two are the rare two, where 46 of them lose
    crowd = np.hstack([np.full((48, 2), 0.9), 0.5 + rng.uniform(0, 0.01, (48, 8))])
    others = np.hstack([np.full((12, 2), 0.1), 0.6 + rng.uniform(0, 0.01, (12, 8))])
    capacity = np.array([1, 1] + [10] * 8)
    prices = estimate_prices(_Table(np.vstack([crowd, others])), capacity, 0.0, top=2)
    assert prices is not None and prices[:2].min() > prices[2:].max()
    # where each mentee's best two have room for her, no price changes her choice: no estimate
    spread = rng.uniform(0.2, 0.9, (60, 10))
    assert estimate_prices(_Table(spread), np.full(10, 10), 0.0, top=2) is None


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(synthetic.SHAPES),
    st.integers(8, 50),
    st.integers(2, 14),
    st.integers(0, 10_000),
    st.sampled_from(["zero", "huge", "random", "negative"]),
)
def test_no_estimate_changes_the_proven_optimum(shape, n, m, seed, estimate):
    """The estimate only decides how much the proof rescans: a wrong one must still end at the optimum."""
    rng = np.random.default_rng(seed)
    wrong = {
        "zero": lambda m: np.zeros(m, dtype=np.int64),
        "huge": lambda m: np.full(m, 5 * SCORE_SCALE, dtype=np.int64),
        "random": lambda m: rng.integers(0, SCORE_SCALE, m),
        "negative": lambda m: -rng.integers(0, SCORE_SCALE, m),
    }[estimate]
    mentees, mentors = synthetic.population(shape, n, m, seed)
    config = pruned()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "estimate_prices", lambda scorer, *a, **k: wrong(scorer.shape[1]))
        patch.setattr(api, "PRICE_MARGIN", 0.0)
        result = match(mentees, mentors, config)
    check_invariants(result, mentees, mentors, config)
    optimum, _ = optimum_and_most_matched(mentees, mentors, config)
    assert result.stats["certificate"]["proven"]
    assert result.stats["total_score"] == pytest.approx(optimum, rel=1e-6, abs=1e-5)
