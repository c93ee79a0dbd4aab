"""Assignment through ``match``: exact optimum, max-matched, stable, greedy, invariants and reasons."""

from __future__ import annotations

import dataclasses
import itertools
import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from matching import MatchingConfig, Mentee, Mentor, Reason, match
from matching.assignment import assign
from matching.candidates import score_floor
from matching.rules import remaining_capacity
from matching.scoring import pair_scorer
from tests.matching.conftest import complete_config, population

FAST = settings(max_examples=25, deadline=None)


def dense_scores(mentees, mentors, config) -> np.ndarray:
    """Per-pair scores from the readable ``explain`` path, 0 where ineligible or below min_score."""
    scorer = pair_scorer(config, sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id))
    scores = np.zeros((len(mentees), len(mentors)))
    for i in range(len(mentees)):
        for j in range(len(mentors)):
            e = scorer.explain(i, j)
            if e.eligible and e.score >= config.min_score:
                scores[i, j] = e.score
    return scores


def slot_columns(mentors, config) -> np.ndarray:
    ordered = sorted(mentors, key=lambda m: m.id)
    return np.repeat(np.arange(len(ordered)), [max(0, remaining_capacity(m, config)) for m in ordered])


def brute_force_optimum(mentees, mentors, config) -> float:
    scores = dense_scores(mentees, mentors, config)
    slots = slot_columns(mentors, config)
    if len(slots) == 0:
        return 0.0
    expanded = scores[:, slots]
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return float(expanded[rows, cols].sum())


def check_invariants(result, mentees, mentors, config) -> None:
    by_id = {m.id: m for m in mentors}
    load: dict[str, int] = {}
    for a in result.assignments:
        load[a.mentor_id] = load.get(a.mentor_id, 0) + 1
        assert (a.mentee_id, a.mentor_id) not in config.exclusions
        assert a.score >= config.min_score - 1e-6
    for mentor_id, count in load.items():
        assert count <= remaining_capacity(by_id[mentor_id], config)
    matched = {a.mentee_id for a in result.assignments}
    assert len(matched) == len(result.assignments)
    assert matched.isdisjoint(result.unmatched) and matched | set(result.unmatched) == {m.id for m in mentees}
    for mentee_id, options in result.alternatives.items():
        assert len(options) <= config.alternatives
        assert [c.rank for c in options] == list(range(1, len(options) + 1))
        assert all(a.score >= b.score for a, b in itertools.pairwise(options))
        assert all((mentee_id, c.mentor_id) not in config.exclusions for c in options)


instances = st.builds(
    lambda n, m, seed, min_score, n_excluded: (n, m, seed, min_score, n_excluded),
    st.integers(1, 18),
    st.integers(1, 8),
    st.integers(0, 10_000),
    st.sampled_from([0.0, 0.0, 0.35, 0.5]),
    st.integers(0, 10),
)


def build(instance):
    n, m, seed, min_score, n_excluded = instance
    mentees, mentors = population(n, m, seed)
    rng = random.Random(seed)
    exclusions = frozenset((rng.choice(mentees).id, rng.choice(mentors).id) for _ in range(n_excluded))
    return mentees, mentors, complete_config(n, m, min_score=min_score, exclusions=exclusions)


@FAST
@given(instances)
def test_optimal_equals_brute_force_and_invariants_hold(instance):
    mentees, mentors, config = build(instance)
    result = match(mentees, mentors, config)
    check_invariants(result, mentees, mentors, config)
    assert result.stats["total_score"] == pytest.approx(brute_force_optimum(mentees, mentors, config), abs=1e-4)


@FAST
@given(instances, st.sampled_from(["max_matched", "stable", "greedy"]))
def test_other_modes_keep_invariants_and_never_beat_the_optimum(instance, mode):
    mentees, mentors, config = build(instance)
    optimal = match(mentees, mentors, config)
    other = match(mentees, mentors, config, mode=mode)
    check_invariants(other, mentees, mentors, config)
    assert other.stats["total_score"] <= optimal.stats["total_score"] + 1e-4


@FAST
@given(instances)
def test_max_matched_matches_as_many_as_possible_then_scores_well(instance):
    mentees, mentors, config = build(instance)
    scores = dense_scores(mentees, mentors, config)
    eligible = np.zeros_like(scores, dtype=bool)
    scorer = pair_scorer(config, sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id))
    block = scorer.block(0, len(mentees))
    eligible = block >= max(0.0, config.min_score) - 1e-6
    slots = slot_columns(mentors, config)
    most = 0
    if len(slots):
        graph = csr_matrix(eligible[:, slots].astype(np.int8))
        most = int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
    result = match(mentees, mentors, config, mode="max_matched")
    assert result.stats["matched"] == most
    assert result.stats["matched"] >= match(mentees, mentors, config).stats["matched"]


@FAST
@given(instances)
def test_stable_has_no_blocking_pair(instance):
    mentees, mentors, config = build(instance)
    mentees_sorted, mentors_sorted = sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id)
    scorer = pair_scorer(config, mentees_sorted, mentors_sorted)
    block = scorer.block(0, len(mentees)).astype(np.float64)
    result = match(mentees, mentors, config, mode="stable")
    row = {m.id: i for i, m in enumerate(mentees_sorted)}
    col = {m.id: j for j, m in enumerate(mentors_sorted)}
    own = {row[a.mentee_id]: col[a.mentor_id] for a in result.assignments}
    held: dict[int, list[float]] = {}
    for i, j in own.items():
        held.setdefault(j, []).append(block[i, j])
    floor = max(0.0, config.min_score) - 1e-6
    for i in range(len(mentees_sorted)):
        for j, mentor in enumerate(mentors_sorted):
            s = block[i, j]
            if s < floor or own.get(i) == j:
                continue
            mentee_wants = i not in own or s > block[i, own[i]]
            places = remaining_capacity(mentor, config)
            mentor_wants = places > 0 and (len(held.get(j, [])) < places or s > min(held[j]))
            assert not (mentee_wants and mentor_wants), f"blocking pair {i}, {j}"


@FAST
@given(instances, st.sampled_from(["optimal", "max_matched", "stable", "greedy"]))
def test_same_input_in_any_order_gives_the_same_result(instance, mode):
    mentees, mentors, config = build(instance)
    first = match(mentees, mentors, config, mode=mode)
    shuffled_mentees, shuffled_mentors = list(mentees), list(mentors)
    random.Random(1).shuffle(shuffled_mentees)
    random.Random(2).shuffle(shuffled_mentors)
    second = match(shuffled_mentees, shuffled_mentors, config, mode=mode)
    assert first.assignments == second.assignments
    assert first.alternatives == second.alternatives
    assert first.unmatched == second.unmatched


def test_optimal_agrees_with_networkx_on_expanded_slots():
    mentees, mentors = population(14, 6, seed=3)
    config = complete_config(14, 6)
    scores = dense_scores(mentees, mentors, config)
    slots = slot_columns(mentors, config)
    graph = nx.Graph()
    for i in range(len(mentees)):
        for s, j in enumerate(slots):
            if scores[i, j] > 0:
                graph.add_edge(("mentee", i), ("slot", s), weight=scores[i, j])
    best = nx.max_weight_matching(graph)
    expected = sum(graph.edges[u, v]["weight"] for u, v in best)
    assert match(mentees, mentors, config).stats["total_score"] == pytest.approx(expected, abs=1e-4)


def test_assign_optimum_beats_greedy_on_a_crafted_graph():
    # greedy takes 0.9 and then strands mentee 1; the optimum takes 0.8 + 0.85
    mentee, mentor, score = np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([0.9, 0.8, 0.85])
    assert assign(mentee, mentor, score, np.array([1, 1]), 2, "greedy").tolist() == [0, -1]
    assert assign(mentee, mentor, score, np.array([1, 1]), 2, "optimal").tolist() == [1, 0]


def test_max_matched_trades_quality_for_coverage():
    # mentee 0 scores 1.0 with mentor 0 and 0.1 with mentor 1; mentee 1 can only take mentor 0 (0.1).
    # The best total (1.0) leaves mentee 1 out; matching both (0.1 + 0.1) costs 0.8 of total score.
    mentee, mentor, score = np.array([0, 0, 1]), np.array([0, 1, 0]), np.array([1.0, 0.1, 0.1])
    capacity = np.array([1, 1])
    assert assign(mentee, mentor, score, capacity, 2, "optimal").tolist() == [0, -1]
    assert assign(mentee, mentor, score, capacity, 2, "max_matched").tolist() == [1, 0]


def brute_force_lexicographic(edges: dict[tuple[int, int], float], capacity: list[int], n: int) -> tuple[int, float]:
    """(most mentees matched, best total score among the assignments matching that many), by enumeration."""
    options = [[-1, *sorted(j for i, j in edges if i == row)] for row in range(n)]
    best = (0, 0.0)
    for choice in itertools.product(*options):
        load = np.bincount([j for j in choice if j >= 0], minlength=len(capacity))
        if (load > capacity).any():
            continue
        matched = sum(j >= 0 for j in choice)
        total = sum(edges[(i, j)] for i, j in enumerate(choice) if j >= 0)
        best = max(best, (matched, round(total, 9)))
    return best


@FAST
@given(st.integers(1, 6), st.integers(1, 3), st.integers(0, 10_000))
def test_max_matched_maximises_quality_among_the_largest_assignments(n, m, seed):
    rng = np.random.default_rng(seed)
    present = rng.random((n, m)) < 0.6
    rows, cols = np.nonzero(present)
    # three decimals: no two totals differ by less than the solver's 10⁻⁶ resolution unless equal
    score = np.round(rng.random(len(rows)), 3)
    capacity = rng.integers(0, 3, size=m)
    edges = {(int(i), int(j)): float(s) for i, j, s in zip(rows, cols, score, strict=True)}
    most, best_total = brute_force_lexicographic(edges, capacity.tolist(), n)

    assigned = assign(rows, cols, score, capacity, n, "max_matched")

    chosen = [(i, j) for i, j in enumerate(assigned.tolist()) if j >= 0]
    assert all((i, j) in edges for i, j in chosen)
    assert (np.bincount([j for _, j in chosen], minlength=m) <= capacity).all()
    assert len(chosen) == most
    assert sum(edges[pair] for pair in chosen) == pytest.approx(best_total, abs=1e-9)


def test_excluded_pairs_never_appear_anywhere():
    mentees, mentors = population(25, 8, seed=11)
    all_pairs = frozenset((a.id, b.id) for a in mentees for b in mentors[:4])
    config = complete_config(25, 8, exclusions=all_pairs)
    for mode in ("optimal", "max_matched", "stable", "greedy"):
        result = match(mentees, mentors, config, mode=mode)
        check_invariants(result, mentees, mentors, config)
        banned = {b.id for b in mentors[:4]}
        assert not banned & {a.mentor_id for a in result.assignments}
        assert not banned & {c.mentor_id for options in result.alternatives.values() for c in options}


def test_unmatched_reasons_say_why():
    mentors = [Mentor("m1", {"de": "C2"}, sectors=frozenset({"86"}), is_woman=False, online=False, capacity=1)]
    mentees = [
        Mentee("a-nolang", {"ar": "C2", "de": "A2"}),
        Mentee("b-woman", {"de": "B2"}, woman_mentor_only=True),
        Mentee("c-first", {"de": "C2"}, sectors=frozenset({"86"})),
        Mentee("d-second", {"de": "B1"}, sectors=frozenset({"86"})),
        Mentee("e-farmer", {"de": "B1"}, sectors=frozenset({"01"})),
    ]
    result = match(mentees, mentors, MatchingConfig())
    assert [a.mentee_id for a in result.assignments] == ["c-first"]
    assert result.unmatched["a-nolang"] == (Reason("no_shared_working_language", {"min_level": "B1"}),)
    assert result.unmatched["b-woman"] == (Reason("no_eligible_mentor", {"rules": {"mentee_wants_woman_mentor": 1}}),)
    assert result.unmatched["d-second"] == (Reason("candidates_at_capacity", {"sectors": ["86"]}),)
    # her only eligible mentor is full, but he is not in her sector: no sector is named
    assert result.unmatched["e-farmer"] == (Reason("candidates_at_capacity", {"sectors": []}),)
    strict = match(mentees, mentors, MatchingConfig(min_score=0.99))
    (reason,) = strict.unmatched["c-first"]
    assert reason.code == "below_min_score" and reason.params["min_score"] == 0.99
    assert match(mentees[:1], [dataclasses.replace(mentors[0], verified=False)]).unmatched["a-nolang"][0].code == (
        "no_shared_working_language"
    )


def test_a_mentor_with_places_left_is_not_reported_full():
    mentors = [
        Mentor("m1", {"de": "C2"}, sectors=frozenset({"86"})),
        Mentor("m2", {"de": "C2", "en": "C2"}, sectors=frozenset({"62"}), capacity=2),
    ]
    mentees = [
        Mentee("c-first", {"de": "C2"}, sectors=frozenset({"86"})),
        Mentee("d-second", {"de": "B1"}, sectors=frozenset({"86"})),
        Mentee("e-other", {"en": "C2"}, sectors=frozenset({"62"})),
    ]
    # with one candidate per side and no proof, d-second's only candidate is m1 (full); m2 keeps a place
    result = match(mentees, mentors, MatchingConfig(top_k=1, top_q=1, proof_rounds=0))
    assert {(a.mentee_id, a.mentor_id) for a in result.assignments} == {("c-first", "m1"), ("e-other", "m2")}
    assert result.unmatched == {
        "d-second": (Reason("free_mentors_not_candidates", {"mentors": 1, "sectors": ["86"]}),),
    }
    assert match(mentees, mentors).unmatched == {}
    # the proof finds the pair the pruned graph dropped
    proven = match(mentees, mentors, MatchingConfig(top_k=1, top_q=1))
    assert proven.unmatched == {} and proven.stats["certificate"]["proven"]
    assert proven.stats["certificate"]["pairs_added"] >= 1


def test_pairs_that_score_zero_are_not_blamed_on_capacity():
    # only sectors count and nobody has one: every eligible pair scores 0 and adds nothing to the total
    mentees = [Mentee(f"z{i}", {"de": "C2"}) for i in range(3)]
    result = match(mentees, [Mentor("m", {"de": "C2"}, capacity=3)], MatchingConfig(weights={"sector": 1.0}))
    for mentee_id in set(result.unmatched):
        assert result.unmatched[mentee_id] == (Reason("free_mentors_zero_score", {"mentors": 1, "sectors": []}),)


CAPACITY_CODES = ("candidates_at_capacity", "free_mentors_not_candidates", "free_mentors_zero_score")


@FAST
@given(instances, st.sampled_from(["optimal", "max_matched", "stable", "greedy"]), st.booleans())
def test_unmatched_reasons_are_true(instance, mode, short_lists):
    mentees, mentors, config = build(instance)
    if short_lists:
        config = dataclasses.replace(config, top_k=2, top_q=2)
    mentees_sorted, mentors_sorted = sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id)
    scorer = pair_scorer(config, mentees_sorted, mentors_sorted)
    scores = scorer.block(0, len(mentees_sorted))
    eligible = scores >= score_floor(config.min_score)
    result = match(mentees, mentors, config, mode=mode)
    load: dict[str, int] = {}
    for a in result.assignments:
        load[a.mentor_id] = load.get(a.mentor_id, 0) + 1
    full = np.array([load.get(m.id, 0) >= remaining_capacity(m, config) for m in mentors_sorted])
    for i, mentee in enumerate(mentees_sorted):
        if mentee.id not in result.unmatched:
            continue
        (reason,) = result.unmatched[mentee.id]
        mine = eligible[i]
        if reason.code in ("no_eligible_mentor", "no_shared_working_language"):
            assert not (scores[i] >= 0).any()
        elif reason.code == "below_min_score":
            assert (scores[i] >= 0).any() and not mine.any()
        else:
            assert reason.code in CAPACITY_CODES and mine.any()
            free = mine & ~full
            if reason.code == "candidates_at_capacity":
                assert not free.any()
            else:
                assert reason.params["mentors"] >= 1 and free.any()
                assert reason.code != "free_mentors_zero_score" or mode == "optimal"
                assert reason.code != "free_mentors_not_candidates" or short_lists
            if reason.code == "free_mentors_not_candidates":
                assert reason.params["mentors"] == free.sum()
            truly_full = set()
            for sector in mentee.sectors:
                sharing = mine & np.array([sector in m.sectors for m in mentors_sorted])
                if sharing.any() and full[sharing].all():
                    truly_full.add(sector)
            named = set(reason.params["sectors"])
            assert named <= truly_full
            if not short_lists:  # every eligible mentor is a candidate: every such sector is named
                assert named == truly_full


def test_alternatives_list_next_best_mentors_for_roll_over():
    mentees, mentors = population(10, 8, seed=5)
    config = complete_config(10, 8, alternatives=2)
    result = match(mentees, mentors, config)
    own = {a.mentee_id: a.mentor_id for a in result.assignments}
    assert result.alternatives
    for mentee_id, options in result.alternatives.items():
        assert own.get(mentee_id) not in {c.mentor_id for c in options}
        assert len(options) <= 2


def test_assignments_carry_parts_and_reasons():
    mentees, mentors = population(12, 5, seed=2)
    result = match(mentees, mentors, complete_config(12, 5))
    for a in result.assignments:
        assert set(a.parts) == {"language", "sector", "goals", "place", "availability"}
        assert any(r.code == "shared_language" for r in a.reasons)


def test_progress_reports_stages_with_fractions():
    mentees, mentors = population(40, 10, seed=1)
    seen: list[tuple[float, str]] = []
    match(mentees, mentors, complete_config(40, 10), progress=lambda f, s: seen.append((f, s)))
    assert all(0.0 <= f <= 1.0 for f, _ in seen)
    stages = [s for _, s in seen]
    for stage in ("encoding", "candidates", "assigning", "proving", "explaining"):
        assert stage in stages
    assert stages.index("encoding") < stages.index("candidates") < stages.index("assigning") < stages.index("proving")
    seen.clear()
    match(
        mentees,
        mentors,
        complete_config(40, 10),
        mode="greedy",
        progress=lambda f, s: seen.append((f, s)),
        certify=True,
    )
    assert "bound" in [s for _, s in seen] and "proving" not in [s for _, s in seen]


def test_certified_bound_is_above_the_optimum_and_the_result():
    mentees, mentors = population(40, 12, seed=9)
    config = complete_config(40, 12, top_k=2, top_q=2)
    optimum = brute_force_optimum(mentees, mentors, config)
    for mode in ("greedy", "stable"):
        result = match(mentees, mentors, config, mode=mode, certify=True)
        assert result.stats["total_score"] <= optimum + 1e-4 <= result.stats["upper_bound"] + 2e-4
        assert 0 < result.stats["ratio_to_bound"] <= 1.0


def test_empty_inputs():
    assert match([], []).assignments == []
    result = match([Mentee("a", {"de": "B2"})], [])
    assert result.unmatched["a"][0].code == "no_eligible_mentor"


def test_one_side_empty_with_free_text_on_the_other(small: tuple[list[Mentee], list[Mentor]]) -> None:
    """A run when nobody is waiting (or no mentor is left) still answers: the free texts of the other side are
    encoded, and the empty side gives the text encoder nothing to transform (which once failed the run)."""
    mentees, mentors = small
    assert any(m.offer_text for m in mentors) and any(m.goal_text for m in mentees)
    assert match([], mentors).assignments == []
    result = match(mentees, [])
    assert result.assignments == []
    assert {reasons[0].code for reasons in result.unmatched.values()} == {"no_eligible_mentor"}
