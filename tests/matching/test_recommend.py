"""MentorIndex: estimator shape and the same top-k as scoring every mentor by hand."""

from __future__ import annotations

import dataclasses

import pytest

from matching import MatchingConfig, MatchingInputError, Mentee, Mentor, MentorIndex, explain
from matching.scoring import pair_scorer
from tests.matching.conftest import complete_config, population


def test_fit_returns_self_and_learns_underscored_attributes():
    mentees, mentors = population(3, 10, seed=1)
    config = complete_config(3, 10)
    index = MentorIndex(config)
    assert index.config is config
    assert index.fit(mentors) is index
    assert all(name.endswith("_") for name in vars(index) if name != "config")
    with pytest.raises(RuntimeError, match="not fitted"):
        MentorIndex().recommend(mentees[0])


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_recommend_returns_the_best_eligible_mentors_in_order(seed):
    mentees, mentors = population(5, 25, seed=seed)
    mentee = mentees[0]
    config = complete_config(5, 25, exclusions=frozenset({(mentee.id, mentors[3].id)}), min_score=0.2)
    index = MentorIndex(config).fit(mentors)
    got = index.recommend(mentee, k=4)
    ordered = sorted(mentors, key=lambda m: m.id)
    scorer = pair_scorer(config, [mentee], ordered, index.encoder_)
    expected = sorted(
        ((-scorer.explain(0, j).score, m.id) for j, m in enumerate(ordered) if scorer.explain(0, j).eligible),
    )
    expected = [(s, mid) for s, mid in expected if -s >= 0.2][:4]
    assert [r.mentor_id for r in got] == [mid for _, mid in expected] or [round(r.score, 5) for r in got] == [
        round(-s, 5) for s, _ in expected
    ]
    assert [r.rank for r in got] == list(range(1, len(got) + 1))
    assert mentors[3].id not in {r.mentor_id for r in got}
    for r in got:
        assert r.explanation.eligible and r.explanation.score == pytest.approx(r.score)


def test_recommend_skips_closed_mentors_and_unknown_languages():
    mentors = [
        Mentor("open", {"de": "C2"}),
        Mentor("full", {"de": "C2"}, capacity=0),
        Mentor("unverified", {"de": "C2"}, verified=False),
        Mentor("french", {"fr": "C2"}),
    ]
    index = MentorIndex(MatchingConfig()).fit(mentors)
    assert [r.mentor_id for r in index.recommend(Mentee("a", {"de": "B1", "sw": "C2"}), k=10)] == ["open"]
    assert index.recommend(Mentee("b", {"sw": "C2"})) == []


def test_recommend_explanation_matches_standalone_explain_without_text():
    mentee = Mentee("a", {"de": "B2"}, sectors=frozenset({"86"}), city="Köln", country="DE")
    mentor = Mentor("m", {"de": "C2"}, sectors=frozenset({"86"}), city="Köln", country="DE")
    (rec,) = MentorIndex().fit([mentor]).recommend(mentee)
    assert rec.explanation == explain(mentee, mentor)


def test_recommend_validates_its_input():
    index = MentorIndex().fit([Mentor("m", {"de": "C2"})])
    with pytest.raises(MatchingInputError, match="languages"):
        index.recommend(Mentee("a", {"de": "Z9"}))
    with pytest.raises(MatchingInputError, match="'k'"):
        index.recommend(Mentee("a", {"de": "B2"}), k=0)
    with pytest.raises(MatchingInputError, match="capacity"):
        MentorIndex().fit([dataclasses.replace(Mentor("m", {"de": "C2"}), capacity=11)])
