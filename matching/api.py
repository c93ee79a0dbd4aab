"""The engine's front door for mentoring: validate once, encode, generate candidates, assign, explain."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from matching.assignment import MODES, assign, mentor_prices, upper_bound
from matching.candidates import candidate_graph
from matching.features import ProfileEncoder
from matching.records import (
    Assignment,
    Candidate,
    MatchingConfig,
    MatchingInputError,
    MatchResult,
    Mentee,
    Mentor,
    ProgressCallback,
    Reason,
)
from matching.rules import remaining_capacity
from matching.scoring import PARTS, PairScorer


def validate_inputs(mentees: Sequence[Mentee], mentors: Sequence[Mentor], config: MatchingConfig) -> None:
    """Check every record and the config once, and that ids are unique on each side.

    Raises :class:`MatchingInputError` whose message names the record and the field.
    """
    if not isinstance(config, MatchingConfig):
        raise MatchingInputError("config: must be a MatchingConfig")
    config.validate()
    for pair in config.exclusions:
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise MatchingInputError(f"config: field 'exclusions' must hold (mentee id, mentor id) pairs, not {pair!r}")
    for mentor_id, places in config.remaining_capacity.items():
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise MatchingInputError(
                f"config: field 'remaining_capacity' for mentor {mentor_id!r} must be a whole number ≥ 0, "
                f"not {places!r}"
            )
    for side, records, kind in (("mentees", mentees, Mentee), ("mentors", mentors, Mentor)):
        seen: set[str] = set()
        for record in records:
            if not isinstance(record, kind):
                raise MatchingInputError(f"{side}: expected {kind.__name__} records, got {type(record).__name__}")
            record.validate()
            if record.id in seen:
                raise MatchingInputError(f"{side}: field 'id' has duplicate value {record.id!r}")
            seen.add(record.id)


def _unmatched_reason(scorer: PairScorer, row: int, best: float, floor: float, min_score: float) -> tuple[Reason, ...]:
    mentee = scorer.mentees[row]
    if best < 0:
        counts = scorer.cutoff_counts(row)
        if counts.get("no_shared_working_language", 0) == len(scorer.mentors) and scorer.mentors:
            return (Reason("no_shared_working_language", {"min_level": scorer.config.min_language_level}),)
        return (Reason("no_eligible_mentor", {"rules": counts}),)
    if best < floor:
        return (Reason("below_min_score", {"best_score": round(best, 4), "min_score": min_score}),)
    return (Reason("candidates_at_capacity", {"sectors": sorted(mentee.sectors)}),)


def match(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    config: MatchingConfig | None = None,
    *,
    mode: str = "optimal",
    progress: ProgressCallback | None = None,
    certify: bool = False,
    workers: int = 1,
) -> MatchResult:
    """Propose mentee–mentor pairs within mentor capacities.

    Parameters: ``mode`` is one of ``"optimal"`` (maximum total score over pairs scoring at least
    ``config.min_score``, exact on the candidate graph), ``"max_matched"`` (as many mentees matched as
    possible, then maximum total score), ``"stable"`` (mentee-proposing deferred acceptance: no mentee
    and mentor on the candidate graph both prefer each other to what they got) or ``"greedy"`` (best pairs
    first; a baseline). ``progress(fraction, stage)`` is called through the stages "encoding",
    "candidates", "assigning", "explaining" (and "bound"). ``certify=True`` adds one more scoring pass
    to report ``stats["upper_bound"]``, a bound on the best total score over all eligible pairs.
    ``workers`` is the number of threads scoring chunks; BLAS already uses the cores for the products,
    and on the 2-core reference machine a second thread measured slower, hence 1 by default.

    Returns a :class:`MatchResult`. Raises :class:`MatchingInputError` naming the bad field. The
    result depends only on the inputs (records are ordered by id inside), never on timing.

    >>> from matching.records import Mentee, Mentor
    >>> result = match([Mentee("a", {"de": "B2"}), Mentee("b", {"de": "C1"})], [Mentor("m", {"de": "C2"})])
    >>> [(x.mentee_id, x.mentor_id) for x in result.assignments], list(result.unmatched)
    ([('b', 'm')], ['a'])
    """
    config = config if config is not None else MatchingConfig()
    if mode not in MODES:
        raise MatchingInputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    validate_inputs(mentees, mentors, config)
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

    graph = candidate_graph(scorer, config.top_k, config.top_q, config.min_score, workers=workers, progress=progress)
    timings["candidates"], clock = time.perf_counter() - clock, time.perf_counter()

    report(0.0, "assigning")
    capacity = np.array([remaining_capacity(m, config) for m in mentors], dtype=np.int64)
    capacity = np.maximum(capacity, 0)
    assigned = assign(graph.mentee, graph.mentor, graph.score, capacity, len(mentees), mode)
    report(1.0, "assigning")
    timings["assigning"], clock = time.perf_counter() - clock, time.perf_counter()

    rows = np.flatnonzero(assigned >= 0)
    cols = assigned[rows]
    values = scorer.part_values(rows, cols)
    weights = scorer.weights
    pair_scores = np.zeros(len(rows))
    for part in PARTS:
        pair_scores += weights[part] * values[part]
    assignments = []
    for n_done, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        reasons = scorer.part_reasons(i, j, float(values["text_similarity"][n_done]))
        contribution = {p: weights[p] * float(values[p][n_done]) for p in PARTS}
        by_contribution = sorted(PARTS, key=contribution.__getitem__, reverse=True)
        assignments.append(
            Assignment(
                mentee_id=mentees[i].id,
                mentor_id=mentors[j].id,
                score=float(pair_scores[n_done]),
                parts={p: float(values[p][n_done]) for p in PARTS},
                reasons=tuple(r for p in by_contribution if weights[p] > 0 for r in reasons[p]),
            )
        )
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
    unmatched = {
        mentees[i].id: _unmatched_reason(scorer, i, float(graph.best_score[i]), graph.floor, config.min_score)
        for i in np.flatnonzero(assigned < 0).tolist()
    }
    report(1.0, "explaining")
    timings["explaining"] = time.perf_counter() - clock

    total = float(pair_scores.sum()) if len(rows) else 0.0
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
    if certify:
        clock = time.perf_counter()
        # prices come from an optimal assignment on the graph: they certify the best total score
        # reachable, which is also what the other modes are measured against
        optimal = (
            assigned if mode == "optimal" else assign(graph.mentee, graph.mentor, graph.score, capacity, len(mentees))
        )
        prices = mentor_prices(graph.mentee, graph.mentor, graph.score, optimal, len(mentors))
        bound = upper_bound(scorer, prices, capacity, graph.floor, workers=workers, progress=progress)
        stats["upper_bound"] = bound
        stats["ratio_to_bound"] = total / bound if bound > 0 else 1.0
        timings["bound"] = time.perf_counter() - clock
    return MatchResult(assignments=assignments, alternatives=alternatives, unmatched=unmatched, stats=stats)
