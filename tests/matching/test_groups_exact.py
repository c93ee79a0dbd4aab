"""Peer groups meet their "where the data allows" rules exactly on small cases: a common language, the city-mixing
rule and no repeated pair, ranked in that order, checked against every possible grouping; and the round's lower
bounds hold and are reached."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import numpy as np
import pytest

from matching.groups import GroupingResult, form_groups
from matching.records import FrontlineWorker, GroupConfig

CITIES = ("Brussels", "Liège", "Rome")


def worker(worker_id: str, languages: str, city: str = "Brussels", organisation: str = "", **topics) -> FrontlineWorker:
    return FrontlineWorker(
        id=worker_id,
        languages=dict.fromkeys(languages.split(), "B2"),
        city=city,
        country="EU",
        organisation=organisation,
        topics_interest=frozenset(topics.get("interest", ())),
        topics_expertise=frozenset(topics.get("expertise", ())),
    )


def partitions(people: list[str], low: int, high: int) -> Iterator[list[list[str]]]:
    """Every split of ``people`` into groups of ``low`` to ``high`` members (unordered groups)."""
    if not people:
        yield []
        return
    first, rest = people[0], people[1:]
    for size in range(low, min(high, len(people)) + 1):
        for others in combinations(rest, size - 1):
            remaining = [p for p in rest if p not in others]
            for tail in partitions(remaining, low, high):
                yield [[first, *others], *tail]


def rule_counts(
    grouping: list[list[str]], people: dict[str, FrontlineWorker], required: int, previous: frozenset
) -> tuple[int, int, int]:
    """(groups without a common language, missing cities, repeated pairs) of a grouping."""
    no_language = missing = repeats = 0
    for group in grouping:
        no_language += not set.intersection(*(set(people[m].languages) for m in group))
        missing += max(0, required - len({people[m].city for m in group}))
        repeats += sum(frozenset(pair) in previous for pair in combinations(group, 2))
    return no_language, missing, repeats


def counts_of(result: GroupingResult, people: dict[str, FrontlineWorker], config: GroupConfig) -> tuple[int, int, int]:
    grouping = [list(g.members) for g in result.groups]
    return rule_counts(grouping, people, config.min_distinct_cities, config.previous_pairs)


def pairs_of(result: GroupingResult) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p) for g in result.groups for p in combinations(g.members, 2))


# --- the cases that showed the bucket's limits -------------------------------------------------------------------


def test_a_group_shares_any_language_its_members_have_not_only_their_most_common_one():
    # a, e speak en+fr; b, c, f en+de; d only fr. Bucketing everyone by English stranded d: [a, b, e] and
    # [c, d, f] (no common language), while [a, d, e] share French and [b, c, f] English.
    people = [worker("a", "en fr"), worker("e", "en fr"), worker("d", "fr")]
    people += [worker(i, "en de") for i in "bcf"]

    result = form_groups(people, GroupConfig(min_size=3, target_size=4, max_size=5, min_distinct_cities=1))

    assert sorted(g.members for g in result.groups) == [("a", "d", "e"), ("b", "c", "f")]
    assert [g.shared_languages[0] for g in result.groups] == ["fr", "en"]
    assert result.stats.groups_without_common_language == 0 == result.stats.groups_without_language_lower_bound


def test_ten_english_and_ten_french_speakers_in_groups_of_four_leave_one_mixed_group():
    people = [worker(f"en{i}", "en", CITIES[i % 2]) for i in range(10)]
    people += [worker(f"fr{i}", "fr", CITIES[i % 2]) for i in range(10)]

    result = form_groups(people, GroupConfig(min_size=4, target_size=4, max_size=4))

    assert [len(g.members) for g in result.groups] == [4] * 5
    assert result.stats.groups_without_common_language == 1 == result.stats.groups_without_language_lower_bound
    assert result.stats.groups_mixing_met == 5


def backend_network() -> list[FrontlineWorker]:
    """The twelve workers of tests/backend/peers/conftest.py: two in each of six cities, one organisation each."""
    cities = ("Brussels", "Liège", "Luxembourg", "Rome", "Milan", "Malmö")
    topics = ("mental_health", "gender_based_violence", "lgbtqi_migrants", "unaccompanied_children", "housing")
    return [
        FrontlineWorker(
            id=f"w{i:02d}",
            languages={"en": "B2"},
            city=cities[i % 6],
            country="EU",
            organisation=f"Org {i}",
            topics_expertise=frozenset({topics[i % 5]}),
            topics_interest=frozenset({topics[(i + 1) % 5], topics[(i + 2) % 5]}),
        )
        for i in range(12)
    ]


def test_rounds_of_twelve_in_groups_of_four_repeat_only_the_pairs_no_grouping_avoids():
    people = backend_network()
    by_id = {p.id: p for p in people}
    every = list(partitions(sorted(by_id), 4, 4))  # all 5,775, and each one mixes two cities
    previous: frozenset[frozenset[str]] = frozenset()
    made = []
    for _ in range(3):
        config = GroupConfig(min_size=4, target_size=4, max_size=4, previous_pairs=previous)
        result = form_groups(people, config)
        least = min(rule_counts(g, by_id, 2, previous)[2] for g in every)
        assert counts_of(result, by_id, config)[:2] == (0, 0)
        assert result.stats.repeat_pairs == least == result.stats.repeated_pairs_lower_bound
        made.append(result.stats.repeat_pairs)
        previous |= pairs_of(result)
    assert made[1:] == [3, 3]  # three groups of four cannot avoid the last round's groups


# --- every small case: the optimum of every possible grouping -----------------------------------------------------


def small_case(seed: int) -> tuple[list[FrontlineWorker], GroupConfig]:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 10))
    low = int(rng.integers(2, 4))
    high = low + int(rng.integers(0, 3))
    people = []
    for i in range(n):
        spoken = rng.choice(["en", "fr", "de", "sv"], size=int(rng.integers(0, 3)), replace=False)
        people.append(worker(f"p{i}", " ".join(spoken), str(rng.choice(CITIES[:2])), str(rng.choice(["", "a", "b"]))))
    ids = [p.id for p in people]
    previous = frozenset(
        frozenset(rng.choice(ids, size=2, replace=False).tolist()) for _ in range(int(rng.integers(0, 3 * n)))
    )
    config = GroupConfig(
        min_size=low,
        target_size=int(rng.integers(low, high + 1)),
        max_size=high,
        min_distinct_cities=int(rng.integers(1, 3)),
        previous_pairs=previous,
        seed=seed,
    )
    return people, config


@pytest.mark.parametrize("seed", range(60))
def test_small_groupings_are_the_best_of_every_possible_grouping(seed):
    people, config = small_case(seed)
    by_id = {p.id: p for p in people}
    splits = list(partitions(sorted(by_id), config.min_size, config.max_size))

    result = form_groups(people, config)

    sizes = [len(g.members) for g in result.groups]
    if splits:
        assert all(config.min_size <= size <= config.max_size for size in sizes)
    else:  # no split fits the range: the engine splits as evenly as it can, and is the best of those splits
        assert max(sizes) - min(sizes) <= 1
        splits = [g for g in partitions(sorted(by_id), min(sizes), max(sizes)) if len(g) == len(sizes)]
    counts = [rule_counts(g, by_id, config.min_distinct_cities, config.previous_pairs) for g in splits]
    best = min(counts)  # ranked: common language, then cities, then repeats
    assert counts_of(result, by_id, config) == best
    stats = result.stats
    assert stats.groups_without_language_lower_bound == min(c[0] for c in counts) == best[0]
    assert stats.repeated_pairs_lower_bound == best[2]
    most_mixed = max(
        sum(len({by_id[m].city for m in group}) >= config.min_distinct_cities for group in g)
        for g in splits
        if len(g) == stats.groups
    )
    assert stats.groups_mixing_met <= most_mixed <= stats.groups_mixing_feasible


def test_the_mixing_bound_counts_every_grouping_not_each_language_apart():
    # English speakers all live in Brussels, French speakers in Liège: no group sharing a language can mix, but
    # the bound is over every grouping of this many groups (two groups of six can both mix cities).
    people = [worker(f"en{i}", "en", "Brussels") for i in range(6)] + [
        worker(f"fr{i}", "fr", "Liège") for i in range(6)
    ]

    stats = form_groups(people).stats

    assert (stats.groups, stats.groups_without_common_language, stats.groups_mixing_met) == (2, 0, 0)
    assert stats.groups_mixing_feasible == 2 == stats.groups_mixing_feasible_not_met


# --- large rounds: the bounds hold and are met on the shapes that missed them -------------------------------------


def test_a_large_round_reaches_the_language_bound_and_is_deterministic():
    from bench.synthetic_workers import language_island_workers

    people = language_island_workers(600, seed=3)
    config = GroupConfig(min_size=5, target_size=6, max_size=6, seed=2)

    result = form_groups(people, config)
    again = form_groups(people[::-1], config)

    stats = result.stats
    assert all(5 <= len(g.members) <= 6 for g in result.groups)
    assert stats.groups_without_common_language == stats.groups_without_language_lower_bound
    assert again.groups == result.groups


def test_successive_rounds_of_a_large_network_repeat_no_more_than_their_bound():
    from bench.synthetic_workers import synthetic_workers

    people = synthetic_workers(150, seed=4)
    previous: frozenset[frozenset[str]] = frozenset()
    for _ in range(3):
        result = form_groups(people, GroupConfig(min_size=4, target_size=5, max_size=6, previous_pairs=previous))
        stats = result.stats
        assert stats.groups_without_common_language == stats.groups_without_language_lower_bound
        assert stats.repeated_pairs_lower_bound <= stats.repeat_pairs == len(pairs_of(result) & previous)
        previous |= pairs_of(result)
