"""Look-alike people solved as one: mentees (mentors) who score alike against everyone are interchangeable.

When a population holds many exact look-alikes — the same languages, place, sectors, goals and availability,
no text or the same text, no exclusion — every mentee of a kind has the same row of scores and every
mentor of a kind the same column. The optimum over all pairs is then the optimum of a small market between
the kinds (each mentee kind bringing as many units as it has women, each mentor kind taking the places of
all its mentors), solved exactly as one min-cost flow over ALL eligible pairs of kinds, with its dual as
the certificate. A crowd of exact ties, which costs the pricing loop several full passes and large
re-solves, costs here a table of kinds × kinds scores.
"""

from __future__ import annotations

import numpy as np

from matching.assignment import SCORE_SCALE, distinct, integer_gains
from matching.candidates import CandidateGraph, score_floor, top_per_row
from matching.pricing import solve_market
from matching.proof import Certificate
from matching.scoring import PairScorer

MOST_KIND_PAIRS = 1 << 20
"""The market of kinds is solved over all its pairs, so it must stay small."""
LEAST_SAVING = 4
"""Kinds are used only when pairs of kinds are at most this fraction of all pairs."""
MOST_RANKED_PAIRS = 1 << 23
"""Mentee kinds × mentors scored to rank each kind's alternatives."""


def kinds(features: np.ndarray, alone: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Label each row of ``features`` (one person a row) by its distinct row; rows in ``alone`` get a
    kind of their own. Returns (label per row, one representative row per kind, the lowest)."""
    rows = len(features)
    own = np.zeros(rows, dtype=np.float64)
    own[alone] = np.arange(1, len(alone) + 1)
    table = np.ascontiguousarray(np.hstack([features.astype(np.float64), own[:, None]]))
    as_bytes = table.view(np.dtype((np.void, table.dtype.itemsize * table.shape[1]))).ravel()
    _, first, label = np.unique(as_bytes, return_index=True, return_inverse=True)
    # kinds numbered by their first person, so the result does not depend on how bytes sort
    order = np.argsort(first, kind="stable")
    renumber = np.empty(len(first), dtype=np.intp)
    renumber[order] = np.arange(len(first))
    return renumber[label.ravel()], first[order]


SAMPLE_ROWS = 4096
"""Rows looked at first to rule the kinds out cheaply."""


def _distinct_at_least(parts: list[np.ndarray], rows: np.ndarray | None = None) -> int:
    """A lower bound on the number of distinct rows of the side-by-side ``parts`` (of ``rows`` only, if
    given): equal rows project equally on any direction."""
    chosen = [p if rows is None else p[rows] for p in parts]
    if len(chosen[0]) == 0:
        return 0
    rng = np.random.default_rng(0)
    projection = sum(np.asarray(p, dtype=np.float64) @ rng.standard_normal(p.shape[1]) for p in chosen)
    return len(np.unique(projection))


def solve_by_kinds(
    scorer: PairScorer, capacity: np.ndarray, min_score: float, ranked: int
) -> tuple[CandidateGraph, np.ndarray, Certificate] | None:
    """The proven optimum over all eligible pairs when the population is made of few kinds, else None.

    Returns a graph (each mentee's ``ranked`` best mentors by score, her own mentor among her edges), the
    assigned mentor per mentee (-1 unmatched) and the certificate. Within a kind, mentees take places in
    id order and a mentor kind's places go round its mentors (each one before any gets a second)."""
    n, m = scorer.shape
    if n == 0 or m == 0:
        return None
    lookup = scorer.lookup
    mentee_parts = [scorer.mentee_rest, scorer.a.language_key[:, None], scorer.a.place_key[:, None]]
    mentor_parts = [lookup.rest_t.T, lookup.rule_key[:, None]]
    if scorer.has_text:
        mentee_parts.append(scorer.mentee_text)
        mentor_parts.append(lookup.text_t.T)
    budget = min(MOST_KIND_PAIRS, n * m // LEAST_SAVING)
    # a few thousand people on each side usually rule it out; then everyone, still by projection
    mentee_sample = np.linspace(0, n - 1, min(n, SAMPLE_ROWS)).astype(np.intp)
    mentor_sample = np.linspace(0, m - 1, min(m, SAMPLE_ROWS)).astype(np.intp)
    if _distinct_at_least(mentee_parts, mentee_sample) * _distinct_at_least(mentor_parts, mentor_sample) > budget:
        return None
    if _distinct_at_least(mentee_parts) * _distinct_at_least(mentor_parts) > budget:
        return None
    mentee_features = np.hstack([np.asarray(p, dtype=np.float32) for p in mentee_parts])
    mentor_features = np.hstack([np.asarray(p, dtype=np.float32) for p in mentor_parts])
    mentee_kind, mentee_first = kinds(mentee_features, np.unique(scorer.exclusion_rows))
    mentor_kind, mentor_first = kinds(mentor_features, np.unique(scorer.exclusion_cols))
    a, b = len(mentee_first), len(mentor_first)
    if a * b > budget or a * m > MOST_RANKED_PAIRS:
        return None

    floor = score_floor(min_score)
    table = scorer.submatrix(mentee_first, mentor_first)
    size = np.bincount(mentee_kind, minlength=a).astype(np.int64)
    places = np.bincount(mentor_kind, weights=capacity, minlength=b).astype(np.int64)
    kind_row, kind_col = np.nonzero(table >= floor)
    gain = integer_gains(table[kind_row, kind_col])
    if len(kind_row):
        units, prices, _ = solve_market(kind_row, kind_col, table[kind_row, kind_col], size, places)
    else:
        units, prices = np.zeros(0, dtype=np.int64), np.zeros(b, dtype=np.int64)
    units = np.asarray(units, dtype=np.int64)
    # the certificate: under these prices no kind of mentee gains more elsewhere, on every pair of kinds
    value = np.full(a, 0, dtype=np.int64)
    np.maximum.at(value, kind_row, gain - prices[kind_col])
    bound = int(np.dot(places, prices)) + int(np.dot(size, value))
    total = int(np.dot(units, gain))
    if bound != total:
        return None  # not expected: the prices of an optimal market are its dual; the pricing loop decides

    assigned = _spread(units, kind_row, kind_col, mentee_kind, mentor_kind, capacity, n)
    graph = _graph(scorer, table, mentee_kind, mentor_kind, assigned, floor, ranked)
    certificate = Certificate(
        proven=True,
        matched_proven=False,
        upper_bound=bound / SCORE_SCALE,
        gap=0.0,
        rounds=1,
        pairs_added=0,
        seconds=0.0,
        stopped="proven",
        matched_weight=0.0,
    )
    return graph, assigned, certificate


def _spread(
    units: np.ndarray,
    kind_row: np.ndarray,
    kind_col: np.ndarray,
    mentee_kind: np.ndarray,
    mentor_kind: np.ndarray,
    capacity: np.ndarray,
    n: int,
) -> np.ndarray:
    """Turn units between kinds into mentee → mentor: the k-th unit of a mentee kind goes to its k-th mentee
    (by id), the k-th unit into a mentor kind to its k-th place (round the mentors, by id)."""
    used = units > 0
    units, kind_row, kind_col = units[used], kind_row[used], kind_col[used]
    # units in (mentee kind, mentor kind) order, as np.nonzero gave them
    unit_row = np.repeat(kind_row, units)
    unit_col = np.repeat(kind_col, units)
    mentees = np.argsort(mentee_kind, kind="stable")
    mentee_start = np.searchsorted(mentee_kind[mentees], np.arange(int(mentee_kind.max()) + 1))
    within_row = np.arange(len(unit_row)) - np.searchsorted(unit_row, unit_row)
    unit_mentee = mentees[mentee_start[unit_row] + within_row]
    # places: mentor j offers places 0..capacity_j − 1; a kind's places in (place number, mentor) order
    place_mentor = np.repeat(np.arange(len(capacity)), capacity)
    place_number = np.arange(len(place_mentor)) - np.repeat(np.cumsum(capacity) - capacity, capacity)
    place_order = np.lexsort((place_mentor, place_number, mentor_kind[place_mentor]))
    place_mentor = place_mentor[place_order]
    place_start = np.searchsorted(mentor_kind[place_mentor], np.arange(int(mentor_kind.max()) + 1))
    by_col = np.argsort(unit_col, kind="stable")
    within_col = np.arange(len(by_col)) - np.searchsorted(unit_col[by_col], unit_col[by_col])
    unit_mentor = np.empty(len(unit_col), dtype=np.int64)
    unit_mentor[by_col] = place_mentor[place_start[unit_col[by_col]] + within_col]
    assigned = np.full(n, -1, dtype=np.int64)
    assigned[unit_mentee] = unit_mentor
    return assigned


def _graph(
    scorer: PairScorer,
    table: np.ndarray,
    mentee_kind: np.ndarray,
    mentor_kind: np.ndarray,
    assigned: np.ndarray,
    floor: np.float32,
    ranked: int,
) -> CandidateGraph:
    """Each mentee's ``ranked`` best mentors by score (those of her kind), and her own mentor, as a graph."""
    n, m = scorer.shape
    rows = table[:, mentor_kind]  # kinds × mentors
    top, top_scores = top_per_row(rows, min(ranked, m))
    usable = top_scores >= floor
    kind_ranked = np.where(usable, top, -1).astype(np.int32)
    kind_scores = np.where(usable, top_scores, -np.inf).astype(np.float32)
    ranked_mentors, ranked_scores = kind_ranked[mentee_kind], kind_scores[mentee_kind]
    best = rows.max(axis=1)[mentee_kind].astype(np.float32)
    matched = np.flatnonzero(assigned >= 0)
    flat = ranked_mentors.ravel()
    keep = flat >= 0
    mentee_of = np.repeat(np.arange(n, dtype=np.int64), ranked_mentors.shape[1])[keep]
    keys = distinct(np.concatenate([mentee_of * m + flat[keep], matched.astype(np.int64) * m + assigned[matched]]))
    mentee, mentor = keys // m, keys % m
    return CandidateGraph(
        mentee=mentee.astype(np.int32),
        mentor=mentor.astype(np.int32),
        score=table[mentee_kind[mentee], mentor_kind[mentor]].astype(np.float32),
        ranked_mentors=ranked_mentors,
        ranked_scores=ranked_scores,
        best_score=best,
        floor=float(floor),
    )
