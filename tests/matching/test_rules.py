"""The vectorised rule tables and score blocks agree with the readable per-pair path."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.rules import pair_violations
from matching.scoring import INELIGIBLE, pair_scorer
from tests.matching.conftest import complete_config, population


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 15), st.integers(1, 10), st.integers(0, 10_000), st.sampled_from(["A2", "B1", "B2", "C1"]))
def test_block_eligibility_and_scores_match_explain(n, m, seed, level):
    mentees, mentors = population(n, m, seed)
    rng = random.Random(seed)
    # shared person ids and exclusions so that every rule gets exercised
    mentees[0] = dataclasses.replace(mentees[0], person_id="p")
    mentors[-1] = dataclasses.replace(mentors[-1], person_id="p")
    exclusions = frozenset((rng.choice(mentees).id, rng.choice(mentors).id) for _ in range(3))
    config = complete_config(
        n, m, min_language_level=level, exclusions=exclusions, remaining_capacity={mentors[0].id: 0}
    )
    mentees, mentors = sorted(mentees, key=lambda x: x.id), sorted(mentors, key=lambda x: x.id)
    scorer = pair_scorer(config, mentees, mentors)
    block = scorer.block(0, n)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            explanation = scorer.explain(i, j)
            assert explanation.eligible == (not pair_violations(mentee, mentor, config))
            if explanation.eligible:
                assert block[i, j] == pytest.approx(explanation.score, abs=1e-5)
                assert 0.0 <= block[i, j] <= 1.0 + 1e-6
            else:
                assert block[i, j] <= INELIGIBLE + 1.0 + 1e-6


def test_chunked_block_equals_one_block():
    mentees, mentors = population(40, 9, seed=4)
    scorer = pair_scorer(complete_config(40, 9), mentees, mentors)
    whole = scorer.block(0, 40)
    pieces = np.vstack([scorer.block(0, 2), scorer.block(2, 17), scorer.block(17, 40)])
    np.testing.assert_allclose(whole, pieces, atol=1e-6)
