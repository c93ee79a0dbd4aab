"""Encoding of mentee and mentor profiles into arrays with scikit-learn, fitted once per run or index."""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import MultiLabelBinarizer, normalize

from matching.records import AVAILABILITY_SLOTS, MatchingConfig, Mentee, Mentor, cefr_rank
from matching.rules import open_mentor_mask

LSA_DIMENSIONS = 48
"""Text vectors are projected to this many dimensions once the text vocabulary is larger, so that
scoring 10⁹ pairs is one small dense product instead of a sparse product over thousands of n-grams."""


_SLOT_INDEX = {slot: i for i, slot in enumerate(AVAILABILITY_SLOTS)}

TEXT_NGRAMS: dict = {"analyzer": "char_wb", "ngram_range": (2, 4), "lowercase": True}
"""How free text is cut into features everywhere: char_wb n-grams match word stems across languages and
spelling variants without a tokenizer."""

ONE_SIDED_IDF = math.log(3 / 2) + 1
"""scikit-learn's smoothed idf, ln((1 + n) / (1 + df)) + 1, for a TF-IDF fitted on one pair's two texts
(n = 2): an n-gram only one of them has (df = 1) weighs this; one both have (df = 2) weighs 1."""


def _keys[K: Hashable](values: Sequence[K]) -> tuple[np.ndarray, list[K]]:
    """Dedupe profile fragments: most people share a language set, a sector set or a place, so the
    engine compares distinct fragments once and gathers the result for every pair."""
    index: dict[K, int] = {}
    keys = np.fromiter((index.setdefault(value, len(index)) for value in values), dtype=np.intp, count=len(values))
    return keys, list(index)


@dataclass(frozen=True, slots=True)
class SideFeatures:
    """Arrays for one side (mentees or mentors), row i describing the i-th record given to ``transform``.

    ``text`` rows are l2-normalised (zero when there is no text); ``codes`` and ``availability`` are
    0/1 indicators; the ``*_key`` arrays point into the distinct fragments listed beside them.
    """

    text: np.ndarray
    codes: np.ndarray
    code_count: np.ndarray
    """Number of distinct codes per row, including codes the fitted vocabulary does not know: a goal no mentor
    offers is still one of the mentee's goals, so the share of her goals a mentor meets is taken over all."""
    availability: np.ndarray
    language_key: np.ndarray
    language_levels: np.ndarray
    """(distinct language profiles × languages) CEFR rank, -1 where the language is not spoken."""
    sector_key: np.ndarray
    sector_sets: list[frozenset[str]]
    sector_matrix: np.ndarray
    """(distinct sector sets × sectors) indicator."""
    family_matrix: np.ndarray
    """(distinct sector sets × sector families) count of the set's sectors in each family; a sector's
    family is its parent in ``config.sector_parents``, else itself. Counted from the sectors as given, so a
    sector the fitted vocabulary does not know still counts in its family."""
    place_key: np.ndarray
    places: list[tuple]
    """Mentee: (country, city, online, online_only, woman_mentor_only);
    mentor: (country, city, online, is_woman, open)."""


class ProfileEncoder:
    """Learns the vocabularies of a population and turns records into :class:`SideFeatures`.

    Follows scikit-learn's estimator shape: ``config`` and ``fit_text`` are stored as given, ``fit`` learns
    attributes ending in ``_`` and returns ``self``. With ``fit_text=False`` free text is left out (the text
    arrays are zero), for a caller that compares texts pair by pair with :class:`PairTextSimilarity`.

    >>> from matching.records import Mentee, Mentor
    >>> enc = ProfileEncoder(MatchingConfig()).fit([Mentee("a", {"de": "B2"})], [Mentor("m", {"de": "C2"})])
    >>> enc.languages_.classes_.tolist()
    ['de']
    """

    def __init__(self, config: MatchingConfig, fit_text: bool = True) -> None:
        self.config = config
        self.fit_text = fit_text

    def fit(self, mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> ProfileEncoder:
        self.languages_ = MultiLabelBinarizer().fit(
            [list(m.languages) for m in mentees] + [list(m.languages) for m in mentors]
        )
        parents = self.config.sector_parents
        all_sectors = [m.sectors for m in mentees] + [m.sectors for m in mentors]
        self.sectors_ = MultiLabelBinarizer().fit(all_sectors)
        self.sector_families_ = MultiLabelBinarizer().fit(
            [{parents.get(s, s) for s in sectors} for sectors in all_sectors]
        )
        self.codes_ = MultiLabelBinarizer().fit([m.goals for m in mentees] + [m.offers for m in mentors])
        texts = sorted({m.goal_text for m in mentees} | {m.offer_text for m in mentors} - {""}) if self.fit_text else []
        self.text_vectorizer_: TfidfVectorizer | None = None
        self.text_projection_: TruncatedSVD | None = None
        if texts:
            vectorizer = TfidfVectorizer(**TEXT_NGRAMS, sublinear_tf=True)
            try:
                matrix = vectorizer.fit_transform(texts)
            except ValueError:  # texts of only blanks or one character: no n-gram at all
                matrix = None
            if matrix is not None:
                self.text_vectorizer_ = vectorizer
                if matrix.shape[1] > 4 * LSA_DIMENSIONS and len(texts) > 2 * LSA_DIMENSIONS:
                    self.text_projection_ = TruncatedSVD(LSA_DIMENSIONS, random_state=self.config.seed).fit(matrix)
        return self

    def _text(self, texts: list[str]) -> np.ndarray:
        if self.text_vectorizer_ is None:
            return np.zeros((len(texts), 1), dtype=np.float32)
        if not texts:  # nobody on this side (a run of no one waiting): the transformers refuse an empty input
            width = (
                self.text_projection_.n_components
                if self.text_projection_ is not None
                else len(self.text_vectorizer_.vocabulary_)
            )
            return np.zeros((0, width), dtype=np.float32)
        unique, inverse = np.unique(np.asarray(texts, dtype=object), return_inverse=True)
        matrix = self.text_vectorizer_.transform(unique.tolist())
        dense = self.text_projection_.transform(matrix) if self.text_projection_ is not None else matrix.toarray()
        dense = normalize(dense).astype(np.float32)
        # float32 subnormals from the projection slow every product over them down tenfold
        dense[np.abs(dense) < 1e-6] = 0.0
        dense[unique == ""] = 0.0
        return dense[inverse]

    def _sectors(self, sectors: list[frozenset[str]]) -> dict:
        sector_key, sector_sets = _keys([frozenset(s) for s in sectors])
        parents = self.config.sector_parents
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a sector unknown to the fitted population matches nobody
            sector_matrix = self.sectors_.transform(sector_sets).astype(np.float32)
        # each sector counts once in its family, so a mentee's sectors are averaged rather than maxed; a sector
        # unknown to the fitted population still has a parent the other side may share
        family_column = {family: i for i, family in enumerate(self.sector_families_.classes_)}
        family_matrix = np.zeros((len(sector_sets), len(family_column)), dtype=np.float32)
        for row, sector_set in enumerate(sector_sets):
            for sector in sector_set:
                column = family_column.get(parents.get(sector, sector))
                if column is not None:
                    family_matrix[row, column] += 1.0
        return {
            "sector_key": sector_key,
            "sector_sets": sector_sets,
            "sector_matrix": sector_matrix,
            "family_matrix": family_matrix,
        }

    def _common(self, languages: list, codes: list, texts: list[str], slots: list) -> dict:
        language_key, profiles = _keys([frozenset(lang.items()) for lang in languages])
        column = {code: i for i, code in enumerate(self.languages_.classes_)}
        levels = np.full((len(profiles), len(column)), -1, dtype=np.int8)
        for row, profile in enumerate(profiles):
            for code, level in profile:  # type: ignore[attr-defined]
                if code in column:  # a language nobody on the other side speaks cannot be shared
                    levels[row, column[code]] = cefr_rank(level)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown codes are simply not shared with anyone
            code_matrix = self.codes_.transform(codes).astype(np.float32)
        availability = np.zeros((len(slots), len(AVAILABILITY_SLOTS)), dtype=np.float32)
        # one assignment for all (row, slot) pairs: an indexing call per person costs more than the rest of this
        slot_rows = [row for row, person_slots in enumerate(slots) for _ in person_slots]
        slot_columns = [_SLOT_INDEX[s] for person_slots in slots for s in person_slots]
        availability[slot_rows, slot_columns] = 1.0
        return {
            "text": self._text(texts),
            "codes": code_matrix,
            "code_count": np.fromiter((len(c) for c in codes), dtype=np.float32, count=len(codes)),
            "availability": availability,
            "language_key": language_key,
            "language_levels": levels,
        }

    def transform_mentees(self, mentees: Sequence[Mentee]) -> SideFeatures:
        common = self._common(
            [m.languages for m in mentees],
            [m.goals for m in mentees],
            [m.goal_text for m in mentees],
            [m.availability for m in mentees],
        )
        place_key, places = _keys([(m.country, m.city, m.online, m.online_only, m.woman_mentor_only) for m in mentees])
        return SideFeatures(
            **self._sectors([m.sectors for m in mentees]),
            place_key=place_key,
            places=places,
            **common,  # type: ignore[arg-type]
        )

    def transform_mentors(self, mentors: Sequence[Mentor]) -> SideFeatures:
        common = self._common(
            [m.languages for m in mentors],
            [m.offers for m in mentors],
            [m.offer_text for m in mentors],
            [m.availability for m in mentors],
        )
        # whether the mentor is open in this run rides on the place key, so closed mentors cost no extra pass
        is_open = open_mentor_mask(mentors, self.config)
        place_key, places = _keys(
            [(m.country, m.city, m.online, m.is_woman, bool(o)) for m, o in zip(mentors, is_open, strict=True)]
        )
        return SideFeatures(
            **self._sectors([m.sectors for m in mentors]),
            place_key=place_key,
            places=places,
            **common,  # type: ignore[arg-type]
        )


class PairTextSimilarity:
    """Similarity of one goal text to every offer text, each pair as :func:`matching.scoring.explain` scores
    it on its own: TF-IDF of the pair's two texts alone (a vocabulary and idf fitted on those two), cosine.

    Fitting a vectorizer per pair would cost a millisecond per mentor; with two texts the idf takes only two
    values (1 for an n-gram both texts have, :data:`ONE_SIDED_IDF` for one only one of them has), so the cosine has a
    closed form over sublinear term frequencies ``a`` (goal) and ``b`` (offer), with ``c = ONE_SIDED_IDF``:
    ``Σ_shared a·b / sqrt((c²·Σa² − (c² − 1)·Σ_shared a²) · (c²·Σb² − (c² − 1)·Σ_shared b²))``. Unlike a
    vocabulary fitted on the mentors, it neither drops the mentee's n-grams no mentor has nor depends on who
    else is in the population.

    >>> similarity = PairTextSimilarity().fit(["nursing careers", "", "software"])
    >>> has_text, values = similarity.transform("find a job in nursing")
    >>> has_text, [round(float(value), 3) for value in values]
    (True, [0.323, 0.0, 0.0])
    """

    def fit(self, offer_texts: Sequence[str]) -> PairTextSimilarity:
        # sublinear term frequencies only: the idf depends on the pair and is applied in transform
        counter = TfidfVectorizer(**TEXT_NGRAMS, sublinear_tf=True, use_idf=False, norm=None, dtype=np.float64)
        self.analyzer_ = counter.build_analyzer()
        self.n_offers_ = len(offer_texts)
        try:
            frequencies = counter.fit_transform(offer_texts)
            self.vocabulary_: dict[str, int] = counter.vocabulary_
        except ValueError:  # no offer text has an n-gram: nothing is similar to anything
            frequencies, self.vocabulary_ = None, {}
        # n-grams × offers, so that one goal text reads only the rows of her own n-grams
        self.offers_by_ngram_ = frequencies.T.tocsr() if frequencies is not None else None
        self.offer_norms_ = (
            np.asarray(frequencies.power(2).sum(axis=1)).ravel()
            if frequencies is not None
            else np.zeros(self.n_offers_)
        )
        return self

    def transform(self, goal_text: str) -> tuple[bool, np.ndarray]:
        """Whether ``goal_text`` has any n-gram (text counts in her goals part), and its similarity in [0, 1]
        to each offer text given to :meth:`fit`, float32."""
        counts = Counter(self.analyzer_(goal_text))
        similarity = np.zeros(self.n_offers_, dtype=np.float32)
        if not counts or self.offers_by_ngram_ is None:
            return bool(counts), similarity
        own_norm = sum((1 + math.log(n)) ** 2 for n in counts.values())
        known = [(self.vocabulary_[g], 1 + math.log(n)) for g, n in counts.items() if g in self.vocabulary_]
        if not known:
            return True, similarity
        columns, goal_weights = (np.array(x) for x in zip(*known, strict=True))
        rows = self.offers_by_ngram_[columns]
        goal = np.repeat(goal_weights, np.diff(rows.indptr))
        offer, offers = rows.data, rows.indices
        dot = np.bincount(offers, weights=goal * offer, minlength=self.n_offers_)
        goal_shared = np.bincount(offers, weights=goal**2, minlength=self.n_offers_)
        offer_shared = np.bincount(offers, weights=offer**2, minlength=self.n_offers_)
        c2 = ONE_SIDED_IDF**2
        norms = (c2 * own_norm - (c2 - 1) * goal_shared) * (c2 * self.offer_norms_ - (c2 - 1) * offer_shared)
        shared = dot > 0  # then both texts have n-grams and both norms are positive
        similarity[shared] = dot[shared] / np.sqrt(norms[shared])
        return True, similarity
