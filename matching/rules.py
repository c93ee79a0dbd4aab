"""Hard rules checked before scoring: working language, the mentee's preferences, exclusions, open mentors.

Each rule exists twice on purpose: as a vectorised table or mask used when scoring millions of pairs,
and as a readable per-pair check (:func:`pair_violations`) used to explain one pair. Tests keep the two
in agreement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from matching.records import MatchingConfig, Mentee, Mentor, Reason, cefr_rank

RULE_CODES: tuple[str, ...] = (
    "same_person",
    "excluded_pair",
    "mentor_unavailable",
    "mentor_not_verified",
    "mentor_at_capacity",
    "no_shared_working_language",
    "mentee_wants_woman_mentor",
    "mentee_online_only",
)
"""Reason codes of the hard rules, in the order they are reported."""


def remaining_capacity(mentor: Mentor, config: MatchingConfig) -> int:
    """Places the mentor still has in this run (``config.remaining_capacity`` overrides ``capacity``)."""
    return int(config.remaining_capacity.get(mentor.id, mentor.capacity))


def mentor_closed_reasons(mentor: Mentor, config: MatchingConfig) -> tuple[Reason, ...]:
    """Rules that close a mentor to every mentee in this run."""
    reasons = []
    if not mentor.available:
        reasons.append(Reason("mentor_unavailable"))
    if not mentor.verified:
        reasons.append(Reason("mentor_not_verified"))
    if remaining_capacity(mentor, config) <= 0:
        reasons.append(Reason("mentor_at_capacity"))
    return tuple(reasons)


def shared_working_languages(mentee: Mentee, mentor: Mentor, config: MatchingConfig) -> list[str]:
    """Languages both speak at ``config.min_language_level`` or above, best shared level first."""
    floor = cefr_rank(config.min_language_level)
    shared = [
        code
        for code in mentee.languages
        if code in mentor.languages
        and cefr_rank(mentee.languages[code]) >= floor
        and cefr_rank(mentor.languages[code]) >= floor
    ]

    def strength(code: str) -> tuple[int, int, str]:
        a, b = cefr_rank(mentee.languages[code]), cefr_rank(mentor.languages[code])
        return (-min(a, b), -max(a, b), code)

    return sorted(shared, key=strength)


def pair_violations(mentee: Mentee, mentor: Mentor, config: MatchingConfig) -> tuple[Reason, ...]:
    """Every hard rule the pair breaks, as reasons (empty when the pair is eligible)."""
    reasons = []
    if mentee.person_id and mentee.person_id == mentor.person_id:
        reasons.append(Reason("same_person"))
    if (mentee.id, mentor.id) in config.exclusions:
        reasons.append(Reason("excluded_pair"))
    reasons.extend(mentor_closed_reasons(mentor, config))
    if not shared_working_languages(mentee, mentor, config):
        reasons.append(Reason("no_shared_working_language", {"min_level": config.min_language_level}))
    if mentee.woman_mentor_only and not mentor.is_woman:
        reasons.append(Reason("mentee_wants_woman_mentor"))
    if mentee.online_only and not mentor.online:
        reasons.append(Reason("mentee_online_only"))
    return tuple(reasons)


# --- vectorised forms -------------------------------------------------------------------------


def open_mentor_mask(mentors: Sequence[Mentor], config: MatchingConfig) -> np.ndarray:
    """True for mentors that can take a mentee in this run (available, verified, places left)."""
    return np.fromiter(
        (m.available and m.verified and remaining_capacity(m, config) > 0 for m in mentors),
        dtype=bool,
        count=len(mentors),
    )


def language_levels_shared(mentee_levels: np.ndarray, mentor_levels: np.ndarray, floor: int) -> np.ndarray:
    """For each (mentee language profile, mentor language profile): the number of CEFR steps from
    ``floor`` up to the best level both reach in one language, or -1 when none reaches ``floor``.

    One small indicator product per level instead of a loop over languages; the inputs are the
    distinct language profiles (see :class:`matching.features.SideFeatures`).
    """
    steps = np.full((mentee_levels.shape[0], mentor_levels.shape[0]), -1, dtype=np.int8)
    for level in range(floor, 6):
        mentee_at = (mentee_levels >= level).astype(np.float32)
        mentor_at = (mentor_levels >= level).astype(np.float32)
        shared = (mentee_at @ mentor_at.T) > 0
        steps[shared] = level - floor
    return steps


def preference_violations(
    mentee_places: Sequence[tuple], mentor_places: Sequence[tuple]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(wants a woman mentor but mentor is not a woman, online only but mentor is not online, mentor
    closed) per distinct mentee place key × mentor place key."""
    online_only = np.array([p[3] for p in mentee_places], dtype=bool)
    woman_only = np.array([p[4] for p in mentee_places], dtype=bool)
    mentor_online = np.array([p[2] for p in mentor_places], dtype=bool)
    mentor_woman = np.array([p[3] for p in mentor_places], dtype=bool)
    mentor_open = np.array([p[4] for p in mentor_places], dtype=bool)
    closed = np.broadcast_to(~mentor_open[None, :], (len(mentee_places), len(mentor_places)))
    return woman_only[:, None] & ~mentor_woman[None, :], online_only[:, None] & ~mentor_online[None, :], closed


def exclusion_pairs(
    mentees: Sequence[Mentee],
    mentor_column: Mapping[str, int],
    mentors_by_person: Mapping[str, list[int]],
    exclusions: frozenset[tuple[str, str]],
) -> tuple[np.ndarray, np.ndarray]:
    """(mentee rows, mentor columns) of excluded pairs and same-person pairs, sorted by row, so that a
    chunk of mentees finds its exclusions with one ``searchsorted``."""
    mentee_row = {m.id: i for i, m in enumerate(mentees)}
    pairs = {(mentee_row[a], mentor_column[b]) for a, b in exclusions if a in mentee_row and b in mentor_column}
    for i, mentee in enumerate(mentees):
        if mentee.person_id:
            pairs.update((i, j) for j in mentors_by_person.get(mentee.person_id, ()))
    if not pairs:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    rows, cols = np.array(sorted(pairs), dtype=np.intp).T
    return rows, cols
