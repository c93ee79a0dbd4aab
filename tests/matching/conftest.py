"""Shared builders for the mentoring engine tests: small random populations from the bench generator."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bench import synthetic
from matching.records import MatchingConfig, Mentee, Mentor


def population(n_mentees: int, n_mentors: int, seed: int) -> tuple[list[Mentee], list[Mentor]]:
    """A small seeded population with rules that bite: some closed mentors, mixed preferences."""
    rng = np.random.default_rng(seed)
    mentees = synthetic.mentees(n_mentees, seed=seed)
    mentors = [
        dataclasses.replace(m, capacity=int(rng.integers(0, 3)), verified=bool(rng.random() < 0.9))
        for m in synthetic.mentors(n_mentors, seed=seed)
    ]
    return mentees, mentors


def complete_config(n_mentees: int, n_mentors: int, **changes: object) -> MatchingConfig:
    """A config whose candidate graph is every eligible pair, so results can be checked exactly."""
    base = MatchingConfig(
        sector_parents=synthetic.SECTOR_PARENTS, top_k=max(1, n_mentors), top_q=max(1, n_mentees), alternatives=3
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def small() -> tuple[list[Mentee], list[Mentor]]:
    return population(30, 12, seed=7)
