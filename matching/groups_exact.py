"""Exact models for peer-group formation, solved with OR-tools CP-SAT, and the lower bounds a round reports.

``language_classes`` decides, for the whole network at once, which language each worker's group will share: it
works on counts of workers per combination of languages (a few hundred at most, however large the network), so
it is exact at any scale. ``solve_partition`` is the full grouping model over a few dozen workers: the whole
round when the round is small, one neighbourhood of groups when ``matching.groups`` searches a large round.
Both run CP-SAT on one worker with a fixed seed and a deterministic time limit, so the same input always gives
the same answer; a wall-clock limit above it only guards against a pathologically slow machine.

The rules are ranked, each counting only once the ones above it are as good as they can be: (0) everyone is
placed, (1) groups share a working language, (2) groups mix the required number of cities, (3) pairs of people
grouped before are not grouped again. Topic similarity, organisations and sizes near the target come after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from ortools.sat.python import cp_model
from scipy import sparse

Tiers = tuple[int, int, int, int]
"""(unplaced workers, groups without a common language, missing cities, repeated pairs): smaller is better,
compared in that order."""

_WALL_FACTOR = 10.0  # wall-clock guard, as a multiple of the deterministic limit (plus five seconds)


def _solver(seed: int, deterministic_seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker and a deterministic limit: the same answer on every run
    solver.parameters.random_seed = seed % 2**31
    solver.parameters.max_deterministic_time = deterministic_seconds
    solver.parameters.max_time_in_seconds = 5.0 + _WALL_FACTOR * deterministic_seconds
    return solver


def _found(status: cp_model.CpSolverStatus) -> bool:
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


# --------------------------------------------------------------------------------------------------------------------
# Which language each group shares


@dataclass(frozen=True, slots=True)
class LanguageClasses:
    """For each worker the language her group will share (an index into the network's languages) or -1 for the
    pool of groups without one; ``groups[language]`` says how many groups each class forms (-1: the pool).

    ``lower_bound`` is a number of groups without a common language that no grouping of these workers into groups
    of the size range can go below; ``proven`` says that the classes reach it.
    """

    language_of: tuple[int, ...]
    groups: dict[int, int]
    lower_bound: int
    proven: bool


def language_classes(
    speaks: Sequence[Sequence[int]],
    *,
    min_size: int,
    max_size: int,
    target_size: int,
    seed: int,
    total_groups: int | None = None,
    deterministic_seconds: float = 2.0,
) -> LanguageClasses | None:
    """Split workers into language classes that give the fewest groups without a common language.

    A group shares language l only if it has at least ``min_size`` members who all speak l, so a class of n
    workers can form g groups of the size range when ``g·min_size ≤ n ≤ g·max_size``. Any grouping maps to such
    classes (a group with a common language joins the class of one of them, the others the pool), and any such
    classes give a grouping, so the least pool size found here is the exact minimum over all groupings in the
    size range (forbidden pairs aside). Among the classes that reach it, as many workers as possible keep the
    first language they speak (the languages of ``speaks`` are listed most widely spoken first), as the network's
    most common languages give the most freedom to mix cities; then each class's groups are as near
    ``target_size`` as they can be. With ``total_groups`` the number of groups is fixed (for a number of workers
    that no split into the size range fits, e.g. 2,999 workers in groups of exactly 4 are 749 groups of 4 or 5).

    Returns None when no split was found within the time limit (the caller then falls back on simpler classes).
    """
    n = len(speaks)
    if n == 0 or min_size > n:
        return None
    max_size = min(max_size, n)  # a larger limit means the same and would overflow the solver's integers
    target_size = min(target_size, max_size)
    speakers: dict[int, int] = {}
    for languages in speaks:
        for code in languages:
            speakers[code] = speakers.get(code, 0) + 1
    useful = {code for code, count in speakers.items() if count >= min_size}
    patterns: dict[tuple[int, ...], list[int]] = {}
    for worker, languages in enumerate(speaks):
        patterns.setdefault(tuple(c for c in languages if c in useful), []).append(worker)
    keys = sorted(patterns)

    model = cp_model.CpModel()
    assign: dict[tuple[int, int], cp_model.IntVar] = {}  # (pattern, language or -1) → workers
    members: dict[int, list[cp_model.IntVar]] = {}
    for p, key in enumerate(keys):
        count = len(patterns[key])
        row = []
        for code in (*key, -1):
            var = model.new_int_var(0, count, f"y{p}_{code}")
            assign[p, code] = var
            members.setdefault(code, []).append(var)
            row.append(var)
        model.add(sum(row) == count)
    group_vars: dict[int, cp_model.IntVar] = {}
    for code in sorted(members):
        group_vars[code] = model.new_int_var(0, n // min_size, f"g{code}")
        total = sum(members[code])
        model.add(total >= min_size * group_vars[code])
        model.add(total <= max_size * group_vars[code])
    pool = group_vars[-1]
    if total_groups is not None:
        model.add(sum(group_vars.values()) == total_groups)

    model.minimize(pool)
    solver = _solver(seed, deterministic_seconds)
    status = solver.solve(model)
    if not _found(status):
        return None
    least = int(solver.value(pool))
    lower_bound = least if status == cp_model.OPTIMAL else max(0, int(-(-solver.best_objective_bound // 1)))
    proven = status == cp_model.OPTIMAL

    # Second stage: the pool as small as found, then first languages kept, then sizes near the target.
    model.add(pool <= least)
    for var in (*assign.values(), *group_vars.values()):
        model.add_hint(var, solver.value(var))
    off_target = []
    for code, var in group_vars.items():
        off = model.new_int_var(0, n * (target_size + 1), f"d{code}")
        model.add(off >= target_size * var - sum(members[code]))
        model.add(off >= sum(members[code]) - target_size * var)
        off_target.append(off)
    kept = sum(assign[p, key[0]] for p, key in enumerate(keys) if key)
    model.minimize((n * (target_size + 1) + 1) * (n - kept) + sum(off_target))
    second = _solver(seed, deterministic_seconds / 8)  # a preference, not a rule: no proof needed
    if _found(second.solve(model)):
        solver = second

    language_of = [-1] * n
    for p, key in enumerate(keys):
        workers = patterns[key]
        start = 0
        for code in key:
            take = int(solver.value(assign[p, code]))
            for worker in workers[start : start + take]:
                language_of[worker] = code
            start += take
    groups = {code: int(solver.value(var)) for code, var in group_vars.items() if solver.value(var)}
    return LanguageClasses(tuple(language_of), groups, lower_bound, proven)


# --------------------------------------------------------------------------------------------------------------------
# The full model on a few dozen workers


@dataclass(frozen=True, slots=True)
class PartitionProblem:
    """Workers (0..n-1) to split into between ``min_groups`` and ``max_groups`` groups of ``min_size`` to
    ``max_size`` members. ``speaks`` lists each worker's working languages, ``city`` her city (a code),
    ``previous`` the pairs grouped before, ``forbidden`` the pairs never to be grouped; ``required`` is how many
    cities a group should mix; ``hint`` a grouping to start from (a group index per worker, -1 for nobody's
    group). Among groupings equally good on the rules, the one whose number of groups is nearest
    ``target_groups`` is preferred.

    ``may_leave`` are the workers who may be left out (people kept apart from someone): only to keep the groups
    without a common language at ``language_allowance`` (what the round could reach without its forbidden
    pairs), so a block never costs a shared language but never leaves out someone it does not have to.
    """

    speaks: Sequence[Sequence[int]]
    city: Sequence[int]
    previous: Sequence[tuple[int, int]]
    forbidden: Sequence[tuple[int, int]]
    min_size: int
    max_size: int
    min_groups: int
    max_groups: int
    target_groups: int
    required: int
    hint: Sequence[int]
    may_leave: frozenset[int] = frozenset()
    language_allowance: int = 0


@dataclass(frozen=True, slots=True)
class PartitionSolution:
    """The best grouping found (a group index per worker, -1 if unplaced) and its ``tiers``.

    ``rules_proven``: no grouping of the problem ranks better on tiers 0–2 (see :func:`rank`). ``repeats_bound``:
    no grouping that ranks as well on tiers 0–2 has fewer repeated pairs; ``repeats_proven`` when the solution
    reaches it. ``effort`` is the deterministic time the solver spent (about seconds on an idle machine).
    """

    group_of: tuple[int, ...]
    tiers: Tiers
    rules_proven: bool
    repeats_bound: int
    repeats_proven: bool
    effort: float


def tiers_of(problem: PartitionProblem, group_of: Sequence[int]) -> Tiers:
    """The rule counts of a grouping of ``problem``'s workers."""
    members: dict[int, list[int]] = {}
    for worker, group in enumerate(group_of):
        if group >= 0:
            members.setdefault(group, []).append(worker)
    no_language = 0
    missing = 0
    for people in members.values():
        common = set(problem.speaks[people[0]]).intersection(*(problem.speaks[w] for w in people[1:]))
        no_language += not common
        missing += max(0, problem.required - len({problem.city[w] for w in people}))
    repeats = sum(1 for a, b in problem.previous if group_of[a] >= 0 and group_of[a] == group_of[b])
    return (sum(1 for g in group_of if g < 0), no_language, missing, repeats)


def rank(problem: PartitionProblem, tiers: Tiers) -> tuple[int, int, int, int, int]:
    """The order of groupings: groups without a common language beyond ``language_allowance``, people left out,
    groups without a common language, missing cities, repeated pairs; smaller is better."""
    unplaced, no_language, missing, repeats = tiers
    return (max(0, no_language - problem.language_allowance), unplaced, no_language, missing, repeats)


def _canonical(group_of: Sequence[int]) -> list[int]:
    """Renumber groups in the order of their first member (the numbering the model's symmetry breaking allows)."""
    renumber: dict[int, int] = {}
    for group in group_of:
        if group >= 0 and group not in renumber:
            renumber[group] = len(renumber)
    return [renumber[g] if g >= 0 else -1 for g in group_of]


def solve_partition(
    problem: PartitionProblem,
    *,
    seed: int,
    deterministic_seconds: float,
    floor: Tiers = (0, 0, 0, 0),
) -> PartitionSolution:
    """Improve ``problem.hint`` with CP-SAT: first tiers 0–2 together (in the order of :func:`rank`), then,
    keeping them as good, repeated pairs (then the number of groups nearest the target). ``floor`` holds lower
    bounds known beforehand for groupings that place everyone and are no worse on the rules above (a stage whose
    hint already meets them is skipped). The result is never worse than the hint."""
    n = len(problem.speaks)
    hint = _canonical(problem.hint)
    hint_tiers = tiers_of(problem, hint)
    lo, hi = problem.min_size, min(problem.max_size, n)  # a larger limit means the same and could overflow
    required = min(problem.required, n)
    k = min(problem.max_groups, n // lo if lo else n)
    k = max(k, max(hint, default=-1) + 1)

    model = cp_model.CpModel()
    x: list[dict[int, cp_model.IntVar]] = []
    for w in range(n):
        x.append({g: model.new_bool_var(f"x{w}_{g}") for g in range(min(k, w + 1))})
    used = [model.new_bool_var(f"u{g}") for g in range(k)]
    for g in range(k):
        column = [x[w][g] for w in range(g, n)]
        model.add(sum(column) >= lo * used[g])
        model.add(sum(column) <= hi * used[g])
        if g < problem.min_groups:
            model.add(used[g] == 1)
        if g:
            model.add_implication(used[g], used[g - 1])
    placed: dict[int, cp_model.IntVar] = {}
    for w in range(n):
        if w in problem.may_leave:
            model.add_at_most_one(x[w].values())
            placed[w] = model.new_bool_var(f"p{w}")
            model.add(sum(x[w].values()) == placed[w])
        else:
            model.add_exactly_one(x[w].values())
    # Value precedence: group g is opened (gets its first member) only after group g - 1 was.
    opened: list[dict[int, cp_model.IntVar]] = []
    for w in range(n):
        row: dict[int, cp_model.IntVar] = {}
        for g in range(min(k, w + 1)):
            var = model.new_bool_var(f"o{w}_{g}")
            previous = opened[w - 1].get(g) if w else None
            if previous is None:
                model.add(var == x[w][g])
            else:
                model.add_max_equality(var, [previous, x[w][g]])
            row[g] = var
        opened.append(row)
        for g in range(1, min(k, w + 1)):
            model.add_implication(x[w][g], opened[w - 1][g - 1])
    for a, b in problem.forbidden:
        for g in set(x[a]) & set(x[b]):
            model.add_bool_or([x[a][g].Not(), x[b][g].Not()])

    speakers: dict[int, set[int]] = {}
    for w, languages in enumerate(problem.speaks):
        for code in languages:
            speakers.setdefault(code, set()).add(w)
    languages = sorted(code for code, who in speakers.items() if len(who) >= lo)
    shares: dict[tuple[int, int], cp_model.IntVar] = {}
    no_language = []
    for g in range(k):
        options = []
        for code in languages:
            var = model.new_bool_var(f"l{g}_{code}")
            for w in range(g, n):
                if w not in speakers[code]:
                    model.add_implication(var, x[w][g].Not())
            model.add_implication(var, used[g])
            shares[g, code] = var
            options.append(var)
        lacking = model.new_bool_var(f"n{g}")
        model.add(lacking + sum(options) >= used[g])
        no_language.append(lacking)

    cities = sorted(set(problem.city))
    present: dict[tuple[int, int], cp_model.IntVar] = {}
    shortfall = []
    if required > 1:
        by_city: dict[int, list[int]] = {}
        for w, c in enumerate(problem.city):
            by_city.setdefault(c, []).append(w)
        for g in range(k):
            here = []
            for c in cities:
                var = model.new_bool_var(f"c{g}_{c}")
                able = [x[w][g] for w in by_city[c] if g in x[w]]
                if able:
                    model.add_bool_or(able).only_enforce_if(var)
                else:
                    model.add(var == 0)
                present[g, c] = var
                here.append(var)
            short = model.new_int_var(0, required, f"s{g}")
            model.add(short >= required * used[g] - sum(here))
            shortfall.append(short)

    repeated = []
    for a, b in problem.previous:
        var = model.new_bool_var(f"r{a}_{b}")
        for g in set(x[a]) & set(x[b]):
            model.add_bool_or([x[a][g].Not(), x[b][g].Not(), var])
        repeated.append(var)

    if not problem.may_leave:
        # Known lower bounds let the solver stop as soon as it reaches them, instead of proving them again.
        model.add(sum(no_language) >= floor[1])
        if shortfall:
            model.add(sum(shortfall) >= floor[2])
        if repeated:
            model.add(sum(repeated) >= floor[3])
    unplaced = len(placed) - sum(placed.values())
    excess = model.new_int_var(0, k, "excess")
    model.add(excess >= sum(no_language) - problem.language_allowance)
    weight_missing = len(problem.previous) + 1
    weight_language = weight_missing * (k * required + 1)
    weight_unplaced = weight_language * (k + 1)
    weight_excess = weight_unplaced * (len(placed) + 1)
    weights = (weight_excess, weight_unplaced, weight_language, weight_missing)
    rules = weight_excess * excess + weight_unplaced * unplaced + weight_language * sum(no_language)
    rules += weight_missing * sum(shortfall)

    def add_hint(group_of: Sequence[int]) -> None:
        model.clear_hints()
        members: dict[int, list[int]] = {}
        for w, group in enumerate(group_of):
            if group >= 0:
                members.setdefault(group, []).append(w)
            for g, var in x[w].items():
                model.add_hint(var, int(group == g))
            if w in placed:
                model.add_hint(placed[w], int(group >= 0))
        first = {g: people[0] for g, people in members.items()}
        for w in range(n):
            for g, var in opened[w].items():
                model.add_hint(var, int(first.get(g, n) <= w))
        lacking = 0
        for g in range(k):
            people = members.get(g, [])
            model.add_hint(used[g], int(bool(people)))
            common = set.intersection(*(set(problem.speaks[w]) for w in people)) if people else set()
            for code in languages:
                model.add_hint(shares[g, code], int(bool(people) and code in common))
            model.add_hint(no_language[g], int(bool(people) and not common))
            lacking += bool(people) and not common
            if required > 1:
                here = {problem.city[w] for w in people}
                for c in cities:
                    model.add_hint(present[g, c], int(c in here))
                model.add_hint(shortfall[g], max(0, required - len(here)) if people else 0)
        model.add_hint(excess, max(0, lacking - problem.language_allowance))
        for var, (a, b) in zip(repeated, problem.previous, strict=True):
            model.add_hint(var, int(group_of[a] >= 0 and group_of[a] == group_of[b]))

    def read(solver: cp_model.CpSolver) -> list[int]:
        return [next((g for g, var in x[w].items() if solver.boolean_value(var)), -1) for w in range(n)]

    best, best_tiers = hint, hint_tiers
    effort = 0.0
    floor_rank = rank(problem, (0, *floor[1:]))
    rules_proven = all(have <= least for have, least in zip(rank(problem, best_tiers)[:4], floor_rank[:4], strict=True))
    changed = False
    if not rules_proven:
        add_hint(best)
        model.minimize(rules)
        solver = _solver(seed, deterministic_seconds / 2)
        status = solver.solve(model)
        effort += solver.deterministic_time
        if _found(status):
            found = read(solver)
            if rank(problem, tiers_of(problem, found))[:4] < rank(problem, best_tiers)[:4]:
                best, best_tiers, changed = _canonical(found), tiers_of(problem, found), True
        rules_proven = status == cp_model.OPTIMAL

    repeats_bound = floor[3]
    spread = model.new_int_var(0, k + problem.target_groups, "spread")
    model.add(spread >= sum(used) - problem.target_groups)
    model.add(spread >= problem.target_groups - sum(used))
    off_target = abs(len(set(best) - {-1}) - problem.target_groups)
    if best_tiers[3] > floor[3] or (changed and off_target):
        ranked = rank(problem, best_tiers)
        model.add(rules <= sum(w * v for w, v in zip(weights, ranked[:4], strict=True)))
        add_hint(best)
        model.add_hint(spread, off_target)
        # Repeated pairs first, then the number of groups nearest the target (spread ≤ k + target).
        scale = k + problem.target_groups + 1
        model.minimize(scale * sum(repeated) + spread)
        # Only the number of groups left to settle: a short search, not a proof.
        settle = best_tiers[3] <= floor[3]
        solver = _solver(seed + 1, deterministic_seconds / (20 if settle else 2))
        status = solver.solve(model)
        effort += solver.deterministic_time
        if _found(status):
            found = read(solver)
            found_rank = rank(problem, tiers_of(problem, found))
            if found_rank < rank(problem, best_tiers) or (changed and found_rank == rank(problem, best_tiers)):
                best, best_tiers = _canonical(found), tiers_of(problem, found)
            repeats_bound = max(repeats_bound, int(-(-solver.best_objective_bound // 1)) // scale)
        if status == cp_model.OPTIMAL:
            repeats_bound = max(repeats_bound, best_tiers[3])
    repeats_bound = min(repeats_bound, best_tiers[3])
    return PartitionSolution(
        tuple(best), best_tiers, rules_proven, repeats_bound, repeats_bound >= best_tiers[3], effort
    )


# --------------------------------------------------------------------------------------------------------------------
# A counting bound on repeated pairs


def repeats_counting_bound(
    previous: sparse.csr_matrix,
    speaks: Sequence[Sequence[int]],
    *,
    min_size: int,
    max_groups: int,
    no_language_groups: int,
    max_edges: int = 20_000,
) -> int:
    """A lower bound on the repeated pairs of any grouping of these workers into at most ``max_groups`` groups of at
    least ``min_size`` members with at most ``no_language_groups`` groups lacking a common language.

    ``previous`` is the symmetric 0/1 matrix of the pairs grouped before. People who were all grouped with one
    another (a clique of ``previous``) and now fall into at most g groups repeat at least the pairs of the most
    even split of them over g groups. g is at most ``max_groups``, and for a clique whose members speak only
    languages L, at most ``no_language_groups`` plus, for each l in L, the number of groups of ``min_size`` that
    l's speakers can fill. Cliques are taken greedily and edge-disjoint among the people whose g is small enough
    to force a repeat, when there are at most ``max_edges`` previous pairs. Someone who met all but m of the others
    repeats at least ``min_size - 1 - m`` pairs: the larger of the two counts is returned.
    """
    n = len(speaks)
    if previous.nnz == 0 or n == 0:
        return 0
    met = previous.getnnz(axis=1)
    per_person = int(np.maximum(0, min_size - 1 - (n - 1 - met)).sum()) // 2

    rows = np.repeat(np.arange(n), [len(codes) for codes in speaks])
    codes = np.array([c for languages in speaks for c in languages], dtype=np.int64)
    fill = np.bincount(codes, minlength=1) // min_size
    reach = np.minimum(max_groups, no_language_groups + np.bincount(rows, weights=fill[codes], minlength=n))
    tight = np.flatnonzero(met + 1 > reach)
    if tight.size == 0 or previous.nnz > 2 * max_edges:
        return per_person
    sub = previous[tight][:, tight].tocsr()
    left = {int(w): set(tight[sub.indices[sub.indptr[p] : sub.indptr[p + 1]]].tolist()) for p, w in enumerate(tight)}

    def groups_for(clique: list[int]) -> int:
        languages = {c for w in clique for c in speaks[w]}
        return max(1, min(max_groups, no_language_groups + sum(int(fill[c]) for c in languages)))

    cliques = 0
    for start in tight.tolist():
        while left[start]:
            clique = [start]
            for v in sorted(left[start]):
                if all(v in left[u] for u in clique):
                    clique.append(v)
            groups = groups_for(clique)
            q, r = divmod(len(clique), groups)
            cliques += r * (q + 1) * q // 2 + (groups - r) * q * (q - 1) // 2
            for u, v in combinations(clique, 2):
                left[u].discard(v)
                left[v].discard(u)
    return max(per_person, cliques)
