"""The candidate graph is the union of each mentee's top-k and each mentor's top-q eligible pairs."""

from __future__ import annotations

import numpy as np
import pytest

from matching import candidates
from matching.candidates import candidate_graph
from matching.scoring import pair_scorer
from tests.matching.conftest import complete_config, population


def expected_union(scores: np.ndarray, k: int, q: int, floor: float) -> set[tuple[int, int]]:
    usable = scores >= floor
    edges = set()
    for i in range(scores.shape[0]):
        order = sorted(np.flatnonzero(usable[i]), key=lambda j: -scores[i, j])
        edges |= {(i, int(j)) for j in order[:k]}
    for j in range(scores.shape[1]):
        order = sorted(np.flatnonzero(usable[:, j]), key=lambda i: -scores[i, j])
        edges |= {(int(i), j) for i in order[:q]}
    return edges


def threshold_values(scores, edges, k, q, floor):
    """Score values at the selection boundary, where ties may pick either pair."""
    ties = set()
    usable = scores >= floor
    for i in range(scores.shape[0]):
        row = np.sort(scores[i][usable[i]])[::-1]
        if len(row) > k:
            ties.add(("row", i, row[k - 1]))
    for j in range(scores.shape[1]):
        col = np.sort(scores[:, j][usable[:, j]])[::-1]
        if len(col) > q:
            ties.add(("col", j, col[q - 1]))
    return ties


@pytest.mark.parametrize(("k", "q", "min_score", "chunk"), [(3, 4, 0.0, 1 << 23), (2, 5, 0.3, 37), (5, 1, 0.0, 11)])
def test_union_of_top_k_and_top_q_with_any_chunking(monkeypatch, k, q, min_score, chunk):
    monkeypatch.setattr(candidates, "CHUNK_PAIRS", chunk)
    mentees, mentors = population(60, 15, seed=8)
    scorer = pair_scorer(complete_config(60, 15), mentees, mentors)
    scores = scorer.block(0, 60)
    graph = candidate_graph(scorer, k, q, min_score)
    floor = graph.floor
    got = set(zip(graph.mentee.tolist(), graph.mentor.tolist(), strict=True))
    want = expected_union(scores, k, q, floor)
    # equal up to ties at the k-th / q-th score: compare the score multisets per row and column instead
    for i, j in got:
        assert scores[i, j] >= floor
        assert graph.score[(graph.mentee == i) & (graph.mentor == j)][0] == pytest.approx(scores[i, j])
    for i in range(60):
        top_got = sorted((scores[i, j] for (r, j) in got if r == i), reverse=True)[:k]
        top_want = sorted((scores[i, j] for (r, j) in want if r == i), reverse=True)[:k]
        np.testing.assert_allclose(top_got, top_want)
    for j in range(15):
        top_got = sorted((scores[i, c] for (i, c) in got if c == j), reverse=True)[:q]
        top_want = sorted((scores[i, c] for (i, c) in want if c == j), reverse=True)[:q]
        np.testing.assert_allclose(top_got, top_want)
    assert abs(len(got) - len(want)) <= len(threshold_values(scores, want, k, q, floor)) * max(k, q)
    # each mentee's ranked list is her top-k, best first
    for i in range(60):
        ranked = [j for j in graph.ranked_mentors[i].tolist() if j >= 0]
        values = [scores[i, j] for j in ranked]
        assert values == sorted(values, reverse=True)
        assert len(ranked) == min(k, int((scores[i] >= floor).sum()))


def test_threads_and_chunks_do_not_change_the_graph(monkeypatch):
    mentees, mentors = population(80, 20, seed=12)
    scorer = pair_scorer(complete_config(80, 20), mentees, mentors)
    reference = candidate_graph(scorer, 4, 6, workers=1)
    monkeypatch.setattr(candidates, "CHUNK_PAIRS", 45)
    for workers in (1, 2):
        graph = candidate_graph(scorer, 4, 6, workers=workers)
        np.testing.assert_array_equal(graph.mentee, reference.mentee)
        np.testing.assert_array_equal(graph.mentor, reference.mentor)


@pytest.mark.parametrize("seed", range(4))
def test_each_mentors_top_is_the_same_whether_its_keys_are_packed_or_not(seed: int) -> None:
    """A mentor's running top-q keeps its pairs as packed int64 keys when mentor, score and mentee fit in one, else
    as three arrays: both must keep the same pairs (ties to the lower mentee) and the same thresholds, chunk by
    chunk, as a brute-force ranking of all pairs."""
    rng = np.random.default_rng(seed)
    n, m, q = 300, 40, 7
    # coarse scores: many exact ties, some below the floor
    scores = (rng.integers(0, 12, size=(n, m)) / 10).astype(np.float32)
    floor = np.float32(0.2)
    tops = []
    for packed in (True, False):
        top = candidates._ColumnTop(m, q, floor, n)
        top.packed = packed
        for start in range(0, n, 37):
            block = scores[start : start + 37]
            rows, cols = np.nonzero(block >= floor)
            top.add((rows + start).astype(np.int32), cols.astype(np.int32), block[rows, cols])
        top.merge()
        tops.append(top)
    for top in tops:
        for j in range(m):
            eligible = np.flatnonzero(scores[:, j] >= floor)
            best = eligible[np.lexsort((eligible, -scores[eligible, j]))][:q]
            mine = top.cols == j
            assert top.rows[mine].tolist() == best.tolist()
            assert top.scores[mine].tolist() == scores[best, j].tolist()
    assert np.array_equal(tops[0].threshold, tops[1].threshold)
