"""Encoding of mentee and mentor profiles into arrays with scikit-learn, fitted once per run or index."""

from __future__ import annotations

import warnings
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
    family is its parent in ``config.sector_parents``, else itself."""
    place_key: np.ndarray
    places: list[tuple]
    """Mentee: (country, city, online, online_only, woman_mentor_only);
    mentor: (country, city, online, is_woman, open)."""


class ProfileEncoder:
    """Learns the vocabularies of a population and turns records into :class:`SideFeatures`.

    Follows scikit-learn's estimator shape: ``config`` is stored as given, ``fit`` learns attributes
    ending in ``_`` and returns ``self``.

    >>> from matching.records import Mentee, Mentor
    >>> enc = ProfileEncoder(MatchingConfig()).fit([Mentee("a", {"de": "B2"})], [Mentor("m", {"de": "C2"})])
    >>> enc.languages_.classes_.tolist()
    ['de']
    """

    def __init__(self, config: MatchingConfig) -> None:
        self.config = config

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
        texts = sorted({m.goal_text for m in mentees} | {m.offer_text for m in mentors} - {""})
        self.text_vectorizer_: TfidfVectorizer | None = None
        self.text_projection_: TruncatedSVD | None = None
        if texts:
            # char_wb n-grams match word stems across languages and spelling variants without a tokenizer
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, lowercase=True)
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
        # each sector counts once in its family, so a mentee's sectors are averaged rather than maxed
        sector_to_family = self.sector_families_.transform([{parents.get(c, c)} for c in self.sectors_.classes_])
        family_matrix = (sector_matrix @ sector_to_family).astype(np.float32)
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
        for row, person_slots in enumerate(slots):
            availability[row, [_SLOT_INDEX[s] for s in person_slots]] = 1.0
        return {
            "text": self._text(texts),
            "codes": code_matrix,
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
