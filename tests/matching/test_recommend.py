"""MentorIndex: estimator shape, closed mentors and input checks (equality with ``explain()`` is in
test_recommend_truth.py)."""

from __future__ import annotations

import dataclasses

import pytest

from matching import MatchingConfig, MatchingInputError, Mentee, Mentor, MentorIndex
from tests.matching.conftest import complete_config, population


def test_fit_returns_self_and_learns_underscored_attributes():
    mentees, mentors = population(3, 10, seed=1)
    config = complete_config(3, 10)
    index = MentorIndex(config)
    assert index.config is config and index.learned is None  # parameters stored as given
    assert index.fit(mentors) is index
    assert all(name.endswith("_") for name in vars(index) if name not in ("config", "learned"))
    with pytest.raises(RuntimeError, match="not fitted"):
        MentorIndex().recommend(mentees[0])


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


def test_recommend_validates_its_input():
    index = MentorIndex().fit([Mentor("m", {"de": "C2"})])
    with pytest.raises(MatchingInputError, match="languages"):
        index.recommend(Mentee("a", {"de": "Z9"}))
    with pytest.raises(MatchingInputError, match="'k'"):
        index.recommend(Mentee("a", {"de": "B2"}), k=0)
    with pytest.raises(MatchingInputError, match="capacity"):
        MentorIndex().fit([dataclasses.replace(Mentor("m", {"de": "C2"}), capacity=11)])
