"""Recommendations for one mentee at a time from an index fitted once over the mentors."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from matching.api import validate_inputs
from matching.candidates import score_floor
from matching.features import PairTextSimilarity, ProfileEncoder, SideFeatures
from matching.records import (
    Explanation,
    LearnedPart,
    MatchingConfig,
    MatchingInputError,
    Mentee,
    Mentor,
    Recommendation,
)
from matching.scoring import PARTS, LearnedScorer, MentorLookup, PairScorer

SCORE_SLACK = np.float32(1e-5)
"""Room left for the float32 rounding of a block's scores when shortlisting: the shortlist is then ranked on
the float64 scores that :func:`matching.scoring.explain` computes."""


class MentorIndex:
    """The k best eligible mentors for a new mentee, with explanations, without a full matching run.

    Follows scikit-learn's estimator shape: ``config`` is stored as given; :meth:`fit` learns the
    mentor vocabulary and arrays (attributes ending in ``_``) and returns ``self``. Refit when
    mentors change; a recommendation takes a few milliseconds among 20 000 mentors.

    A recommendation is what scoring every mentor with :func:`matching.scoring.explain` would give: the same
    scores and explanations (up to float rounding, 1e-6), the same order. Every part is scored from the
    mentee's record as given, so a goal code, sector or text n-gram that no mentor has still counts for
    her (in the share of her goals met, in her sector's family, in the text's norm), as it does in
    ``explain``; text is compared pair by pair (:class:`matching.features.PairTextSimilarity`), never
    through a vocabulary fitted on the mentors.

    >>> from matching.records import Mentee, Mentor
    >>> index = MentorIndex().fit([Mentor("m1", {"de": "C2"}, city="Köln", country="DE"), Mentor("m2", {"fr": "C2"})])
    >>> [(r.mentor_id, r.rank) for r in index.recommend(Mentee("a", {"de": "B1"}, city="Köln", country="DE"), k=5)]
    [('m1', 1)]

    With ``learned`` (a :class:`~matching.records.LearnedPart` of weight > 0) every eligible mentor scores
    ``hand score + weight·p`` as in a run with that learned part, ``p`` predicted for the pair among this
    mentee and the fitted mentors (:func:`matching.learning.predict_success`), and each explanation carries the
    learned part and its reason. That costs one prediction per eligible mentor per recommendation.
    """

    def __init__(self, config: MatchingConfig | None = None, learned: LearnedPart | None = None) -> None:
        self.config = config
        self.learned = learned

    def fit(self, mentors: Sequence[Mentor]) -> MentorIndex:
        """Validate the mentors and encode them once. Raises :class:`MatchingInputError` naming the field."""
        config = self.config if self.config is not None else MatchingConfig()
        validate_inputs([], mentors, config)
        self.config_ = config
        self.mentors_: list[Mentor] = sorted(mentors, key=lambda m: m.id)
        self.column_ = {mentor.id: col for col, mentor in enumerate(self.mentors_)}
        self.encoder_ = ProfileEncoder(config, fit_text=False).fit([], self.mentors_)
        self.text_similarity_ = PairTextSimilarity().fit([m.offer_text for m in self.mentors_])
        self.mentor_features_: SideFeatures = self.encoder_.transform_mentors(self.mentors_)
        self.lookup_ = MentorLookup.build(self.mentors_, self.mentor_features_)
        self.exclusions_: dict[str, frozenset[tuple[str, str]]] = {}
        for mentee_id, mentor_id in config.exclusions:
            self.exclusions_[mentee_id] = self.exclusions_.get(mentee_id, frozenset()) | {(mentee_id, mentor_id)}
        return self

    def _checked(self, mentee: Mentee) -> LearnedPart | None:
        """Check the index and the mentee; the learned part to use (None when off)."""
        if not hasattr(self, "mentors_"):
            raise RuntimeError("MentorIndex is not fitted; call fit(mentors) first")
        if not isinstance(mentee, Mentee):
            raise MatchingInputError(f"mentee: expected a Mentee record, got {type(mentee).__name__}")
        mentee.validate()
        learned = self.learned
        if learned is not None:
            learned.validate()
            learned = learned if learned.weight > 0 else None
        return learned

    def explain(self, mentee: Mentee, mentor_id: str) -> Explanation:
        """The explanation of one fitted mentor for ``mentee``, exactly as :meth:`recommend` scores and shows it
        (with the learned part, ``p`` predicted among this mentee and the fitted mentors), eligible or not.
        Raises :class:`MatchingInputError` for an unknown mentor id."""
        learned = self._checked(mentee)
        col = self.column_.get(mentor_id) if isinstance(mentor_id, str) else None
        if col is None:
            raise MatchingInputError(f"mentor_id: {mentor_id!r} is not among the fitted mentors")
        scorer = self._scorer(mentee)
        explanation = scorer.explain(0, col)
        if learned is None or not explanation.eligible or explanation.score < scorer.config.min_score:
            return explanation
        return self._blended(scorer, learned, np.array([col])).explain(0, col)

    def recommend(self, mentee: Mentee, k: int = 5) -> list[Recommendation]:
        """The ``k`` best eligible mentors for ``mentee`` (score ≥ ``config.min_score``), best first, ties by
        mentor id, each with its :class:`~matching.records.Explanation`. Capacity is not reserved."""
        learned = self._checked(mentee)
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise MatchingInputError(f"recommend: 'k' must be a whole number ≥ 1, not {k!r}")
        if not self.mentors_:
            return []
        scorer = self._scorer(mentee)
        config = scorer.config
        scores = scorer.block(0, 1)[0]
        shortlist = np.flatnonzero(scores >= score_floor(config.min_score) - SCORE_SLACK)
        if learned is not None:
            return self._recommend_learned(scorer, learned, shortlist, k)
        if len(shortlist) > k:
            kth = np.partition(scores[shortlist], len(shortlist) - k)[len(shortlist) - k]
            shortlist = shortlist[scores[shortlist] >= kth - SCORE_SLACK]
        # the order and the cut use the score explain() reports: the same contributions added by Python's sum,
        # which compensates rounding since 3.12, so that a numpy sum's last bit cannot break a tie against the id
        values = scorer.part_values(np.zeros(len(shortlist), dtype=np.intp), shortlist)
        weights = [scorer.weights[part] for part in PARTS]
        by_pair = zip(*(values[part].tolist() for part in PARTS), strict=True)
        exact = np.array([sum(w * v for w, v in zip(weights, pair, strict=True)) for pair in by_pair], dtype=np.float64)
        keep = exact >= config.min_score
        shortlist, exact = shortlist[keep], exact[keep]
        best = shortlist[np.lexsort((shortlist, -exact))[:k]]
        recommendations = []
        for rank, col in enumerate(best.tolist(), 1):
            explanation = scorer.explain(0, col)
            recommendations.append(Recommendation(self.mentors_[col].id, explanation.score, rank, explanation))
        return recommendations

    def _scorer(self, mentee: Mentee) -> PairScorer:
        """A one-row scorer of ``mentee`` against every fitted mentor."""
        # only this mentee's exclusions: the scorer's setup stays independent of the programme's history
        config = dataclasses.replace(self.config_, exclusions=self.exclusions_.get(mentee.id, frozenset()))
        # her text similarity to each mentor enters the scorer's bilinear text part as one dimension:
        # 1 (or 0 without text) on her side, the similarity on each mentor's
        has_text, similarity = self.text_similarity_.transform(mentee.goal_text)
        mentee_features = dataclasses.replace(
            self.encoder_.transform_mentees([mentee]), text=np.array([[float(has_text)]], dtype=np.float32)
        )
        return PairScorer(
            config,
            self.encoder_,
            [mentee],
            mentee_features,
            self.mentors_,
            dataclasses.replace(self.mentor_features_, text=similarity[:, None]),
            dataclasses.replace(self.lookup_, text_t=similarity[None, :]),
        )

    def _blended(self, scorer: PairScorer, learned: LearnedPart, cols: np.ndarray) -> LearnedScorer:
        """``scorer`` with the learned part, ``p`` predicted for the mentors ``cols`` (among all fitted mentors)."""
        from matching.learning import predict_success  # loaded when needed: it brings scikit-learn

        mentee = scorer.mentees[0]
        probabilities = np.zeros(scorer.shape, dtype=np.float32)
        if len(cols):
            pairs = [(mentee.id, self.mentors_[col].id) for col in cols.tolist()]
            probabilities[0, cols] = predict_success(learned.model, [mentee], self.mentors_, pairs)
        return LearnedScorer(scorer, probabilities, learned)

    def _recommend_learned(
        self, scorer: PairScorer, learned: LearnedPart, shortlist: np.ndarray, k: int
    ) -> list[Recommendation]:
        """:meth:`recommend` with the learned part: ``p`` for every eligible mentor (the learned part can lift
        any of them into the best ``k``), ranked on the score :meth:`LearnedScorer.explain` reports."""
        values = scorer.part_values(np.zeros(len(shortlist), dtype=np.intp), shortlist)
        hand = [scorer.weights[part] for part in PARTS]
        by_pair = list(zip(*(values[part].tolist() for part in PARTS), strict=True))
        eligible = np.array(
            [sum(w * v for w, v in zip(hand, pair, strict=True)) >= scorer.config.min_score for pair in by_pair],
            dtype=bool,
        )
        shortlist = shortlist[eligible]
        by_pair = [pair for pair, keep in zip(by_pair, eligible.tolist(), strict=True) if keep]
        blended = self._blended(scorer, learned, shortlist)
        weight = float(blended.learned_weight)
        p = blended.probabilities[0, shortlist].tolist()
        exact = np.array(
            [
                sum([*(w * v for w, v in zip(hand, pair, strict=True)), weight * float(q)])
                for pair, q in zip(by_pair, p, strict=True)
            ],
            dtype=np.float64,
        )
        best = shortlist[np.lexsort((shortlist, -exact))[:k]]
        recommendations = []
        for rank, col in enumerate(best.tolist(), 1):
            explanation = blended.explain(0, col)
            recommendations.append(Recommendation(self.mentors_[col].id, explanation.score, rank, explanation))
        return recommendations
