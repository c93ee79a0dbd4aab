"""Candidate graph: each mentee's top-k mentors united with each mentor's top-q mentees, scored in chunks.

Memory stays bounded by one chunk of scores per worker thread plus the graph itself; the work is one
pass over all pairs with vectorised products and an ``argpartition`` per chunk.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.assignment import distinct_keys
from matching.records import ProgressCallback
from matching.scoring import PairScorer, drop_below

CHUNK_PAIRS = 1 << 21
"""Pairs scored per chunk (8 MB of float32 scores, mostly cache-resident); one chunk per worker thread is in flight."""


@dataclass(frozen=True, slots=True)
class CandidateGraph:
    """Edges (mentee row, mentor column, score ≥ floor) sorted by mentee then mentor, plus per mentee
    her ranked top-k eligible mentors (-1 padded) and her best score over all mentors (-inf if none
    is eligible)."""

    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    ranked_mentors: np.ndarray
    ranked_scores: np.ndarray
    best_score: np.ndarray
    floor: float
    row_bound: np.ndarray | None = None
    """Bounded graphs only (:func:`priced_candidate_graph`): per mentee, an upper bound on ``score − price``
    (the prices the graph was built with; 0 without) over every eligible pair NOT in the graph, in float32
    score units (−inf when the graph holds all her eligible pairs)."""
    column_bound: np.ndarray | None = None
    """Bounded graphs only: per mentor, an upper bound on the score of every eligible pair of hers NOT in
    the graph (her ``top_q``-th score; −inf when the graph holds all her eligible pairs)."""


GROUP = 16
"""Columns per group in :func:`top_per_row`: each group's maximum stands for it."""


def descending_key(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Distinct int64 keys ordering float32 ``values`` descending, then ``index`` (< 2**24) ascending."""
    bits = np.ascontiguousarray(values, dtype=np.float32).view(np.int32)
    # a negative float's magnitude bits flipped: the int32s then order as the floats do (−0 just below +0),
    # and their complement the other way round
    descending = ~(bits ^ ((bits >> 31) & 0x7FFFFFFF))
    return (descending.astype(np.int64) << 24) | index


def top_per_row(values: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``t`` largest values (float32, no NaN) and their columns, best first: no value left out
    is larger than the last one returned (among equal values the choice is arbitrary but fixed).

    Column ``c < G·GROUP`` falls in group ``c mod G`` (G = ⌊m / GROUP⌋), so the group maxima are a few
    contiguous element-wise maxima. The ``t`` groups with the largest maxima, with the few columns past
    ``G·GROUP``, hold a top ``t``: every element of another group is at most its group's maximum, which is
    at most each of those ``t`` maxima, each an element of its own group. Only those values are ranked.
    """
    r, m = values.shape
    t = min(t, m)
    width = m // GROUP
    full = width * GROUP
    if width <= 2 * t or r == 0 or m >= 1 << 24:
        order = np.argsort(-values, axis=1, kind="stable")[:, :t]
        return order, np.take_along_axis(values, order, axis=1)
    maxima = np.maximum.reduce(values[:, :full].reshape(r, GROUP, width), axis=1)
    cols = _group_members(maxima, t, full, m)
    return _best_of(np.take_along_axis(values, cols, axis=1), cols, t)


def top_per_column(values: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`top_per_row` of ``values.T`` without transposing ``values``: each column's ``t`` largest values
    and their rows, best first, as arrays of shape (columns, t). The groups are of rows here (row ``r <
    H·GROUP`` in group ``r mod H``), so their maxima are contiguous element-wise maxima of whole rows."""
    r, m = values.shape
    t = min(t, r)
    height = r // GROUP
    full = height * GROUP
    if height <= 2 * t or m == 0 or r >= 1 << 24:
        return top_per_row(np.ascontiguousarray(values.T), t)
    maxima = np.maximum.reduce(values[:full].reshape(GROUP, height, m), axis=0)
    rows = _group_members(np.ascontiguousarray(maxima.T), t, full, r)
    return _best_of(values[rows, np.arange(m)[:, None]], rows, t)


def _group_members(maxima: np.ndarray, t: int, full: int, length: int) -> np.ndarray:
    """Per line, the indices of every member of its ``t`` groups with the largest ``maxima`` (lines × groups),
    with the ``length − full`` indices past the last whole group."""
    lines, width = maxima.shape
    # selection on distinct integer keys: introselect on a line of equal floats is many times slower
    chosen = np.argpartition(descending_key(maxima, np.arange(width)), t - 1, axis=1)[:, :t]
    members = (chosen[:, :, None] + np.arange(0, full, width)).reshape(lines, t * GROUP)
    if full < length:
        members = np.hstack([members, np.broadcast_to(np.arange(full, length), (lines, length - full))])
    return members


def _best_of(gathered: np.ndarray, index: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
    """Per line, the ``t`` largest of ``gathered`` (ties by ``index``) and their ``index``, best first."""
    key = descending_key(gathered, index)
    pick = np.argpartition(key, t - 1, axis=1)[:, :t]
    pick = np.take_along_axis(pick, np.argsort(np.take_along_axis(key, pick, axis=1), axis=1), axis=1)
    return np.take_along_axis(index, pick, axis=1), np.take_along_axis(gathered, pick, axis=1)


def score_floor(min_score: float) -> np.float32:
    """Smallest float32 score an edge may have: eligible (≥ 0) and at least ``min_score``."""
    return np.float32(max(0.0, min_score)) - np.float32(1e-7) if min_score > 0 else np.float32(0.0)


class _ColumnTop:
    """Running top-q mentees per mentor. Candidates at or above the current q-th best are buffered
    and merged lazily, since after the first chunks very few pairs pass the thresholds."""

    def __init__(self, n_mentors: int, q: int, floor: np.float32, n_mentees: int = 1 << 31) -> None:
        self.q, self.n_mentors = q, n_mentors
        # bits of a mentee index in a merge key: (mentor, score descending, mentee) in one int64 when they fit
        self.row_bits = max(1, (max(n_mentees, 1) - 1).bit_length())
        self.packed = (max(n_mentors, 1) - 1).bit_length() + 32 + self.row_bits <= 63
        # a pair passes when its score is strictly above the threshold: ties with the current q-th best
        # lose to the earlier (lower) mentee, as in the final ordering, and floods of equal scores stay out
        self.below_floor = np.nextafter(floor, np.float32(-np.inf))
        self.threshold = np.full(n_mentors, self.below_floor, dtype=np.float32)
        self._rows = np.zeros(0, dtype=np.int32)
        self._cols = np.zeros(0, dtype=np.int32)
        self._scores = np.zeros(0, dtype=np.float32)
        # packed: the kept pairs as their sorted keys (decoded on demand)
        self.keys = np.zeros(0, dtype=np.int64)
        self.buffer: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.buffered = 0

    @property
    def rows(self) -> np.ndarray:
        """The kept pairs' mentees, by mentor then score descending then mentee (as ``cols`` and ``scores``)."""
        return (self.keys & ((1 << self.row_bits) - 1)).astype(np.int32) if self.packed else self._rows

    @property
    def cols(self) -> np.ndarray:
        return (self.keys >> (32 + self.row_bits)).astype(np.int32) if self.packed else self._cols

    @property
    def scores(self) -> np.ndarray:
        return self._key_scores(self.keys) if self.packed else self._scores

    def _key_scores(self, keys: np.ndarray) -> np.ndarray:
        """The scores held in packed keys (their middle 32 bits, complemented)."""
        return (0xFFFFFFFF - ((keys >> self.row_bits) & 0xFFFFFFFF)).astype(np.uint32).view(np.float32)

    def add(self, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> None:
        # workers filtered with an older (lower) threshold; filtering again here makes the result
        # independent of thread timing
        passed = scores > self.threshold[cols]
        rows, cols, scores = rows[passed], cols[passed], scores[passed]
        self.buffer.append((rows, cols, scores))
        self.buffered += len(rows)
        # merging often keeps the thresholds tight, so fewer pairs pass them in the next chunks
        if self.buffered > self.q * self.n_mentors // 2:
            self.merge()

    def merge(self) -> None:
        if not self.buffer:
            return
        rows = np.concatenate([b[0] for b in self.buffer])
        cols = np.concatenate([b[1] for b in self.buffer])
        scores = np.concatenate([b[2] for b in self.buffer])
        self.buffer, self.buffered = [], 0
        if self.packed:
            # with the mentee in the key's last bits every key is distinct and holds its whole pair: a plain
            # sort (many times faster than a stable argsort and three gathers) orders equal scores by mentee;
            # the kept keys are sorted already, so the stable sort (a merge sort) only merges the two runs
            shift = self.row_bits
            bits = _descending_bits(scores)
            key = (cols.astype(np.int64) << (32 + shift)) | ((0xFFFFFFFF - bits) << shift) | rows
            key.sort()
            key = np.concatenate([self.keys, key])
            key.sort(kind="stable")
            cols = (key >> (32 + shift)).astype(np.int32)
        else:
            # the stable sort keeps the arrays' ascending mentee order among equal scores (the kept pairs
            # come first, and every new pair's mentee is later than theirs)
            rows = np.concatenate([self._rows, rows])
            cols = np.concatenate([self._cols, cols])
            scores = np.concatenate([self._scores, scores])
            order = np.argsort((cols.astype(np.int64) << 32) | (0xFFFFFFFF - _descending_bits(scores)), kind="stable")
            rows, cols, scores = rows[order], cols[order], scores[order]
        starts = np.searchsorted(cols, np.arange(self.n_mentors))
        rank = np.arange(len(cols)) - starts[cols]
        keep = rank < self.q
        if self.packed:
            self.keys = key[keep]
        else:
            self._rows, self._cols, self._scores = rows[keep], cols[keep], scores[keep]
        cols = cols[keep]
        full = np.flatnonzero(np.bincount(cols, minlength=self.n_mentors) >= self.q)
        threshold = np.full(self.n_mentors, self.below_floor, dtype=np.float32)
        at = np.searchsorted(cols, full) + self.q - 1
        threshold[full] = self._key_scores(self.keys[at]) if self.packed else self._scores[at]
        self.threshold = threshold


def _descending_bits(scores: np.ndarray) -> np.ndarray:
    """A score's float32 bits as an int64 that orders as the score does (scores ≥ 0; a merge key's score part)."""
    return np.maximum(scores, np.float32(0.0)).view(np.uint32).astype(np.int64)


def _column_candidates(
    scores: np.ndarray, start: int, first: bool, columns: _ColumnTop, floor: np.float32
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of this chunk (mentees ``start:``) that may be among their mentor's top-q."""
    stop = start + scores.shape[0]
    m, q = scores.shape[1], columns.q
    if first and stop - start > q:
        # seed the mentor thresholds with this chunk's own column top-q
        cut = stop - start - q
        col_rows = np.argpartition(scores, cut, axis=0)[cut:]
        col_scores = np.take_along_axis(scores, col_rows, axis=0)
        col_cols = np.broadcast_to(np.arange(m, dtype=np.int32), col_rows.shape)
        passed = col_scores >= floor
        by_row = np.argsort(col_rows[passed], kind="stable")  # ties go to the lower mentee
        found: tuple[np.ndarray, np.ndarray, np.ndarray] = (
            col_rows[passed][by_row] + start,
            col_cols[passed][by_row],
            col_scores[passed][by_row],
        )
    else:
        # after the first chunks few pairs pass their mentor's threshold: one comparison over the chunk and
        # a flat nonzero (several times cheaper than a two-dimensional one) find them
        at = np.flatnonzero(scores > columns.threshold)
        r, c = np.divmod(at, m)
        found = (r + start, c, scores.ravel()[at])
    return found[0].astype(np.int32), found[1].astype(np.int32), found[2].astype(np.float32)


def candidate_graph(
    scorer: PairScorer,
    top_k: int,
    top_q: int,
    min_score: float = 0.0,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> CandidateGraph:
    """Score all pairs chunk by chunk and keep the union of each mentee's ``top_k`` and each mentor's
    ``top_q`` eligible pairs with score ≥ ``min_score``.

    Ties are broken by mentor (resp. mentee) order, so the graph is the same for the same input.
    """
    n, m = scorer.shape
    floor = score_floor(min_score)
    # no list is longer than the other side (and a huge top_q would overflow numpy's int64 below)
    k, q = min(top_k, m), min(top_q, n)
    ranked_mentors = np.full((n, k), -1, dtype=np.int32)
    ranked_scores = np.full((n, k), -np.inf, dtype=np.float32)
    best = np.full(n, -np.inf, dtype=np.float32)
    columns = _ColumnTop(m, q, floor, n)
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.int32)
        return CandidateGraph(empty, empty, np.zeros(0, np.float32), ranked_mentors, ranked_scores, best, float(floor))
    rows_per_chunk = max(1, min(n, CHUNK_PAIRS // m))
    starts = list(range(0, n, rows_per_chunk))

    def score_chunk(start: int, first: bool) -> tuple:
        stop = min(n, start + rows_per_chunk)
        scores = scorer.block(start, stop)
        top = (
            np.argpartition(scores, m - k, axis=1)[:, m - k :] if k < m else np.broadcast_to(np.arange(m), scores.shape)
        )
        top_scores = np.take_along_axis(scores, top, axis=1)
        order = np.lexsort((top, -top_scores))
        top, top_scores = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_scores, order, axis=1)
        found = _column_candidates(scores, start, first, columns, floor)
        return (
            start,
            stop,
            top,
            top_scores,
            found,
        )

    def collect(result: tuple) -> None:
        start, stop, top, top_scores, found = result
        best[start:stop] = top_scores[:, 0]
        usable = top_scores >= floor
        ranked_mentors[start:stop] = np.where(usable, top, -1)
        ranked_scores[start:stop] = np.where(usable, top_scores, -np.inf)
        columns.add(*found)
        if progress is not None:
            progress(stop / n, "candidates")

    collect(score_chunk(starts[0], first=True))
    columns.merge()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for result in pool.map(lambda s: score_chunk(s, first=False), starts[1:]):
            collect(result)
    columns.merge()

    row_of = np.repeat(np.arange(n, dtype=np.int64), k)
    flat_ranked = ranked_mentors.ravel()
    keep = flat_ranked >= 0
    keys = np.concatenate([row_of[keep] * m + flat_ranked[keep], columns.rows.astype(np.int64) * m + columns.cols])
    scores = np.concatenate([ranked_scores.ravel()[keep], columns.scores])
    # a pair on both lists carries the same score on each
    keys, first_index = distinct_keys(keys)
    return CandidateGraph(
        mentee=(keys // m).astype(np.int32),
        mentor=(keys % m).astype(np.int32),
        score=scores[first_index],
        ranked_mentors=ranked_mentors,
        ranked_scores=ranked_scores,
        best_score=best,
        floor=float(floor),
    )


def priced_candidate_graph(
    scorer: PairScorer,
    prices: np.ndarray | None,
    top_k: int,
    top_q: int,
    ranked: int,
    min_score: float = 0.0,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> CandidateGraph:
    """Each mentee's ``top_k`` eligible pairs by score net of a mentor price (float32 score units; ``None``:
    by plain score) and each mentor's ``top_q`` (a mentor's order is the same net of her price), in one
    chunked pass over all pairs, with bounds on what the graph leaves out: per mentee her next-best net
    value (``row_bound``), per mentor her ``top_q``-th score (``column_bound``). A pair off the graph
    is below both, so the proof afterwards scores again only the pairs those two bounds cannot settle
    against its prices (:func:`matching.proof.prove_optimal`).

    ``ranked_mentors``/``ranked_scores`` hold her ``ranked`` best mentors by plain score (for alternatives).
    Ties are broken by mentor (resp. mentee) order, so the graph is the same for the same input.
    """
    n, m = scorer.shape
    floor = score_floor(min_score)
    k, a, q = min(top_k, m), min(ranked, m), min(top_q, n)
    columns = _ColumnTop(m, q, floor, n)
    ranked_mentors = np.full((n, a), -1, dtype=np.int32)
    ranked_scores = np.full((n, a), -np.inf, dtype=np.float32)
    best = np.full(n, -np.inf, dtype=np.float32)
    row_bound = np.full(n, -np.inf, dtype=np.float32)
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.int32)
        return CandidateGraph(
            empty,
            empty,
            np.zeros(0, np.float32),
            ranked_mentors,
            ranked_scores,
            best,
            float(floor),
            row_bound,
            np.full(m, -np.inf, dtype=np.float32),
        )
    net_prices = None if prices is None else np.asarray(prices, dtype=np.float32)
    # an ineligible pair scores −4 and so nets below any eligible one as long as prices stay within [0, 3]
    mask_floor = (
        floor > 0 if net_prices is None else floor > 0 or bool(np.any(net_prices > 3)) or bool(np.any(net_prices < 0))
    )
    # by plain score a mentee's ranked best are the first of her top_k + 1 (when that is long enough)
    shared = net_prices is None and a <= k + 1
    rows_per_chunk = max(1, min(n, CHUNK_PAIRS // m))
    starts = list(range(0, n, rows_per_chunk))
    edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def score_chunk(start: int, first: bool = False) -> tuple:
        stop = min(n, start + rows_per_chunk)
        scores = scorer.block(start, stop)
        found = _column_candidates(scores, start, first, columns, floor)
        row_best = None
        if net_prices is None:
            net = scores
            if mask_floor:
                # her best over all mentors, below the floor too (an unmatched mentee's reason tells it); then
                # the block is masked in place (its column candidates are taken already)
                row_best = scores.max(axis=1)
                net = drop_below(scores, scores, floor)
        else:
            net = np.subtract(scores, net_prices)
            if mask_floor:
                drop_below(net, scores, floor)
        cols, values = top_per_row(net, k + 1)
        kept = cols[:, :k]
        kept_scores = values[:, :k] if net_prices is None else np.take_along_axis(scores, kept, axis=1)
        bound = values[:, k] if k < m else np.full(stop - start, -np.inf, dtype=np.float32)
        if shared:
            # a pair below the floor ranks below every one above it, so masked or not her first few above it
            # are the same
            top, top_scores = cols[:, :a], values[:, :a]
        else:
            top, top_scores = top_per_row(scores, a)
        if row_best is None:
            row_best = top_scores[:, 0]
        return start, stop, top, top_scores, row_best, kept, kept_scores, bound, found

    def collect(result: tuple) -> None:
        start, stop, top, top_scores, row_best, kept, kept_scores, bound, found = result
        columns.add(*found)
        best[start:stop] = row_best
        usable = top_scores >= floor
        ranked_mentors[start:stop] = np.where(usable, top, -1)
        ranked_scores[start:stop] = np.where(usable, top_scores, -np.inf)
        row_bound[start:stop] = bound
        eligible = kept_scores >= floor
        rows = np.broadcast_to(np.arange(start, stop, dtype=np.int32)[:, None], kept.shape)
        edges.append((rows[eligible], kept[eligible].astype(np.int32), kept_scores[eligible]))
        if progress is not None:
            progress(stop / n, "candidates")

    collect(score_chunk(starts[0], first=True))
    columns.merge()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for result in pool.map(score_chunk, starts[1:]):
            collect(result)
    columns.merge()
    # a mentor whose list is not full holds every eligible pair of hers (see _ColumnTop)
    full = np.bincount(columns.cols, minlength=m) >= q
    column_bound = np.where(full, columns.threshold, np.float32(-np.inf)).astype(np.float32)
    edges.append((columns.rows, columns.cols, columns.scores))
    keys = np.concatenate([e[0].astype(np.int64) * m + e[1] for e in edges])
    score = np.concatenate([e[2] for e in edges]).astype(np.float32)
    # a pair on both lists carries the same score on each
    keys, first_index = distinct_keys(keys)
    return CandidateGraph(
        mentee=(keys // m).astype(np.int32),
        mentor=(keys % m).astype(np.int32),
        score=score[first_index],
        ranked_mentors=ranked_mentors,
        ranked_scores=ranked_scores,
        best_score=best,
        floor=float(floor),
        row_bound=row_bound,
        column_bound=column_bound,
    )
