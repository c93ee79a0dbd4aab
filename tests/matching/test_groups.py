"""Peer-group formation, move checks and the who-met-whom graph, through the public functions of matching.groups."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.groups import (
    GroupingResult,
    check_move,
    describe_groups,
    form_groups,
    grouping_graph,
    network_summary,
)
from matching.records import FrontlineWorker, GroupConfig, MatchingInputError

TOPICS = ("mental_health", "labour_market", "gender_based_violence", "migrant_parents", "reception_asylum")
CITIES = ("Brussels", "Liège", "Rome", "Milan", "Stockholm", "Malmö")


def worker(
    worker_id: str,
    city: str = "Brussels",
    languages: dict[str, str] | None = None,
    organisation: str = "",
    interest: tuple[str, ...] = (),
    expertise: tuple[str, ...] = (),
) -> FrontlineWorker:
    return FrontlineWorker(
        id=worker_id,
        languages=languages if languages is not None else {"en": "B2"},
        city=city,
        country="EU",
        organisation=organisation,
        topics_interest=frozenset(interest),
        topics_expertise=frozenset(expertise),
    )


def seeded_network(n: int, seed: int, cities: tuple[str, ...] = CITIES[:4]) -> list[FrontlineWorker]:
    rng = np.random.default_rng(seed)
    people = []
    for i in range(n):
        interest = tuple(rng.choice(TOPICS, size=rng.integers(1, 3), replace=False))
        expertise = tuple(rng.choice(TOPICS, size=rng.integers(0, 3), replace=False))
        people.append(
            worker(f"w{i:03d}", str(rng.choice(cities)), organisation=f"org{rng.integers(8)}", interest=interest,
                   expertise=expertise)
        )  # fmt: skip
    return people


def pairs_of(result: GroupingResult) -> set[frozenset[str]]:
    return {frozenset(p) for group in result.groups for p in combinations(group.members, 2)}


def codes(group) -> set[str]:
    return {reason.code for reason in group.reasons}


# --- partition invariants -------------------------------------------------------------------------------------------


@st.composite
def networks(draw):
    min_size = draw(st.integers(2, 5))
    max_size = draw(st.integers(min_size, min_size + 4))
    config = GroupConfig(
        min_size=min_size,
        max_size=max_size,
        target_size=draw(st.integers(min_size, max_size)),
        min_distinct_cities=draw(st.integers(1, 3)),
        seed=draw(st.integers(0, 3)),
    )
    n = draw(st.integers(0, 40))
    people = []
    for i in range(n):
        languages = draw(
            st.dictionaries(st.sampled_from(["en", "fr", "sv"]), st.sampled_from(["A2", "B1", "C2"]), max_size=2)
        )
        people.append(
            worker(
                f"p{i}",
                draw(st.sampled_from(CITIES[:3])),
                languages,
                draw(st.sampled_from(["", "a", "b"])),
                tuple(draw(st.sets(st.sampled_from(TOPICS[:3]), max_size=2))),
                tuple(draw(st.sets(st.sampled_from(TOPICS[:3]), max_size=2))),
            )
        )
    ids = [p.id for p in people]
    previous = draw(st.sets(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=15)) if ids else set()
    pairs = frozenset(frozenset(p) for p in previous if p[0] != p[1])
    return people, replace(config, previous_pairs=pairs)


@settings(max_examples=50, deadline=None)
@given(networks())
def test_every_worker_is_in_exactly_one_group_of_allowed_size(network):
    people, config = network
    result = form_groups(people, config)

    members = [m for group in result.groups for m in group.members]
    assert sorted(members) == sorted(p.id for p in people)
    assert all(list(g.members) == sorted(g.members) for g in result.groups)
    assert result.stats.groups == len(result.groups)
    n = len(people)
    possible = any(k * config.min_size <= n <= k * config.max_size for k in range(1, n + 1))
    if possible:
        assert all(config.min_size <= len(g.members) <= config.max_size for g in result.groups)
    elif 0 < n < config.min_size:
        assert len(result.groups) == 1
        assert result.reasons[0].code == "too_few_workers"
        assert "group_too_small" in codes(result.groups[0])
    else:  # e.g. 7 workers for groups of 5–6: nobody is left in an undersized group
        assert all(len(g.members) >= config.min_size for g in result.groups)
    assert result.stats.repeat_pairs == len(pairs_of(result) & config.previous_pairs)
    assert result.stats.repeated_pairs_lower_bound <= result.stats.repeat_pairs
    assert result.stats.groups_without_language_lower_bound <= result.stats.groups_without_common_language


def test_fewer_workers_than_min_size_form_one_group_and_say_so():
    result = form_groups([worker("a", "Rome"), worker("b", "Milan")])

    assert [g.members for g in result.groups] == [("a", "b")]
    assert result.reasons[0].code == "too_few_workers"
    assert result.reasons[0].params == {"workers": 2, "min_size": 4}


def test_no_workers_give_no_groups():
    result = form_groups([])

    assert result.groups == ()
    assert result.stats.groups == 0


# --- what groups share and mix ---------------------------------------------------------------------------------------


def test_groups_mix_cities_even_when_topics_follow_cities():
    # Everyone in Brussels cares about mental health and everyone in Rome about labour market:
    # grouping by topic alone would make single-city groups.
    people = [worker(f"b{i}", "Brussels", interest=("mental_health",)) for i in range(18)]
    people += [worker(f"r{i}", "Rome", interest=("labour_market",)) for i in range(18)]

    result = form_groups(people)

    assert all(len(g.cities) >= 2 for g in result.groups)
    assert all("cities_mixed" in codes(g) for g in result.groups)
    assert result.stats.groups_mixing_met == len(result.groups)
    assert result.stats.groups_mixing_feasible_not_met == 0


def test_mixing_rule_is_reported_not_forced_when_everyone_lives_in_one_city():
    result = form_groups([worker(f"w{i}", "Ghent") for i in range(12)])

    assert all("too_few_cities" in codes(g) for g in result.groups)
    reason = next(r for r in result.groups[0].reasons if r.code == "too_few_cities")
    assert reason.params == {"cities": ["Ghent"], "required": 2}
    assert result.stats.groups_mixing_feasible == 0
    assert result.stats.groups_mixing_feasible_not_met == 0


def test_each_group_shares_a_working_language_where_the_data_allows():
    people = [worker(f"de{i}", CITIES[i % 3], {"de": "C2", "en": "A2"}) for i in range(12)]
    people += [worker(f"it{i}", CITIES[i % 3], {"it": "C1"}) for i in range(12)]
    people += [worker(f"bi{i}", CITIES[i % 3], {"it": "B1", "de": "B2"}) for i in range(6)]

    result = form_groups(people)

    assert all(g.shared_languages for g in result.groups)
    for group in result.groups:
        language = group.shared_languages[0]
        assert next(r for r in group.reasons if r.code == "shared_language").params == {"language": language}
        assert all(language in p.languages for p in people if p.id in group.members)
    assert result.stats.groups_without_common_language == 0


def test_a_worker_without_a_common_language_is_placed_and_reported():
    people = [worker(f"en{i}", CITIES[i % 2]) for i in range(11)] + [worker("sv0", "Malmö", {"sv": "C2"})]

    result = form_groups(people)

    lonely = result.groups[result.group_index("sv0")]
    assert "no_common_language" in codes(lonely)
    assert lonely.shared_languages == ()
    assert result.stats.groups_without_common_language == 1


def test_a_language_below_the_working_level_does_not_count():
    people = [worker(f"w{i}", CITIES[i % 2], {"en": "A2"}) for i in range(6)]

    assert "no_common_language" in codes(form_groups(people).groups[0])
    assert form_groups(people, GroupConfig(min_language_level="A2")).groups[0].shared_languages == ("en",)


def test_workers_with_the_same_topics_are_grouped_together():
    people = [worker(f"mh{i}", CITIES[i % 3], interest=("mental_health",)) for i in range(6)]
    people += [worker(f"lm{i}", CITIES[i % 3], expertise=("labour_market",), interest=("labour_market",))
               for i in range(6)]  # fmt: skip

    result = form_groups(people)

    assert sorted(g.members for g in result.groups) == [
        tuple(sorted(f"lm{i}" for i in range(6))),
        tuple(sorted(f"mh{i}" for i in range(6))),
    ]
    topics = {g.members[0][:2]: next(r for r in g.reasons if r.code == "shared_topics") for g in result.groups}
    assert topics["mh"].params == {"topics": ["mental_health"]}
    assert topics["lm"].params == {"topics": ["labour_market"]}
    assert all(g.similarity == pytest.approx(1.0) for g in result.groups)


def test_topic_focus_comes_first_among_shared_topics():
    people = [worker(f"w{i}", CITIES[i % 2], interest=("mental_health", "labour_market")) for i in range(4)]
    people += [worker(f"x{i}", CITIES[i % 2], interest=("mental_health",)) for i in range(2)]

    plain = form_groups(people).groups[0]
    focused = form_groups(people, GroupConfig(topic_focus=frozenset({"labour_market"}))).groups[0]

    assert plain.shared_topics == ("mental_health", "labour_market")
    assert focused.shared_topics == ("labour_market", "mental_health")


def test_colleagues_of_one_organisation_are_spread_over_groups():
    people = [worker(f"w{i}", CITIES[i % 4], organisation=f"org{i // 2}") for i in range(12)]

    result = form_groups(people)

    assert result.stats.same_organisation_pairs == 0
    assert all("organisations_mixed" in codes(g) for g in result.groups)


def test_three_rounds_repeat_no_pair_when_alternatives_exist():
    people = seeded_network(48, seed=7)
    previous: frozenset[frozenset[str]] = frozenset()
    met: set[frozenset[str]] = set()

    for _ in range(3):
        result = form_groups(people, GroupConfig(previous_pairs=previous))
        pairs = pairs_of(result)
        assert not pairs & met
        assert result.stats.repeat_pairs == 0
        assert all(len(g.cities) >= 2 for g in result.groups)
        met |= pairs
        previous = frozenset(met)


def test_a_repeated_pair_that_cannot_be_avoided_is_reported():
    people = [worker(f"w{i}", CITIES[i % 2]) for i in range(6)]
    previous = frozenset({frozenset({"w0", "w1"})})

    group = form_groups(people, GroupConfig(previous_pairs=previous)).groups[0]

    assert next(r for r in group.reasons if r.code == "repeat_pairs").params == {"count": 1, "pairs": [["w0", "w1"]]}


def test_groups_share_more_topics_than_a_random_partition():
    people = seeded_network(300, seed=3)
    result = form_groups(people)

    rng = np.random.default_rng(0)
    ids = rng.permutation([p.id for p in people]).tolist()
    random_groups = [ids[i : i + 6] for i in range(0, len(ids), 6)]
    random_result = describe_groups(random_groups, people)

    assert result.stats.mean_similarity > random_result.stats.mean_similarity + 0.1
    assert result.stats.groups_mixing_met == result.stats.groups


def test_describe_groups_agrees_with_form_groups():
    people = seeded_network(60, seed=1)
    result = form_groups(people)

    again = describe_groups([g.members for g in result.groups], people)

    assert again.groups == result.groups


def test_describe_groups_describes_each_group_in_the_order_given():
    people = seeded_network(24, seed=2)
    ids = sorted(p.id for p in people)
    given_order = [ids[18:], ids[:6], ids[6:12] + ids[12:18]]  # the last group is too large for the default range

    described = describe_groups(given_order, people)

    assert [set(g.members) for g in described.groups] == [set(g) for g in given_order]
    assert "group_too_large" in codes(described.groups[2])
    assert "group_too_large" not in codes(described.groups[0]) | codes(described.groups[1])


def test_describe_groups_refuses_an_empty_group_by_name():
    people = seeded_network(12, seed=2)
    ids = [p.id for p in people]

    with pytest.raises(MatchingInputError, match="group 1 is empty"):
        describe_groups([ids[:6], [], ids[6:]], people)


# --- determinism and progress ---------------------------------------------------------------------------------------


def test_same_input_gives_the_same_groups_whatever_the_order():
    people = seeded_network(120, seed=5)
    config = GroupConfig(seed=3)

    first = form_groups(people, config)
    second = form_groups(list(reversed(people)), config)

    assert first.groups == second.groups
    assert first.stats.mean_similarity == second.stats.mean_similarity


def test_progress_reports_the_stages_in_order():
    calls: list[tuple[float, str]] = []

    form_groups(seeded_network(60, seed=2), progress=lambda fraction, stage: calls.append((fraction, stage)))

    stages = [stage for _, stage in calls]
    assert stages[0] == "similarity"
    assert stages.index("similarity") < stages.index("grouping") < stages.index("improving")
    fractions = [fraction for fraction, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0


# --- input errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "config", "field"),
    [
        ([worker("a"), worker("a")], GroupConfig(), "'id'"),
        ([worker("a", languages={"en": "fluent"})], GroupConfig(), "'languages'"),
        ([worker("a", city="")], GroupConfig(), "'city'"),
        ([worker("a")], GroupConfig(min_size=6, target_size=5), "'min_size'"),
        ([worker("a")], GroupConfig(min_distinct_cities=0), "'min_distinct_cities'"),
        ([worker("a")], GroupConfig(min_language_level="B3"), "B3"),
        ([worker("a")], GroupConfig(previous_pairs=frozenset({frozenset({"a"})})), "'previous_pairs'"),
    ],
)
def test_bad_input_raises_an_error_naming_the_field(people, config, field):
    with pytest.raises(MatchingInputError, match=field):
        form_groups(people, config)


def test_bad_input_names_the_worker():
    with pytest.raises(MatchingInputError, match="worker 'x2'"):
        form_groups([worker("x1"), worker("x2", city="")])


# --- moving people by hand ------------------------------------------------------------------------------------------


@pytest.fixture
def two_groups():
    people = [
        worker("a1", "Rome"), worker("a2", "Rome"), worker("a3", "Rome"), worker("a4", "Milan"),
        worker("a5", "Rome", organisation="caritas"),
        worker("b1", "Liège"), worker("b2", "Brussels"), worker("b3", "Liège"), worker("b4", "Brussels", {"fr": "C2"}),
        worker("b5", "Liège", organisation="caritas"), worker("b6", "Liège"), worker("b7", "Brussels"),
        worker("b8", "Liège"),
    ]  # fmt: skip
    groups = [["a1", "a2", "a3", "a4", "a5"], ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"]]
    return groups, people


def test_a_harmless_move_breaks_no_rule(two_groups):
    groups, people = two_groups

    assert check_move(groups, "b1", 0, people) == []
    assert check_move(groups, "a1", 0, people) == []


def test_a_move_reports_the_rules_it_breaks(two_groups):
    groups, people = two_groups
    previous = frozenset({frozenset({"a4", "b1"})})

    reasons = check_move(groups, "a4", 1, people, GroupConfig(previous_pairs=previous))

    by_code = {r.code: r.params for r in reasons}
    assert by_code["too_few_cities"] == {"group": 0, "cities": ["Rome"], "required": 2}
    assert by_code["group_too_large"] == {"group": 1, "size": 9, "max_size": 8}
    assert by_code["repeat_pair"] == {"group": 1, "worker": "a4", "with": ["b1"]}
    assert "no_common_language" not in by_code  # group 1 had none before the move


def test_a_move_reports_a_too_small_group_a_lost_language_and_a_colleague(two_groups):
    groups, people = two_groups
    groups = [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b5", "b6", "b7", "b8"], ["b4"]]

    to_small = {r.code: r.params for r in check_move(groups, "a4", 1, people)}
    to_french = {r.code: r.params for r in check_move(groups, "b1", 2, people)}
    colleague = check_move([["a1", "a2", "a3", "a4", "a5"], groups[1]], "a5", 1, people)

    assert to_small["group_too_small"] == {"group": 0, "size": 3, "min_size": 4}
    assert to_french["no_common_language"] == {"group": 2}
    assert [r.params for r in colleague if r.code == "same_organisation"] == [
        {"group": 1, "worker": "a5", "with": ["b5"]}
    ]


def test_a_move_check_accepts_a_grouping_result():
    people = seeded_network(24, seed=4)
    result = form_groups(people)
    mover = result.groups[0].members[0]

    from_result = check_move(result, mover, 1, people)
    from_lists = check_move([g.members for g in result.groups], mover, 1, people)

    assert from_result == from_lists
    assert ("group_too_small" in {r.code for r in from_result}) == (len(result.groups[0].members) == 4)


@pytest.mark.parametrize(
    ("worker_id", "index", "field"),
    [("nobody", 0, "worker_id"), ("a1", 5, "to_group_index"), ("a1", -1, "to_group_index")],
)
def test_a_bad_move_raises_an_error_naming_the_field(two_groups, worker_id, index, field):
    groups, people = two_groups

    with pytest.raises(MatchingInputError, match=field):
        check_move(groups, worker_id, index, people)


# --- who has met whom -----------------------------------------------------------------------------------------------


def test_grouping_graph_and_summary_follow_the_rounds():
    people = [
        worker("a", "Ghent"),
        worker("b", "Rome"),
        worker("c", "Ghent"),
        worker("d", "Malmö"),
        worker("e", "Oslo"),
    ]
    rounds = [[["a", "b"], ["c", "d"]], [["a", "b", "c"]]]

    graph = grouping_graph(rounds, people)
    summary = network_summary(graph, people)

    assert graph["a"]["b"] == {"weight": 2, "rounds": [0, 1]}
    assert graph.nodes["d"]["city"] == "Malmö"
    assert summary.reach == {"a": 2, "b": 2, "c": 3, "d": 1, "e": 0}
    assert summary.cities_reached["c"] == 2
    assert summary.city_ties == {("Ghent", "Malmö"): 1, ("Ghent", "Rome"): 2}
    assert summary.city_components == (("Ghent", "Malmö", "Rome"), ("Oslo",))
    assert summary.isolated == ("e",)


def test_grouping_graph_of_form_groups_rounds_has_no_double_edges():
    people = seeded_network(48, seed=7)
    first = form_groups(people)
    second = form_groups(people, GroupConfig(previous_pairs=frozenset(pairs_of(first))))

    graph = grouping_graph([[g.members for g in first.groups], [g.members for g in second.groups]], people)

    assert all(data["weight"] == 1 for _, _, data in graph.edges(data=True))
    assert graph.number_of_edges() == len(pairs_of(first)) + len(pairs_of(second))


def test_grouping_graph_rejects_an_unknown_worker():
    with pytest.raises(MatchingInputError, match="rounds"):
        grouping_graph([[["a", "ghost"]]], [worker("a")])


def test_workers_without_a_common_language_are_kept_together():
    people = [worker(f"en{i:02d}", CITIES[i % 3], interest=(TOPICS[i % 3],)) for i in range(22)]
    people += [worker("sv0", "Malmö", {"sv": "C2"}, interest=(TOPICS[0],)), worker("fa0", "Rome", {"fa": "C2"})]

    result = form_groups(people)

    assert result.group_index("sv0") == result.group_index("fa0")
    assert result.stats.groups_without_common_language == 1


# --- forbidden pairs (safeguarding blocks): a hard rule ------------------------------------------------------------


@st.composite
def networks_with_forbidden_pairs(draw):
    people, config = draw(networks())
    ids = [p.id for p in people]
    drawn = draw(st.sets(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=25)) if ids else set()
    return people, config, frozenset(frozenset(p) for p in drawn if p[0] != p[1])


@settings(max_examples=150, deadline=None)
@given(networks_with_forbidden_pairs())
def test_no_group_holds_a_forbidden_pair_and_everyone_is_placed_or_told_why(network):
    people, config, forbidden = network

    result = form_groups(people, config, forbidden_pairs=forbidden)

    assert not pairs_of(result) & forbidden
    placed = [m for group in result.groups for m in group.members]
    assert len(placed) == len(set(placed))
    assert sorted([*placed, *result.unplaced]) == sorted(p.id for p in people)
    assert all(result.unplaced[worker_id] for worker_id in result.unplaced)
    assert result.stats.repeated_pairs_lower_bound <= result.stats.repeat_pairs
    assert result.stats.groups_without_language_lower_bound <= result.stats.groups_without_common_language
    notes = {r.code: r.params for r in result.reasons}
    assert notes.get("workers_not_placed", {"workers": 0})["workers"] == len(result.unplaced) == result.stats.unplaced
    again = form_groups(people[::-1], config, forbidden_pairs=forbidden)
    assert (again.groups, again.unplaced) == (result.groups, result.unplaced)


def test_a_forbidden_pair_is_kept_apart_where_a_previous_pair_is_grouped_again():
    # Six people in two groups of three; a and b share their only language with c alone.
    people = [worker(i, CITIES[k % 2], {"fr": "C1"}) for k, i in enumerate("abc")]
    people += [worker(i, CITIES[k % 2], {"en": "C1"}) for k, i in enumerate("def")]
    config = GroupConfig(min_size=3, target_size=3, max_size=3, min_distinct_cities=1)
    pair = frozenset({frozenset({"a", "b"})})

    soft = form_groups(people, replace(config, previous_pairs=pair))
    hard = form_groups(people, config, forbidden_pairs=pair)

    assert soft.group_index("a") == soft.group_index("b")
    assert not pairs_of(hard) & pair
    [(left_out, reasons)] = hard.unplaced.items()
    assert left_out in {"a", "b"} and [r.code for r in reasons] == ["not_placed_kept_apart"]
    assert {"code": "workers_not_placed", "params": {"workers": 1}} in [
        {"code": r.code, "params": dict(r.params)} for r in hard.reasons
    ]


def test_someone_is_left_out_only_when_every_grouping_would_join_a_forbidden_pair():
    # Five people can form one group of three to five only: a and b cannot both be in it.
    people = [worker(i, CITIES[k % 2]) for k, i in enumerate("abcde")]
    config = GroupConfig(min_size=3, target_size=5, max_size=5, min_distinct_cities=1)

    result = form_groups(people, config, forbidden_pairs={frozenset({"a", "b"})})

    [(left_out, reasons)] = result.unplaced.items()
    assert left_out in {"a", "b"} and [r.code for r in reasons] == ["not_placed_kept_apart"]
    assert {"code": "workers_not_placed", "params": {"workers": 1}} in [
        {"code": r.code, "params": dict(r.params)} for r in result.reasons
    ]
    assert [len(g.members) for g in result.groups] == [4]


def test_forbidden_pairs_among_like_minded_people_are_split_and_nobody_is_left_out():
    # Everyone has the same topics: the search would happily put any pair together.
    people = [worker(f"w{i:02d}", CITIES[i % 4], interest=(TOPICS[0],), expertise=(TOPICS[1],)) for i in range(60)]
    forbidden = frozenset(
        frozenset({f"w{i:02d}", f"w{j:02d}"}) for i in range(0, 60, 3) for j in (i + 1, i + 4) if j < 60
    )

    result = form_groups(people, forbidden_pairs=forbidden)

    assert not pairs_of(result) & forbidden
    assert result.unplaced == {} and result.stats.workers == 60


def test_a_grouping_with_a_forbidden_pair_says_so_without_naming_them():
    people = [worker(f"w{i}", CITIES[i % 2]) for i in range(8)]

    result = describe_groups(
        [["w0", "w1", "w2", "w3"], ["w4", "w5", "w6", "w7"]], people, forbidden_pairs={frozenset({"w1", "w3"})}
    )

    assert [r.params for r in result.groups[0].reasons if r.code == "kept_apart_together"] == [{"count": 1}]
    assert "kept_apart_together" not in codes(result.groups[1])


def test_a_move_next_to_someone_to_keep_apart_from_is_reported_without_naming_her(two_groups):
    groups, people = two_groups

    reasons = check_move(groups, "a1", 1, people, forbidden_pairs={frozenset({"a1", "b3"})})

    assert [r.params for r in reasons if r.code == "kept_apart"] == [{"group": 1, "worker": "a1"}]
    leaving = check_move(groups, "a1", 1, people, forbidden_pairs={frozenset({"a1", "a2"})})
    assert "kept_apart" not in {r.code for r in leaving}  # leaving someone to keep apart from is fine


@pytest.mark.parametrize("forbidden", [[("a", "b")], {frozenset({"a"})}, {frozenset({"a", 3})}, "ab"])
def test_bad_forbidden_pairs_raise_an_error_naming_the_field(forbidden):
    with pytest.raises(MatchingInputError, match="'forbidden_pairs'"):
        form_groups([worker("a"), worker("b")], forbidden_pairs=forbidden)
    with pytest.raises(MatchingInputError, match="'forbidden_pairs'"):
        check_move([["a"], ["b"]], "a", 1, [worker("a"), worker("b")], forbidden_pairs=forbidden)
