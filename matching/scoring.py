"""Pair scores as a weighted sum of kept parts (language, sector, goals, place, availability) with reasons.

Every part is a value in [0, 1]; the score is ``Σ weight·value`` with weights normalised to sum to 1,
so it lies in [0, 1] too. Ineligible pairs (a hard rule from :mod:`matching.rules` fails) score
:data:`INELIGIBLE` in the vectorised blocks so that one comparison separates them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matching.features import ProfileEncoder, SideFeatures, _keys
from matching.records import (
    AVAILABILITY_SLOTS,
    DEFAULT_WEIGHTS,
    LEARNED_REASON_POINTS,
    Explanation,
    LearnedPart,
    MatchingConfig,
    Mentee,
    Mentor,
    Reason,
    ScorePart,
    cefr_rank,
)
from matching.rules import (
    exclusion_pairs,
    language_levels_shared,
    pair_violations,
    preference_violations,
    shared_working_languages,
)

PARTS: tuple[str, ...] = ("language", "sector", "goals", "place", "availability")
LEARNED = "learned"
"""Name of the learned score part (:class:`LearnedScorer`): its value is the predicted success ``p``."""

INELIGIBLE = np.float32(-4.0)
"""Score of an ineligible pair in a block; any eligible pair scores ≥ 0."""
RULE_COLUMNS_BYTES = 128 << 20
"""The language and place tables spread over all mentors (one row per distinct mentee fragment) are kept
when they fit in this: a block then copies rows instead of gathering each mentor's kind (a quarter of its
time). Beyond it (many distinct language profiles × many mentors) blocks gather as before."""

RELATED_SECTOR_CREDIT = 0.5
"""Sector value when the sectors differ but share a parent in ``config.sector_parents``."""
SAME_CITY, BOTH_ONLINE, SAME_COUNTRY = 1.0, 0.75, 0.25
"""Place values: meeting in person in one city beats meeting online, which beats only sharing a country."""
TEXT_REASON_THRESHOLD = 0.15
"""Text similarity from which a goal/offer text match is worth telling."""
SMALL_BLOCK = 4
"""A block of at most this many mentees is scored without BLAS: for a row or two, waking its threads costs more
than the products themselves."""


def drop_below(values: np.ndarray, scores: np.ndarray, floor: float | np.floating) -> np.ndarray:
    """``values[scores < floor] = −inf`` in place (float32 or float64 ``values`` of ``scores``' shape), and
    ``values``. Written with integer operations on the values' bits: numpy's boolean-index assignment takes a
    branch per element, which over a block where a pair in three or so falls below the floor mispredicts often
    (a block of 2 M pairs: 9 ms, against 4 ms here)."""
    if not values.flags.c_contiguous or values.dtype not in (np.float32, np.float64):
        values[scores < floor] = -np.inf
        return values
    as_int = np.int32 if values.dtype == np.float32 else np.int64
    bits = values.view(as_int)
    minus_infinity = np.array(-np.inf, dtype=values.dtype).view(as_int)
    # all ones where a score is below the floor, else zero: the bits move to −inf's there and nowhere else
    mask = np.less(scores, floor).view(np.uint8).astype(as_int)
    np.negative(mask, out=mask)
    change = np.bitwise_xor(bits, minus_infinity)
    np.bitwise_and(change, mask, out=change)
    np.bitwise_xor(bits, change, out=bits)
    return values


def normalised_weights(config: MatchingConfig) -> dict[str, float]:
    """The config's part weights scaled to sum to 1 (a missing part weighs 0)."""
    # scaled by the largest first: weights near the float limit would otherwise sum to infinity
    top = max(float(w) for w in config.weights.values())
    scaled = {part: float(config.weights.get(part, 0.0)) / top for part in PARTS}
    total = sum(scaled.values())
    return {part: value / total for part, value in scaled.items()}


def _goal_blend(code_count: np.ndarray, text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per mentee: how much the goal-code overlap and the text similarity count in the goals part.

    A blend (not a max) keeps the part bilinear, so it is one matrix product for a whole block.
    """
    has_codes = code_count > 0
    has_text = np.abs(text).sum(axis=1) > 0
    both = has_codes & has_text
    code_share = np.where(both, 0.5, has_codes.astype(np.float32)).astype(np.float32)
    text_share = np.where(both, 0.5, has_text.astype(np.float32)).astype(np.float32)
    return code_share, text_share


def _place_table(mentee_places: Sequence[tuple], mentor_places: Sequence[tuple]) -> np.ndarray:
    def column(places: Sequence[tuple], k: int, dtype: type = object) -> np.ndarray:
        return np.array([p[k] for p in places], dtype=dtype)

    country_a, country_b = column(mentee_places, 0), column(mentor_places, 0)
    city_a, city_b = column(mentee_places, 1), column(mentor_places, 1)
    online_a, online_b = column(mentee_places, 2, bool), column(mentor_places, 2, bool)
    same_country = (country_a[:, None] == country_b[None, :]) & (country_a != "")[:, None]
    same_city = same_country & (city_a[:, None] == city_b[None, :]) & (city_a != "")[:, None]
    both_online = online_a[:, None] & online_b[None, :]
    return np.where(same_city, SAME_CITY, np.where(both_online, BOTH_ONLINE, np.where(same_country, SAME_COUNTRY, 0.0)))


@dataclass(frozen=True, slots=True)
class MentorLookup:
    """Mentor-side pieces that do not depend on the mentees, built once per run or index."""

    column: Mapping[str, int]
    by_person: Mapping[str, list[int]]
    rest_t: np.ndarray
    """Bilinear features (offer codes, availability, sectors), features × mentors, contiguous: BLAS
    runs several times faster on this layout than on the transpose of a mentors × features array."""
    text_t: np.ndarray
    """Text vectors, dimensions × mentors, contiguous."""
    rule_key: np.ndarray
    """Per mentor, the index of its distinct (language profile, place key) combination."""
    rule_language: np.ndarray
    rule_place: np.ndarray

    @classmethod
    def build(cls, mentors: Sequence[Mentor], features: SideFeatures) -> MentorLookup:
        rule_key, rule_keys = _keys(list(zip(features.language_key.tolist(), features.place_key.tolist(), strict=True)))
        by_person: dict[str, list[int]] = {}
        for j, mentor in enumerate(mentors):
            if mentor.person_id:
                by_person.setdefault(mentor.person_id, []).append(j)
        return cls(
            column={m.id: j for j, m in enumerate(mentors)},
            by_person=by_person,
            rest_t=np.ascontiguousarray(
                np.hstack([features.codes, features.availability, _mentor_sectors(features)[features.sector_key]]).T,
                dtype=np.float32,
            ),
            text_t=np.ascontiguousarray(features.text.T, dtype=np.float32),
            rule_key=rule_key,
            rule_language=np.array([k[0] for k in rule_keys], dtype=np.intp),
            rule_place=np.array([k[1] for k in rule_keys], dtype=np.intp),
        )


def _mentor_sectors(features: SideFeatures) -> np.ndarray:
    return np.hstack([features.sector_matrix, features.family_matrix > 0]).astype(np.float32)


def _mentee_sectors(features: SideFeatures) -> np.ndarray:
    """Sector part as a product: the mean over her sectors of 1 (mentor has it) or
    RELATED_SECTOR_CREDIT (mentor has one of its family), written as a sum of two indicator products."""
    count = np.array([max(len(s), 1) for s in features.sector_sets], dtype=np.float32)[:, None]
    same = (1.0 - RELATED_SECTOR_CREDIT) * features.sector_matrix / count
    related = RELATED_SECTOR_CREDIT * features.family_matrix / count
    return np.hstack([same, related]).astype(np.float32)


class PairScorer:
    """Scores blocks of (mentee × mentor) pairs for one population, and explains single pairs.

    Language and place fragments (which carry the hard rules) are compared once between the distinct
    fragments of both sides into small tables holding :data:`INELIGIBLE` where a rule fails; a block is
    then two dense products (text; codes, availability and sectors) and one table gather.
    """

    def __init__(
        self,
        config: MatchingConfig,
        encoder: ProfileEncoder,
        mentees: Sequence[Mentee],
        mentee_features: SideFeatures,
        mentors: Sequence[Mentor],
        mentor_features: SideFeatures,
        mentor_lookup: MentorLookup | None = None,
    ) -> None:
        self.config = config
        self.mentees, self.mentors = mentees, mentors
        self.a, self.b = mentee_features, mentor_features
        self.weights = normalised_weights(config)
        w = self.weights
        self.floor = cefr_rank(config.min_language_level)

        self.language_steps = language_levels_shared(self.a.language_levels, self.b.language_levels, self.floor)
        language_value = (self.language_steps.astype(np.float64) + 1) / (6 - self.floor)
        self.language_table = np.where(self.language_steps >= 0, w["language"] * language_value, INELIGIBLE).astype(
            np.float32
        )
        self.place_values = _place_table(self.a.places, self.b.places)
        woman, online, closed = preference_violations(self.a.places, self.b.places)
        self.place_table = np.where(woman | online | closed, INELIGIBLE, w["place"] * self.place_values).astype(
            np.float32
        )

        self.code_share, self.text_share = _goal_blend(self.a.code_count, self.a.text)
        goal_count = np.maximum(self.a.code_count, 1)
        slot_count = np.maximum(self.a.availability.sum(axis=1), 1)
        self.has_text = bool(np.abs(self.a.text).sum() > 0 and np.abs(self.b.text).sum() > 0)
        self.mentee_text = (w["goals"] * self.text_share)[:, None] * self.a.text
        self.mentee_rest = np.hstack(
            [
                (w["goals"] * self.code_share / goal_count)[:, None] * self.a.codes,
                (w["availability"] / slot_count)[:, None] * self.a.availability,
                w["sector"] * _mentee_sectors(self.a)[self.a.sector_key],
            ]
        ).astype(np.float32)
        lookup = mentor_lookup if mentor_lookup is not None else MentorLookup.build(mentors, mentor_features)
        self.lookup = lookup
        self._reason_cache: dict[tuple, tuple[Reason, ...]] = {}
        self.mentee_sector_rows = _mentee_sectors(self.a)
        self.mentor_sector_rows = _mentor_sectors(self.b)
        self.exclusion_rows, self.exclusion_cols = exclusion_pairs(
            mentees, lookup.column, lookup.by_person, config.exclusions
        )
        self._rule_columns: tuple[np.ndarray, np.ndarray] | None = None

    def _rules(self, rows: slice | np.ndarray) -> np.ndarray:
        """The language and place parts of mentees ``rows`` against every mentor (float32, the two added).

        Where both sides' tables spread over all mentors fit in :data:`RULE_COLUMNS_BYTES`, they are built once
        and a block takes whole rows of them (contiguous copies); otherwise a block gathers per mentor kind.
        The values, and their float32 sum, are the same either way."""
        lookup = self.lookup
        language, place = self._spread_rules()
        if len(language):
            rules = language[self.a.language_key[rows]]
            rules += place[self.a.place_key[rows]]
            return rules
        kinds = self.language_table[self.a.language_key[rows]][:, lookup.rule_language]
        kinds += self.place_table[self.a.place_key[rows]][:, lookup.rule_place]
        return np.take(kinds, lookup.rule_key, axis=1)

    def _spread_rules(self) -> tuple[np.ndarray, np.ndarray]:
        """The language and place tables spread over all mentors (a row per distinct mentee fragment), built on
        first use; empty (no rows) where they would not fit in :data:`RULE_COLUMNS_BYTES`."""
        if self._rule_columns is None:
            lookup, m = self.lookup, len(self.mentors)
            if (len(self.language_table) + len(self.place_table)) * m * 4 <= RULE_COLUMNS_BYTES:
                self._rule_columns = (
                    np.ascontiguousarray(self.language_table[:, lookup.rule_language[lookup.rule_key]]),
                    np.ascontiguousarray(self.place_table[:, lookup.rule_place[lookup.rule_key]]),
                )
            else:
                self._rule_columns = (np.zeros((0, m), np.float32), np.zeros((0, m), np.float32))
        return self._rule_columns

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.mentees), len(self.mentors)

    def block(self, start: int, stop: int) -> np.ndarray:
        """Scores of mentees ``start:stop`` against all mentors, float32, :data:`INELIGIBLE` where a rule fails."""
        rows = slice(start, stop)
        lookup = self.lookup
        if stop - start <= SMALL_BLOCK:
            # for a row or two, waking BLAS threads costs more than the products themselves
            scores = np.einsum("ij,jk->ik", self.mentee_rest[rows], lookup.rest_t)
            if self.has_text:
                scores += np.maximum(np.einsum("ij,jk->ik", self.mentee_text[rows], lookup.text_t), 0.0)
        else:
            scores = np.empty((stop - start, len(self.mentors)), dtype=np.float32)
            if self.has_text:
                np.matmul(self.mentee_text[rows], lookup.text_t, out=scores)
                np.maximum(scores, 0.0, out=scores)  # the text projection can dip below zero; dissimilar is 0
                scores += self.mentee_rest[rows] @ lookup.rest_t
            else:
                np.matmul(self.mentee_rest[rows], lookup.rest_t, out=scores)
        scores += self._rules(rows)
        lo, hi = np.searchsorted(self.exclusion_rows, [start, stop])
        scores[self.exclusion_rows[lo:hi] - start, self.exclusion_cols[lo:hi]] = INELIGIBLE
        return scores

    def rows(self, rows: np.ndarray) -> np.ndarray:
        """Scores of the mentees at ``rows`` (ascending, distinct) against all mentors, as :meth:`block`
        scores them."""
        lookup = self.lookup
        scores = np.empty((len(rows), len(self.mentors)), dtype=np.float32)
        if self.has_text:
            np.matmul(self.mentee_text[rows], lookup.text_t, out=scores)
            np.maximum(scores, 0.0, out=scores)
            scores += self.mentee_rest[rows] @ lookup.rest_t
        else:
            np.matmul(self.mentee_rest[rows], lookup.rest_t, out=scores)
        scores += self._rules(rows)
        if len(self.exclusion_rows) and len(rows):
            at = np.minimum(np.searchsorted(rows, self.exclusion_rows), len(rows) - 1)
            hit = rows[at] == self.exclusion_rows
            scores[at[hit], self.exclusion_cols[hit]] = INELIGIBLE
        return scores

    def submatrix(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Scores of the mentees at ``rows`` against the mentors at ``cols`` (distinct indices), exactly as
        :meth:`block` scores them: float32, :data:`INELIGIBLE` where a rule fails."""
        lookup = self.lookup
        scores = np.ascontiguousarray(self.mentee_rest[rows] @ lookup.rest_t[:, cols])
        if self.has_text:
            scores += np.maximum(self.mentee_text[rows] @ lookup.text_t[:, cols], 0.0)
        language, place = self._spread_rules()
        if len(language):
            # the spread tables' columns first (a row per distinct fragment), then a row each: two small gathers
            rules = language[:, cols][self.a.language_key[rows]]
            rules += place[:, cols][self.a.place_key[rows]]
            scores += rules
        else:
            # the rules table only over the kinds of mentor among these columns (a few mentors have few kinds)
            kinds, kind_of = np.unique(lookup.rule_key[cols], return_inverse=True)
            rules = self.language_table[self.a.language_key[rows]][:, lookup.rule_language[kinds]]
            rules += self.place_table[self.a.place_key[rows]][:, lookup.rule_place[kinds]]
            scores += np.take(rules, kind_of.ravel(), axis=1)
        row_at = np.full(len(self.mentees), -1, dtype=np.intp)
        row_at[rows] = np.arange(len(rows))
        col_at = np.full(len(self.mentors), -1, dtype=np.intp)
        col_at[cols] = np.arange(len(cols))
        excluded_rows, excluded_cols = row_at[self.exclusion_rows], col_at[self.exclusion_cols]
        hit = (excluded_rows >= 0) & (excluded_cols >= 0)
        scores[excluded_rows[hit], excluded_cols[hit]] = INELIGIBLE
        return scores

    def cutoff_counts(self, row: int) -> dict[str, int]:
        """How many mentors each hard rule cuts mentee ``row`` off from (a mentor may count under
        several rules), computed on the distinct-fragment tables rather than per mentor."""
        b = self.b
        language_fails = self.language_steps[self.a.language_key[row]] < 0
        woman, online, closed = preference_violations([self.a.places[self.a.place_key[row]]], b.places)
        lo, hi = np.searchsorted(self.exclusion_rows, [row, row + 1])
        excluded = self.exclusion_cols[lo:hi]
        excluded_person = [j for j in excluded if self.mentees[row].person_id == self.mentors[j].person_id != ""]
        counts = {
            "same_person": len(excluded_person),
            "excluded_pair": len(excluded) - len(excluded_person),
            "mentor_closed": int(closed[0][b.place_key].sum()),
            "no_shared_working_language": int(language_fails[b.language_key].sum()),
            "mentee_wants_woman_mentor": int(woman[0][b.place_key].sum()),
            "mentee_online_only": int(online[0][b.place_key].sum()),
        }
        return {code: count for code, count in counts.items() if count}

    def part_values(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """Value in [0, 1] of each part for the given (mentee row, mentor column) pairs, vectorised."""
        a, b = self.a, self.b
        text = (
            np.maximum(np.einsum("ij,ij->i", a.text[rows], b.text[cols]), 0.0) if self.has_text else np.zeros(len(rows))
        )
        goal_count = np.maximum(a.code_count[rows], 1)
        code_overlap = np.einsum("ij,ij->i", a.codes[rows], b.codes[cols]) / goal_count
        slot_count = np.maximum(a.availability[rows].sum(axis=1), 1)
        steps = self.language_steps[a.language_key[rows], b.language_key[cols]].astype(np.float64)
        return {
            "language": np.where(steps >= 0, (steps + 1) / (6 - self.floor), 0.0),
            "sector": np.einsum(
                "ij,ij->i", self.mentee_sector_rows[a.sector_key[rows]], self.mentor_sector_rows[b.sector_key[cols]]
            ),
            "goals": self.text_share[rows] * text + self.code_share[rows] * code_overlap,
            "place": self.place_values[a.place_key[rows], b.place_key[cols]],
            "availability": np.einsum("ij,ij->i", a.availability[rows], b.availability[cols]) / slot_count,
            "text_similarity": text,
        }

    def _language_reasons(self, mentee: Mentee, mentor: Mentor) -> tuple[Reason, ...]:
        languages = shared_working_languages(mentee, mentor, self.config)
        if not languages:
            return ()
        code = languages[0]
        levels = {"language": code, "mentee_level": mentee.languages[code], "mentor_level": mentor.languages[code]}
        return (Reason("shared_language", levels),)

    def _sector_reasons(self, mentee: Mentee, mentor: Mentor) -> tuple[Reason, ...]:
        same = sorted(mentee.sectors & mentor.sectors)
        if same:
            return (Reason("same_sector", {"sector": same[0]}),)
        parents = self.config.sector_parents
        related = sorted(
            (parents.get(s, s), s, t)
            for s in mentee.sectors
            for t in mentor.sectors
            if parents.get(s, s) == parents.get(t, t)
        )
        if not related:
            return ()
        parent, s, t = related[0]
        return (Reason("related_sector", {"mentee_sector": s, "mentor_sector": t, "parent": parent}),)

    def _place_reasons(self, mentee: Mentee, mentor: Mentor, place: float) -> tuple[Reason, ...]:
        if place == SAME_CITY:
            return (Reason("same_city", {"city": mentee.city}),)
        if place == BOTH_ONLINE:
            return (Reason("both_online"),)
        if place == SAME_COUNTRY:
            return (Reason("same_country", {"country": mentee.country}),)
        return ()

    def part_reasons(self, row: int, col: int, text_similarity: float) -> dict[str, tuple[Reason, ...]]:
        """Human reasons for each part of one pair, as data the UI translates.

        Reasons depend on the pair's distinct fragments only, so they are cached per fragment pair:
        explaining every assignment of a large run stays cheap.
        """
        mentee, mentor = self.mentees[row], self.mentors[col]
        a, b, cache = self.a, self.b, self._reason_cache
        keys = (
            ("language", a.language_key[row], b.language_key[col], self._language_reasons),
            ("sector", a.sector_key[row], b.sector_key[col], self._sector_reasons),
            ("place", a.place_key[row], b.place_key[col], self._place_reasons),
        )
        place = float(self.place_values[a.place_key[row], b.place_key[col]])
        reasons: dict[str, tuple[Reason, ...]] = {}
        for part, mentee_key, mentor_key, explain_part in keys:
            found = cache.get((part, mentee_key, mentor_key))
            if found is None:
                extra = (place,) if part == "place" else ()
                found = cache[(part, mentee_key, mentor_key)] = explain_part(mentee, mentor, *extra)
            reasons[part] = found
        goals = tuple(
            Reason("goal_matches_offer_code", {"goal": goal}) for goal in sorted(mentee.goals & mentor.offers)
        )
        if text_similarity >= TEXT_REASON_THRESHOLD:
            text = {"goal_text": mentee.goal_text, "offer_text": mentor.offer_text}
            goals += (Reason("goal_matches_offer", text),)
        reasons["goals"] = goals
        slots = mentee.availability & mentor.availability
        reasons["availability"] = (
            (Reason("availability_overlap", {"slots": [s for s in AVAILABILITY_SLOTS if s in slots]}),) if slots else ()
        )
        return {part: reasons[part] for part in PARTS}

    def explain(self, row: int, col: int) -> Explanation:
        """Explanation of the pair (mentee ``row``, mentor ``col``) of this population."""
        violations = pair_violations(self.mentees[row], self.mentors[col], self.config)
        if violations:
            return Explanation(eligible=False, score=0.0, parts=(), reasons=violations)
        values = self.part_values(np.array([row]), np.array([col]))
        reasons = self.part_reasons(row, col, float(values["text_similarity"][0]))
        parts = tuple(
            ScorePart(
                name=part,
                weight=self.weights[part],
                value=float(values[part][0]),
                contribution=self.weights[part] * float(values[part][0]),
                reasons=reasons[part],
            )
            for part in PARTS
        )
        return explanation_of(parts)


def explanation_of(parts: tuple[ScorePart, ...]) -> Explanation:
    """An eligible pair's explanation from its parts: the score is their contributions' sum, and the reasons come
    from the parts with a weight, most contributing first."""
    by_contribution = sorted(parts, key=lambda p: -p.contribution)
    return Explanation(
        eligible=True,
        score=float(sum(p.contribution for p in parts)),
        parts=parts,
        reasons=tuple(r for p in by_contribution if p.weight > 0 for r in p.reasons),
    )


def learned_reasons(probability: float, base_rate: float, target: str) -> tuple[Reason, ...]:
    """The learned part's reason: pairs like this often led to ``target``, with the effect size against the
    model's base rate, when ``probability`` beats it by at least :data:`LEARNED_REASON_POINTS`.

    >>> [r.params for r in learned_reasons(0.46, 0.30, "work_6m")]
    [{'percent': 46, 'base_percent': 30, 'points': 16, 'target': 'work_6m'}]
    >>> learned_reasons(0.33, 0.30, "work_6m")
    ()
    """
    if probability - base_rate < LEARNED_REASON_POINTS - 1e-12:
        return ()
    percent, base_percent = round(100 * probability), round(100 * base_rate)
    params = {"percent": percent, "base_percent": base_percent, "points": percent - base_percent, "target": target}
    return (Reason("learned_success", params),)


class LearnedScorer(PairScorer):
    """A :class:`PairScorer` whose eligible pairs (hand score ≥ ``floor``) also score ``weight·p``.

    ``probabilities`` holds ``p`` for every pair of the population (mentees × mentors, float32), 0 wherever
    the hand score is below the floor or a rule fails, so adding ``weight·p`` never makes a pair eligible.
    Every pass of the engine (candidates, pricing, proof, bound) scores through :meth:`block`, :meth:`rows`
    and :meth:`submatrix`, so the learned part is in all of them and the proof holds for the blended score.
    """

    def __init__(self, base: PairScorer, probabilities: np.ndarray, learned: LearnedPart) -> None:
        if probabilities.shape != base.shape:
            raise ValueError("probabilities must have one value per pair of the population")
        self.__dict__.update(base.__dict__)
        self.probabilities = np.ascontiguousarray(probabilities, dtype=np.float32)
        self.learned = learned
        self.learned_weight = np.float32(learned.weight)

    def block(self, start: int, stop: int) -> np.ndarray:
        scores = super().block(start, stop)
        scores += self.learned_weight * self.probabilities[start:stop]
        return scores

    def rows(self, rows: np.ndarray) -> np.ndarray:
        scores = super().rows(rows)
        scores += self.learned_weight * self.probabilities[rows]
        return scores

    def submatrix(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        scores = super().submatrix(rows, cols)
        scores += self.learned_weight * self.probabilities[np.ix_(rows, cols)]
        return scores

    def part_values(self, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
        """The hand parts' values and, as ``"learned"``, each pair's predicted success ``p``."""
        values = super().part_values(rows, cols)
        values[LEARNED] = self.probabilities[rows, cols].astype(np.float64)
        return values

    def learned_part_reasons(self, probability: float) -> tuple[Reason, ...]:
        return learned_reasons(probability, self.learned.base_rate, self.learned.target)

    def explain(self, row: int, col: int) -> Explanation:
        """:meth:`PairScorer.explain` with the learned part: its value ``p``, weight, contribution and reason."""
        explanation = super().explain(row, col)
        if not explanation.eligible:
            return explanation
        probability = float(self.probabilities[row, col])
        weight = float(self.learned_weight)
        part = ScorePart(
            name=LEARNED,
            weight=weight,
            value=probability,
            contribution=weight * probability,
            reasons=self.learned_part_reasons(probability),
        )
        parts = (*explanation.parts, part)
        return explanation_of(parts)


def pair_scorer(
    config: MatchingConfig, mentees: Sequence[Mentee], mentors: Sequence[Mentor], encoder: ProfileEncoder | None = None
) -> PairScorer:
    """A :class:`PairScorer` for validated records, fitting an encoder on both sides unless one is given."""
    encoder = encoder if encoder is not None else ProfileEncoder(config).fit(mentees, mentors)
    return PairScorer(
        config, encoder, mentees, encoder.transform_mentees(mentees), mentors, encoder.transform_mentors(mentors)
    )


def explain(mentee: Mentee, mentor: Mentor, config: MatchingConfig | None = None) -> Explanation:
    """Explain one pair: whether it is eligible, its score, each part's value, weight, contribution and
    reasons, or the hard rules it breaks.

    The text vocabulary is fitted on this pair alone. ``MentorIndex.recommend`` scores text the same way
    (:class:`matching.features.PairTextSimilarity`), so its scores and explanations equal this function's;
    a matching run (``match``) fits the text on the whole run, so its text similarity can differ slightly.

    >>> from matching.records import Mentee, Mentor
    >>> e = explain(Mentee("a", {"ar": "C2", "de": "B1"}, city="Berlin", country="DE"),
    ...             Mentor("m", {"ar": "B2"}, city="Berlin", country="DE"))
    >>> e.eligible, [r.code for r in e.reasons][:2]
    (True, ['same_city', 'shared_language'])

    Raises :class:`matching.records.MatchingInputError` naming the bad field.
    """
    config = config if config is not None else MatchingConfig(weights=dict(DEFAULT_WEIGHTS))
    config.validate()
    mentee.validate()
    mentor.validate()
    return pair_scorer(config, [mentee], [mentor]).explain(0, 0)
