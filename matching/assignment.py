"""Assignment of mentees to mentors within capacities on a candidate graph: optimal, max-matched, stable, greedy.

Also a certificate: mentor prices derived from the assignment give an upper bound on the optimum over
all eligible pairs (weak duality of the capacity constraints), so a run can report its gap.
"""

from __future__ import annotations

import heapq
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.records import ProgressCallback
from matching.scoring import PairScorer, drop_below

MODES: tuple[str, ...] = ("optimal", "max_matched", "stable", "greedy")
"""``optimal``: maximum total score. ``max_matched``: as many mentees matched as possible, then maximum
total score. ``stable``: mentee-proposing deferred acceptance, no blocking pair. ``greedy``: best pairs
first, a baseline."""

SCORE_SCALE = 1_000_000
"""Scores become integer costs for the flow solver at this resolution (10⁻⁶)."""


def assign(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
    n_mentees: int,
    mode: str = "optimal",
    *,
    prices: np.ndarray | None = None,
) -> np.ndarray:
    """Assign over edges (mentee row, mentor column, score) with ``capacity`` places per mentor.

    Returns the assigned mentor column per mentee, -1 when unmatched. Deterministic: ties go to the
    lower mentee and mentor indices (callers order records by id).

    ``prices`` (the two flow modes only): integer mentor prices in the flow's gains (as
    :func:`integer_prices` gives them, e.g. those of a slightly different graph) that the flow starts
    from. The optimum's value is the same; the solver usually gets there sooner, though among equal
    optima it may pick another.

    >>> import numpy as np
    >>> assign(np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.8, 0.85]), np.array([1, 1]), 2).tolist()
    [1, 0]
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    mentee = np.asarray(mentee, dtype=np.int64)
    mentor = np.asarray(mentor, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    capacity = np.asarray(capacity, dtype=np.int64)
    if len(mentee) == 0:
        return np.full(n_mentees, -1, dtype=np.int64)
    if mode == "greedy":
        return _greedy(mentee, mentor, score, capacity, n_mentees)
    if mode == "stable":
        return _deferred_acceptance(mentee, mentor, score, capacity, n_mentees)
    return _min_cost_flow(
        mentee, mentor, score, capacity, n_mentees, lexicographic=mode == "max_matched", prices=prices
    )


def _min_cost_flow(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    capacity: np.ndarray,
    n: int,
    *,
    lexicographic: bool,
    prices: np.ndarray | None = None,
) -> np.ndarray:
    m = len(capacity)
    source, sink = n + m, n + m + 1
    gain = np.rint(score * SCORE_SCALE).astype(np.int64)
    if lexicographic:
        # one more matched mentee outweighs any total-score difference: Σ gains ≤ n·SCALE
        gain = gain + (n + 1) * SCORE_SCALE
    mentees_used = np.flatnonzero(np.bincount(mentee, minlength=n))
    mentors_used = np.flatnonzero(np.bincount(mentor, minlength=m))
    tails = np.concatenate([np.full(len(mentees_used), source), mentee, mentors_used + n, [source]])
    heads = np.concatenate([mentees_used, mentor + n, np.full(len(mentors_used), sink), [sink]])
    caps = np.concatenate(
        [np.ones(len(mentees_used) + len(mentee), np.int64), capacity[mentors_used], [len(mentees_used)]]
    )
    if prices is None:
        costs = np.concatenate(
            [np.zeros(len(mentees_used), np.int64), -gain, np.zeros(len(mentors_used) + 1, np.int64)]
        )
    else:
        # the same flow problem with each mentor node's potential shifted by her price (an arc's cost gains
        # the price at its tail and loses the one at its head): every route from source to sink keeps its
        # cost, so the optimal flows are the same, while arcs near tight under those prices start near zero
        # and the solver's cost scaling has less to undo
        price = np.asarray(prices, dtype=np.int64)
        costs = np.concatenate([np.zeros(len(mentees_used), np.int64), price[mentor] - gain, -price[mentors_used], [0]])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source], supplies[sink] = len(mentees_used), -len(mentees_used)
    flow.set_nodes_supplies(np.arange(n + m + 2), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    pair_flow = flow.flows(np.arange(len(mentees_used), len(mentees_used) + len(mentee)))
    chosen = pair_flow > 0
    assigned = np.full(n, -1, dtype=np.int64)
    assigned[mentee[chosen]] = mentor[chosen]
    return assigned


def _greedy(mentee: np.ndarray, mentor: np.ndarray, score: np.ndarray, capacity: np.ndarray, n: int) -> np.ndarray:
    order = np.lexsort((mentor, mentee, -score))
    left = capacity.tolist()
    assigned = [-1] * n
    for i, j in zip(mentee[order].tolist(), mentor[order].tolist(), strict=True):
        if assigned[i] < 0 and left[j] > 0:
            assigned[i] = j
            left[j] -= 1
    return np.array(assigned, dtype=np.int64)


def _deferred_acceptance(
    mentee: np.ndarray, mentor: np.ndarray, score: np.ndarray, capacity: np.ndarray, n: int
) -> np.ndarray:
    order = np.lexsort((mentor, -score, mentee))
    mentee, mentor, score = mentee[order], mentor[order], score[order]
    starts = np.searchsorted(mentee, np.arange(n + 1)).tolist()
    proposal_mentor, proposal_score = mentor.tolist(), score.tolist()
    next_proposal = starts[:-1]
    caps = capacity.tolist()
    # each mentor holds a min-heap keyed (score, -mentee): its top is the held mentee it likes least
    held: list[list[tuple[float, int]]] = [[] for _ in caps]
    free = deque(i for i in range(n) if starts[i] < starts[i + 1])
    while free:
        i = free.popleft()
        while next_proposal[i] < starts[i + 1]:
            e = next_proposal[i]
            next_proposal[i] += 1
            j, s = proposal_mentor[e], proposal_score[e]
            if caps[j] <= 0:
                continue
            if len(held[j]) < caps[j]:
                heapq.heappush(held[j], (s, -i))
                break
            if (s, -i) > held[j][0]:
                rejected = -heapq.heapreplace(held[j], (s, -i))[1]
                free.append(rejected)
                break
    assigned = np.full(n, -1, dtype=np.int64)
    for j, heap in enumerate(held):
        for _, negative_i in heap:
            assigned[-negative_i] = j
    return assigned


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a 1-d array, by one sort: numpy's ``unique`` hashes, which on hundreds of thousands of
    distinct int64 keys costs a hundred times a sort."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]


def distinct_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``keys``, ascending, with the index of one occurrence of each (any one: for
    callers whose repeated keys carry equal values)."""
    order = np.argsort(keys)
    ordered = keys[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first], order[first]


def integer_gains(score: np.ndarray, offset: int = 0) -> np.ndarray:
    """The flow solver's integer gain of each score: ``round(score × SCORE_SCALE) + offset``."""
    return np.rint(np.asarray(score, dtype=np.float64) * SCORE_SCALE).astype(np.int64) + offset


def integer_prices(
    mentee: np.ndarray, mentor: np.ndarray, gain: np.ndarray, assigned: np.ndarray, n_mentors: int
) -> np.ndarray:
    """Smallest integer mentor prices p ≥ 0 under which every mentee on the graph weakly prefers her
    assignment (gain − price), as longest paths in the exchange graph by vectorised Bellman–Ford rounds.

    For an assignment optimal on the graph these are optimal dual prices there (no positive cycle, so
    the rounds settle); otherwise the rounds stop after ``n_mentors + 1`` and the prices are still ≥ 0,
    which is all a bound needs.
    """
    mentee = np.asarray(mentee, dtype=np.int64)
    mentor = np.asarray(mentor, dtype=np.int64)
    gain = np.asarray(gain, dtype=np.int64)
    own = assigned[mentee]
    prices = np.zeros(n_mentors, dtype=np.int64)
    unmatched_edge = own < 0
    np.maximum.at(prices, mentor[unmatched_edge], gain[unmatched_edge])
    prices = np.maximum(prices, 0)
    own_gain = np.zeros(len(assigned), dtype=np.int64)
    on_own = (own >= 0) & (mentor == own)
    own_gain[mentee[on_own]] = gain[on_own]
    swap = (own >= 0) & (mentor != own)
    source, target = own[swap], mentor[swap]
    weight = gain[swap] - own_gain[mentee[swap]]
    if len(target) == 0:
        return prices
    # grouped by source: after the first round only the edges out of mentors whose price rose can raise
    # another (the same fixed point as relaxing every edge each round, in fewer steps)
    by_source = np.argsort(source)  # the order within a group does not matter
    source, target, weight = source[by_source], target[by_source], weight[by_source]
    starts = np.searchsorted(source, np.arange(n_mentors + 1))
    changed = None
    lowest = np.iinfo(np.int64).min
    for _ in range(n_mentors + 1):
        if changed is None:
            ends, reach = target, prices[source] + weight
        else:
            count = starts[changed + 1] - starts[changed]
            at = np.repeat(starts[changed] - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            ends, reach = target[at], prices[source[at]] + weight[at]
        best = np.full(n_mentors, lowest, dtype=np.int64)
        np.maximum.at(best, ends, reach)
        changed = np.flatnonzero(best > prices)
        if len(changed) == 0:
            break
        prices[changed] = best[changed]
    return prices


def mentor_prices(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    assigned: np.ndarray,
    n_mentors: int,
) -> np.ndarray:
    """:func:`integer_prices` of the scores, in score units: any p ≥ 0 gives a valid bound in
    :func:`upper_bound`, and for an optimal assignment these are optimal dual prices on the graph."""
    return integer_prices(mentee, mentor, integer_gains(score), assigned, n_mentors) / SCORE_SCALE


def upper_bound(
    scorer: PairScorer,
    prices: np.ndarray,
    capacity: np.ndarray,
    floor: float,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> float:
    """Upper bound on the best total score over ALL eligible pairs with score ≥ ``floor``:
    ``Σ_j capacity_j·p_j + Σ_i max(0, max_j s_ij − p_j)`` for any prices p ≥ 0, in one chunked pass."""
    n, m = scorer.shape
    if n == 0 or m == 0:
        return 0.0
    prices32 = prices.astype(np.float32)
    rows_per_chunk = max(1, min(n, (1 << 23) // m))

    def surplus(start: int) -> float:
        scores = scorer.block(start, min(n, start + rows_per_chunk))
        if floor > 0:
            drop_below(scores, scores, floor)
        scores -= prices32
        return float(np.maximum(scores.max(axis=1), 0.0).astype(np.float64).sum())

    total = float(np.dot(capacity.astype(np.float64), prices))
    starts = range(0, n, rows_per_chunk)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done, value in enumerate(pool.map(surplus, starts), 1):
            total += value
            if progress is not None:
                progress(done / len(starts), "bound")
    return total
