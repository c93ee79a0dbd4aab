"""Hostile but well-typed inputs (issue 13, item 6): every input within the documented types either gives a
feasible, correct result or a :class:`MatchingInputError` naming the field, never another exception."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matching import (
    MODES,
    FrontlineWorker,
    GroupConfig,
    MatchingConfig,
    MatchingInputError,
    Mentee,
    Mentor,
    explain,
    form_groups,
    match,
)
from matching.candidates import score_floor
from matching.records import AVAILABILITY_SLOTS, CEFR_LEVELS, DEFAULT_WEIGHTS
from matching.rules import remaining_capacity
from matching.scoring import pair_scorer
from tests.matching.conftest import population
from tests.matching.test_assignment import brute_force_optimum, check_invariants, dense_scores, slot_columns

FIELDS = {
    f.name for kind in (Mentee, Mentor, MatchingConfig, FrontlineWorker, GroupConfig) for f in dataclasses.fields(kind)
}
ARGUMENTS = ("mentees", "mentors", "config", "mode", "workers", "forbidden_pairs", "grouping")


def names_a_field(message: str) -> bool:
    """The message names a record field in quotes ('seed') or starts with the argument it is about."""
    quoted = set(re.findall(r"'([A-Za-z_]+)'", message))
    return bool(quoted & FIELDS) or message.split(":")[0].split(" ")[0] in ARGUMENTS


def places_of_open_mentors(mentees, mentors, config) -> int:
    return sum(
        min(remaining_capacity(m, config), len(mentees))
        for m in mentors
        if m.available and m.verified and remaining_capacity(m, config) > 0
    )


# --- the known cases, one test each ---------------------------------------------------------------------------

TEXT_MENTEES = [
    Mentee("a", {"de": "B2"}, goal_text="Pflegeausbildung anfangen"),
    Mentee("b", {"de": "C1"}, goal_text="Als Softwareentwicklerin arbeiten"),
]
TEXT_MENTORS = [
    Mentor("m", {"de": "C2"}, offer_text="Ausbilderin in der Pflege"),
    Mentor("n", {"de": "C2"}, offer_text="Softwareentwicklung, Bewerbungen"),
]


def test_no_mentees_against_mentors_with_free_text():
    for mode in MODES:
        result = match([], TEXT_MENTORS, mode=mode)
        assert result.assignments == [] and dict(result.unmatched) == {} and dict(result.alternatives) == {}
        assert result.stats["mentees"] == 0 and result.stats["matched"] == 0
        # nobody can use a place when nobody is waiting
        assert result.stats["places"] == 0


def test_no_mentors_against_mentees_with_free_text():
    for mode in MODES:
        result = match(TEXT_MENTEES, [], mode=mode)
        assert result.assignments == [] and result.stats["places"] == 0
        assert {k: [r.code for r in v] for k, v in result.unmatched.items()} == {
            "a": ["no_eligible_mentor"],
            "b": ["no_eligible_mentor"],
        }


@pytest.mark.parametrize("seed", [-1, 2**32, 10**30])
def test_a_seed_out_of_range_is_refused_naming_seed(seed):
    with pytest.raises(MatchingInputError, match="'seed'"):
        match(TEXT_MENTEES, TEXT_MENTORS, MatchingConfig(seed=seed))
    worker = FrontlineWorker("w", {"en": "B2"}, city="Brussels", country="BE")
    with pytest.raises(MatchingInputError, match="'seed'"):
        form_groups([worker], GroupConfig(seed=seed))


def test_the_largest_seeds_in_range_work():
    assert len(match(TEXT_MENTEES, TEXT_MENTORS, MatchingConfig(seed=2**32 - 1)).assignments) == 2
    worker = FrontlineWorker("w", {"en": "B2"}, city="Brussels", country="BE")
    assert [g.members for g in form_groups([worker], GroupConfig(seed=2**32 - 1)).groups] == [("w",)]


def test_a_huge_remaining_capacity_is_one_place_per_mentee():
    mentees = [Mentee(f"e{i}", {"de": "B2"}) for i in range(3)]
    config = MatchingConfig(remaining_capacity={"m": 10**30})
    for mode in MODES:
        result = match(mentees, [Mentor("m", {"de": "C2"})], config, mode=mode)
        assert sorted((a.mentee_id, a.mentor_id) for a in result.assignments) == [("e0", "m"), ("e1", "m"), ("e2", "m")]
        assert result.stats["places"] == 3


def test_places_count_open_mentors_only_each_at_most_the_mentees():
    mentees = [Mentee(f"e{i}", {"de": "B2"}) for i in range(3)]
    mentors = [
        Mentor("big1", {"de": "C2"}),
        Mentor("big2", {"de": "C2"}),
        Mentor("closed", {"de": "C2"}, available=False, capacity=5),
        Mentor("unverified", {"de": "C2"}, verified=False, capacity=5),
        Mentor("two", {"de": "C2"}, capacity=2),
        Mentor("full", {"de": "C2"}, capacity=4),
    ]
    config = MatchingConfig(remaining_capacity={"big1": 2**62, "big2": 2**62, "full": 0})
    for mode in MODES:
        result = match(mentees, mentors, config, mode=mode)
        # 3 + 3 (capped at the mentees) + 2; the closed, unverified and full mentors offer none
        assert result.stats["places"] == 8 == places_of_open_mentors(mentees, mentors, config)
        assert len(result.assignments) == 3
        assert {a.mentor_id for a in result.assignments} <= {"big1", "big2", "two"}


def test_weights_near_the_float_limit_match_as_the_same_weights_scaled_down():
    mentees, mentors = population(30, 12, seed=7)
    huge = MatchingConfig(weights={part: 1e308 for part in DEFAULT_WEIGHTS})
    small = MatchingConfig(weights={part: 1.0 for part in DEFAULT_WEIGHTS})
    ratios = {part: 1e308 * w for part, w in DEFAULT_WEIGHTS.items()}
    for mode in MODES:
        expected = match(mentees, mentors, small, mode=mode)
        got = match(mentees, mentors, huge, mode=mode)
        assert expected.assignments  # the bug matched nobody: the test must have something to compare
        assert [(a.mentee_id, a.mentor_id) for a in got.assignments] == [
            (a.mentee_id, a.mentor_id) for a in expected.assignments
        ]
        assert [a.score for a in got.assignments] == pytest.approx([a.score for a in expected.assignments])
        defaults = match(mentees, mentors, MatchingConfig(), mode=mode)
        scaled = match(mentees, mentors, MatchingConfig(weights=ratios), mode=mode)
        assert [(a.mentee_id, a.mentor_id) for a in scaled.assignments] == [
            (a.mentee_id, a.mentor_id) for a in defaults.assignments
        ]


@pytest.mark.parametrize("workers", ["2", 2.0, 0, -1, True, None])
def test_workers_of_the_wrong_kind_are_refused_naming_workers(workers):
    with pytest.raises(MatchingInputError, match="workers"):
        match(TEXT_MENTEES, TEXT_MENTORS, workers=workers)


@pytest.mark.parametrize("name", ["weights", "min_score", "proof_seconds"])
def test_integers_beyond_the_float_range_are_refused_naming_the_field(name):
    # once an OverflowError from converting the int to a float
    value = {"language": 10**400} if name == "weights" else 10**400
    with pytest.raises(MatchingInputError, match=f"'{name}'"):
        match(TEXT_MENTEES, TEXT_MENTORS, dataclasses.replace(MatchingConfig(), **{name: value}))


@pytest.mark.parametrize("name", ["alternatives", "proof_pairs", "proof_rounds", "top_k", "top_q"])
@pytest.mark.parametrize("value", [np.int64(2**63 - 1), np.uint64(2**64 - 1), np.uint32(2**32 - 1), np.int8(127)])
def test_numpy_whole_numbers_at_their_limit_do_not_wrap_around(name, value):
    # alternatives + 1 and 2 * proof_pairs once wrapped around in numpy arithmetic (an overflow warning, then
    # no alternatives at all); the config now holds them as Python ints
    config = dataclasses.replace(MatchingConfig(), **{name: value})
    assert type(getattr(config, name)) is int and getattr(config, name) == int(value)
    result = match(TEXT_MENTEES, TEXT_MENTORS, config)
    assert sorted((a.mentee_id, a.mentor_id) for a in result.assignments) == [("a", "m"), ("b", "n")]
    assert {k: [c.mentor_id for c in v] for k, v in result.alternatives.items()} == {"a": ["n"], "b": ["m"]}
    assert type(GroupConfig(min_size=np.int8(3)).min_size) is int


HUGE = 10**5000  # Python refuses to write out an int of more than 4300 digits: the message must not fail


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: match([], [], MatchingConfig(seed=HUGE)), "'seed'"),
        (lambda: match([], [], MatchingConfig(min_score=HUGE)), "'min_score'"),
        (lambda: match([], [], MatchingConfig(proof_seconds=-HUGE)), "'proof_seconds'"),
        (lambda: match([], [], MatchingConfig(remaining_capacity={"m": -HUGE})), "'remaining_capacity'"),
        (lambda: match([], [], MatchingConfig(exclusions=frozenset({("a", HUGE)}))), "'exclusions'"),
        (lambda: match([], [Mentor("m", {"de": "C2"}, capacity=HUGE)]), "'capacity'"),
        (lambda: match([Mentee("a", {"de": HUGE})], []), "'languages'"),  # type: ignore[dict-item]
        (lambda: match([Mentee("a", {"de": "B2"}, availability=frozenset({HUGE}))], []), "'availability'"),
        (lambda: match([], [], MatchingConfig(min_language_level=HUGE)), "'min_language_level'"),
        (lambda: form_groups([], GroupConfig(seed=HUGE)), "'seed'"),
        (lambda: form_groups([], GroupConfig(min_size=HUGE)), "'min_size'"),
        (lambda: form_groups([], forbidden_pairs=frozenset({frozenset({"a", HUGE})})), "'forbidden_pairs'"),
    ],
)
def test_a_number_too_long_to_write_out_is_refused_naming_the_field(call, field):
    with pytest.raises(MatchingInputError, match=field):
        call()


@pytest.mark.parametrize("name", ["top_k", "top_q", "alternatives", "proof_pairs", "proof_rounds"])
def test_huge_whole_numbers_for_list_lengths_work(name):
    # top_q = 2**63 once overflowed numpy's int64 in the candidate graph
    for value in (2**31, 2**63, 10**30):
        config = dataclasses.replace(MatchingConfig(proof_rounds=2), **{name: value})
        result = match(TEXT_MENTEES, TEXT_MENTORS, config)
        assert sorted((a.mentee_id, a.mentor_id) for a in result.assignments) == [("a", "m"), ("b", "n")]


def test_many_hostile_free_texts_through_the_text_projection():
    # more than 96 distinct texts: the engine projects them (TruncatedSVD); Arabic, emoji, control characters,
    # very long and one-letter texts all go through it
    pieces = ["مرحبا أبحث عن عمل", "🙂🚀👩🏽‍💻", "Pflege", "\x00\u202e", "x" * 3000, "a", " ", "İstanbul ß ﬃ"]
    mentees = [
        Mentee(f"e{i:03}", {"de": "B2", "ar": "C2"}, goal_text=f"{pieces[i % 8]} {pieces[(i * 3) % 8]} {i}")
        for i in range(70)
    ]
    mentors = [
        Mentor(f"m{j:03}", {"ar": "B1"}, capacity=j % 3, offer_text=f"{pieces[(j * 5) % 8]} n{j}") for j in range(40)
    ]
    config = MatchingConfig(top_k=3, top_q=3, remaining_capacity={"m001": 10**30})
    for mode in MODES:
        result = match(mentees, mentors, config, mode=mode)
        check_invariants(result, mentees, mentors, config)
        assert result.stats["places"] == places_of_open_mentors(mentees, mentors, config)
        if mode in ("optimal", "max_matched"):  # every pair scores > 0, and the proof looks beyond the top 3
            assert result.stats["matched"] == 70 and result.stats["certificate"]["proven"]


def test_a_huge_number_of_distinct_cities_is_a_requirement_no_group_meets():
    # once an OverflowError in the local search's numpy arithmetic
    people = [
        FrontlineWorker(f"w{i:02}", {"en": "B2"}, city=("Rome", "Oslo", "Lyon")[i % 3], country="EU") for i in range(12)
    ]
    for sizes in ({}, {"min_size": 2, "target_size": 2, "max_size": 2}, {"max_size": 10**30}):
        result = form_groups(people, GroupConfig(min_distinct_cities=10**30, **sizes))
        assert sorted(m for g in result.groups for m in g.members) == [w.id for w in people]
        assert all(any(r.code == "too_few_cities" for r in g.reasons) for g in result.groups)
        assert result.stats.groups_mixing_met == 0


# --- any well-typed input: only MatchingInputError, and every result feasible ---------------------------------

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "a",
        "\x00",
        "مرحبا، أبحث عن عمل في التمريض",
        "أريد أن أصبح مطورة برمجيات",
        "🙂🚀👩🏽‍💻",
        "Pflege 🙂 تمريض",
        "İstanbul ǅ ß ﬃ",
        "\u202eevil\u202c",
        "x" * 20_000,
        "نص " * 3_000,
    ]
)
TEXT = st.one_of(ODD_TEXT, st.text(max_size=40))
IDS = st.one_of(
    st.sampled_from(["a", "a ", " a", "A", "а", "á", "á", "\x00", "🙂", "1", "01", "a/b", "'", '"', "\\", "m"]),
    st.text(min_size=1, max_size=6),
)
LANGUAGE_CODES = st.one_of(st.sampled_from(["de", "ar", "en", "uk", "fa"]), st.text(min_size=1, max_size=3))
RARELY = st.sampled_from([False, False, False, True])
MOSTLY = st.sampled_from([True, True, True, True, False])


@st.composite
def languages(draw):
    """Any codes at any levels, mostly with a shared working language, so that pairs are eligible and the
    results have something to check."""
    spoken = draw(st.dictionaries(LANGUAGE_CODES, st.sampled_from(CEFR_LEVELS), max_size=3))
    if draw(MOSTLY):
        spoken["de"] = draw(st.sampled_from(CEFR_LEVELS[3:]))
    return spoken


SECTOR = st.one_of(st.sampled_from(["86", "87", "62", "01", "Q", "J", "work", "language", ""]), st.text(max_size=4))
# frozensets as documented, and plain sets, which are accepted too
CODES = st.one_of(st.frozensets(SECTOR, max_size=3), st.sets(SECTOR, max_size=3))
SLOTS = st.one_of(*(kind(st.sampled_from(AVAILABILITY_SLOTS), max_size=6) for kind in (st.frozensets, st.sets)))
CITIES = st.sampled_from(["", "Berlin", "Köln", "حلب", "berlin", "🙂"])
COUNTRIES = st.sampled_from(["", "DE", "SY", "de"])
PEOPLE = st.sampled_from(["", "", "", "", "p1", "p2"])


@st.composite
def mentees_strategy(draw, ids):
    online = draw(st.booleans())
    return Mentee(
        id=draw(ids),
        languages=draw(languages()),
        sectors=draw(CODES),
        goals=draw(CODES),
        goal_text=draw(TEXT),
        city=draw(CITIES),
        country=draw(COUNTRIES),
        online=online,
        availability=draw(SLOTS),
        woman_mentor_only=draw(RARELY),
        online_only=online and draw(RARELY),
        person_id=draw(PEOPLE),
    )


@st.composite
def mentors_strategy(draw, ids):
    return Mentor(
        id=draw(ids),
        languages=draw(languages()),
        capacity=draw(st.one_of(st.integers(1, 10), st.integers(1, 10).map(np.int8))) if draw(MOSTLY) else 0,
        sectors=draw(CODES),
        offers=draw(CODES),
        offer_text=draw(TEXT),
        city=draw(CITIES),
        country=draw(COUNTRIES),
        online=draw(st.booleans()),
        availability=draw(SLOTS),
        is_woman=draw(st.booleans()),
        verified=draw(MOSTLY),
        available=draw(MOSTLY),
        kind=draw(st.sampled_from(["mentor", "employer"])),
        person_id=draw(PEOPLE),
    )


# numpy scalars are whole numbers and numbers too (an engine run over a data frame passes them)
WEIGHT = st.one_of(
    st.sampled_from([0.0, 5e-324, 1e-300, 1.0, 1e308, 0.5e308, np.float64(1e308), np.float32(3e38)]),
    st.floats(0.0, 1e308, allow_nan=False, allow_infinity=False),
    st.integers(0, 10**6),
)
BIG = st.one_of(
    st.integers(1, 12),
    st.sampled_from([2**31, 2**62, 2**63, 2**64, 10**30, np.int64(2**63 - 1), np.uint64(2**64 - 1)]),
)
PLACES = st.one_of(
    st.integers(1, 10), st.sampled_from([0, 2**62, 2**63, 10**30, np.int64(0), np.int64(3), np.uint64(2**64 - 1)])
)


@st.composite
def populations(draw):
    """Records and a config anywhere within the documented types; half of them friendly (a shared language, open
    mentors, no hard preference, a low minimum score), so that most runs have pairs to check, not only refusals
    and empty results. Hostile texts, ids, codes, weights and capacities are in both halves."""
    friendly = draw(st.booleans())
    n, m = draw(st.integers(int(friendly), 7)), draw(st.integers(int(friendly), 5))
    mentees = draw(st.lists(mentees_strategy(IDS), min_size=n, max_size=n, unique_by=lambda m: m.id))
    mentors = draw(st.lists(mentors_strategy(IDS), min_size=m, max_size=m, unique_by=lambda m: m.id))
    if friendly:
        shared = {"de": "C2"}
        mentees = [
            dataclasses.replace(e, languages={**e.languages, **shared}, woman_mentor_only=False, online_only=False)
            for e in mentees
        ]
        mentors = [
            dataclasses.replace(
                r, languages={**r.languages, **shared}, verified=True, available=True, capacity=max(1, r.capacity)
            )
            for r in mentors
        ]
    mentee_ids = [m.id for m in mentees] + ["ghost"]
    mentor_ids = [m.id for m in mentors] + ["ghost"]
    weights = draw(st.dictionaries(st.sampled_from(sorted(DEFAULT_WEIGHTS)), WEIGHT, min_size=1))
    if friendly and not any(weights.values()):
        weights["language"] = 1.0
    config = MatchingConfig(
        weights=weights,
        min_language_level=draw(st.sampled_from(["A1", "A2", "B1", "B1", "B2", "C2"])),
        min_score=draw(
            st.floats(0.0, 0.3)
            if friendly
            else st.one_of(st.sampled_from([0.0, 5e-324, 0.25, 0.5, 1.0]), st.floats(0.0, 1.0))
        ),
        exclusions=draw(st.frozensets(st.tuples(st.sampled_from(mentee_ids), st.sampled_from(mentor_ids)), max_size=3)),
        sector_parents=draw(st.dictionaries(SECTOR, st.one_of(st.sampled_from(["Q", "J", ""]), SECTOR), max_size=3)),
        remaining_capacity=draw(st.dictionaries(st.sampled_from(mentor_ids), PLACES, max_size=3)),
        top_k=draw(BIG),
        top_q=draw(BIG),
        alternatives=draw(
            st.one_of(st.integers(0, 6), st.sampled_from([10**30, np.int64(2**63 - 1), np.uint32(2**32 - 1)]))
        ),
        seed=draw(st.one_of(st.integers(0, 2**32 - 1), st.just(np.uint32(2**32 - 1)))),
        proof_rounds=draw(st.integers(0, 3)),
        proof_seconds=draw(st.sampled_from([300.0, 300, 0.0])),
        proof_pairs=draw(st.one_of(st.integers(1, 5), st.sampled_from([np.uint8(3), np.int64(2**63 - 1)]))),
    )
    return mentees, mentors, config


def best_total(mentees, mentors, config, *, lexicographic: bool) -> float:
    """Brute-force optimum over mentor slots (capacities cut to the mentees): most matched first when
    ``lexicographic``, then the best total score. A pair is eligible as the engine defines it (its float32
    score at least ``min_score``, :func:`score_floor`); values are the readable ``explain`` scores."""
    n = len(mentees)
    capped = dataclasses.replace(
        config, remaining_capacity={m.id: min(remaining_capacity(m, config), n) for m in mentors}
    )
    slots = slot_columns(mentors, capped)
    if n == 0 or len(slots) == 0:
        return 0.0
    if not lexicographic and config.min_score == 0:
        return brute_force_optimum(mentees, mentors, capped)
    scorer = pair_scorer(capped, sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id))
    eligible = scorer.block(0, n) >= score_floor(config.min_score)
    values = np.where(eligible, dense_scores(mentees, mentors, dataclasses.replace(capped, min_score=0.0)), 0.0)
    bonus = (n + 1.0) * eligible if lexicographic else 0.0
    expanded = (values + bonus)[:, slots]
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return float(values[:, slots][rows, cols].sum())


HOSTILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HOSTILE
@given(populations())
def test_any_well_typed_input_gives_a_feasible_result_or_names_the_field(case):
    mentees, mentors, config = case
    by_mentee = {m.id: m for m in mentees}
    by_mentor = {m.id: m for m in mentors}
    eligible_pairs: dict[tuple[str, str], bool] = {}
    for mode in MODES:
        try:
            result = match(mentees, mentors, config, mode=mode)
        except MatchingInputError as error:
            assert names_a_field(str(error)), str(error)
            event("refused: " + str(error).split(": ", 1)[-1][:60])
            continue
        event(f"matched {min(len(result.assignments), 3)}+" if result.assignments else "matched none")
        check_invariants(result, mentees, mentors, config)
        for a in result.assignments:
            mentor = by_mentor[a.mentor_id]
            assert mentor.available and mentor.verified and remaining_capacity(mentor, config) > 0
            assert (a.mentee_id, a.mentor_id) not in config.exclusions
            assert a.score >= config.min_score - 1e-6
            pair = (a.mentee_id, a.mentor_id)
            if pair not in eligible_pairs:
                eligible_pairs[pair] = explain(by_mentee[a.mentee_id], mentor, config).eligible
            assert eligible_pairs[pair], pair
        assert result.stats["places"] >= 0
        assert result.stats["places"] == places_of_open_mentors(mentees, mentors, config)
        assert result.stats["matched"] == len(result.assignments)
        assert result.stats["total_score"] == pytest.approx(sum(a.score for a in result.assignments), abs=1e-9)
        certificate = result.stats.get("certificate")
        if mode in ("optimal", "max_matched") and config.proof_rounds > 0 and certificate["proven"]:
            event(f"compared with the brute-force optimum ({mode})")
            optimum = best_total(mentees, mentors, config, lexicographic=mode == "max_matched")
            assert abs(result.stats["total_score"] - optimum) <= 1e-6 * max(1, len(mentees)), (mode, optimum)


# --- peer groups ----------------------------------------------------------------------------------------------


@st.composite
def workers_strategy(draw):
    return FrontlineWorker(
        id=draw(IDS),
        languages=draw(languages()),
        # an empty city is refused: rare enough that most networks of 20 have none
        city=draw(st.text(max_size=5)) if draw(st.integers(0, 40)) == 0 else draw(CITIES.filter(bool)),
        country=draw(COUNTRIES),
        organisation=draw(st.sampled_from(["", "MSF", "IRC", "🙂"])),
        role=draw(TEXT),
        topics_expertise=draw(CODES),
        topics_interest=draw(CODES),
        availability=draw(SLOTS),
    )


@st.composite
def group_sizes(draw):
    """(min_size, target_size, max_size): mostly in order (some huge), sometimes anything."""
    huge = st.sampled_from([2**31, 2**63, 10**30])
    if draw(st.integers(0, 4)) == 0:
        return draw(st.tuples(*[st.one_of(st.integers(-1, 9), huge)] * 3))
    low = draw(st.one_of(st.integers(2, 6), huge))
    target = low + draw(st.one_of(st.integers(0, 3), huge))
    return low, target, target + draw(st.one_of(st.integers(0, 3), huge))


@st.composite
def networks(draw):
    n = draw(st.integers(0, 20))
    workers = draw(st.lists(workers_strategy(), min_size=n, max_size=n, unique_by=lambda w: w.id))
    ids = [w.id for w in workers] + ["ghost", "ghost 2"]
    pairs = st.frozensets(
        st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True).map(frozenset), max_size=6
    )
    min_size, target_size, max_size = draw(group_sizes())
    config = GroupConfig(
        min_size=min_size,
        max_size=max_size,
        target_size=target_size,
        min_distinct_cities=draw(st.one_of(st.integers(1, 5), st.sampled_from([0, 10**30]))),
        min_language_level=draw(st.sampled_from(CEFR_LEVELS)),
        topic_focus=draw(CODES),
        previous_pairs=draw(pairs),
        seed=draw(st.integers(0, 2**32 - 1)),
    )
    return workers, config, draw(pairs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_any_well_typed_grouping_places_everyone_once_or_names_the_field(case):
    workers, config, forbidden = case
    try:
        result = form_groups(workers, config, forbidden_pairs=forbidden)
    except MatchingInputError as error:
        assert names_a_field(str(error)), str(error)
        event("refused: " + str(error).split(": ", 1)[-1][:60])
        return
    event(f"grouped {min(len(workers), 5)}+ workers")
    placed = [member for group in result.groups for member in group.members]
    assert len(placed) == len(set(placed))
    assert set(placed).isdisjoint(result.unplaced)
    assert set(placed) | set(result.unplaced) == {w.id for w in workers}
    for group in result.groups:
        assert not any(pair <= set(group.members) for pair in forbidden)
