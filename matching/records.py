"""Typed inputs and outputs of the engine: plain records, validated once at the boundary."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
"""CEFR levels in ascending order; a native speaker is recorded as C2."""

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS: tuple[str, ...] = ("morning", "afternoon", "evening")
AVAILABILITY_SLOTS: tuple[str, ...] = tuple(f"{d}:{p}" for d in WEEKDAYS for p in DAY_PARTS)
"""The 21 weekly slots, e.g. "mon:morning"."""

ProgressCallback = Callable[[float, str], None]
"""Called with (fraction done in [0, 1], stage name) during long operations."""


class MatchingInputError(ValueError):
    """Bad input to the engine; the message names the record and the field."""


def cefr_rank(level: str) -> int:
    """Position of a CEFR level (A1 = 0 … C2 = 5)."""
    try:
        return CEFR_LEVELS.index(level)
    except ValueError:
        raise MatchingInputError(f"unknown CEFR level {level!r}; use one of {', '.join(CEFR_LEVELS)}") from None


@dataclass(frozen=True, slots=True)
class Reason:
    """One human reason as data: a stable code plus parameters the UI translates.

    Example: ``Reason("shared_language", {"language": "ar", "mentee_level": "C1", "mentor_level": "B2"})``.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _check_languages(owner: str, languages: Mapping[str, str]) -> None:
    if not isinstance(languages, Mapping):
        raise MatchingInputError(f"{owner}: field 'languages' must map language codes to CEFR levels")
    for code, level in languages.items():
        if not isinstance(code, str) or not code:
            raise MatchingInputError(f"{owner}: field 'languages' has an empty language code")
        if level not in CEFR_LEVELS:
            raise MatchingInputError(
                f"{owner}: field 'languages' has level {level!r} for {code!r}; use one of {', '.join(CEFR_LEVELS)}"
            )


def _check_availability(owner: str, availability: Iterable[str]) -> None:
    for slot in availability:
        if slot not in AVAILABILITY_SLOTS:
            raise MatchingInputError(
                f"{owner}: field 'availability' has unknown slot {slot!r} (expected e.g. 'mon:morning')"
            )


@dataclass(frozen=True, slots=True)
class Mentee:
    """A mentee waiting for a mentor. ``goals`` are codes from the fixed list; ``goal_text`` is free text."""

    id: str
    languages: Mapping[str, str]
    sectors: frozenset[str] = frozenset()
    goals: frozenset[str] = frozenset()
    goal_text: str = ""
    city: str = ""
    country: str = ""
    online: bool = True
    availability: frozenset[str] = frozenset()
    woman_mentor_only: bool = False
    online_only: bool = False
    person_id: str = ""
    """The person behind the record; a mentee is never paired with herself as a mentor."""

    def validate(self) -> None:
        owner = f"mentee {self.id!r}"
        if not self.id:
            raise MatchingInputError("mentee: field 'id' is empty")
        _check_languages(owner, self.languages)
        _check_availability(owner, self.availability)
        if self.online_only and not self.online:
            raise MatchingInputError(f"{owner}: field 'online_only' is set but 'online' is false")


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor or employer with room for ``capacity`` mentees at once (1–10)."""

    id: str
    languages: Mapping[str, str]
    capacity: int = 1
    sectors: frozenset[str] = frozenset()
    offers: frozenset[str] = frozenset()
    offer_text: str = ""
    city: str = ""
    country: str = ""
    online: bool = True
    availability: frozenset[str] = frozenset()
    is_woman: bool = False
    verified: bool = True
    available: bool = True
    kind: str = "mentor"
    """"mentor" or "employer"."""
    person_id: str = ""

    def validate(self) -> None:
        owner = f"mentor {self.id!r}"
        if not self.id:
            raise MatchingInputError("mentor: field 'id' is empty")
        _check_languages(owner, self.languages)
        _check_availability(owner, self.availability)
        if isinstance(self.capacity, bool) or not isinstance(self.capacity, int) or not 0 <= self.capacity <= 10:
            raise MatchingInputError(
                f"{owner}: field 'capacity' must be a whole number from 0 to 10, not {self.capacity!r}"
            )
        if self.kind not in ("mentor", "employer"):
            raise MatchingInputError(f"{owner}: field 'kind' must be 'mentor' or 'employer', not {self.kind!r}")


DEFAULT_WEIGHTS: Mapping[str, float] = {
    "language": 0.20,
    "sector": 0.25,
    "goals": 0.25,
    "place": 0.15,
    "availability": 0.15,
}
"""Weights of the score parts; they are normalised to sum to 1."""


@dataclass(frozen=True, slots=True)
class MatchingConfig:
    """A programme's matching settings.

    ``remaining_capacity`` (mentor id → places still free) overrides ``Mentor.capacity`` for a run
    over a programme whose mentors already have offered or active matches. ``exclusions`` are
    (mentee id, mentor id) pairs that must never be proposed (declined or rejected before).
    ``sector_parents`` maps a sector code to its parent (NACE division → section) for
    related-sector credit.
    """

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    min_language_level: str = "B1"
    min_score: float = 0.0
    exclusions: frozenset[tuple[str, str]] = frozenset()
    sector_parents: Mapping[str, str] = field(default_factory=dict)
    remaining_capacity: Mapping[str, int] = field(default_factory=dict)
    top_k: int = 50
    """Candidate mentors kept per mentee."""
    top_q: int = 50
    """Candidate mentees kept per mentor."""
    alternatives: int = 5
    """Ranked alternatives kept per mentee for roll-over after a decline."""
    seed: int = 0

    def validate(self) -> None:
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise MatchingInputError(
                f"config: field 'weights' has unknown parts {sorted(unknown)}; use {sorted(DEFAULT_WEIGHTS)}"
            )
        if any((not isinstance(w, (int, float))) or w < 0 for w in self.weights.values()):
            raise MatchingInputError("config: field 'weights' must hold numbers ≥ 0")
        if sum(self.weights.values()) <= 0:
            raise MatchingInputError("config: field 'weights' must not all be zero")
        cefr_rank(self.min_language_level)
        if not 0.0 <= self.min_score <= 1.0:
            raise MatchingInputError(f"config: field 'min_score' must be between 0 and 1, not {self.min_score!r}")
        for name in ("top_k", "top_q"):
            if getattr(self, name) < 1:
                raise MatchingInputError(f"config: field '{name}' must be at least 1")
        if self.alternatives < 0:
            raise MatchingInputError("config: field 'alternatives' must be ≥ 0")


@dataclass(frozen=True, slots=True)
class FrontlineWorker:
    """A member of a peer network. Topics are codes from the fixed list."""

    id: str
    languages: Mapping[str, str]
    city: str
    country: str
    organisation: str = ""
    role: str = ""
    topics_expertise: frozenset[str] = frozenset()
    topics_interest: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()

    def validate(self) -> None:
        owner = f"worker {self.id!r}"
        if not self.id:
            raise MatchingInputError("worker: field 'id' is empty")
        _check_languages(owner, self.languages)
        _check_availability(owner, self.availability)
        if not self.city:
            raise MatchingInputError(f"{owner}: field 'city' is empty")


@dataclass(frozen=True, slots=True)
class GroupConfig:
    """Settings of one peer-group round.

    ``previous_pairs`` are pairs of worker ids grouped together in earlier rounds; they are
    avoided where an alternative exists. ``topic_focus`` (optional) weights those topics up.
    """

    min_size: int = 4
    max_size: int = 8
    target_size: int = 6
    min_distinct_cities: int = 2
    min_language_level: str = "B1"
    topic_focus: frozenset[str] = frozenset()
    previous_pairs: frozenset[frozenset[str]] = frozenset()
    seed: int = 0

    def validate(self) -> None:
        if not 2 <= self.min_size <= self.target_size <= self.max_size:
            raise MatchingInputError(
                "group config: fields must satisfy 2 ≤ 'min_size' ≤ 'target_size' ≤ 'max_size', "
                f"not {self.min_size}, {self.target_size}, {self.max_size}"
            )
        if self.min_distinct_cities < 1:
            raise MatchingInputError("group config: field 'min_distinct_cities' must be at least 1")
        cefr_rank(self.min_language_level)


# --- outputs of the mentoring engine ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One part of a pair score: ``contribution = weight * value``, with the reasons behind it."""

    name: str
    weight: float
    value: float
    contribution: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a pair scores what it scores, or which hard rules make it ineligible (then ``score`` is 0)."""

    eligible: bool
    score: float
    parts: tuple[ScorePart, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """A proposed mentee–mentor pair with its score, the value of each part and the reasons."""

    mentee_id: str
    mentor_id: str
    score: float
    parts: Mapping[str, float]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ranked eligible mentor (rank 1 is the best), e.g. an alternative after a decline."""

    mentor_id: str
    score: float
    rank: int


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One of the best mentors for a single mentee, with the full explanation."""

    mentor_id: str
    score: float
    rank: int
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Outcome of a matching run.

    ``alternatives`` lists, for every mentee with eligible mentors, the next-best mentors other than her
    assigned one; ``unmatched`` gives each unmatched mentee's reasons; ``stats`` holds counts, the total
    score, candidate edges, timings per stage (seconds) and, when requested, an upper bound on the optimum.
    """

    assignments: list[Assignment]
    alternatives: Mapping[str, list[Candidate]]
    unmatched: Mapping[str, tuple[Reason, ...]]
    stats: Mapping[str, Any]
