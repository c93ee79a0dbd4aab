"""Recommendations for one mentee at a time from an index fitted once over the mentors."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from matching.api import validate_inputs
from matching.candidates import score_floor
from matching.features import ProfileEncoder, SideFeatures
from matching.records import MatchingConfig, MatchingInputError, Mentee, Mentor, Recommendation
from matching.scoring import MentorLookup, PairScorer


class MentorIndex:
    """The k best eligible mentors for a new mentee, with explanations, without a full matching run.

    Follows scikit-learn's estimator shape: ``config`` is stored as given; :meth:`fit` learns the
    mentor vocabulary and arrays (attributes ending in ``_``) and returns ``self``. Refit when
    mentors change; a recommendation takes a few milliseconds among 20 000 mentors.

    >>> from matching.records import Mentee, Mentor
    >>> index = MentorIndex().fit([Mentor("m1", {"de": "C2"}, city="Köln", country="DE"), Mentor("m2", {"fr": "C2"})])
    >>> [(r.mentor_id, r.rank) for r in index.recommend(Mentee("a", {"de": "B1"}, city="Köln", country="DE"), k=5)]
    [('m1', 1)]
    """

    def __init__(self, config: MatchingConfig | None = None) -> None:
        self.config = config

    def fit(self, mentors: Sequence[Mentor]) -> MentorIndex:
        """Validate the mentors and encode them once. Raises :class:`MatchingInputError` naming the field."""
        config = self.config if self.config is not None else MatchingConfig()
        validate_inputs([], mentors, config)
        self.config_ = config
        self.mentors_: list[Mentor] = sorted(mentors, key=lambda m: m.id)
        self.encoder_ = ProfileEncoder(config).fit([], self.mentors_)
        self.mentor_features_: SideFeatures = self.encoder_.transform_mentors(self.mentors_)
        self.lookup_ = MentorLookup.build(self.mentors_, self.mentor_features_)
        self.exclusions_: dict[str, frozenset[tuple[str, str]]] = {}
        for mentee_id, mentor_id in config.exclusions:
            self.exclusions_[mentee_id] = self.exclusions_.get(mentee_id, frozenset()) | {(mentee_id, mentor_id)}
        return self

    def recommend(self, mentee: Mentee, k: int = 5) -> list[Recommendation]:
        """The ``k`` best eligible mentors for ``mentee`` (score ≥ ``config.min_score``), best first, ties by
        mentor id, each with its :class:`~matching.records.Explanation`. Capacity is not reserved."""
        if not hasattr(self, "mentors_"):
            raise RuntimeError("MentorIndex is not fitted; call fit(mentors) first")
        if not isinstance(mentee, Mentee):
            raise MatchingInputError(f"mentee: expected a Mentee record, got {type(mentee).__name__}")
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise MatchingInputError(f"recommend: 'k' must be a whole number ≥ 1, not {k!r}")
        mentee.validate()
        if not self.mentors_:
            return []
        # only this mentee's exclusions: the scorer's setup stays independent of the programme's history
        config = dataclasses.replace(self.config_, exclusions=self.exclusions_.get(mentee.id, frozenset()))
        scorer = PairScorer(
            config,
            self.encoder_,
            [mentee],
            self.encoder_.transform_mentees([mentee]),
            self.mentors_,
            self.mentor_features_,
            self.lookup_,
        )
        scores = scorer.block(0, 1)[0]
        usable = np.flatnonzero(scores >= score_floor(config.min_score))
        if len(usable) > k:
            usable = usable[np.argpartition(scores[usable], len(usable) - k)[len(usable) - k :]]
        best = usable[np.lexsort((usable, -scores[usable]))]
        recommendations = []
        for rank, col in enumerate(best.tolist(), 1):
            explanation = scorer.explain(0, col)
            recommendations.append(Recommendation(self.mentors_[col].id, explanation.score, rank, explanation))
        return recommendations
