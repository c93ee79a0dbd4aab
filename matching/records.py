"""Typed inputs and outputs of the engine: plain records, validated once at the boundary."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matching.learning import SuccessModel

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
        raise MatchingInputError(f"unknown CEFR level {shown(level)}; use one of {', '.join(CEFR_LEVELS)}") from None


@dataclass(frozen=True, slots=True)
class Reason:
    """One human reason as data: a stable code plus parameters the UI translates.

    Example: ``Reason("shared_language", {"language": "ar", "mentee_level": "C1", "mentor_level": "B2"})``.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


# --- field checks: one isinstance test per field and per code, once per record -----------------------


def _kind(value: object) -> str:
    return type(value).__name__


def shown(value: object) -> str:
    """``repr(value)`` for an error message, which never fails itself: Python refuses to write out an int of
    more than 4300 digits (ValueError), so such a number is described instead."""
    try:
        return repr(value)
    except ValueError:
        return f"a {_kind(value)} too large to write out"


def _check_text(owner: str, record: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if type(value) is not str and not isinstance(value, str):
            raise MatchingInputError(f"{owner}: field {name!r} must be text (str), not {_kind(value)}")


def _check_flags(owner: str, record: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if type(value) is not bool and not isinstance(value, np.bool_):
            raise MatchingInputError(f"{owner}: field {name!r} must be True or False, not {_kind(value)}")


def _is_whole(value: object) -> bool:
    return type(value) is int or (isinstance(value, Integral) and not isinstance(value, bool))


def _plain_ints(record: object, names: tuple[str, ...]) -> None:
    """Turn numpy whole numbers into Python ints on a frozen record: the engine adds and multiplies these
    settings, and a numpy int64 or uint32 would wrap around silently there (e.g. ``alternatives + 1``)."""
    for name in names:
        value = getattr(record, name)
        if type(value) is not int and _is_whole(value):
            object.__setattr__(record, name, int(value))


def _check_whole(owner: str, record: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if not _is_whole(value):
            raise MatchingInputError(f"{owner}: field {name!r} must be a whole number (int), not {_kind(value)}")


def _is_number(value: object) -> bool:
    """A finite real number that fits a float (an int beyond about 1.8e308 does not)."""
    if not isinstance(value, Real) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _check_codes(owner: str, name: str, codes: object) -> None:
    """A set of text codes; a plain string or a list is refused rather than read letter by letter."""
    if type(codes) is not frozenset and not isinstance(codes, AbstractSet):
        raise MatchingInputError(
            f"{owner}: field {name!r} must be a set of text codes (a frozenset of str), not {_kind(codes)}"
        )
    for code in codes:
        if type(code) is not str and not isinstance(code, str):
            raise MatchingInputError(f"{owner}: field {name!r} must hold text codes, not {_kind(code)}")


def _check_level(owner: str, name: str, level: object) -> None:
    if not isinstance(level, str) or level not in CEFR_LEVELS:
        raise MatchingInputError(
            f"{owner}: field {name!r} has unknown CEFR level {shown(level)}; use one of {', '.join(CEFR_LEVELS)}"
        )


def _check_languages(owner: str, languages: object) -> None:
    if type(languages) is not dict and not isinstance(languages, Mapping):
        raise MatchingInputError(f"{owner}: field 'languages' must map language codes to CEFR levels")
    for code, level in languages.items():
        if not isinstance(code, str) or not code:
            raise MatchingInputError(f"{owner}: field 'languages' has an empty language code")
        if not isinstance(level, str) or level not in CEFR_LEVELS:
            raise MatchingInputError(
                f"{owner}: field 'languages' has level {shown(level)} for {code!r}; use one of {', '.join(CEFR_LEVELS)}"
            )


def _check_availability(owner: str, availability: object) -> None:
    if type(availability) is not frozenset and not isinstance(availability, AbstractSet):
        raise MatchingInputError(
            f"{owner}: field 'availability' must be a set of slots, e.g. frozenset({{'mon:morning'}}), "
            f"not {_kind(availability)}"
        )
    for slot in availability:
        if slot not in AVAILABILITY_SLOTS:
            raise MatchingInputError(
                f"{owner}: field 'availability' has unknown slot {shown(slot)} (expected e.g. 'mon:morning')"
            )


def _check_id(owner: str, record_id: object) -> None:
    if not isinstance(record_id, str):
        raise MatchingInputError(f"{owner}: field 'id' must be text (str), not {_kind(record_id)}")
    if not record_id:
        raise MatchingInputError(f"{owner}: field 'id' is empty")


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
        _check_id("mentee", self.id)
        owner = f"mentee {self.id!r}"
        _check_text(owner, self, ("goal_text", "city", "country", "person_id"))
        _check_flags(owner, self, ("online", "woman_mentor_only", "online_only"))
        _check_languages(owner, self.languages)
        _check_codes(owner, "sectors", self.sectors)
        _check_codes(owner, "goals", self.goals)
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
        _check_id("mentor", self.id)
        owner = f"mentor {self.id!r}"
        _check_text(owner, self, ("offer_text", "city", "country", "kind", "person_id"))
        _check_flags(owner, self, ("online", "is_woman", "verified", "available"))
        _check_languages(owner, self.languages)
        _check_codes(owner, "sectors", self.sectors)
        _check_codes(owner, "offers", self.offers)
        _check_availability(owner, self.availability)
        if not _is_whole(self.capacity) or not 0 <= self.capacity <= 10:
            raise MatchingInputError(
                f"{owner}: field 'capacity' must be a whole number from 0 to 10, not {shown(self.capacity)}"
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
    proof_rounds: int = 20
    """Most passes over all pairs that look for improving pairs ("optimal" and "max_matched"); 0 skips the
    proof (and its certificate)."""
    proof_seconds: float = 300.0
    """No new proof round starts after this many seconds of proving; the certificate then states the gap."""
    proof_pairs: int = 5
    """Improving pairs added to the graph per mentee and round."""

    def __post_init__(self) -> None:
        _plain_ints(self, ("top_k", "top_q", "alternatives", "seed", "proof_rounds", "proof_pairs"))

    def validate(self) -> None:
        """Raise :class:`MatchingInputError` naming the first bad field. Costs one pass over the mappings."""
        owner = "config"
        if not isinstance(self.weights, Mapping):
            raise MatchingInputError(
                f"config: field 'weights' must map part names to numbers, not {_kind(self.weights)}"
            )
        unknown = set(self.weights) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise MatchingInputError(
                f"config: field 'weights' has unknown parts {sorted(map(str, unknown))}; use {sorted(DEFAULT_WEIGHTS)}"
            )
        if not all(_is_number(w) and w >= 0 for w in self.weights.values()):
            raise MatchingInputError(
                "config: field 'weights' must hold numbers ≥ 0 that fit a float (up to about 1.8e308)"
            )
        if not any(w > 0 for w in self.weights.values()):  # a sum could overflow
            raise MatchingInputError("config: field 'weights' must not all be zero")
        _check_level(owner, "min_language_level", self.min_language_level)
        if not _is_number(self.min_score) or not 0.0 <= self.min_score <= 1.0:
            raise MatchingInputError(
                f"config: field 'min_score' must be a number from 0 to 1, not {shown(self.min_score)}"
            )
        _check_whole(owner, self, ("top_k", "top_q", "alternatives", "seed", "proof_rounds", "proof_pairs"))
        for name in ("top_k", "top_q", "proof_pairs"):
            if getattr(self, name) < 1:
                raise MatchingInputError(f"config: field '{name}' must be at least 1")
        for name in ("alternatives", "proof_rounds"):
            if getattr(self, name) < 0:
                raise MatchingInputError(f"config: field '{name}' must be ≥ 0")
        if not 0 <= self.seed < 2**32:
            raise MatchingInputError(
                f"config: field 'seed' must be a whole number from 0 to 2³² − 1, not {shown(self.seed)}"
            )
        if not _is_number(self.proof_seconds) or self.proof_seconds < 0:
            raise MatchingInputError(
                f"config: field 'proof_seconds' must be a number of seconds ≥ 0, not {shown(self.proof_seconds)}"
            )
        if not isinstance(self.exclusions, AbstractSet):
            raise MatchingInputError(
                "config: field 'exclusions' must be a set of (mentee id, mentor id) pairs, "
                f"not {_kind(self.exclusions)}"
            )
        for pair in self.exclusions:
            if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise MatchingInputError(
                    f"config: field 'exclusions' must hold (mentee id, mentor id) pairs, not {shown(pair)}"
                )
        if not isinstance(self.sector_parents, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in self.sector_parents.items()
        ):
            raise MatchingInputError("config: field 'sector_parents' must map sector codes to parent codes (text)")
        if not isinstance(self.remaining_capacity, Mapping):
            raise MatchingInputError(
                "config: field 'remaining_capacity' must map mentor ids to places, "
                f"not {_kind(self.remaining_capacity)}"
            )
        for mentor_id, places in self.remaining_capacity.items():
            if not isinstance(mentor_id, str) or not _is_whole(places) or places < 0:
                raise MatchingInputError(
                    f"config: field 'remaining_capacity' for mentor {shown(mentor_id)} must be a whole number ≥ 0, "
                    f"not {shown(places)}"
                )


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
        _check_id("worker", self.id)
        owner = f"worker {self.id!r}"
        _check_text(owner, self, ("city", "country", "organisation", "role"))
        _check_languages(owner, self.languages)
        _check_codes(owner, "topics_expertise", self.topics_expertise)
        _check_codes(owner, "topics_interest", self.topics_interest)
        _check_availability(owner, self.availability)
        if not self.city:
            raise MatchingInputError(f"{owner}: field 'city' is empty")


@dataclass(frozen=True, slots=True)
class GroupConfig:
    """Settings of one peer-group round.

    ``previous_pairs`` are pairs of worker ids grouped together in earlier rounds; they are
    avoided where an alternative exists (pairs who must never meet go to ``form_groups``'s
    ``forbidden_pairs`` instead). ``topic_focus`` (optional) weights those topics up.
    """

    min_size: int = 4
    max_size: int = 8
    target_size: int = 6
    min_distinct_cities: int = 2
    min_language_level: str = "B1"
    topic_focus: frozenset[str] = frozenset()
    previous_pairs: frozenset[frozenset[str]] = frozenset()
    seed: int = 0

    def __post_init__(self) -> None:
        _plain_ints(self, ("min_size", "max_size", "target_size", "min_distinct_cities", "seed"))

    def validate(self) -> None:
        """Raise :class:`MatchingInputError` naming the first bad field."""
        owner = "group config"
        _check_whole(owner, self, ("min_size", "max_size", "target_size", "min_distinct_cities", "seed"))
        if not 0 <= self.seed < 2**32:
            raise MatchingInputError(
                f"group config: field 'seed' must be a whole number from 0 to 2³² − 1, not {shown(self.seed)}"
            )
        if not 2 <= self.min_size <= self.target_size <= self.max_size:
            raise MatchingInputError(
                "group config: fields must satisfy 2 ≤ 'min_size' ≤ 'target_size' ≤ 'max_size', "
                f"not {shown(self.min_size)}, {shown(self.target_size)}, {shown(self.max_size)}"
            )
        if self.min_distinct_cities < 1:
            raise MatchingInputError("group config: field 'min_distinct_cities' must be at least 1")
        _check_level(owner, "min_language_level", self.min_language_level)
        _check_codes(owner, "topic_focus", self.topic_focus)
        check_worker_pairs(owner, "previous_pairs", self.previous_pairs)


def check_worker_pairs(owner: str, name: str, pairs: object) -> None:
    """Raise :class:`MatchingInputError` unless ``pairs`` is a set of sets of two different worker ids."""
    if not isinstance(pairs, AbstractSet):
        raise MatchingInputError(f"{owner}: field '{name}' must be a set of pairs, not {_kind(pairs)}")
    for pair in pairs:
        if not isinstance(pair, AbstractSet) or len(pair) != 2 or not all(isinstance(i, str) for i in pair):
            raise MatchingInputError(
                f"{owner}: field '{name}' must hold pairs of two different worker ids, not {shown(pair)}"
            )


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


LEARNED_TARGETS: tuple[str, ...] = ("work_6m", "work_or_training_6m", "any_goal_6m")
"""What a success model may predict (the programme's choice): work, work or training, or any goal the mentee
came for (work, training, recognition, a language course), each within 6 months. Reasons carry it so the
words can say which."""

LEARNED_REASON_POINTS = 0.05
"""A pair's predicted success must beat the model's base rate by this much (5 percentage points) before its
reasons say that pairs like it often led to the target: smaller differences are within the model's noise."""


@dataclass(frozen=True, slots=True)
class LearnedPart:
    """A learned score part for :func:`matching.api.match`: every eligible pair (scoring at least
    ``config.min_score`` by hand) scores ``hand score + weight·p``, ``p`` being the pair's predicted success
    under ``model`` (a :class:`matching.learning.SuccessModel`). Ineligible pairs stay ineligible, and a pair's
    eligibility never depends on ``p``. ``target`` (one of :data:`LEARNED_TARGETS`) is only for the words of
    the reason. A weight of 0 leaves the run exactly as without a learned part."""

    model: SuccessModel
    weight: float
    target: str = "any_goal_6m"

    def validate(self) -> None:
        weight = self.weight
        if isinstance(weight, bool) or not isinstance(weight, Real) or not math.isfinite(float(weight)) or weight < 0:
            raise MatchingInputError(f"learned: field 'weight' must be a number ≥ 0, not {shown(weight)}")
        if self.target not in LEARNED_TARGETS:
            raise MatchingInputError(
                f"learned: field 'target' must be one of {', '.join(LEARNED_TARGETS)}, not {shown(self.target)}"
            )
        for attribute in ("estimator", "vocabulary", "config", "card"):
            if not hasattr(self.model, attribute):
                raise MatchingInputError("learned: field 'model' must be a trained success model")

    @property
    def base_rate(self) -> float:
        """The share of successes among the model's training outcomes."""
        return float(self.model.card.get("success_rate", 0.0) or 0.0)
