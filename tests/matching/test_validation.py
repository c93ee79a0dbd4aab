"""Bad input is refused at the boundary with a message naming the record and the field."""

from __future__ import annotations

import pytest

from matching import MatchingConfig, MatchingInputError, Mentee, Mentor, match


@pytest.mark.parametrize(
    ("mentees", "mentors", "config", "mode", "field"),
    [
        ([Mentee("a", {"de": "B2"}), Mentee("a", {"de": "C1"})], [], MatchingConfig(), "optimal", "'id'"),
        ([], [Mentor("m", {"de": "C2"}), Mentor("m", {"de": "C2"})], MatchingConfig(), "optimal", "'id'"),
        ([Mentee("", {"de": "B2"})], [], MatchingConfig(), "optimal", "'id'"),
        ([Mentee("a", {"de": "B7"})], [], MatchingConfig(), "optimal", "'languages'"),
        (
            [Mentee("a", {"de": "B2"}, availability=frozenset({"mon:night"}))],
            [],
            MatchingConfig(),
            "optimal",
            "'availability'",
        ),
        ([], [Mentor("m", {"de": "C2"}, capacity=-1)], MatchingConfig(), "optimal", "'capacity'"),
        ([], [Mentor("m", {"de": "C2"}, kind="boss")], MatchingConfig(), "optimal", "'kind'"),
        ([], [], MatchingConfig(min_score=2.0), "optimal", "'min_score'"),
        ([], [], MatchingConfig(weights={"charm": 1.0}), "optimal", "'weights'"),
        ([], [], MatchingConfig(top_k=0), "optimal", "'top_k'"),
        ([], [], MatchingConfig(min_language_level="X"), "optimal", "CEFR"),
        ([], [], MatchingConfig(exclusions=frozenset({("a",)})), "optimal", "'exclusions'"),  # type: ignore[arg-type]
        ([], [], MatchingConfig(remaining_capacity={"m": -2}), "optimal", "'remaining_capacity'"),
        ([], [], MatchingConfig(), "fastest", "mode"),
        (["not a mentee"], [], MatchingConfig(), "optimal", "Mentee"),
    ],
)
def test_errors_name_the_field(mentees, mentors, config, mode, field):
    with pytest.raises(MatchingInputError, match=field):
        match(mentees, mentors, config, mode=mode)
