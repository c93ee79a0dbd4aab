"""Figures for peer-group formation: time, peak memory, similarity against a greedy nearest-neighbour baseline,
the city-mixing rule and repeated pairs over three rounds; then populations of other shapes (language islands,
groups of exactly four, successive rounds on 40 workers, many small networks), each against the round's own lower
bounds and, where it is small enough, against the exact optimum found by CP-SAT from scratch. Prints figures;
asserts nothing.

Run: ``.venv/bin/python -m bench.bench_groups --sizes 5000,50000`` (``--shapes ""`` skips the other shapes)
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections import Counter
from itertools import combinations

import numpy as np

from bench.synthetic_workers import language_island_workers, synthetic_workers
from matching.groups import GroupingResult, describe_groups, form_groups, topic_vectors
from matching.groups_exact import PartitionProblem, rank, solve_partition, tiers_of
from matching.records import CEFR_LEVELS, FrontlineWorker, GroupConfig


def greedy_nearest_neighbour_groups(workers: list[FrontlineWorker], config: GroupConfig) -> list[list[str]]:
    """Baseline: take workers in seeded order; each one still free opens a group with her most similar free peers.

    It looks at topic similarity only (no language, city, organisation or repeat rule), which favours it on the
    similarity figure. A remainder below ``min_size`` is spread over groups with room.
    """
    ids, left, right = topic_vectors(workers, config)
    n = len(ids)
    rng = np.random.default_rng(config.seed)
    free = np.ones(n, dtype=bool)
    groups: list[list[int]] = []
    for seed in rng.permutation(n):
        if not free[seed]:
            continue
        free[seed] = False
        candidates = np.flatnonzero(free)
        take = min(config.target_size - 1, candidates.size)
        if candidates.size < config.min_size - 1 and groups:
            break
        similarity = right[candidates] @ left[seed]
        chosen = candidates[np.argpartition(-similarity, take - 1)[:take]] if take else candidates[:0]
        free[chosen] = False
        groups.append([int(seed), *chosen.tolist()])
    leftover = np.flatnonzero(free).tolist()
    if leftover and groups and len(groups[-1]) < config.min_size:
        leftover += groups.pop()
    for worker in leftover:
        room = next((g for g in groups if len(g) < config.max_size), None)
        (room if room is not None else groups[-1]).append(worker)
    return [[ids[i] for i in g] for g in groups]


def pairs_of(result: GroupingResult) -> set[frozenset[str]]:
    return {frozenset(p) for group in result.groups for p in combinations(group.members, 2)}


def mixing_share(result: GroupingResult) -> float:
    stats = result.stats
    if stats.groups_mixing_feasible == 0:
        return 100.0
    return 100.0 * min(stats.groups_mixing_met, stats.groups_mixing_feasible) / stats.groups_mixing_feasible


def run(size: int, rounds: int, seed: int) -> None:
    config = GroupConfig(seed=seed)
    started = time.perf_counter()
    workers = synthetic_workers(size, seed=seed)
    print(f"\n## {size:,} workers (synthetic, seed {seed}, generated in {time.perf_counter() - started:.1f} s)")

    previous: frozenset[frozenset[str]] = frozenset()
    results = []
    seconds: list[float] = []
    for number in range(1, rounds + 1):
        started = time.perf_counter()
        result = form_groups(workers, GroupConfig(seed=seed, previous_pairs=previous))
        elapsed = time.perf_counter() - started
        stats = result.stats
        stages = ", ".join(f"{k} {v:.2f}" for k, v in stats.stage_seconds.items())
        sizes = Counter(len(g.members) for g in result.groups)
        print(
            f"round {number}: {elapsed:.2f} s ({stages}); {stats.groups} groups, sizes {dict(sorted(sizes.items()))}; "
            f"mean similarity {stats.mean_similarity:.3f}; mixing met {stats.groups_mixing_met}/{stats.groups} "
            f"(feasible {stats.groups_mixing_feasible}, feasible but missed {stats.groups_mixing_feasible_not_met}); "
            f"no common language {stats.groups_without_common_language} "
            f"(lower bound {stats.groups_without_language_lower_bound}); repeated pairs {stats.repeat_pairs} "
            f"(lower bound {stats.repeated_pairs_lower_bound}); same-organisation pairs {stats.same_organisation_pairs}"
        )
        results.append(result)
        seconds.append(elapsed)
        previous = previous | frozenset(pairs_of(result))

    first = results[0]
    # Pigeonhole: a language with fewer groups than members per group cannot avoid repeats in its next round.
    groups_per_language = Counter(g.shared_languages[0] if g.shared_languages else None for g in first.groups)
    forced_languages = {lang for lang, k in groups_per_language.items() if k < config.target_size}
    met: set[frozenset[str]] = set()
    repeats_forced = repeats_elsewhere = 0
    for result in results:
        for group in result.groups:
            language = group.shared_languages[0] if group.shared_languages else None
            count = sum(frozenset(p) in met for p in combinations(group.members, 2))
            if language in forced_languages:
                repeats_forced += count
            else:
                repeats_elsewhere += count
        met |= pairs_of(result)

    tracemalloc.start()
    form_groups(workers, config)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    started = time.perf_counter()
    baseline = describe_groups(greedy_nearest_neighbour_groups(workers, config), workers, config)
    baseline_seconds = time.perf_counter() - started

    print(f"time, round 1: {seconds[0]:.2f} s (target ≤ 20 s at 50k on 2 cores)")
    print(f"peak traced memory (tracemalloc, round 1): {peak / 2**20:.0f} MiB")
    print(
        f"mean within-group similarity: ours {first.stats.mean_similarity:.3f} vs greedy nearest-neighbour "
        f"{baseline.stats.mean_similarity:.3f} ({baseline_seconds:.1f} s; it meets mixing in "
        f"{mixing_share(baseline):.1f}% and lacks a common language in "
        f"{baseline.stats.groups_without_common_language} groups)"
    )
    print(f"groups meeting the mixing rule where the data allows: {mixing_share(first):.1f}% (target 100%)")
    print(
        f"repeated pairs over {rounds} rounds: {repeats_elsewhere} where avoidable (target 0), {repeats_forced} in "
        f"languages with fewer than {config.target_size} groups ({', '.join(sorted(map(str, forced_languages)))}),"
        " where some are unavoidable"
    )


# --------------------------------------------------------------------------------------------------------------------
# Other shapes, against the lower bounds and the exact optimum


def exact_reference(workers: list[FrontlineWorker], config: GroupConfig, seconds: float) -> tuple[tuple, bool]:
    """The best (groups without a common language, missing cities, repeated pairs) of any grouping into groups of
    the size range, by CP-SAT from a plain split in id order (none of the engine's search), and whether it is
    proven. Cities count as the engine counts them: at most as many as the network has."""
    people = sorted(workers, key=lambda w: w.id)
    least = CEFR_LEVELS.index(config.min_language_level)
    codes: dict[str, int] = {}
    speaks = [
        tuple(
            sorted(codes.setdefault(c, len(codes)) for c, lvl in w.languages.items() if CEFR_LEVELS.index(lvl) >= least)
        )
        for w in people
    ]
    cities = {c: k for k, c in enumerate(sorted({w.city for w in people}))}
    index = {w.id: k for k, w in enumerate(people)}
    met = [[index[m] for m in pair] for pair in config.previous_pairs if all(m in index for m in pair)]
    n = len(people)
    groups = max(1, round(n / config.target_size))
    groups = min(max(groups, -(-n // config.max_size)), n // config.min_size)
    problem = PartitionProblem(
        speaks=speaks,
        city=[cities[w.city] for w in people],
        previous=sorted((min(a, b), max(a, b)) for a, b in met),
        forbidden=[],
        min_size=config.min_size,
        max_size=config.max_size,
        min_groups=-(-n // config.max_size),
        max_groups=n // config.min_size,
        target_groups=groups,
        required=min(config.min_distinct_cities, len(cities), config.max_size),
        hint=[k % groups for k in range(n)],
    )
    solution = solve_partition(problem, seed=0, deterministic_seconds=seconds)
    return rank(problem, tiers_of(problem, solution.group_of))[2:], solution.rules_proven and solution.repeats_proven


def engine_counts(result: GroupingResult, workers: list[FrontlineWorker], config: GroupConfig) -> tuple:
    """The same three figures for the engine's groups."""
    city = {w.id: w.city for w in workers}
    required = min(config.min_distinct_cities, len(set(city.values())), config.max_size)
    missing = sum(max(0, required - len({city[m] for m in g.members})) for g in result.groups)
    return (result.stats.groups_without_common_language, missing, result.stats.repeat_pairs)


def shape_language_islands(seed: int) -> None:
    config = GroupConfig(min_size=5, target_size=6, max_size=6, seed=seed)
    for size in (3000, 20000):
        workers = language_island_workers(size, seed=seed)
        started = time.perf_counter()
        stats = form_groups(workers, config).stats
        print(
            f"language islands, {size:,} workers, groups of 5–6: {time.perf_counter() - started:.1f} s; "
            f"{stats.groups} groups, without a common language {stats.groups_without_common_language} "
            f"(lower bound {stats.groups_without_language_lower_bound}); mean similarity {stats.mean_similarity:.3f}; "
            f"mixing met {stats.groups_mixing_met}/{stats.groups}"
        )


def shape_exact_four(seed: int) -> None:
    workers = synthetic_workers(2999, seed=seed)
    config = GroupConfig(min_size=4, target_size=4, max_size=4, seed=seed)
    started = time.perf_counter()
    result = form_groups(workers, config)
    stats = result.stats
    sizes = dict(sorted(Counter(len(g.members) for g in result.groups).items()))
    print(
        f"groups of exactly 4, 2,999 synthetic workers: {time.perf_counter() - started:.1f} s; {stats.groups} groups, "
        f"sizes {sizes}; without a common language {stats.groups_without_common_language} (lower bound "
        f"{stats.groups_without_language_lower_bound}); mixing met {stats.groups_mixing_met}/{stats.groups}; "
        f"mean similarity {stats.mean_similarity:.3f}"
    )


def shape_rounds_of_forty(seed: int, rounds: int = 4) -> None:
    workers = synthetic_workers(40, seed=seed)
    previous: frozenset[frozenset[str]] = frozenset()
    for number in range(1, rounds + 1):
        config = GroupConfig(min_size=4, target_size=5, max_size=6, seed=seed, previous_pairs=previous)
        started = time.perf_counter()
        result = form_groups(workers, config)
        elapsed = time.perf_counter() - started
        best, proven = exact_reference(workers, config, seconds=20.0)
        stats = result.stats
        print(
            f"40 workers, groups of 4–6, round {number} ({elapsed:.2f} s): (no common language, missing cities, "
            f"repeated pairs) {engine_counts(result, workers, config)} vs exact {best}"
            f"{'' if proven else ' (not proven)'}; lower bounds {stats.groups_without_language_lower_bound} and "
            f"{stats.repeated_pairs_lower_bound}"
        )
        previous |= pairs_of(result)


def shape_small_networks(seed: int, count: int = 150) -> None:
    """Networks of 8–16 workers of the island shape, a first round then a second one avoiding its pairs."""
    rng = np.random.default_rng(seed)
    tally: Counter[str] = Counter()
    started = time.perf_counter()
    for case in range(count):
        workers = language_island_workers(int(rng.integers(8, 17)), seed=seed * 1000 + case)
        config = GroupConfig(min_size=3, target_size=4, max_size=5, seed=seed)
        first = form_groups(workers, config)
        config = GroupConfig(
            min_size=3, target_size=4, max_size=5, seed=seed, previous_pairs=frozenset(pairs_of(first))
        )
        for label, result, settings in (
            ("1", first, GroupConfig(min_size=3, target_size=4, max_size=5)),
            ("2", form_groups(workers, config), config),
        ):
            ours = engine_counts(result, workers, settings)
            best, proven = exact_reference(workers, settings, seconds=10.0)
            tally["proven"] += proven
            tally["language"] += ours[0]
            tally["language exact"] += best[0]
            tally["language optimal"] += ours[0] == best[0]
            tally["optimal"] += ours == best
            if label == "2":
                tally["repeats"] += ours[2]
                tally["repeats exact"] += best[2]
                tally["repeats optimal"] += ours[2] == best[2]
    rounds = 2 * count
    print(
        f"{count} small island networks (8–16 workers, groups of 3–5), two rounds each, "
        f"{time.perf_counter() - started:.0f} s: groups without a common language {tally['language']} vs exact "
        f"{tally['language exact']} (optimal in {tally['language optimal']} of {rounds} rounds); repeated pairs in "
        f"the second rounds {tally['repeats']} vs exact {tally['repeats exact']} (optimal in "
        f"{tally['repeats optimal']} of {count}); all three rules optimal in {tally['optimal']} of {rounds} rounds "
        f"({tally['proven']} references proven)"
    )


SHAPES = {
    "islands": shape_language_islands,
    "exact4": shape_exact_four,
    "rounds40": shape_rounds_of_forty,
    "small": shape_small_networks,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000", help="comma-separated numbers of workers")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",") if s):
        run(size, args.rounds, args.seed)
    shapes = [name for name in args.shapes.split(",") if name]
    if shapes:
        print("\n## Other shapes")
    for name in shapes:
        SHAPES[name](args.seed)
    print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
