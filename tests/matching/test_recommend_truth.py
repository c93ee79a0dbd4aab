"""Recommendations equal the truth (issue 13, item 4): ``MentorIndex.recommend`` gives the top-k of scoring every
mentor with ``explain()``, with its scores and explanations, including for what no mentor has."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import synthetic
from matching import MatchingConfig, Mentee, Mentor, MentorIndex, explain
from matching.records import AVAILABILITY_SLOTS, DEFAULT_WEIGHTS, Explanation, Recommendation
from matching.scoring import PARTS

TOLERANCE = 1e-6


def truth(mentee: Mentee, mentors: list[Mentor], config: MatchingConfig) -> list[tuple[float, str]]:
    """Every eligible mentor scoring at least ``config.min_score`` by ``explain()``, best first, ties by id."""
    explained = ((explain(mentee, mentor, config), mentor.id) for mentor in mentors)
    scored = [(e.score, mentor_id) for e, mentor_id in explained if e.eligible and e.score >= config.min_score]
    return sorted(scored, key=lambda s: (-s[0], s[1]))


def assert_same_explanation(got: Explanation, expected: Explanation) -> None:
    assert got.eligible and expected.eligible
    for part, truth_part in zip(got.parts, expected.parts, strict=True):
        assert (part.name, part.reasons) == (truth_part.name, truth_part.reasons)
        assert part.weight == pytest.approx(truth_part.weight, abs=TOLERANCE)
        assert part.value == pytest.approx(truth_part.value, abs=TOLERANCE)
        assert part.contribution == pytest.approx(truth_part.contribution, abs=TOLERANCE)
    assert got.score == pytest.approx(expected.score, abs=TOLERANCE)
    # ordered by contribution, which may differ in the last bits between two parts of equal contribution
    assert sorted(map(repr, got.reasons)) == sorted(map(repr, expected.reasons))


def assert_top_k_of_truth(
    got: list[Recommendation], mentee: Mentee, mentors: list[Mentor], config: MatchingConfig, k: int
) -> None:
    """The top-k of the truth: the same scores in the same order, each mentor's score and explanation as
    ``explain()`` gives them, nobody left out who scores more, and exact ties by id. Scores within the engine's
    resolution (1e-6) of each other are a tie whose order float rounding may decide: two pairs worth exactly 1/3
    each come out of float32 arithmetic a few 1e-8 apart, one way in ``explain()`` and the other in an index."""
    ranked = truth(mentee, mentors, config)
    expected = ranked[:k]
    truth_score = {mentor_id: score for score, mentor_id in ranked}
    assert [r.rank for r in got] == list(range(1, len(got) + 1))
    assert [r.score for r in got] == pytest.approx([score for score, _ in expected], abs=TOLERANCE)
    assert all(r.mentor_id in truth_score for r in got)
    chosen = {r.mentor_id for r in got}
    assert len(chosen) == len(got)
    last = got[-1].score if got else float("inf")
    assert all(score <= last + TOLERANCE for score, mentor_id in ranked if mentor_id not in chosen)
    for first, second in itertools.pairwise(got):
        if truth_score[first.mentor_id] == truth_score[second.mentor_id]:
            assert first.mentor_id < second.mentor_id
    by_id = {m.id: m for m in mentors}
    for recommendation in got:
        assert recommendation.score == pytest.approx(truth_score[recommendation.mentor_id], abs=TOLERANCE)
        assert recommendation.score == recommendation.explanation.score
        assert_same_explanation(recommendation.explanation, explain(mentee, by_id[recommendation.mentor_id], config))


# --- random populations: small vocabularies, so that most things are shared and some are not -----------------

PARENTS = {"86": "Q", "87": "Q", "88": "Q", "62": "J", "63": "J"}
# mentors draw from the first ones only: "87", "88", "63", "01" and "x" are sectors no mentor has
MENTEE_SECTORS = ("86", "62", "Q", "87", "88", "63", "01", "x")
MENTOR_SECTORS = MENTEE_SECTORS[:4]
MENTEE_GOALS = ("job_search", "training", "recognition", "unlisted", "own_business")
MENTOR_GOALS = MENTEE_GOALS[:3]
WORDS = ("nursing", "Pflege", "Krankenhaus", "software", "Software", "IT", "hotel", "care", "job", "a", "ß", "Ärztin")
TEXT = st.one_of(
    st.just(""),
    st.sampled_from([" ", "x", "Pflegeausbildung anfangen", "nursing careers"]),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    st.text(alphabet="abAB äß-\t", max_size=10),
)
LEVELS = st.sampled_from(["A2", "B1", "B2", "C1", "C2"])
LANGUAGES = st.fixed_dictionaries({"de": LEVELS}, optional={"ar": LEVELS, "en": LEVELS, "sw": LEVELS})
SLOTS = st.frozensets(st.sampled_from(AVAILABILITY_SLOTS[:6]), max_size=4)
CITY = st.sampled_from([("", ""), ("Berlin", "DE"), ("Köln", "DE"), ("Wien", "AT")])
SOMETIMES = st.sampled_from([False, False, False, True])


@st.composite
def mentee_records(draw: st.DrawFn) -> Mentee:
    city, country = draw(CITY)
    online_only = draw(SOMETIMES)
    return Mentee(
        id="mentee",
        languages=draw(LANGUAGES),
        sectors=draw(st.frozensets(st.sampled_from(MENTEE_SECTORS), max_size=3)),
        goals=draw(st.frozensets(st.sampled_from(MENTEE_GOALS), max_size=3)),
        goal_text=draw(TEXT),
        city=city,
        country=country,
        online=online_only or draw(st.booleans()),
        online_only=online_only,
        availability=draw(SLOTS),
        woman_mentor_only=draw(SOMETIMES),
        person_id=draw(st.sampled_from(["", "", "p1"])),
    )


@st.composite
def mentor_records(draw: st.DrawFn, mentor_id: str) -> Mentor:
    city, country = draw(CITY)
    return Mentor(
        id=mentor_id,
        languages=draw(LANGUAGES),
        capacity=draw(st.sampled_from([0, 1, 1, 2])),
        sectors=draw(st.frozensets(st.sampled_from(MENTOR_SECTORS), max_size=2)),
        offers=draw(st.frozensets(st.sampled_from(MENTOR_GOALS), max_size=2)),
        offer_text=draw(TEXT),
        city=city,
        country=country,
        online=draw(st.booleans()),
        availability=draw(SLOTS),
        is_woman=draw(st.booleans()),
        verified=not draw(SOMETIMES),
        available=not draw(SOMETIMES),
        person_id=draw(st.sampled_from(["", "", "", "p1"])),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Mentee, list[Mentor], MatchingConfig, int]:
    mentee = draw(mentee_records())
    n = draw(st.integers(1, 10))
    mentors = [draw(mentor_records(f"m{i:02d}")) for i in range(n)]
    # look-alikes under other ids: exact ties, which go to the lower id
    mentors += [dataclasses.replace(m, id=f"t{m.id}") for m in mentors[: draw(st.integers(0, 2))]]
    ids = [m.id for m in mentors]
    some_weights = st.dictionaries(st.sampled_from(PARTS), st.sampled_from([0.0, 0.1, 0.3, 1.0]), min_size=1)
    excluded = st.tuples(st.sampled_from(["mentee", "other"]), st.sampled_from(ids))
    config = MatchingConfig(
        weights=draw(st.one_of(st.just(dict(DEFAULT_WEIGHTS)), some_weights.filter(lambda w: any(w.values())))),
        min_language_level=draw(st.sampled_from(["B1", "B1", "B2"])),
        min_score=draw(st.one_of(st.just(0.0), st.floats(0.0, 0.6))),
        exclusions=draw(st.frozensets(excluded, max_size=2)),
        sector_parents=draw(st.sampled_from([PARENTS, {}, {"86": "Q", "x": "Q", "01": "J"}])),
        remaining_capacity=draw(st.dictionaries(st.sampled_from(ids), st.integers(0, 2), max_size=2)),
    )
    return mentee, mentors, config, draw(st.integers(1, 6))


@settings(max_examples=100, deadline=None)
@given(cases())
def test_recommend_is_the_top_k_of_explain_over_all_mentors(case):
    mentee, mentors, config, k = case
    assert_top_k_of_truth(MentorIndex(config).fit(mentors).recommend(mentee, k=k), mentee, mentors, config, k)


# --- what the index used to lose, one case each ---------------------------------------------------------------


def test_a_sector_no_mentor_has_gets_related_sector_credit():
    config = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)
    mentee = Mentee("a", {"de": "B2"}, sectors=frozenset({"87"}))  # residential care: no mentor has it
    mentors = [
        Mentor("m1", {"de": "C2"}, sectors=frozenset({"86"})),  # human health: the same parent, Q
        Mentor("m2", {"de": "C2"}, sectors=frozenset({"62"})),
    ]
    (first, second) = MentorIndex(config).fit(mentors).recommend(mentee, k=2)
    sector = {p.name: p for p in first.explanation.parts}["sector"]
    assert (first.mentor_id, sector.value) == ("m1", 0.5)
    assert [r.code for r in sector.reasons] == ["related_sector"]
    assert sector.reasons[0].params == {"mentee_sector": "87", "mentor_sector": "86", "parent": "Q"}
    assert first.score - second.score == pytest.approx(config.weights["sector"] * 0.5 / sum(config.weights.values()))
    assert_top_k_of_truth([first, second], mentee, mentors, config, 2)


def test_a_goal_no_mentor_offers_still_counts_among_her_goals():
    mentee = Mentee("a", {"de": "B2"}, goals=frozenset({"job_search", "unlisted"}))
    mentors = [Mentor("m", {"de": "C2"}, offers=frozenset({"job_search"}))]
    (recommendation,) = MentorIndex().fit(mentors).recommend(mentee)
    assert {p.name: p.value for p in recommendation.explanation.parts}["goals"] == 0.5
    assert recommendation.explanation == explain(mentee, mentors[0])


def test_text_is_compared_pair_by_pair_as_explain_does():
    mentee = Mentee("a", {"de": "B2"}, goal_text="Ausbildung in der Altenpflege")
    mentors = [
        Mentor("m1", {"de": "C2"}, offer_text="Pflege"),
        Mentor("m2", {"de": "C2"}, offer_text="Softwareentwicklung"),
        Mentor("m3", {"de": "C2"}),
    ]
    got = MentorIndex().fit(mentors).recommend(mentee, k=3)
    assert_top_k_of_truth(got, mentee, mentors, MatchingConfig(), 3)
    # n-grams of hers that no mentor has still weigh in her text's norm: one more mentor changes nothing
    more = [*mentors, Mentor("m4", {"fr": "C2"}, offer_text="Ausbildung in der Altenpflege")]
    assert MentorIndex().fit(more).recommend(mentee, k=3) == got


def test_a_tie_made_of_different_parts_goes_to_the_lower_id():
    # 0.2·0.5 + 0.25·1 + 0.25/3 + 0.15·0.75 and 0.2·1 + 0.25/3 + 0.15·0.75 + 0.15·1: equal for explain(),
    # whose sum compensates rounding, but a plain left-to-right sum makes the first one bit lower
    goals = frozenset({"job_search", "training", "recognition"})
    mentee = Mentee("a", {"de": "C2"}, sectors=frozenset({"86"}), goals=goals, availability=frozenset({"mon:morning"}))
    mentors = [
        Mentor("m1", {"de": "B2"}, offers=frozenset({"job_search"}), sectors=frozenset({"86"})),
        Mentor("m2", {"de": "C2"}, offers=frozenset({"job_search"}), availability=frozenset({"mon:morning"})),
    ]
    assert explain(mentee, mentors[0]).score == explain(mentee, mentors[1]).score
    got = MentorIndex().fit(mentors).recommend(mentee)
    assert [r.mentor_id for r in got] == ["m1", "m2"]
    assert_top_k_of_truth(got, mentee, mentors, MatchingConfig(), 5)
