"""The engine's front door for mentoring: validate once, encode, generate candidates, assign, explain."""

from __future__ import annotations

import gc
import time
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import sparse

from matching.assignment import MODES, SCORE_SCALE, assign, mentor_prices, upper_bound
from matching.candidates import CHUNK_PAIRS, CandidateGraph, candidate_graph, priced_candidate_graph, score_floor
from matching.duplicates import solve_by_kinds
from matching.features import ProfileEncoder
from matching.pricing import estimate_prices
from matching.proof import Edges, initial_bound, prove_optimal
from matching.records import (
    Assignment,
    Candidate,
    LearnedPart,
    MatchingConfig,
    MatchingInputError,
    MatchResult,
    Mentee,
    Mentor,
    ProgressCallback,
    Reason,
)
from matching.rules import open_mentor_mask, remaining_capacity
from matching.scoring import LEARNED, PARTS, LearnedScorer, PairScorer

BOUNDED_TOP_K = 16
"""With the proof, the graph keeps at most this many pairs per mentee (besides the mentors' own lists): a
smaller graph solves faster, and the proof adds whatever a row still needs."""
BOUNDED_TOP_Q = 50
"""And at most this many pairs per mentor."""
LEARNED_MAX_PAIRS = 8_000_000
"""A run with a learned part predicts every eligible pair's success once and keeps the values (4 bytes a
pair): above this many mentee × mentor pairs (e.g. 5,000 × 1,600) it is refused rather than run for long
minutes. Measured (bench/bench_matching.py --learned): 5,000 × 1,500 took 37 s with a logistic model and
7.5 min with gradient boosting (its prediction, about 80 µs a pair on a loaded 2-core machine)."""
PRICE_MARGIN = 0.01
"""Estimated prices are lowered by this much (score units): a lower estimate loosens every row's bound a
little, while a mentor whose price falls below the estimate widens every row's rescan."""


def validate_inputs(mentees: Sequence[Mentee], mentors: Sequence[Mentor], config: MatchingConfig) -> None:
    """Check every record and the config once, and that ids are unique on each side.

    Raises :class:`MatchingInputError` whose message names the record and the field.
    """
    if not isinstance(config, MatchingConfig):
        raise MatchingInputError("config: must be a MatchingConfig")
    config.validate()
    for side, records, kind in (("mentees", mentees, Mentee), ("mentors", mentors, Mentor)):
        # a generator would be used up here and arrive empty at the run
        if isinstance(records, (str, bytes)) or not isinstance(records, Collection):
            raise MatchingInputError(
                f"{side}: expected a list of {kind.__name__} records, got {type(records).__name__}"
            )
        seen: set[str] = set()
        for record in records:
            if not isinstance(record, kind):
                raise MatchingInputError(f"{side}: expected {kind.__name__} records, got {type(record).__name__}")
            record.validate()
            if record.id in seen:
                raise MatchingInputError(f"{side}: field 'id' has duplicate value {record.id!r}")
            seen.add(record.id)


def _unmatched_reasons(
    scorer: PairScorer,
    graph: CandidateGraph,
    assigned: np.ndarray,
    capacity: np.ndarray,
    sector_codes: Sequence[str],
    min_score: float,
) -> dict[str, tuple[Reason, ...]]:
    """Why each unmatched mentee got no mentor, stated only as far as this run's data shows it.

    With eligible mentors above the minimum score she is unmatched because their places are taken
    (``candidates_at_capacity``), because the mentors with places left were not among her candidates
    (``free_mentors_not_candidates``) or, in the optimal mode only, because every pair still open to her
    scores 0 and adds nothing (``free_mentors_zero_score``). A sector is named only when she has an eligible
    candidate mentor in it and no eligible mentor in it has a place left. Only the mentors with places left
    are scored again, so a run that fills every place costs no extra pass.
    """
    mentees, mentors = scorer.mentees, scorer.mentors
    reasons: dict[str, tuple[Reason, ...]] = {}
    best, floor = graph.best_score, graph.floor
    competing = []
    for i in np.flatnonzero(assigned < 0).tolist():
        if best[i] < 0:
            counts = scorer.cutoff_counts(i)
            if counts.get("no_shared_working_language", 0) == len(mentors) and mentors:
                reasons[mentees[i].id] = (
                    Reason("no_shared_working_language", {"min_level": scorer.config.min_language_level}),
                )
            else:
                reasons[mentees[i].id] = (Reason("no_eligible_mentor", {"rules": counts}),)
        elif best[i] < floor:
            reasons[mentees[i].id] = (
                Reason("below_min_score", {"best_score": round(float(best[i]), 4), "min_score": min_score}),
            )
        else:
            competing.append(i)
    if not competing:
        return reasons

    rows = np.array(competing, dtype=np.intp)
    load = np.bincount(assigned[assigned >= 0], minlength=len(mentors))
    free = np.flatnonzero(load < capacity)  # closed mentors score as ineligible below
    mentor_sectors = scorer.b.sector_matrix[scorer.b.sector_key] > 0
    her_sectors = scorer.a.sector_matrix[scorer.a.sector_key[rows]] > 0

    # her candidate mentors, per sector: the eligible mentors known to share it
    position = np.full(len(mentees), -1, dtype=np.intp)
    position[rows] = np.arange(len(rows))
    on_edge = position[graph.mentee] >= 0
    edge_rows, edge_cols = position[graph.mentee[on_edge]], graph.mentor[on_edge]
    candidates = sparse.csr_matrix(
        (np.ones(len(edge_rows), dtype=np.float32), (edge_rows, edge_cols)), shape=(len(rows), len(mentors))
    )
    candidate_in_sector = np.asarray(candidates @ mentor_sectors.astype(np.float32)) > 0

    free_count = np.zeros(len(rows), dtype=np.int64)
    free_on_graph = np.zeros(len(rows), dtype=np.int64)
    free_in_sector = np.zeros(her_sectors.shape, dtype=bool)
    if len(free):
        free_sectors = mentor_sectors[free].astype(np.float32)
        free_column = np.full(len(mentors), -1, dtype=np.intp)
        free_column[free] = np.arange(len(free))
        step = max(1, CHUNK_PAIRS // len(free))
        for start in range(0, len(rows), step):
            stop = min(len(rows), start + step)
            eligible = scorer.submatrix(rows[start:stop], free) >= np.float32(floor)
            free_count[start:stop] = eligible.sum(axis=1)
            free_in_sector[start:stop] = (eligible.astype(np.float32) @ free_sectors) > 0
            chunk = (edge_rows >= start) & (edge_rows < stop) & (free_column[edge_cols] >= 0)
            r, c = edge_rows[chunk] - start, free_column[edge_cols[chunk]]
            free_on_graph[start:stop] = np.bincount(r[eligible[r, c]], minlength=stop - start)
    named = her_sectors & candidate_in_sector & ~free_in_sector

    for k, i in enumerate(rows.tolist()):
        sectors = [sector_codes[s] for s in np.flatnonzero(named[k]).tolist()]
        if free_count[k] == 0:
            reasons[mentees[i].id] = (Reason("candidates_at_capacity", {"sectors": sectors}),)
        elif free_on_graph[k] == 0:
            reasons[mentees[i].id] = (
                Reason("free_mentors_not_candidates", {"mentors": int(free_count[k]), "sectors": sectors}),
            )
        else:
            reasons[mentees[i].id] = (
                Reason("free_mentors_zero_score", {"mentors": int(free_on_graph[k]), "sectors": sectors}),
            )
    return reasons


def _ratio(value: float, bound: float) -> float:
    return min(1.0, value / bound) if bound > 0 else 1.0


def assignments_of(
    scorer: PairScorer, rows: np.ndarray, cols: np.ndarray
) -> tuple[list[Assignment], dict[str, np.ndarray]]:
    """The pairs (mentee ``rows[k]``, mentor ``cols[k]``) of ``scorer``'s population as assignments: score,
    each part's value (with ``"learned"`` under a :class:`LearnedScorer`) and the reasons, parts with the
    largest contribution first. Also returns the part values."""
    mentees, mentors = scorer.mentees, scorer.mentors
    values = scorer.part_values(rows, cols)
    weights = dict(scorer.weights)
    parts_used = PARTS
    if isinstance(scorer, LearnedScorer):
        weights[LEARNED] = float(scorer.learned_weight)
        parts_used = (*PARTS, LEARNED)
    pair_scores = np.zeros(len(rows))
    for part in parts_used:
        pair_scores += weights[part] * values[part]
    assignments = []
    for n_done, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        reasons = scorer.part_reasons(i, j, float(values["text_similarity"][n_done]))
        if isinstance(scorer, LearnedScorer):
            reasons[LEARNED] = scorer.learned_part_reasons(float(values[LEARNED][n_done]))
        contribution = {p: weights[p] * float(values[p][n_done]) for p in parts_used}
        by_contribution = sorted(parts_used, key=contribution.__getitem__, reverse=True)
        assignments.append(
            Assignment(
                mentee_id=mentees[i].id,
                mentor_id=mentors[j].id,
                score=float(pair_scores[n_done]),
                parts={p: float(values[p][n_done]) for p in parts_used},
                reasons=tuple(r for p in by_contribution if weights[p] > 0 for r in reasons[p]),
            )
        )
    return assignments, values


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig | None = None,
    *,
    mode: str = "optimal",
    progress: ProgressCallback | None = None,
    certify: bool = False,
    workers: int = 1,
    learned: LearnedPart | None = None,
) -> MatchResult:
    """Propose mentee–mentor pairs within mentor capacities.

    Parameters: ``mode`` is one of ``"optimal"`` (maximum total score over ALL eligible pairs scoring at
    least ``config.min_score``), ``"max_matched"`` (as many mentees matched as possible, then maximum total
    score), ``"stable"`` (mentee-proposing deferred acceptance: no mentee and mentor on the candidate graph
    both prefer each other to what they got) or ``"greedy"`` (best pairs first; a baseline).

    The two optimising modes solve a candidate graph (each mentee's ``top_k``, at most 16, and each
    mentor's ``top_q``, at most 50, pairs) exactly, then price it against every pair (:mod:`matching.proof`)
    and add the pairs that would improve it until none is left. In ``"optimal"`` mode a mentee's ``top_k``
    are her best pairs net of mentor prices estimated on a sample (:mod:`matching.pricing`). The pass that
    builds the graph also bounds what it leaves out (per mentee her next pair, per mentor her ``top_q``-th),
    so the proof rescans only the pairs those bounds cannot settle; the estimate and the bounds change how
    long the proof takes, never its answer. A population made of few kinds of look-alike people
    (each kind scoring the same against everyone) is solved instead as one small market between the kinds,
    over all their pairs, with the same certificate (:mod:`matching.duplicates`). ``stats["certificate"]``
    then says ``proven`` with a gap of 0, or, when ``config.proof_rounds`` or ``config.proof_seconds`` ran
    out, the certified gap. ``proof_rounds=0`` skips this. ``progress(fraction, stage)`` is called through
    the stages "encoding", "learning" (with a learned part), "candidates", "assigning", "proving",
    "explaining" (and "bound"). ``certify=True`` gives the other two modes a bound (``stats["upper_bound"]``)
    on the best total score over all eligible pairs, in one more scoring pass.
    ``learned`` adds a learned score part (:class:`matching.records.LearnedPart`): every eligible pair
    scoring at least ``config.min_score`` by hand scores ``hand + weight·p`` in every pass (candidates,
    pricing, proof and bound), so the assignment is exact and proven for the blended score; each assignment's
    ``parts["learned"]`` is its ``p`` and its reasons say when ``p`` is well above the model's base rate. The
    look-alike shortcut is not used then (look-alikes by hand may differ in ``p``), and a weight of 0 runs
    exactly as without it. Refused above :data:`LEARNED_MAX_PAIRS` pairs.
    ``workers`` is the number of threads scoring chunks; BLAS already uses the cores for the products,
    and on the 2-core reference machine a second thread measured slower, hence 1 by default.

    Returns a :class:`MatchResult`. Raises :class:`MatchingInputError` naming the bad field. The
    result depends only on the inputs (records are ordered by id inside), never on timing.

    >>> from matching.records import Mentee, Mentor
    >>> result = match([Mentee("a", {"de": "B2"}), Mentee("b", {"de": "C1"})], [Mentor("m", {"de": "C2"})])
    >>> [(x.mentee_id, x.mentor_id) for x in result.assignments], list(result.unmatched)
    ([('b', 'm')], ['a'])
    """
    # a run allocates hundreds of thousands of small objects (records' fragments, reasons, alternatives) and
    # none in a cycle: the cyclic collector's passes over every live object cost a tenth of the engine's
    # time (a run with a learned part, which may take minutes in a model's code, keeps it running)
    with _cyclic_gc_paused() if learned is None else nullcontext():
        return _match(
            mentees, mentors, config, mode=mode, progress=progress, certify=certify, workers=workers, learned=learned
        )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees everything acyclic) and
    restore it as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig | None,
    *,
    mode: str,
    progress: ProgressCallback | None,
    certify: bool,
    workers: int,
    learned: LearnedPart | None,
) -> MatchResult:
    config = config if config is not None else MatchingConfig()
    if mode not in MODES:
        raise MatchingInputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if type(workers) is not int or workers < 1:
        raise MatchingInputError(f"workers must be a whole number ≥ 1, not {workers!r}")
    validate_inputs(mentees, mentors, config)
    if learned is not None:
        if not isinstance(learned, LearnedPart):
            raise MatchingInputError("learned: expected a LearnedPart")
        learned.validate()
        if learned.weight == 0:
            learned = None
        elif len(mentees) * len(mentors) > LEARNED_MAX_PAIRS:
            raise MatchingInputError(
                f"learned: a learned part can be used for at most {LEARNED_MAX_PAIRS:,} mentee–mentor pairs, "
                f"and this run has {len(mentees) * len(mentors):,}; run it without the learned part"
            )
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def report(fraction: float, stage: str) -> None:
        if progress is not None:
            progress(float(fraction), stage)

    report(0.0, "encoding")
    mentees = sorted(mentees, key=lambda m: m.id)
    mentors = sorted(mentors, key=lambda m: m.id)
    encoder = ProfileEncoder(config).fit(mentees, mentors)
    scorer = PairScorer(
        config, encoder, mentees, encoder.transform_mentees(mentees), mentors, encoder.transform_mentors(mentors)
    )
    report(1.0, "encoding")
    timings["encoding"], clock = time.perf_counter() - clock, time.perf_counter()
    if learned is not None:
        report(0.0, "learning")
        probabilities = learned.model.success_matrix(
            scorer, score_floor(config.min_score), lambda fraction: report(fraction, "learning")
        )
        report(1.0, "learning")
        scorer = LearnedScorer(scorer, probabilities, learned)
        timings["learning"], clock = time.perf_counter() - clock, time.perf_counter()

    # nobody can use more places than there are mentees in the run (and huge numbers would overflow);
    # a closed mentor (unavailable, not verified) offers none
    is_open = open_mentor_mask(mentors, config)
    capacity = np.array(
        [min(remaining_capacity(m, config), len(mentees)) if o else 0 for m, o in zip(mentors, is_open, strict=True)],
        dtype=np.int64,
    )
    caps = None
    certificate = None
    proving = mode in ("optimal", "max_matched") and config.proof_rounds > 0
    solved = None
    if mode == "optimal" and proving and learned is None:
        # a population of few kinds of look-alike people is one small market, solved with its proof at once
        report(0.0, "candidates")
        solved = solve_by_kinds(scorer, capacity, config.min_score, config.alternatives + 1)
    if solved is not None:
        graph, assigned, certificate = solved
        report(1.0, "assigning")
        timings["assigning"], clock = time.perf_counter() - clock, time.perf_counter()
        certificate = replace(certificate, seconds=timings["assigning"])
    else:
        if proving:
            # the proof makes any graph exact: one pass keeps each mentee's best few pairs (net of mentor
            # prices estimated on a sample, where there is an estimate) and each mentor's best, and bounds
            # what it leaves out, so the proof rescans only the pairs those bounds cannot settle
            report(0.0, "candidates")
            estimate = None
            if mode == "optimal":
                floor = float(score_floor(config.min_score))
                estimate = estimate_prices(scorer, capacity, floor, seed=config.seed)
                timings["pricing"], clock = time.perf_counter() - clock, time.perf_counter()
            if estimate is not None:
                estimate = np.maximum(estimate - int(PRICE_MARGIN * SCORE_SCALE), 0)
            graph = priced_candidate_graph(
                scorer,
                None if estimate is None else (estimate / SCORE_SCALE).astype(np.float32),
                min(config.top_k, BOUNDED_TOP_K),
                min(config.top_q, BOUNDED_TOP_Q),
                config.alternatives + 1,
                config.min_score,
                workers=workers,
                progress=progress,
            )
            assert graph.row_bound is not None and graph.column_bound is not None
            caps = (
                initial_bound(graph.row_bound),
                np.zeros(len(mentors), dtype=np.int64) if estimate is None else estimate,
                initial_bound(graph.column_bound),
            )
        else:
            graph = candidate_graph(
                scorer, config.top_k, config.top_q, config.min_score, workers=workers, progress=progress
            )
        timings["candidates"], clock = time.perf_counter() - clock, time.perf_counter()

        report(0.0, "assigning")
        # the estimated prices (optimal mode with an estimate) are a start for the flow
        start = caps[1] if caps is not None and mode == "optimal" and caps[1].any() else None
        assigned = assign(graph.mentee, graph.mentor, graph.score, capacity, len(mentees), mode, prices=start)
        report(1.0, "assigning")
        timings["assigning"], clock = time.perf_counter() - clock, time.perf_counter()

    if proving and solved is None:
        edges_before = len(graph.mentee)
        assigned, edges, certificate = prove_optimal(
            scorer,
            Edges(graph.mentee, graph.mentor, graph.score),
            capacity,
            assigned,
            lambda e, prices: assign(e.mentee, e.mentor, e.score, capacity, len(mentees), mode, prices=prices),
            floor=graph.floor,
            lexicographic=mode == "max_matched",
            max_rounds=config.proof_rounds,
            time_limit=config.proof_seconds,
            add_per_mentee=config.proof_pairs,
            workers=workers,
            progress=progress,
            caps=caps,
        )
        if len(edges.mentee) != edges_before:
            graph = replace(graph, mentee=edges.mentee, mentor=edges.mentor, score=edges.score)
        timings["proving"], clock = time.perf_counter() - clock, time.perf_counter()

    rows = np.flatnonzero(assigned >= 0)
    cols = assigned[rows]
    assignments, values = assignments_of(scorer, rows, cols)
    report(0.5, "explaining")

    alternatives: dict[str, list[Candidate]] = {}
    # one more than needed, in case her own mentor is among them
    keep = config.alternatives + 1
    ranked, ranked_scores = graph.ranked_mentors[:, :keep].tolist(), graph.ranked_scores[:, :keep].tolist()
    for i, mentee in enumerate(mentees):
        own = int(assigned[i])
        options = [(j, s) for j, s in zip(ranked[i], ranked_scores[i], strict=True) if j >= 0 and j != own]
        if options:
            alternatives[mentee.id] = [
                Candidate(mentor_id=mentors[j].id, score=s, rank=rank)
                for rank, (j, s) in enumerate(options[: config.alternatives], 1)
            ]
    found = _unmatched_reasons(scorer, graph, assigned, capacity, encoder.sectors_.classes_.tolist(), config.min_score)
    unmatched = {m.id: found[m.id] for m in mentees if m.id in found}
    report(1.0, "explaining")
    timings["explaining"] = time.perf_counter() - clock

    total = float(np.fromiter((a.score for a in assignments), np.float64, len(assignments)).sum()) if len(rows) else 0.0
    stats: dict[str, Any] = {
        "mode": mode,
        "mentees": len(mentees),
        "mentors": len(mentors),
        "places": int(capacity.sum()),
        "matched": len(assignments),
        "unmatched": len(unmatched),
        "total_score": total,
        "candidate_edges": len(graph.mentee),
        "timings": timings,
    }
    if isinstance(scorer, LearnedScorer):
        matched_p = values[LEARNED] if len(rows) else np.zeros(0)
        stats["learned"] = {
            "weight": float(scorer.learned_weight),
            "target": scorer.learned.target,
            "base_rate": scorer.learned.base_rate,
            "mean_success": round(float(matched_p.mean()), 4) if len(matched_p) else 0.0,
            "expected_successes": round(float(matched_p.sum()), 4),
            "contribution": float(scorer.learned_weight) * float(matched_p.sum()),
            "pairs_predicted": int(np.count_nonzero(scorer.probabilities)),
        }
    if certificate is not None:
        stats["certificate"] = certificate.as_stats()
        if mode == "optimal":
            stats["upper_bound"] = certificate.upper_bound
            stats["ratio_to_bound"] = _ratio(certificate.upper_bound - certificate.gap, certificate.upper_bound)
    elif certify:
        clock = time.perf_counter()
        # prices come from an optimal assignment on the graph: they certify the best total score
        # reachable, which is also what the other modes are measured against
        optimal = (
            assigned if mode == "optimal" else assign(graph.mentee, graph.mentor, graph.score, capacity, len(mentees))
        )
        prices = mentor_prices(graph.mentee, graph.mentor, graph.score, optimal, len(mentors))
        bound = upper_bound(scorer, prices, capacity, graph.floor, workers=workers, progress=progress)
        stats["upper_bound"] = bound
        stats["ratio_to_bound"] = _ratio(total, bound)
        timings["bound"] = time.perf_counter() - clock
    return MatchResult(assignments=assignments, alternatives=alternatives, unmatched=unmatched, stats=stats)
