"""Each score part and its reasons, through the public ``explain``."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from matching import MatchingConfig, Mentee, Mentor, Reason, explain
from matching.scoring import drop_below, pair_scorer
from tests.matching.conftest import population

ONLY = {part: 0.0 for part in ("language", "sector", "goals", "place", "availability")}


def only(part: str, **changes: object) -> MatchingConfig:
    return MatchingConfig(weights={**ONLY, part: 1.0}, **changes)  # type: ignore[arg-type]


def part(explanation, name):
    return next(p for p in explanation.parts if p.name == name)


def test_language_quality_grows_with_the_weaker_level_of_the_best_shared_language():
    mentor = Mentor("m", {"ar": "B2", "de": "C2"})
    weak = explain(Mentee("a", {"de": "B1"}), mentor, only("language"))
    strong = explain(Mentee("b", {"de": "C1", "ar": "C2"}), mentor, only("language"))
    assert weak.score == pytest.approx(0.25)
    assert strong.score == pytest.approx(0.75)
    assert strong.reasons == (
        Reason("shared_language", {"language": "de", "mentee_level": "C1", "mentor_level": "C2"}),
    )


def test_language_below_working_level_on_either_side_makes_the_pair_ineligible():
    result = explain(Mentee("a", {"de": "A2", "ar": "C2"}), Mentor("m", {"de": "C2", "ar": "A2"}))
    assert not result.eligible and result.score == 0.0
    assert [r.code for r in result.reasons] == ["no_shared_working_language"]
    assert explain(
        Mentee("a", {"de": "A2"}), Mentor("m", {"de": "C2"}), MatchingConfig(min_language_level="A2")
    ).eligible


def test_sector_same_related_and_unrelated():
    config = only("sector", sector_parents={"86": "Q", "87": "Q", "62": "J"})
    mentee = Mentee("a", {"de": "B2"}, sectors=frozenset({"86"}))
    same = explain(mentee, Mentor("m", {"de": "C2"}, sectors=frozenset({"86", "62"})), config)
    related = explain(mentee, Mentor("m", {"de": "C2"}, sectors=frozenset({"87"})), config)
    unrelated = explain(mentee, Mentor("m", {"de": "C2"}, sectors=frozenset({"62"})), config)
    assert (same.score, related.score, unrelated.score) == pytest.approx((1.0, 0.5, 0.0))
    assert same.reasons == (Reason("same_sector", {"sector": "86"}),)
    assert related.reasons == (Reason("related_sector", {"mentee_sector": "86", "mentor_sector": "87", "parent": "Q"}),)
    assert unrelated.reasons == ()


def test_goal_codes_and_free_text_both_count():
    config = only("goals")
    mentor = Mentor("m", {"de": "C2"}, offers=frozenset({"recognition", "job_search"}), offer_text="nursing careers")
    codes = explain(Mentee("a", {"de": "B2"}, goals=frozenset({"recognition", "business"})), mentor, config)
    assert codes.score == pytest.approx(0.5)
    assert codes.reasons == (Reason("goal_matches_offer_code", {"goal": "recognition"}),)
    text = explain(Mentee("a", {"de": "B2"}, goal_text="recognition of my nursing diploma"), mentor, config)
    assert 0.15 < text.score < 1.0
    assert (
        Reason(
            "goal_matches_offer", {"goal_text": "recognition of my nursing diploma", "offer_text": "nursing careers"}
        )
        in text.reasons
    )
    unrelated = explain(Mentee("a", {"de": "B2"}, goal_text="xyz qqq"), mentor, config)
    assert unrelated.score < text.score


def test_place_same_city_beats_online_beats_same_country():
    config = only("place")
    mentee = Mentee("a", {"de": "B2"}, city="Berlin", country="DE", online=True)
    city = explain(mentee, Mentor("m", {"de": "C2"}, city="Berlin", country="DE", online=False), config)
    online = explain(mentee, Mentor("m", {"de": "C2"}, city="Wien", country="AT", online=True), config)
    country = explain(mentee, Mentor("m", {"de": "C2"}, city="Köln", country="DE", online=False), config)
    nothing = explain(mentee, Mentor("m", {"de": "C2"}, city="Wien", country="AT", online=False), config)
    assert city.score > online.score > country.score > nothing.score == 0.0
    assert city.reasons == (Reason("same_city", {"city": "Berlin"}),)
    assert online.reasons == (Reason("both_online"),)
    # a city of the same name in another country is not the same city
    assert explain(mentee, Mentor("m", {"de": "C2"}, city="Berlin", country="US", online=False), config).score == 0.0


def test_availability_overlap_is_the_share_of_her_slots_the_mentor_covers():
    mentee = Mentee(
        "a", {"de": "B2"}, availability=frozenset({"mon:morning", "tue:evening", "sat:afternoon", "sun:morning"})
    )
    mentor = Mentor("m", {"de": "C2"}, availability=frozenset({"tue:evening", "mon:morning", "fri:morning"}))
    result = explain(mentee, mentor, only("availability"))
    assert result.score == pytest.approx(0.5)
    assert result.reasons == (Reason("availability_overlap", {"slots": ["mon:morning", "tue:evening"]}),)


def test_score_is_the_weighted_sum_of_kept_parts_in_unit_interval():
    place = {"city": "Köln", "country": "DE", "availability": frozenset({"mon:morning"}), "sectors": frozenset({"86"})}
    mentee = Mentee("a", {"ar": "C2", "de": "B2"}, goals=frozenset({"recognition"}), goal_text="Anerkennung", **place)
    mentor = Mentor("m", {"ar": "C1", "de": "C2"}, offers=frozenset({"recognition"}), offer_text="Anerkennung", **place)
    config = MatchingConfig(weights={"language": 2, "sector": 1, "goals": 1, "place": 0, "availability": 0})
    result = explain(mentee, mentor, config)
    assert result.eligible
    assert sum(p.weight for p in result.parts) == pytest.approx(1.0)
    assert result.score == pytest.approx(sum(p.contribution for p in result.parts))
    for p in result.parts:
        assert 0.0 <= p.value <= 1.0 and p.contribution == pytest.approx(p.weight * p.value)
    assert part(result, "language").weight == pytest.approx(0.5)
    assert part(result, "place").contribution == 0.0
    # reasons are ordered by how much their part contributes
    assert result.reasons[0].code == "shared_language"


@pytest.mark.parametrize(
    ("mentee_changes", "mentor_changes", "config_changes", "code"),
    [
        ({"woman_mentor_only": True}, {"is_woman": False}, {}, "mentee_wants_woman_mentor"),
        ({"online_only": True}, {"online": False}, {}, "mentee_online_only"),
        ({}, {}, {"exclusions": frozenset({("a", "m")})}, "excluded_pair"),
        ({}, {"available": False}, {}, "mentor_unavailable"),
        ({}, {"verified": False}, {}, "mentor_not_verified"),
        ({}, {"capacity": 0}, {}, "mentor_at_capacity"),
        ({}, {}, {"remaining_capacity": {"m": 0}}, "mentor_at_capacity"),
        ({"person_id": "p1"}, {"person_id": "p1"}, {}, "same_person"),
    ],
)
def test_each_hard_rule_is_reported(mentee_changes, mentor_changes, config_changes, code):
    mentee = Mentee("a", {"de": "B2"}, **mentee_changes)
    mentor = Mentor("m", {"de": "C2"}, **mentor_changes)
    result = explain(mentee, mentor, MatchingConfig(**config_changes))
    assert not result.eligible
    assert [r.code for r in result.reasons] == [code]
    assert explain(mentee, Mentor("m", {"de": "C2"}, is_woman=True), MatchingConfig()).eligible


def test_empty_person_ids_are_not_the_same_person():
    assert explain(Mentee("a", {"de": "B2"}), Mentor("m", {"de": "C2"})).eligible


def test_a_submatrix_scores_exactly_as_the_full_block():
    mentees, mentors = population(20, 9, seed=4)
    mentees, mentors = sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id)
    config = MatchingConfig(exclusions=frozenset({(mentees[3].id, mentors[2].id), (mentees[5].id, mentors[7].id)}))
    scorer = pair_scorer(config, mentees, mentors)
    rows, cols = np.array([5, 3, 0, 19]), np.array([7, 2, 4])
    expected = scorer.block(0, len(mentees))[np.ix_(rows, cols)]
    np.testing.assert_allclose(scorer.submatrix(rows, cols), expected, atol=1e-5)


def test_blocks_score_the_same_with_and_without_the_spread_rule_tables(monkeypatch):
    # a block copies rows of the language and place tables spread over all mentors when they fit in
    # RULE_COLUMNS_BYTES, and gathers per mentor kind otherwise: the scores must not depend on which
    mentees, mentors = population(40, 17, seed=6)
    mentees, mentors = sorted(mentees, key=lambda m: m.id), sorted(mentors, key=lambda m: m.id)
    config = MatchingConfig(exclusions=frozenset({(mentees[2].id, mentors[1].id)}))
    rows = np.array([0, 2, 9, 39])
    spread = pair_scorer(config, mentees, mentors)
    block = spread.block(0, len(mentees))
    monkeypatch.setattr("matching.scoring.RULE_COLUMNS_BYTES", 0)
    gathered = pair_scorer(config, mentees, mentors)
    assert spread._rule_columns is not None and len(spread._rule_columns[0]) > 0
    np.testing.assert_array_equal(block, gathered.block(0, len(mentees)))
    assert gathered._rule_columns is not None and len(gathered._rule_columns[0]) == 0
    np.testing.assert_array_equal(spread.rows(rows), block[rows])
    np.testing.assert_array_equal(gathered.rows(rows), block[rows])
    assert block[2, 1] < 0  # the excluded pair is ineligible either way
    # a submatrix takes its rules from the spread tables' columns, or per mentor kind: the same values
    cols = np.array([16, 1, 5, 0, 9])
    np.testing.assert_array_equal(spread.submatrix(rows, cols), gathered.submatrix(rows, cols))
    np.testing.assert_allclose(spread.submatrix(rows, cols), block[np.ix_(rows, cols)], atol=1e-5)
    assert spread.submatrix(rows, cols)[1, 1] < 0


@settings(max_examples=80, deadline=None)
@given(
    hnp.arrays(
        np.float32,
        st.tuples(st.integers(0, 9), st.integers(0, 40)),
        elements=st.sampled_from([-4.0, -0.0, 0.0, 1e-7, 0.099, 0.1, 0.3, 1.0, np.inf, -np.inf]),
    ),
    st.sampled_from([np.float32, np.float64]),
    st.sampled_from([0.0, 0.1, 0.5]),
    st.floats(-2, 2, width=32),
)
def test_dropping_pairs_below_the_floor_is_the_boolean_assignment(scores, dtype, floor, price):
    """The bit-twiddled mask gives exactly what ``values[scores < floor] = -inf`` gives, for both widths and a
    view that is not contiguous."""
    values = (scores - np.float32(price)).astype(dtype)
    expected = values.copy()
    expected[scores < np.float32(floor)] = -np.inf
    got = drop_below(values.copy(), scores, np.float32(floor))
    np.testing.assert_array_equal(got, expected)
    assert got.dtype == dtype
    strided = values.copy()[:, ::2]
    strided_expected = strided.copy()
    strided_expected[scores[:, ::2] < np.float32(floor)] = -np.inf
    np.testing.assert_array_equal(drop_below(strided, scores[:, ::2], np.float32(floor)), strided_expected)
