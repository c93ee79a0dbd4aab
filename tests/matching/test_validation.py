"""Bad input is refused at the boundary with a message naming the record and the field."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from matching import (
    FrontlineWorker,
    GroupConfig,
    MatchingConfig,
    MatchingInputError,
    Mentee,
    Mentor,
    MentorIndex,
    explain,
    form_groups,
    match,
)


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
        ((m for m in [Mentee("a", {"de": "B2"})]), [], MatchingConfig(), "optimal", "mentees"),
        ([], None, MatchingConfig(), "optimal", "mentors"),
    ],
)
def test_errors_name_the_field(mentees, mentors, config, mode, field):
    with pytest.raises(MatchingInputError, match=field):
        match(mentees, mentors, config, mode=mode)


# --- every field of every record refuses a value of the wrong type ------------------------------------

BAD_VALUES: dict[str, list[object]] = {
    "id": [None, 5, b"a"],
    "text": [None, 5, b"text", ["text"]],
    "flag": ["yes", 1, 0.0, None],
    "whole": [2.5, True, "3", None],
    "codes": ["86", ["86"], ("86",), frozenset({86}), None],
    "languages": [["de"], "de", {"de": 3}, {5: "B2"}, None],
    "availability": ["mon:morning", ["mon:morning"], frozenset({1}), None],
    "level": [3, None, ["B1"]],
    "score": ["0.5", True, math.nan, None],
    "seconds": ["60", True, math.nan, math.inf, -1, None],
    "weights": [["language"], {"language": True}, {"language": math.nan}, {"language": "1"}, None],
    "exclusions": [[("a", "m")], "am", frozenset({("a", 1)}), frozenset({("a", "m", "x")}), None],
    "parents": [["86"], {"86": 1}, {86: "Q"}, None],
    "places": [[("m", 1)], {"m": 1.5}, {"m": True}, {5: 1}, None],
    "pairs": [[frozenset({"a", "b"})], frozenset({("a", "b")}), frozenset({frozenset({"a", 2})}), None],
}

FIELD_KINDS: dict[type, dict[str, str]] = {
    Mentee: {
        "id": "id",
        "languages": "languages",
        "sectors": "codes",
        "goals": "codes",
        "goal_text": "text",
        "city": "text",
        "country": "text",
        "online": "flag",
        "availability": "availability",
        "woman_mentor_only": "flag",
        "online_only": "flag",
        "person_id": "text",
    },
    Mentor: {
        "id": "id",
        "languages": "languages",
        "capacity": "whole",
        "sectors": "codes",
        "offers": "codes",
        "offer_text": "text",
        "city": "text",
        "country": "text",
        "online": "flag",
        "availability": "availability",
        "is_woman": "flag",
        "verified": "flag",
        "available": "flag",
        "kind": "text",
        "person_id": "text",
    },
    MatchingConfig: {
        "weights": "weights",
        "min_language_level": "level",
        "min_score": "score",
        "exclusions": "exclusions",
        "sector_parents": "parents",
        "remaining_capacity": "places",
        "top_k": "whole",
        "top_q": "whole",
        "alternatives": "whole",
        "seed": "whole",
        "proof_rounds": "whole",
        "proof_seconds": "seconds",
        "proof_pairs": "whole",
    },
    FrontlineWorker: {
        "id": "id",
        "languages": "languages",
        "city": "text",
        "country": "text",
        "organisation": "text",
        "role": "text",
        "topics_expertise": "codes",
        "topics_interest": "codes",
        "availability": "availability",
    },
    GroupConfig: {
        "min_size": "whole",
        "max_size": "whole",
        "target_size": "whole",
        "min_distinct_cities": "whole",
        "min_language_level": "level",
        "topic_focus": "codes",
        "previous_pairs": "pairs",
        "seed": "whole",
    },
}

MENTEE = Mentee("a", {"de": "B2"}, sectors=frozenset({"86"}), city="Köln", country="DE")
MENTOR = Mentor("m", {"de": "C2"}, sectors=frozenset({"86"}), city="Köln", country="DE")
WORKER = FrontlineWorker("w", {"en": "B2"}, city="Brussels", country="BE")


def run_with(kind: type, changes: dict[str, object]) -> None:
    """Run the entry point that takes this kind of record, with one field of it changed."""
    if kind is Mentee:
        match([dataclasses.replace(MENTEE, **changes)], [MENTOR])
    elif kind is Mentor:
        match([MENTEE], [dataclasses.replace(MENTOR, **changes)])
    elif kind is MatchingConfig:
        match([MENTEE], [MENTOR], dataclasses.replace(MatchingConfig(), **changes))
    elif kind is FrontlineWorker:
        form_groups([dataclasses.replace(WORKER, **changes)])
    else:
        form_groups([WORKER], dataclasses.replace(GroupConfig(), **changes))


def test_every_field_of_every_record_has_bad_values_below():
    for kind, kinds in FIELD_KINDS.items():
        assert set(kinds) == {f.name for f in dataclasses.fields(kind)}, kind.__name__


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        pytest.param(kind, name, value, id=f"{kind.__name__}.{name}={value!r}")
        for kind, kinds in FIELD_KINDS.items()
        for name, field_kind in kinds.items()
        for value in BAD_VALUES[field_kind]
    ],
)
def test_a_wrong_type_raises_an_error_naming_the_field(kind, field, value):
    with pytest.raises(MatchingInputError, match=f"'{field}'"):
        run_with(kind, {field: value})


@pytest.mark.parametrize(
    "changes",
    [
        {"capacity": np.int64(2), "online": np.True_, "sectors": {"86"}, "languages": {"de": "C2"}},
        {"capacity": 0, "availability": frozenset({"mon:morning"}), "offers": frozenset()},
    ],
)
def test_numpy_scalars_and_plain_sets_are_accepted(changes):
    result = match([MENTEE], [dataclasses.replace(MENTOR, **changes)])
    assert len(result.assignments) + len(result.unmatched) == 1


def test_recommend_and_explain_refuse_a_bad_mentee():
    bad = dataclasses.replace(MENTEE, woman_mentor_only="yes")
    with pytest.raises(MatchingInputError, match="'woman_mentor_only'"):
        MentorIndex().fit([MENTOR]).recommend(bad)
    with pytest.raises(MatchingInputError, match="'woman_mentor_only'"):
        explain(bad, MENTOR)
    with pytest.raises(MatchingInputError, match="'sectors'"):
        MentorIndex().fit([dataclasses.replace(MENTOR, sectors="86")])
