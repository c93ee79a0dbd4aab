"""Optimal over ALL eligible pairs, with proof: price the candidate graph's optimum against every pair.

The flow on the candidate graph is exact on that graph. Its dual — a price per mentor and a potential per
mentee — is feasible for the whole problem exactly when no eligible pair anywhere has a positive reduced
value ``gain_ij − price_j − potential_i``. One chunked pass over all pairs finds every such pair; the best
few per mentee join the graph and the flow is solved again, until none is left. Then the assignment is
the optimum over all pairs, and weak duality turns the prices into a bound equal to it: the certificate.

All of it runs on the solver's integer gains (score × :data:`SCORE_SCALE`, rounded), so "no positive
reduced value" is an exact integer comparison, not a float tolerance: the proof holds for the scores at
the engine's resolution of 10⁻⁶ per pair.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.assignment import SCORE_SCALE, distinct_keys, integer_gains, integer_prices
from matching.candidates import CHUNK_PAIRS, descending_key
from matching.records import ProgressCallback
from matching.scoring import PairScorer, drop_below

FLOAT32_MARGIN = 0.25 / SCORE_SCALE
"""A pair whose float32 reduced value exceeds its mentee's potential by more than this is checked exactly.
An exact violation (one integer unit) shows in float32 as at least 0.32 units above: half a unit of
rounding to integers and three float32 roundings of values ≤ 1 (each ≤ 0.06 units) are all it can lose."""
CROWD_WINDOW = 512
"""Mentors a mentee with a crowd of improving pairs looks at, from her own starting point."""
NEAR_SLACK = 0.01
"""A pass also adds a mentee's pairs within this (score units) of improving on her own, up to her best few:
the re-solve moves prices by about as much, and those pairs are the ones the next pass would find
(measured: one round fewer on two of the bench's five shapes). Only strictly improving pairs keep the loop
going."""
SURE_MARGIN = 0.8 / SCORE_SCALE
"""A pair whose float32 reduced value exceeds its mentee's potential by more than this improves for certain."""


@dataclass(frozen=True, slots=True)
class Edges:
    """A candidate graph's edges: mentee row, mentor column, float32 score; sorted by (mentee, mentor)."""

    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray


@dataclass(frozen=True, slots=True)
class Certificate:
    """What the pricing loop proved. Gains and bounds are in score units (integer gains ÷ SCORE_SCALE).

    ``upper_bound`` bounds the objective over ALL eligible pairs; ``gap`` = bound − the assignment's own
    objective (0 exactly when ``proven``). For ``max_matched`` the objective counts each matched mentee
    as ``matched_weight`` plus her score, and ``matched_proven`` says no assignment matches more.
    """

    proven: bool
    matched_proven: bool
    upper_bound: float
    gap: float
    rounds: int
    pairs_added: int
    seconds: float
    stopped: str
    """``proven``, ``rounds`` (the round limit), ``time`` (the time limit) or ``stalled`` (the pass found
    improving pairs that were all on the graph already: only possible if the solver's answer was not
    optimal on its graph, kept as a guard so the loop always ends)."""
    matched_weight: float

    def as_stats(self) -> dict:
        return {
            "proven": self.proven,
            "matched_proven": self.matched_proven,
            "upper_bound": self.upper_bound,
            "gap": self.gap,
            "rounds": self.rounds,
            "pairs_added": self.pairs_added,
            "seconds": round(self.seconds, 3),
            "stopped": self.stopped,
            "resolution": 1 / SCORE_SCALE,
        }


@dataclass(frozen=True, slots=True)
class _Pass:
    row_bound: np.ndarray
    """Per mentee, an integer upper bound on her largest reduced value ``gain_ij − price_j`` over ALL eligible
    mentors (and at least her potential): her term of the bound is ``max(0, row_bound)``."""
    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    scored_rows: int


class _Checker:
    """Checks scored rows against one set of prices: which pairs improve (exactly), and a bound per row."""

    def __init__(
        self,
        prices: np.ndarray,
        potential: np.ndarray,
        offset: int,
        floor: float,
        add_per_mentee: int,
        graph_keys: np.ndarray,
        graph_gain: np.ndarray,
        m: int,
        near: int = 0,
    ) -> None:
        self.prices, self.potential, self.offset, self.m = prices, potential, offset, m
        self.add_per_mentee = add_per_mentee
        self.graph_keys, self.graph_gain = graph_keys, graph_gain
        # reduced value in score units: s_ij − (P_j − offset)/S, where P_j − offset lies within [−1, 1] in
        # "optimal" mode; with the "max_matched" offset it may not, and float32 would lose the units
        shifted = (prices - offset).astype(np.float64) / SCORE_SCALE
        small = bool(np.all(np.abs(shifted) <= 2.0))
        self.dtype = np.float32 if small else np.float64
        lowest = potential.astype(np.float64) / SCORE_SCALE
        self.shifted_prices = shifted.astype(self.dtype)
        # pairs within ``near`` of improving are returned too (see NEAR_SLACK); the bound is exact either way
        self.near = near
        self.threshold = (lowest - near / SCORE_SCALE + (FLOAT32_MARGIN if small else 0.4 / SCORE_SCALE)).astype(
            self.dtype
        )
        # above this a pair improves for certain; between the two thresholds only the exact check can tell
        self.sure_threshold = (lowest + SURE_MARGIN).astype(self.dtype)
        self.floor32 = np.float32(floor)
        # an ineligible pair scores −4; with prices within [−2, 2] it cannot pass a threshold ≥ −1 anyway
        self.mask_floor = floor > 0 or not small or bool(np.any(lowest < -1))
        self.look_at = max(8, 2 * add_per_mentee)
        self._column_at: tuple[np.ndarray, np.ndarray] | None = None

    def _graph_pairs(self, rows: np.ndarray, columns: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Positions (row, column) in a block of ``rows`` × ``columns`` of the pairs on the graph: the graph's
        pairs of these rows, then those with mentors among ``columns`` (the memory stays that of the rows'
        pairs, whatever the set of mentors)."""
        keys = self.graph_keys
        if len(keys) == 0 or len(rows) == 0:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
        lo = np.searchsorted(keys, rows.astype(np.int64) * self.m)
        count = np.searchsorted(keys, (rows.astype(np.int64) + 1) * self.m) - lo
        at = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
        mentor = keys[at] % self.m
        on_row = np.repeat(np.arange(len(rows)), count)
        if columns is None:  # every mentor, in order
            return on_row, mentor
        if self._column_at is None or self._column_at[0] is not columns:
            column_at = np.full(self.m, -1, dtype=np.intp)
            column_at[columns] = np.arange(len(columns))
            self._column_at = (columns, column_at)
        position = self._column_at[1][mentor]
        kept = position >= 0
        return on_row[kept], position[kept]

    def check(
        self, rows: np.ndarray, scores: np.ndarray, cols: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Rows ``rows`` (mentee indices, ascending) scored against mentors ``cols`` (all when None), the pairs
        on the graph left out (the caller checks those exactly). Returns per row an integer upper bound on
        her reduced values over the other pairs, and the improving pairs among them (and those within ``near``
        of improving): the row's best ``add_per_mentee`` (largest reduced value; ties in :func:`_spread`
        order)."""
        m = scores.shape[1]
        columns = np.arange(m) if cols is None else cols
        reduced = np.subtract(scores, self.shifted_prices[columns], dtype=self.dtype)
        if self.mask_floor:
            drop_below(reduced, scores, self.floor32)
        on_rows, on_cols = self._graph_pairs(rows, cols)
        reduced[on_rows, on_cols] = -np.inf
        local = self.threshold[rows]
        row_max = reduced.max(axis=1) if m else np.full(len(rows), -np.inf, dtype=self.dtype)
        # without an improving pair a row's values are within her potential, and within the float bound
        # (half a unit of integer rounding and under half a unit of float error, with room to spare)
        finite = np.isfinite(row_max)
        ceiling = np.full(len(rows), NO_PAIR, dtype=np.int64)
        ceiling[finite] = np.ceil(row_max[finite].astype(np.float64) * SCORE_SCALE + 1.5).astype(np.int64)
        best = np.minimum(ceiling, self.potential[rows])
        hot = np.flatnonzero(row_max > local)
        sub = reduced[hot]
        del reduced
        certain = row_max[hot] > self.sure_threshold[rows[hot]]
        found_rows, found_cols = [], []
        sure = hot[certain]
        # a row that improves for certain is bounded by its float maximum; any other row's values above its
        # threshold are all checked exactly below, and the rest are within its potential
        best[sure] = ceiling[sure]
        # every pair above a row's threshold is checked exactly below, and the best few per mentee kept
        # (:func:`_best_few`); except where improving pairs are a crowd (an eighth of all mentors or more):
        # a mentee then adds her best few by float value within a window of the crowd, which is as good to
        # add and costs a window's sort, not a sort of thousands. Each such mentee looks at the mentors from
        # her own starting point, so that among equal pairs mentees take different ones.
        above = sub > local[hot][:, None]
        t = min(m, self.look_at)
        crowded = certain & (above.sum(axis=1) >= max(m // 8, 4 * t))
        crowd = hot[crowded]
        if len(crowd):
            start = (_spread(rows[crowd], np.zeros(1, np.int64)) % np.uint64(m)).astype(np.intp)
            wide = min(m, CROWD_WINDOW)
            rotated = (np.arange(wide) + start[:, None]) % m
            part = np.take_along_axis(sub[crowded], rotated, axis=1)
            k = min(t, wide)
            picked = (
                np.argpartition(descending_key(part, np.arange(wide)), k - 1, axis=1)[:, :k]
                if k < wide
                else np.tile(np.arange(wide), (len(crowd), 1))
            )
            passed = np.take_along_axis(part, picked, axis=1) > local[crowd][:, None]
            found_rows.append(np.repeat(crowd, k)[passed.ravel()])
            found_cols.append(np.take_along_axis(rotated, picked, axis=1)[passed])
        if len(crowd) < len(hot):
            r, c = np.nonzero(above[~crowded])
            found_rows.append(hot[~crowded][r])
            found_cols.append(c)
        r = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.intp)
        c = np.concatenate(found_cols) if found_cols else np.zeros(0, dtype=np.intp)
        mentee, mentor = rows[r], columns[c]
        s = scores[r, c]
        gain = integer_gains(s, self.offset)
        # a pair on the graph counts with the score the flow used
        keys = mentee.astype(np.int64) * self.m + mentor
        if len(self.graph_keys) and len(keys):
            at = np.minimum(np.searchsorted(self.graph_keys, keys), len(self.graph_keys) - 1)
            on_graph = self.graph_keys[at] == keys
            gain[on_graph] = self.graph_gain[at[on_graph]]
        value = gain - self.prices[mentor]
        np.maximum.at(best, r, value)
        improving = value > self.potential[mentee] - self.near
        mentee, mentor, s, value = mentee[improving], mentor[improving], s[improving], value[improving]
        pick = _best_few(mentee, mentor, value, self.add_per_mentee)
        return best, mentee[pick], mentor[pick], s[pick]


def _collect(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not parts:
        return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.float32)
    return (
        np.concatenate([p[0] for p in parts]).astype(np.int32),
        np.concatenate([p[1] for p in parts]).astype(np.int32),
        np.concatenate([p[2] for p in parts]).astype(np.float32),
    )


def _full_pass(scorer: PairScorer, checker: _Checker, workers: int, progress: Callable[[float], None]) -> _Pass:
    """Score all pairs in the candidate graph's chunks (so a pair scores exactly as it did there)."""
    n, m = scorer.shape
    rows_per_chunk = max(1, min(n, CHUNK_PAIRS // max(m, 1)))
    starts = list(range(0, n, rows_per_chunk))
    row_bound = np.empty(n, dtype=np.int64)

    def chunk(start: int) -> tuple[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        stop = min(n, start + rows_per_chunk)
        return start, checker.check(np.arange(start, stop), scorer.block(start, stop))

    parts = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done, (start, (best, mentee, mentor, score)) in enumerate(pool.map(chunk, starts), 1):
            row_bound[start : start + len(best)] = best
            parts.append((mentee, mentor, score))
            progress(done / len(starts))
    return _Pass(row_bound, *_collect(parts), scored_rows=n)


def _incremental_pass(
    scorer: PairScorer,
    checker: _Checker,
    previous: _Pass,
    previous_prices: np.ndarray,
    progress: Callable[[float], None],
) -> _Pass | None:
    """The same answer as :func:`_full_pass` from the last pass's row bounds, scoring only what changed.

    For a mentor whose price did not fall, every reduced value is at most what it was, so a row's old bound
    still holds against her; the mentors whose price fell are scored against every row; and only the rows
    whose bound then exceeds their potential are scored in full. None when too many prices fell for this to
    pay (the caller makes a full pass)."""
    n, m = scorer.shape
    fall = previous_prices - checker.prices
    slack = _fall_slack(fall, previous.row_bound, checker.potential, n, m)
    fell = np.flatnonzero(fall > slack)
    if len(fell) > m // 3:
        return None
    # a mentor whose price fell by at most ``slack`` raises no reduced value by more than that
    row_bound = previous.row_bound + slack
    parts = []
    if len(fell):
        # rows per block: a block also builds a rules table of rows × distinct mentor kinds
        step = max(1, CHUNK_PAIRS // max(len(fell), 1024))
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step))
            best, mentee, mentor, score = checker.check(rows, scorer.submatrix(rows, fell), fell)
            np.maximum(row_bound[rows], best, out=best)
            row_bound[rows] = best
            parts.append((mentee, mentor, score))
    suspects = np.flatnonzero(row_bound > checker.potential)
    if len(suspects) > n // 2:
        return None
    everyone = np.arange(m)
    step = max(1, CHUNK_PAIRS // max(m, 1))
    for done, start in enumerate(range(0, len(suspects), step), 1):
        rows = suspects[start : start + step]
        best, mentee, mentor, score = checker.check(rows, scorer.submatrix(rows, everyone))
        row_bound[rows] = best
        parts.append((mentee, mentor, score))
        progress(min(1.0, done * step / max(1, len(suspects))))
    mentee, mentor, score = _collect(parts)
    # a pair found both among the fallen mentors and in a full row appears twice: keep one
    _, first = np.unique(mentee.astype(np.int64) * m + mentor, return_index=True)
    mentee, mentor, score = mentee[first], mentor[first], score[first]
    # and per mentee still only the best few
    value = integer_gains(score, checker.offset) - checker.prices[mentor]
    pick = _best_few(mentee, mentor, value, checker.add_per_mentee)
    return _Pass(row_bound, mentee[pick], mentor[pick], score[pick], scored_rows=len(suspects))


@dataclass(frozen=True, slots=True)
class _Prefix:
    """What one reference bound settles: per row the prefix of ``order`` she must be scored against (0: none),
    and the bound she keeps without it (``settled``) or beyond it (``outside``)."""

    order: np.ndarray
    length: np.ndarray
    outside: np.ndarray
    settled: np.ndarray
    needed: np.ndarray


def _prefix(
    scorer: PairScorer, checker: _Checker, row_cap: np.ndarray, reference: np.ndarray, column_cap: np.ndarray
) -> _Prefix:
    """The rows one reference bound (``gain_ij − reference_j ≤ row_cap_i`` off the graph) leaves in doubt; see
    :func:`_bounded_pass`."""
    n, m = scorer.shape
    prices, potential = checker.prices, checker.potential
    rise = prices - reference
    order = np.argsort(rise, kind="stable")
    sorted_rise = rise[order]
    length = np.searchsorted(sorted_rise, row_cap - potential, side="left")
    # past her prefix a row's pairs are within row_cap − rise of the first mentor left out
    outside = np.where(length < m, row_cap - sorted_rise[np.minimum(length, m - 1)], NO_PAIR)
    # within it, within the largest column slack of the prefix's mentors she may be eligible with
    slack = column_cap[order] - prices[order]
    within = np.full(n, NO_PAIR, dtype=np.int64)
    has_prefix = length > 0
    reach = np.maximum.accumulate(slack)
    within[has_prefix] = reach[length[has_prefix] - 1]
    # a mentee is scored only against mentors she may be eligible with by language: per language profile
    # of the rows still in doubt, the same prefix maxima over those mentors alone
    doubt = np.flatnonzero(has_prefix & (within > potential))
    languages = scorer.a.language_key[doubt]
    mentor_language = scorer.b.language_key[order]
    for language in np.unique(languages).tolist():
        members = doubt[languages == language]
        eligible = scorer.language_steps[language][mentor_language] >= 0
        reach = np.maximum.accumulate(np.where(eligible, slack, NO_PAIR))
        within[members] = reach[length[members] - 1]
    needed = has_prefix & (within > potential)
    return _Prefix(order, np.where(needed, length, 0), outside, np.maximum(within, outside), needed)


def _bounded_pass(
    scorer: PairScorer,
    checker: _Checker,
    references: list[tuple[np.ndarray, np.ndarray]],
    column_cap: np.ndarray,
    progress: Callable[[float], None],
    limit: int | None = None,
) -> _Pass | None:
    """The same answer as :func:`_full_pass` from bounds already known, scoring only what they cannot settle.
    Each reference ``(row_cap, reference)`` says a pair off the graph has an integer ``gain − reference_j`` of
    at most ``row_cap[i]`` (e.g. her next-best pair net of the prices the graph was built with, or a
    later pass's row bound and prices); and ``column_cap[j]`` bounds the gain of every pair of mentor ``j``
    off the graph (her ``top_q``-th pair). So a pair can improve only where ``price_j − reference_j <
    row_cap[i] − potential_i`` and ``column_cap[j] − price_j > potential_i``. With the mentors ordered by
    ``price − reference``, a mentee's mentors of the first kind are a prefix of that order: she is scored
    against that prefix, and only if a mentor in it passes the second test (among the mentors she shares a
    working language with). Each row takes the reference that leaves her the shortest prefix (none, if one
    settles her). None when that would score more than ``limit`` pairs (default: half of all).
    """
    n, m = scorer.shape
    prefixes = [_prefix(scorer, checker, row_cap, reference, column_cap) for row_cap, reference in references]
    # every reference's bound holds: a row settled by one keeps the least of them
    row_bound = np.minimum.reduce([p.settled for p in prefixes])
    doubtful = np.logical_and.reduce([p.needed for p in prefixes])
    lengths = np.stack([np.where(p.needed, p.length, m + 1) for p in prefixes])
    choice = np.argmin(lengths, axis=0)
    if int(lengths[choice, np.arange(n)][doubtful].sum()) > ((n * m) // 2 if limit is None else limit):
        return None
    parts = []
    total = max(1, int(lengths[choice, np.arange(n)][doubtful].sum()))
    done = 0
    for which, prefix in enumerate(prefixes):
        needed = np.flatnonzero(doubtful & (choice == which))
        length = prefix.length
        needed = needed[np.argsort(length[needed], kind="stable")]
        start = 0
        while start < len(needed):
            # rows of similar prefix lengths together, a bounded number of pairs per block
            stop = start + 1
            while stop < len(needed) and (stop - start + 1) * int(length[needed[stop]]) <= CHUNK_PAIRS:
                stop += 1
            width = int(length[needed[stop - 1]])
            rows = np.sort(needed[start:stop])
            if 2 * width >= m:
                # most of a row costs about what all of it costs, and all of it leaves her an exact bound
                best, mentee, mentor, score = checker.check(rows, scorer.rows(rows))
                row_bound[rows] = best
                width = m
            else:
                cols = prefix.order[:width]
                best, mentee, mentor, score = checker.check(rows, scorer.submatrix(rows, cols), cols)
                # beyond her prefix the chosen reference bounds her, and every other reference as before
                row_bound[rows] = np.minimum(np.maximum(best, prefix.outside[rows]), row_bound[rows])
            parts.append((mentee, mentor, score))
            done += (stop - start) * width
            start = stop
            progress(min(1.0, done / total))
    mentee, mentor, score = _collect(parts)
    return _Pass(row_bound, mentee, mentor, score, scored_rows=int(doubtful.sum()))


def _fall_slack(fall: np.ndarray, row_bound: np.ndarray, potential: np.ndarray, n: int, m: int) -> int:
    """How far a price may have fallen and still be covered by raising every row's old bound by as much
    (instead of scoring that mentor against every row again): the choice among a few that scores the
    fewest pairs, counting a fallen mentor as ``n`` pairs and a row the bound no longer proves as ``m``."""
    return _fall_plan(fall, row_bound, potential, n, m)[0]


def _fall_plan(fall: np.ndarray, row_bound: np.ndarray, potential: np.ndarray, n: int, m: int) -> tuple[int, int]:
    """:func:`_fall_slack` and the number of pairs it expects :func:`_incremental_pass` to score."""
    falls = np.sort(fall[fall > 0])
    if len(falls) == 0:
        return 0, int((row_bound > potential).sum()) * m
    options = np.unique(np.concatenate([[0], falls[(np.linspace(0, 1, 17)[:-1] * len(falls)).astype(int)], falls[-1:]]))
    cost = [
        int((fall > option).sum()) * n + int((row_bound + option > potential).sum()) * m for option in options.tolist()
    ]
    best = int(np.argmin(cost))
    return int(options[best]), cost[best]


def _best_few(mentee: np.ndarray, mentor: np.ndarray, value: np.ndarray, few: int) -> np.ndarray:
    """Indices of each mentee's ``few`` pairs of largest value (ties in :func:`_spread` order), by mentee."""
    order = np.lexsort((mentor, _spread(mentee, mentor), -value, mentee))
    ordered = mentee[order]
    return order[np.arange(len(order)) - np.searchsorted(ordered, ordered, side="left") < few]


def _spread(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random order of pairs (a hash of the indices): among equal improving pairs each mentee
    takes a different few mentors, where "lowest index first" would send every tied mentee to the same ones."""
    h = rows.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + cols.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
    h ^= h >> np.uint64(31)
    return h * np.uint64(0x94D049BB133111EB)


def _merge(edges: Edges, mentee: np.ndarray, mentor: np.ndarray, score: np.ndarray, m: int) -> tuple[Edges, int]:
    """The union of the graph and new pairs, sorted by (mentee, mentor); returns how many were new."""
    old = edges.mentee.astype(np.int64) * m + edges.mentor  # sorted
    new = mentee.astype(np.int64) * m + mentor
    at = np.minimum(np.searchsorted(old, new), max(len(old) - 1, 0))
    fresh = old[at] != new if len(old) else np.ones(len(new), dtype=bool)
    # a pair found twice scores the same each time
    added, first = distinct_keys(new[fresh])
    # the new keys go in at their places in the old sorted ones: a merge, not a sort of the whole graph
    at = np.searchsorted(old, added)
    keys = np.insert(old, at, added)
    scores = np.insert(np.asarray(edges.score, dtype=np.float32), at, score[fresh][first].astype(np.float32))
    return Edges((keys // m).astype(np.int32), (keys % m).astype(np.int32), scores), len(added)


def _tight(edges: Edges, gain: np.ndarray, prices: np.ndarray, potential: np.ndarray, slack: int) -> Edges:
    """The edges within ``slack`` of tight under these prices: the ones a re-solve is likely to use. Dropping
    the others costs no correctness: the next pass checks every pair again. (Keeping only a few per mentee
    was tried: among exact ties the loop then drops and re-adds the same pairs and does not settle.)"""
    keep = gain - prices[edges.mentor] >= potential[edges.mentee] - slack
    return Edges(edges.mentee[keep], edges.mentor[keep], edges.score[keep])


def initial_bound(net_bound: np.ndarray) -> np.ndarray:
    """An integer bound (for :func:`prove_optimal`'s ``initial``) from a float32 net value
    ``fl(score − fl32(price / SCORE_SCALE))``: the integer gain is within half a unit of score × SCALE, the
    float32 price within 0.2 units of the integer price, and the subtraction rounds by at most 0.25 units
    for values within ±4, so 1.5 units of headroom cover it."""
    bound = np.full(len(net_bound), NO_PAIR, dtype=np.int64)
    finite = np.isfinite(net_bound)
    bound[finite] = np.ceil(net_bound[finite].astype(np.float64) * SCORE_SCALE + 1.5).astype(np.int64)
    return bound


NO_PAIR = -(1 << 50)
"""The integer bound of a row with no pair left to bound."""

TIGHT_SLACK = 0.05
"""Re-solves after the first run on the edges whose reduced value is within this (score units) of their
mentee's potential, plus the pairs just found; the full pass afterwards still checks all pairs."""


def prove_optimal(
    scorer: PairScorer,
    edges: Edges,
    capacity: np.ndarray,
    assigned: np.ndarray,
    solve: Callable[[Edges, np.ndarray], np.ndarray],
    *,
    floor: float,
    lexicographic: bool,
    max_rounds: int,
    time_limit: float,
    add_per_mentee: int,
    workers: int = 1,
    progress: ProgressCallback | None = None,
    initial: tuple[np.ndarray, np.ndarray] | None = None,
    caps: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, Edges, Certificate]:
    """Grow the graph with improving pairs and re-solve until the assignment is optimal over all eligible
    pairs, or a limit is reached. ``solve(edges, prices)`` returns the assignment on a graph (``prices``: the
    last integer mentor prices, a start for the flow, see :func:`matching.assignment.assign`); ``assigned`` is
    its answer on ``edges``. Returns the final assignment, the graph with every pair added, and the certificate.

    ``initial`` = (bound, prices) from the pass that built the graph: per mentee an integer upper bound on
    ``gain − price`` under those integer prices over every eligible pair NOT on the graph (see
    :func:`initial_bound`). The first round then scores only what that bound cannot settle.

    ``caps`` = (row cap, estimate, column cap) from the pass that built the graph, for every eligible pair
    (i, j) NOT on ``edges``: ``gain_ij − estimate_j ≤ row cap_i`` and ``gain_ij ≤ column cap_j``, integer
    gains without the ``max_matched`` offset (see :func:`initial_bound` with the graph's ``row_bound`` and
    ``column_bound``). The first round then scores only the pairs neither settles (:func:`_bounded_pass`)."""
    clock = time.perf_counter()
    n, m = scorer.shape
    if progress is not None:
        progress(0.0, "proving")
    if n == 0 or m == 0:
        return assigned, edges, Certificate(True, lexicographic, 0.0, 0.0, 0, 0, 0.0, "proven", 0.0)
    offset = (n + 1) * SCORE_SCALE if lexicographic else 0
    capacity = np.asarray(capacity, dtype=np.int64)
    added = 0
    rounds = 0
    stopped = "rounds"
    active = edges  # the graph the flow solved: all of it at first, its nearly tight part later
    last: _Pass | None = None
    last_prices = np.zeros(m, dtype=np.int64)
    # the mentors' own lists bound the pairs left out of the first graph, and so of every later one
    column_cap = (
        np.where(caps[2] > NO_PAIR, caps[2] + offset, NO_PAIR)
        if caps is not None
        else np.full(m, 1 << 60, dtype=np.int64)
    )
    if caps is not None:
        first_reference = (np.where(caps[0] > NO_PAIR, caps[0] + offset, NO_PAIR), np.asarray(caps[1], dtype=np.int64))
    while True:
        rounds += 1
        gain = integer_gains(active.score, offset)
        prices = integer_prices(active.mentee, active.mentor, gain, assigned, m)
        matched = assigned >= 0
        own = np.full(n, -1, dtype=np.int64)
        on_own = assigned[active.mentee] == active.mentor
        own[active.mentee[on_own]] = gain[on_own]
        potential = np.where(matched, own - prices[np.maximum(assigned, 0)], 0)
        total = int(own[matched].sum())

        def tick(fraction: float, round_number: int = rounds) -> None:
            if progress is not None:
                progress(min(1.0, (round_number - 1 + fraction) / max_rounds), "proving")

        # every pair on the graph is checked exactly here; the passes bound the pairs off it
        keys = edges.mentee.astype(np.int64) * m + edges.mentor
        edge_gain = integer_gains(edges.score, offset)
        edge_value = edge_gain - prices[edges.mentor]
        edge_best = np.full(n, NO_PAIR, dtype=np.int64)
        with_edges = np.flatnonzero(np.r_[True, edges.mentee[1:] != edges.mentee[:-1]]) if len(keys) else keys
        if len(with_edges):
            edge_best[edges.mentee[with_edges]] = np.maximum.reduceat(edge_value, with_edges)
        # pairs the last re-solve left out of its nearly tight part that improve now
        loose = np.flatnonzero(edge_value > potential[edges.mentee])
        loose = loose[_best_few(edges.mentee[loose], edges.mentor[loose], edge_value[loose], add_per_mentee)]
        loose_pairs = (edges.mentee[loose], edges.mentor[loose], edges.score[loose])
        checker = _Checker(
            prices, potential, offset, floor, add_per_mentee, keys, edge_gain, m, int(NEAR_SLACK * SCORE_SCALE)
        )
        if rounds == 1 and initial is not None:
            # the pairs off the graph are within the pass's bound, raised by ``slack`` where a price fell
            # by no more than that
            first_bound, estimate = initial[0], np.asarray(initial[1], dtype=np.int64)
            slack = _fall_slack(estimate - prices, first_bound, potential, n, m)
            empty = np.zeros(0, dtype=np.int32)
            last = _Pass(first_bound + slack, empty, empty, np.zeros(0, np.float32), 0)
            last_prices = estimate - slack
        found = None
        if rounds == 1 and caps is not None:
            found = _bounded_pass(scorer, checker, [first_reference], column_cap, tick)
        elif last is not None:
            # by the last pass's row bounds (and the graph's own, which hold in every round): per row (the
            # mentors whose price fell far enough to matter) or per mentor (the mentors whose price fell,
            # then the rows left in doubt), whichever scores less
            _, by_mentor = _fall_plan(last_prices - prices, last.row_bound, potential, n, m)
            references = [(last.row_bound, last_prices)] + ([first_reference] if caps is not None else [])
            found = _bounded_pass(scorer, checker, references, column_cap, tick, limit=by_mentor)
            if found is None:
                found = _incremental_pass(scorer, checker, last, last_prices, tick)
        if found is None:
            found = _full_pass(scorer, checker, workers, tick)
        last, last_prices = found, prices
        row_term = np.maximum(np.maximum(found.row_bound, edge_best), 0)
        bound = int(np.dot(capacity, prices)) + int(row_term.sum())
        strict = integer_gains(found.score, offset) - prices[found.mentor] > potential[found.mentee]
        if not strict.any() and len(loose) == 0:
            stopped = "proven" if bound == total else "stalled"
            break
        if rounds >= max_rounds:
            stopped = "rounds"
            break
        if time.perf_counter() - clock > time_limit:
            stopped = "time"
            break
        edges, fresh = _merge(edges, found.mentee, found.mentor, found.score, m)
        added += fresh
        tight = _tight(active, gain, prices, potential, int(TIGHT_SLACK * SCORE_SCALE))
        new_mentee = np.concatenate([found.mentee, loose_pairs[0]])
        new_mentor = np.concatenate([found.mentor, loose_pairs[1]])
        new_score = np.concatenate([found.score, loose_pairs[2]])
        _, once = np.unique(new_mentee.astype(np.int64) * m + new_mentor, return_index=True)
        active, fresh_active = _merge(tight, new_mentee[once], new_mentor[once], new_score[once], m)
        if fresh_active == 0:
            stopped = "stalled"
            break
        # the last prices start the re-solve (nearly right for the graph it grew from)
        assigned = solve(active, prices)
    if progress is not None:
        progress(1.0, "proving")
    gap = max(0, bound - total)
    matched_weight = offset / SCORE_SCALE
    certificate = Certificate(
        proven=gap == 0,
        # one more matched mentee would add offset and lose at most every current score
        matched_proven=lexicographic and gap + total - int(matched.sum()) * offset < offset,
        upper_bound=bound / SCORE_SCALE,
        gap=gap / SCORE_SCALE,
        rounds=rounds,
        pairs_added=added,
        seconds=time.perf_counter() - clock,
        stopped=stopped,
        matched_weight=matched_weight,
    )
    return assigned, edges, certificate
