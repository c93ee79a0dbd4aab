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

from matching.assignment import SCORE_SCALE, integer_gains, integer_prices
from matching.candidates import CHUNK_PAIRS
from matching.records import ProgressCallback
from matching.scoring import PairScorer

FLOAT32_MARGIN = 0.25 / SCORE_SCALE
"""A pair whose float32 reduced value exceeds its mentee's potential by more than this is checked exactly.
An exact violation (one integer unit) shows in float32 as at least 0.32 units above: half a unit of
rounding to integers and three float32 roundings of values ≤ 1 (each ≤ 0.06 units) are all it can lose."""
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
    bound_surplus: int
    """Σ_i max(0, potential_i, max_j reduced_ij) over all eligible pairs, integer gains."""
    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    violating_mentees: int


def _pricing_pass(
    scorer: PairScorer,
    prices: np.ndarray,
    potential: np.ndarray,
    offset: int,
    floor: float,
    add_per_mentee: int,
    workers: int,
    progress: Callable[[float], None],
) -> _Pass:
    """Score all pairs in chunks; return the bound's mentee part and, per mentee with an improving pair,
    her ``add_per_mentee`` best improving pairs (largest reduced value; ties in :func:`_spread` order)."""
    n, m = scorer.shape
    rows_per_chunk = max(1, min(n, CHUNK_PAIRS // max(m, 1)))
    starts = list(range(0, n, rows_per_chunk))
    # reduced value in score units: s_ij − (P_j − offset)/S, where P_j − offset lies within [−1, 1] in
    # "optimal" mode; with the "max_matched" offset it may not, and float32 would lose the units
    shifted = (prices - offset).astype(np.float64) / SCORE_SCALE
    small = bool(np.all(np.abs(shifted) <= 2.0))
    dtype = np.float32 if small else np.float64
    margin = FLOAT32_MARGIN if small else 0.4 / SCORE_SCALE
    shifted_prices = shifted.astype(dtype)
    lowest = potential.astype(np.float64) / SCORE_SCALE
    threshold = (lowest + margin).astype(dtype)
    floor32 = np.float32(floor)

    # an ineligible pair scores −4; with prices within [−2, 2] it cannot pass a threshold ≥ −1 anyway
    mask_floor = floor > 0 or not small or bool(np.any(lowest < -1))

    # above this a pair improves for certain; between the two thresholds only the exact check can tell
    sure_threshold = (lowest + SURE_MARGIN).astype(dtype)
    look_at = max(8, 2 * add_per_mentee)

    def chunk(start: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, int]:
        stop = min(n, start + rows_per_chunk)
        scores = scorer.block(start, stop)
        reduced = np.subtract(scores, shifted_prices, dtype=dtype)
        if mask_floor:
            reduced[scores < floor32] = -np.inf
        local = threshold[start:stop]
        row_max = reduced.max(axis=1)
        # the mentee's term of the bound: every unchecked pair is known to be ≤ her potential
        best = np.maximum(potential[start:stop], 0)
        hot = np.flatnonzero(row_max > local)
        sub = reduced[hot]
        del reduced
        certain = row_max[hot] > sure_threshold[start:stop][hot]
        found_rows, found_cols = [], []
        sure = hot[certain]
        if len(sure):
            # she has improving pairs: her best few by float value are enough to add (a crowd of equal
            # pairs would otherwise cost a sort of thousands per mentee)
            t = min(m, look_at)
            # each mentee looks at the mentors from her own starting point, so that among equal pairs
            # (look-alike mentors) mentees take different ones rather than all the same few
            rotated = (
                np.arange(m) + (_spread(sure + start, np.zeros(1, np.int64)) % np.uint64(m)).astype(np.intp)[:, None]
            ) % m
            part = np.take_along_axis(sub[certain], rotated, axis=1)
            picked = np.argpartition(-part, t - 1, axis=1)[:, :t] if t < m else np.tile(np.arange(m), (len(sure), 1))
            cols = np.take_along_axis(rotated, picked, axis=1)
            passed = np.take_along_axis(part, picked, axis=1) > local[sure][:, None]
            found_rows.append(np.repeat(sure, t)[passed.ravel()])
            found_cols.append(cols[passed])
            # an upper bound on her largest exact reduced value
            ceiling = np.ceil(row_max[sure].astype(np.float64) * SCORE_SCALE + 0.7).astype(np.int64)
            best[sure] = np.maximum(best[sure], ceiling)
        unsure = hot[~certain]
        if len(unsure):
            r, c = np.nonzero(sub[~certain] > local[unsure][:, None])
            found_rows.append(unsure[r])
            found_cols.append(c)
        r = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.intp)
        c = np.concatenate(found_cols) if found_cols else np.zeros(0, dtype=np.intp)
        rows = r + start
        s = scores[r, c]
        value = integer_gains(s, offset) - prices[c]
        np.maximum.at(best, r, value)
        improving = value > potential[rows]
        rows, c, s, value = rows[improving], c[improving], s[improving], value[improving]
        order = np.lexsort((c, _spread(rows, c), -value, rows))
        rows, c, s = rows[order], c[order], s[order]
        first = np.searchsorted(rows, rows, side="left")
        keep = np.arange(len(rows)) - first < add_per_mentee
        distinct = int(np.count_nonzero(first == np.arange(len(rows))))
        return int(best.sum()), rows[keep].astype(np.int32), c[keep].astype(np.int32), s[keep], distinct

    surplus = 0
    found_mentee, found_mentor, found_score = [], [], []
    violating = 0
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for done, (part, rows, cols, scores, count) in enumerate(pool.map(chunk, starts), 1):
            surplus += part
            found_mentee.append(rows)
            found_mentor.append(cols)
            found_score.append(scores)
            violating += count
            progress(done / len(starts))
    return _Pass(
        bound_surplus=surplus,
        mentee=np.concatenate(found_mentee) if found_mentee else np.zeros(0, np.int32),
        mentor=np.concatenate(found_mentor) if found_mentor else np.zeros(0, np.int32),
        score=np.concatenate(found_score) if found_score else np.zeros(0, np.float32),
        violating_mentees=violating,
    )


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
    keys = np.concatenate([old, new[fresh]])
    scores = np.concatenate([edges.score, score[fresh]])
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    return (
        Edges((keys // m).astype(np.int32), (keys % m).astype(np.int32), scores[order].astype(np.float32)),
        int(fresh.sum()),
    )


def prove_optimal(
    scorer: PairScorer,
    edges: Edges,
    capacity: np.ndarray,
    assigned: np.ndarray,
    solve: Callable[[Edges], np.ndarray],
    *,
    floor: float,
    lexicographic: bool,
    max_rounds: int,
    time_limit: float,
    add_per_mentee: int,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, Edges, Certificate]:
    """Grow the graph with improving pairs and re-solve until the assignment is optimal over all eligible
    pairs, or a limit is reached. ``solve(edges)`` returns the assignment on a graph; ``assigned`` is its
    answer on ``edges``. Returns the final assignment, graph and certificate."""
    clock = time.perf_counter()
    n, m = scorer.shape
    if n == 0 or m == 0:
        return assigned, edges, Certificate(True, lexicographic, 0.0, 0.0, 0, 0, 0.0, "proven", 0.0)
    offset = (n + 1) * SCORE_SCALE if lexicographic else 0
    capacity = np.asarray(capacity, dtype=np.int64)
    added = 0
    rounds = 0
    stopped = "rounds"
    while True:
        rounds += 1
        gain = integer_gains(edges.score, offset)
        prices = integer_prices(edges.mentee, edges.mentor, gain, assigned, m)
        matched = assigned >= 0
        own = np.full(n, -1, dtype=np.int64)
        on_own = assigned[edges.mentee] == edges.mentor
        own[edges.mentee[on_own]] = gain[on_own]
        potential = np.where(matched, own - prices[np.maximum(assigned, 0)], 0)
        total = int(own[matched].sum())

        def tick(fraction: float, round_number: int = rounds) -> None:
            if progress is not None:
                progress(min(1.0, (round_number - 1 + fraction) / max_rounds), "proving")

        found = _pricing_pass(scorer, prices, potential, offset, floor, add_per_mentee, workers, tick)
        bound = int(np.dot(capacity, prices)) + found.bound_surplus
        if len(found.mentee) == 0:
            stopped = "proven" if bound == total else "stalled"
            break
        if rounds >= max_rounds:
            stopped = "rounds"
            break
        if time.perf_counter() - clock > time_limit:
            stopped = "time"
            break
        edges, fresh = _merge(edges, found.mentee, found.mentor, found.score, m)
        if fresh == 0:
            stopped = "stalled"
            break
        added += fresh
        assigned = solve(edges)
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
