"""Estimated mentor prices from a small sample of mentees, before the one pass over all pairs.

The optimum's mentor prices say how much a place with each mentor is worth in this population. Knowing
them roughly before the pass lets the pass keep, for each mentee, the pairs that are good *net of price*
(the ones an optimum uses) and bound what it leaves out, so the proof afterwards rescans only the few
rows it cannot settle. The estimate comes from a scaled-down market: a random sample of mentees, each
standing for ``n / sample`` women, against every mentor with her full capacity, solved as a min-cost flow
on the sample's best pairs net of the prices so far (and, the first time, each mentor's best sampled
mentees), twice. Nothing here has to be right: the proof checks every pair against the final prices, and
a poor estimate only costs time.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.assignment import SCORE_SCALE, distinct, integer_prices
from matching.candidates import CHUNK_PAIRS, top_per_column, top_per_row
from matching.scoring import PairScorer, drop_below

SAMPLE_PAIRS = 1 << 23
"""At most this many pairs (32 MB of float32 scores) are held for the sample."""
SAMPLE_MENTEES = 4000
"""And at most this many mentees, however few mentors there are."""


COARSE = 1000
"""The sample market is solved on gains of 10⁻³ (not the run's 10⁻⁶): an estimate needs no finer prices, and
the flow's cost scaling takes fewer phases."""

COVERAGE = 4
"""A sample smaller than the population must hold this many of its pairs per mentor, or there is no estimate:
a mentor no sampled mentee looks at would be priced at nothing."""

SAMPLE_SHARE = 0.5
"""No estimate from a sample of more than this share of the mentees: its market then costs about what the
proof it would shorten costs (measured on the rare-sector crowd at 5,000 × 1,500: 0.61 s with an estimate from
4,000 mentees, 0.48 s without; at 10,000 × 3,000, from 2,796: 1.34 s, against 1.74 s without)."""

WORTH = 0.1
"""An estimate is kept only when it is worth this much to the sample (score units): the mean over sampled
mentees of her best pair net of the first round's prices less the best net of those prices among her ``top``
pairs by plain score. The first round's market holds the pairs a pass without prices keeps (each mentee's best
by plain score, each mentor's best), so this is about what the proof would find improving after such a pass.
Below it, the pass without prices (no subtraction, one ranking per row) costs less than the estimate saves.
Measured at 20,000 × 6,000 (bench/synthetic.py): 0.002–0.02 on the default, language-islands and
scarce-capacity shapes, which run 0.5–0.7 s faster without an estimate, and 0.36–0.39 on the rare-sector
crowd, which runs 3 s slower without one."""


def market_prices(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    supply: np.ndarray,
    capacity: np.ndarray,
    coarse: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Solve a market where mentee ``i`` brings ``supply[i]`` units and mentor ``j`` takes ``capacity[j]``,
    each unit worth its edge's score; return integer mentor prices (the smallest under which no unit
    prefers another of its edges) and each mentee's integer potential (her units' value net of price)."""
    _, prices, potential = solve_market(mentee, mentor, score, supply, capacity, coarse)
    return prices * coarse, potential * coarse


def solve_market(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    supply: np.ndarray,
    capacity: np.ndarray,
    coarse: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`market_prices` with the optimal units on each edge first: (units, prices, potential), in units of
    ``coarse`` gains (the flow solves faster on coarser costs)."""
    n, m = len(supply), len(capacity)
    gain = np.rint(np.asarray(score, dtype=np.float64) * (SCORE_SCALE // coarse)).astype(np.int64)
    used = np.flatnonzero(np.bincount(mentee, minlength=n))
    used_mentors = np.flatnonzero(np.bincount(mentor, minlength=m))
    source, sink = n + m, n + m + 1
    total = int(supply[used].sum())
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(len(used), source), mentee, used_mentors + n, [source]]),
        np.concatenate([used, mentor + n, np.full(len(used_mentors), sink), [sink]]),
        np.concatenate([supply[used], supply[mentee], capacity[used_mentors], [total]]).astype(np.int64),
        np.concatenate([np.zeros(len(used), np.int64), -gain, np.zeros(len(used_mentors) + 1, np.int64)]),
    )
    supplies = np.zeros(n + m + 2, dtype=np.int64)
    supplies[source], supplies[sink] = total, -total
    flow.set_nodes_supplies(np.arange(n + m + 2), supplies)
    if flow.solve() != flow.OPTIMAL:
        raise RuntimeError("min-cost flow failed on the price sample")
    units = np.asarray(flow.flows(np.arange(len(used), len(used) + len(mentee))))
    # one unit-demand stand-in per (mentee, mentor her units went to), and one for her units left over:
    # each holds all her edges, so the exchange graph of the stand-ins prices the market
    placed = np.bincount(mentee, weights=units, minlength=n)
    own_mentee = np.concatenate([mentee[units > 0], used[placed[used] < supply[used]]])
    own_mentor = np.concatenate([mentor[units > 0], np.full(int((placed[used] < supply[used]).sum()), -1)])
    order = np.argsort(mentee)  # grouped by mentee; the order within her edges does not matter
    first = np.searchsorted(mentee[order], np.arange(n + 1))
    degree = first[own_mentee + 1] - first[own_mentee]
    stand_in = np.repeat(np.arange(len(own_mentee)), degree)
    within = np.arange(int(degree.sum())) - np.repeat(np.cumsum(degree) - degree, degree)
    edge = order[np.repeat(first[own_mentee], degree) + within]
    prices = integer_prices(stand_in, mentor[edge], gain[edge], own_mentor, m)
    potential = np.full(n, np.iinfo(np.int64).max // 4, dtype=np.int64)
    own_gain = np.zeros(len(own_mentee), dtype=np.int64)
    on_own = mentor[edge] == own_mentor[stand_in]
    own_gain[stand_in[on_own]] = gain[edge[on_own]]
    value = np.where(own_mentor >= 0, own_gain - prices[np.maximum(own_mentor, 0)], 0)
    np.minimum.at(potential, own_mentee, value)
    potential[potential == np.iinfo(np.int64).max // 4] = 0
    return units, prices, potential


def estimate_prices(
    scorer: PairScorer,
    capacity: np.ndarray,
    floor: float,
    *,
    top: int = 20,
    column_top: int = 6,
    rounds: int = 2,
    seed: int = 0,
) -> np.ndarray | None:
    """Integer mentor prices of the sample market, refined over ``rounds``
    solves, each adding the sample's ``top`` pairs net of the last prices; stops early once no sampled
    mentee has a better pair than her own at those prices. None after the first solve when its prices are
    not worth using (:data:`WORTH`). The first solve also holds each mentor's
    ``column_top`` best sampled mentees (her order is the same net of her price, so once is enough): a
    mentor few sampled mentees rank first still meets the ones she would take, and a crowded sector's
    mentees meet the mentors outside it, without waiting for a round to price the crowd first. None when the
    sample would be too thin to price every mentor (see :data:`COVERAGE`) or too large a share of the
    population to pay (:data:`SAMPLE_SHARE`)."""
    n, m = scorer.shape
    if n == 0 or m == 0:
        return np.zeros(m, dtype=np.int64)
    size = min(n, SAMPLE_MENTEES, max(1, SAMPLE_PAIRS // max(m, 1)))
    if size > SAMPLE_SHARE * n or (size < n and size * top < COVERAGE * m):
        return None
    rows = np.arange(n) if size == n else np.sort(np.random.default_rng(seed).choice(n, size, replace=False))
    step = max(1, CHUNK_PAIRS // max(m, 1))
    # filled block by block: one array of the sample's scores, no list of blocks and a copy of them
    scores = np.empty((size, m), dtype=np.float32)
    for s in range(0, size, step):
        scores[s : s + step] = scorer.rows(rows[s : s + step])
    floor32 = np.float32(floor)
    t = min(top, m)
    # each sampled mentee stands for n / size women (spread as whole numbers)
    supply = np.full(size, n // size, dtype=np.int64)
    supply[: n % size] += 1
    places = np.asarray(capacity, dtype=np.int64)
    prices = np.zeros(m, dtype=np.int64)
    potential = np.zeros(size, dtype=np.int64)
    keys = np.zeros(0, dtype=np.int64)
    cols = np.empty((size, t), dtype=np.intp)
    values = np.empty((size, t), dtype=np.float32)
    buffer = np.empty((min(step, size), m), dtype=np.float32)
    plain: tuple[np.ndarray, np.ndarray] | None = None
    for _ in range(rounds):
        price32 = (prices / SCORE_SCALE).astype(np.float32)
        # an ineligible pair scores −4 and so nets below every eligible one while prices stay within [0, 3]
        masked = floor32 > 0 or price32.max(initial=0) > 3
        # block by block into one buffer: the sample's net values are never held at once
        for s in range(0, size, step):
            block = scores[s : s + step]
            net = np.subtract(block, price32, out=buffer[: len(block)])
            if masked:
                drop_below(net, block, floor32)
            c, v = top_per_row(net, t)
            v[np.take_along_axis(block, c, axis=1) < floor32] = -np.inf
            cols[s : s + step], values[s : s + step] = c, v
        if not keys.size:
            plain = cols.copy(), values.copy()  # no prices yet: her best pairs by plain score
        elif plain is not None:
            if _worth(values[:, 0], plain, price32) < WORTH:
                return None
            plain = None  # the first prices are worth using: so are the refined ones
        # no sampled mentee gains from a pair at these prices: the sample market is solved
        if keys.size and not np.any(values[:, 0] > (potential + 1) / SCORE_SCALE):
            break
        good = np.isfinite(values)
        new = np.repeat(np.arange(size, dtype=np.int64), t)[good.ravel()] * m + cols[good]
        if not keys.size and column_top > 0:
            new = np.concatenate([new, _column_keys(scores, floor32, column_top)])
        keys = distinct(np.concatenate([keys, new]))
        if keys.size == 0:
            break
        mentee, mentor = keys // m, keys % m
        prices, potential = market_prices(mentee, mentor, scores[mentee, mentor], supply, places, COARSE)
    return prices


def _worth(best_net: np.ndarray, plain: tuple[np.ndarray, np.ndarray], price32: np.ndarray) -> float:
    """The mean, over sampled mentees with an eligible pair, of her best net value less the best net value
    among her best pairs by plain score (see :data:`WORTH`)."""
    cols, values = plain
    within = np.max(values - price32[cols], axis=1)
    has = np.isfinite(best_net) & np.isfinite(within)
    return float(np.mean(best_net[has] - within[has])) if has.any() else 0.0


def _column_keys(scores: np.ndarray, floor32: np.float32, q: int) -> np.ndarray:
    """Keys ``row · m + column`` of each column's ``q`` best eligible entries. A column's ``q`` best entries
    hold her ``q`` best eligible ones: an eligible score is above every ineligible one."""
    size, m = scores.shape
    best, value = top_per_column(scores, min(q, size))
    good = value >= floor32
    column = np.repeat(np.arange(m, dtype=np.int64), best.shape[1])[good.ravel()]
    return best[good].astype(np.int64) * m + column
