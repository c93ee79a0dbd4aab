"""Peer-group formation: split a network's frontline workers into small groups that share topics and a working
language, mix cities and organisations, avoid pairs of people who were grouped together before, and never put
together a forbidden pair (two people kept apart for their safety, e.g. one blocked the other).

The rules are ranked: everyone placed, then a language every member of a group speaks, then the cities a group
must mix, then no pair grouped before; each is met wherever the data allows before the next counts, and all of
them before topics, organisations and sizes near the target. The pipeline has three stages, reported to the
progress callback:

1. ``similarity``: topics are encoded with scikit-learn's ``MultiLabelBinarizer`` into vectors whose product is the
   topic similarity of two workers (expertise of one meeting the interest of the other, plus common interests).
2. ``grouping``: an exact CP-SAT model over counts of workers per combination of languages
   (``matching.groups_exact.language_classes``) splits the workers into language classes that leave the fewest
   groups without a common language (any language the members share counts, not just the most common one).
   Inside a class workers are sorted by topic profile and dealt into groups of near-target size, skipping people
   they met before or colleagues from their own organisation, and never joining a group that holds someone they
   must be kept apart from (whoever finds no such group in her class is left out and reported, with a reason).
3. ``improving``: local search swaps members between groups of a block of neighbouring groups, vectorised with
   numpy over all pairs of the block, on one objective whose penalties rank the rules above topic similarity
   (a swap never trades a rule for topics): groups without a common language (every language the members share,
   as bit masks), groups with too few cities, repeat pairs, then same-organisation and same-city pairs. A swap
   that would put a forbidden pair together is never made. Blocks are visited twice, the second time shifted by
   half a block and across language classes. Then, if the rules are not met as well as the round's lower bounds
   say they could be, CP-SAT (``matching.groups_exact.solve_partition``) regroups the whole round when it is
   small (``_EXACT_WORKERS``) and otherwise neighbourhoods of a few groups around each group that breaks a rule
   (large neighbourhood search from the local search's grouping), on a deterministic budget.

Cost is near linear in the number of workers: no dense similarity matrix over the whole network is ever built.
The stats report lower bounds for groups without a common language and for repeat pairs, so a round says how far
it could be from the best possible.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from sklearn.preprocessing import MultiLabelBinarizer
from threadpoolctl import threadpool_limits

from matching.groups_exact import (
    PartitionProblem,
    Tiers,
    language_classes,
    repeats_counting_bound,
    solve_partition,
    tiers_of,
)
from matching.records import (
    CEFR_LEVELS,
    FrontlineWorker,
    GroupConfig,
    MatchingInputError,
    ProgressCallback,
    Reason,
    check_worker_pairs,
)

# Objective weights below the rules. A pair's topic similarity is about 0–1 (1 = the same topics); the rules'
# penalties are derived from these and the size range (``_ranks``) so that each outweighs all below it.
PENALTY_REPEAT_PAIR = 10.0
"""The least penalty of a repeat pair (it is raised above what one swap can gain in topics)."""
PENALTY_SAME_ORGANISATION = 0.5
PENALTY_SAME_CITY = 0.05
FOCUS_TOPIC_WEIGHT = 2.0
"""How much more a topic of ``GroupConfig.topic_focus`` counts than any other topic."""

_BLOCK_GROUPS = 100  # groups improved together; the block's pair matrices are (100 × 6)² = 360k entries
_CONSTRUCT_WINDOW = 6  # open groups looked at when a worker cannot join the current one
_MAX_SWEEPS = 30
_EPS = 1e-9
_EXACT_WORKERS = 60  # rounds up to this many workers are regrouped by CP-SAT as a whole
_EXACT_SECONDS = 2.0  # deterministic seconds for it (both stages)
_LNS_GROUPS = 6  # groups regrouped together in one neighbourhood
_LNS_SECONDS = 0.15  # deterministic seconds per neighbourhood
_LNS_BUDGET = 2.0  # deterministic seconds for all neighbourhoods of a round
_LNS_ITERATIONS = 200
_LNS_TRIES = 2  # neighbourhoods tried around one group before it is left as it is


@dataclass(frozen=True, slots=True)
class PeerGroup:
    """One peer group of a round, with why it was formed and what is wrong with it, as reasons.

    ``similarity`` is the mean topic similarity over the pairs of members (0 for a group of one).
    ``shared_languages`` are the languages every member speaks at the working level, the group's working language
    first. ``shared_topics`` are topics at least two members bring (interest meets interest or expertise).
    """

    members: tuple[str, ...]
    shared_languages: tuple[str, ...]
    shared_topics: tuple[str, ...]
    cities: tuple[str, ...]
    organisations: tuple[str, ...]
    similarity: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class GroupingStats:
    """Figures of one grouping.

    ``groups_mixing_feasible`` is an upper bound on how many of this many groups any grouping of the placed
    workers could make meet the city-mixing rule, given how many workers live in each city;
    ``groups_mixing_feasible_not_met`` is how many of those the grouping missed (some may be groups whose only
    common languages are spoken in too few cities, as a common language ranks above mixing).
    ``repeat_pairs`` counts pairs of ``GroupConfig.previous_pairs`` grouped together again.

    ``groups_without_language_lower_bound``: no grouping of the placed workers into groups of the size range has
    fewer groups without a common language. ``repeated_pairs_lower_bound``: no grouping in the size range that is
    as good on the rules ranked above (everyone placed, common languages, cities mixed) has fewer repeat pairs.
    A figure equal to its bound is the best possible.
    """

    groups: int
    workers: int
    mean_similarity: float
    groups_mixing_met: int
    groups_mixing_feasible: int
    groups_mixing_feasible_not_met: int
    groups_without_common_language: int
    repeat_pairs: int
    same_organisation_pairs: int
    stage_seconds: Mapping[str, float] = field(default_factory=dict)
    unplaced: int = 0
    groups_without_language_lower_bound: int = 0
    repeated_pairs_lower_bound: int = 0


@dataclass(frozen=True, slots=True)
class GroupingResult:
    """The groups of one round (sorted by their first member) with figures and notes about the whole run.

    ``unplaced`` gives each worker who is in no group her reasons: only a forbidden pair leaves someone out.
    """

    groups: tuple[PeerGroup, ...]
    stats: GroupingStats
    reasons: tuple[Reason, ...] = ()
    unplaced: Mapping[str, tuple[Reason, ...]] = field(default_factory=dict)

    def group_index(self, worker_id: str) -> int:
        """Index in ``groups`` of the group holding ``worker_id``; raises MatchingInputError if none does."""
        for index, group in enumerate(self.groups):
            if worker_id in group.members:
                return index
        raise MatchingInputError(f"worker_id: {worker_id!r} is in no group")


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    """Who has met whom across rounds: see :func:`network_summary`."""

    reach: Mapping[str, int]
    cities_reached: Mapping[str, int]
    city_ties: Mapping[tuple[str, str], int]
    city_components: tuple[tuple[str, ...], ...]
    isolated: tuple[str, ...]


# --------------------------------------------------------------------------------------------------------------------
# Encoding


@dataclass(slots=True)
class _Network:
    workers: tuple[FrontlineWorker, ...]
    index: dict[str, int]
    usable: list[frozenset[str]]
    city: np.ndarray
    city_names: tuple[str, ...]
    org: np.ndarray
    topics: tuple[str, ...]
    focus: np.ndarray
    expertise: np.ndarray
    interest: np.ndarray
    vectors: np.ndarray
    vectors_m: np.ndarray
    previous: sparse.csr_matrix
    forbidden: sparse.csr_matrix
    languages: tuple[str, ...]  # working languages of the network, most widely spoken first
    speaks: list[tuple[int, ...]]  # per worker, her working languages as indices into ``languages``
    masks: np.ndarray  # (workers, words) uint64: bit l % 64 of word l // 64 is set when she speaks language l
    met: tuple[np.ndarray, np.ndarray]  # the previous pairs (i < j), as two index arrays


_LEVEL_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS)}


def _validated(workers: Iterable[FrontlineWorker], config: GroupConfig) -> tuple[FrontlineWorker, ...]:
    if not isinstance(config, GroupConfig):
        raise MatchingInputError(f"config: expected a GroupConfig, got {type(config).__name__}")
    config.validate()
    if isinstance(workers, (str, bytes)) or not isinstance(workers, Iterable):
        raise MatchingInputError(f"workers: expected FrontlineWorker records, got {type(workers).__name__}")
    items = list(workers)
    seen: set[str] = set()
    for worker in items:
        if not isinstance(worker, FrontlineWorker):
            raise MatchingInputError(f"workers: expected FrontlineWorker records, got {type(worker).__name__}")
        worker.validate()
        if worker.id in seen:
            raise MatchingInputError(f"worker {worker.id!r}: field 'id' is used by more than one worker")
        seen.add(worker.id)
    # Sorting by id makes the result independent of the order the caller lists workers in.
    return tuple(sorted(items, key=lambda w: w.id))


def _codes(values: Sequence[str], *, empty_is_missing: bool) -> tuple[np.ndarray, tuple[str, ...]]:
    names = tuple(sorted(set(values) - ({""} if empty_is_missing else set())))
    lookup = {name: code for code, name in enumerate(names)}
    return np.array([lookup.get(v, -1) for v in values], dtype=np.int32), names


def _validated_forbidden(forbidden_pairs: object) -> frozenset[frozenset[str]]:
    check_worker_pairs("grouping", "forbidden_pairs", forbidden_pairs)
    return frozenset(frozenset(pair) for pair in forbidden_pairs)  # type: ignore[attr-defined]


def _pair_matrix(pairs: Iterable[frozenset[str]], index: Mapping[str, int]) -> sparse.csr_matrix:
    """Symmetric 0/1 matrix over the workers of the pairs whose two people are both among them."""
    rows: list[int] = []
    cols: list[int] = []
    for a, b in pairs:
        ia, ib = index.get(a), index.get(b)
        if ia is not None and ib is not None:
            rows += (ia, ib)
            cols += (ib, ia)
    n = len(index)
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def _encode(
    workers: tuple[FrontlineWorker, ...],
    config: GroupConfig,
    forbidden_pairs: frozenset[frozenset[str]] = frozenset(),
) -> _Network:
    min_rank = _LEVEL_RANK[config.min_language_level]
    usable = [frozenset(c for c, level in w.languages.items() if _LEVEL_RANK[level] >= min_rank) for w in workers]
    city, city_names = _codes([w.city for w in workers], empty_is_missing=False)
    org, _ = _codes([w.organisation for w in workers], empty_is_missing=True)

    topics = sorted({t for w in workers for t in w.topics_expertise | w.topics_interest})
    binarizer = MultiLabelBinarizer(classes=topics, sparse_output=True)
    expertise = binarizer.fit_transform([sorted(w.topics_expertise) for w in workers]).toarray().astype(np.float64)
    interest = binarizer.fit_transform([sorted(w.topics_interest) for w in workers]).toarray().astype(np.float64)
    if not topics:
        expertise = np.zeros((len(workers), 0))
        interest = np.zeros((len(workers), 0))
    focus = np.array([t in config.topic_focus for t in topics], dtype=bool)
    weight = np.where(focus, FOCUS_TOPIC_WEIGHT, 1.0)

    # similarity(i, j) = (E_i·w·I_j + I_i·w·E_j + I_i·w·I_j) / sqrt(c_i c_j), written as V_i M V_j with
    # V = [E, I] / sqrt(c) and M = [[0, w], [w, w]], so a group's sum over pairs is a product of column sums;
    # c = 2·w·E + w·I makes two workers with the same interests (and the same expertise, if any) score 1.
    own = 2.0 * (expertise @ weight) + interest @ weight
    scale = 1.0 / np.sqrt(np.maximum(own, 1.0))
    vectors = np.hstack([expertise, interest]) * scale[:, None]
    vectors_m = np.hstack([interest * weight, (expertise + interest) * weight]) * scale[:, None]

    speakers = Counter(code for languages in usable for code in languages)
    languages = tuple(sorted(speakers, key=lambda c: (-speakers[c], c)))
    rank = {code: r for r, code in enumerate(languages)}
    speaks = [tuple(sorted([rank[c] for c in codes])) for codes in usable]
    masks = np.zeros((len(workers), max(1, -(-len(languages) // 64))), dtype=np.uint64)
    rows = np.repeat(np.arange(len(workers)), [len(codes) for codes in speaks])
    bits = np.array([r for codes in speaks for r in codes], dtype=np.uint64)
    np.bitwise_or.at(masks, (rows, (bits >> np.uint64(6)).astype(np.int64)), np.uint64(1) << (bits & np.uint64(63)))

    index = {w.id: i for i, w in enumerate(workers)}
    previous = _pair_matrix(config.previous_pairs, index)
    return _Network(
        workers,
        index,
        usable,
        city,
        city_names,
        org,
        tuple(topics),
        focus,
        expertise,
        interest,
        vectors,
        vectors_m,
        previous,
        _pair_matrix(forbidden_pairs, index),
        languages,
        speaks,
        masks,
        sparse.triu(previous, k=1).nonzero(),
    )


def topic_vectors(
    workers: Iterable[FrontlineWorker], config: GroupConfig | None = None
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Encode workers so that ``left[i] @ right[j]`` is the topic similarity of workers i and j.

    Workers come back sorted by id (the first item lists the ids). The similarity counts the expertise of one that
    meets the interest of the other, both ways, plus common interests, with ``config.topic_focus`` topics weighted
    up, normalised so that two workers with the same topics score 1 (an expert meeting someone who shares and
    wants her topic can score a little more).

    Raises
    ------
    MatchingInputError
        On an invalid worker or config; the message names the field.
    """
    config = config or GroupConfig()
    network = _encode(_validated(workers, config), config)
    return tuple(w.id for w in network.workers), network.vectors_m, network.vectors


# --------------------------------------------------------------------------------------------------------------------
# Group counts, language classes and what a grouping gets wrong


def _group_count(n: int, config: GroupConfig) -> int:
    """Number of groups for n workers: nearest to the target size within the size range, else ≥ min_size each."""
    low, high = math.ceil(n / config.max_size), n // config.min_size
    if low <= high and high >= 1:
        return min(max(round(n / config.target_size), low, 1), high)
    return max(1, n // config.min_size)


def _size_feasible(n: int, config: GroupConfig) -> bool:
    return n >= config.min_size and math.ceil(n / config.max_size) <= n // config.min_size


def _size_range(n: int, config: GroupConfig) -> tuple[int, int, int | None]:
    """Smallest and largest group size for n workers, and the number of groups when it is fixed: the size range
    when some split fits it, else the near-equal split into ``_group_count`` groups (e.g. 4 or 5 members for
    2,999 workers in groups of exactly 4)."""
    if _size_feasible(n, config):
        return config.min_size, config.max_size, None
    k = _group_count(n, config)
    sizes = _sizes(n, k)
    return min(sizes), max(sizes), k


def _size_envelope(n: int, config: GroupConfig, sizes: Sequence[int] | None) -> tuple[int, int, int | None]:
    """The group sizes and fixed group count of the groupings a lower bound covers: those of ``_size_range``,
    widened to the ``sizes`` of a grouping that falls outside them (so the bound holds for it too)."""
    lo, hi, fixed = _size_range(n, config)
    if not sizes or (all(lo <= s <= hi for s in sizes) and fixed in (None, len(sizes))):
        return lo, hi, fixed
    return min(lo, *sizes), max(hi, *sizes), None


def _required_cities(network: _Network, config: GroupConfig) -> int:
    """The cities a group is asked to mix, as the search counts them: no group holds more cities than the network
    has or than ``max_size``, and a larger requirement would only add the same shortfall to every group."""
    return max(1, min(config.min_distinct_cities, len(network.city_names), config.max_size))


def _mixing_capacity(city_counts: np.ndarray, groups: int, required: int, max_size: int) -> int:
    """Most groups (of ``groups``) that can each hold ``required`` distinct cities, given workers per city: g such
    groups need ``required``·g (city, group) pairs, and a city with c workers takes part in at most min(c, g)."""
    if required <= 1:
        return groups
    if required > max_size:
        return 0
    for g in range(groups, 0, -1):
        if np.minimum(city_counts, g).sum() >= required * g:
            return g
    return 0


@dataclass(slots=True)
class _Class:
    language: int  # index into the network's languages; -1 for groups that need not share one
    members: np.ndarray  # worker indices
    groups: int


def _language_classes(
    network: _Network, config: GroupConfig, people: np.ndarray, sizes: Sequence[int] | None = None
) -> tuple[list[_Class], int]:
    """Split ``people`` into language classes (``groups_exact.language_classes``) and return them with a lower
    bound on the groups without a common language of any grouping of them into groups of the size range (see
    ``_size_envelope`` for ``sizes``)."""
    n = len(people)
    if n == 0:
        return [], 0
    whole = [_Class(-1, people, _group_count(n, config))]
    smallest, largest, fixed = _size_envelope(n, config, sizes)
    classes = language_classes(
        [network.speaks[i] for i in people],
        min_size=smallest,
        max_size=largest,
        target_size=config.target_size,
        total_groups=fixed,
        seed=config.seed,
    )
    if classes is None:
        return whole, 0
    language_of = np.array(classes.language_of)
    return [
        _Class(code, people[language_of == code], classes.groups[code])
        for code in sorted(classes.groups, key=lambda c: (c < 0, c))
    ], classes.lower_bound


def _language_cities(network: _Network, people: np.ndarray) -> np.ndarray:
    """Per language, how many cities its speakers among ``people`` live in."""
    counts = [len(network.speaks[i]) for i in people.tolist()]
    rows = np.repeat(people, counts)
    codes = np.array([c for i in people.tolist() for c in network.speaks[i]], dtype=np.int64)
    if codes.size == 0:
        return np.zeros(len(network.languages), dtype=np.int64)
    n_cities = max(len(network.city_names), 1)
    pairs = np.unique(codes * n_cities + network.city[rows])
    return np.bincount(pairs // n_cities, minlength=len(network.languages))


@dataclass(slots=True)
class _Faults:
    """Per group: whether it lacks a common language, how many cities it misses, how many pairs it repeats; the
    languages all its members speak and the languages any of them speaks (as masks)."""

    lacking: np.ndarray
    missing: np.ndarray
    repeats: np.ndarray
    shared: np.ndarray
    spoken: np.ndarray

    def update(self, network: _Network, groups: list[list[int]], changed: Sequence[int], required: int) -> None:
        fresh = _faults(network, [groups[k] for k in changed], required)
        self.lacking[changed] = fresh.lacking
        self.missing[changed] = fresh.missing
        self.repeats[changed] = fresh.repeats
        self.shared[changed] = fresh.shared
        self.spoken[changed] = fresh.spoken

    def grow(self, count: int) -> None:
        """Room for ``count`` more groups, empty for now."""
        self.lacking = np.concatenate([self.lacking, np.zeros(count, dtype=bool)])
        self.missing = np.concatenate([self.missing, np.zeros(count, dtype=np.int64)])
        self.repeats = np.concatenate([self.repeats, np.zeros(count, dtype=np.int64)])
        self.shared = np.concatenate([self.shared, np.zeros((count, self.shared.shape[1]), dtype=np.uint64)])
        self.spoken = np.concatenate([self.spoken, np.zeros((count, self.spoken.shape[1]), dtype=np.uint64)])


def _faults(network: _Network, groups: Sequence[Sequence[int]], required: int) -> _Faults:
    n_groups = len(groups)
    words = network.masks.shape[1]
    sizes = np.array([len(m) for m in groups], dtype=np.int64)
    flat = np.array([i for m in groups for i in m], dtype=np.int64)
    shared = np.full((n_groups, words), ~np.uint64(0), dtype=np.uint64)
    spoken = np.zeros((n_groups, words), dtype=np.uint64)
    if flat.size == 0:
        zeros = np.zeros(n_groups, dtype=np.int64)
        return _Faults(np.zeros(n_groups, dtype=bool), zeros, zeros.copy(), shared, spoken)
    group_of = np.repeat(np.arange(n_groups), sizes)
    nonempty = sizes > 0
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[nonempty]
    shared[nonempty] = np.bitwise_and.reduceat(network.masks[flat], starts, axis=0)
    spoken[nonempty] = np.bitwise_or.reduceat(network.masks[flat], starts, axis=0)
    lacking = nonempty & ~(shared != 0).any(axis=1)
    n_cities = max(len(network.city_names), 1)
    distinct = np.bincount(np.unique(group_of * n_cities + network.city[flat]) // n_cities, minlength=n_groups)
    missing = np.where(nonempty, np.maximum(required - distinct, 0), 0)
    owner = np.full(len(network.workers), -1, dtype=np.int64)
    owner[flat] = group_of
    first, second = network.met
    if flat.size < len(network.workers) // 8:  # a few groups: only the pairs of their members
        within = sparse.triu(network.previous[flat][:, flat], k=1).tocoo()
        first, second = flat[within.row], flat[within.col]
    again = (owner[first] >= 0) & (owner[first] == owner[second])
    repeats = np.bincount(owner[first[again]], minlength=n_groups)
    return _Faults(lacking, missing, repeats, shared, spoken)


# --------------------------------------------------------------------------------------------------------------------
# Grouping and local search


def _class_order(network: _Network, members: np.ndarray, seed: int, ordinal: int) -> np.ndarray:
    """Workers of a class in seeded order, then by topic profile.

    Profiles (interests, then expertise, most common topics first) are sorted in reflected Gray-code order, so
    neighbouring profiles differ in one topic and a run of neighbours makes a group with much in common.
    """
    rng = np.random.default_rng([seed, ordinal])
    idx = members[rng.permutation(len(members))]
    popularity = np.argsort(-(network.interest[idx].sum(0) + network.expertise[idx].sum(0)), kind="stable")
    bits = np.hstack([network.interest[idx][:, popularity], network.expertise[idx][:, popularity]]).astype(np.int64)
    gray_rank = np.cumsum(bits, axis=1) % 2  # the Gray code whose value is this profile, read as binary
    if gray_rank.shape[1] == 0:
        return idx
    return idx[np.lexsort(gray_rank.T[::-1])]


def _sizes(n: int, k: int) -> list[int]:
    base, extra = divmod(n, k)
    return [base + 1] * extra + [base] * (k - extra)


def _deal(order: Sequence[int], sizes: Sequence[int], network: _Network) -> tuple[list[list[int]], list[int]]:
    """Fill groups in order, skipping a group where the worker would meet a previous partner or a colleague, and
    never joining one that holds someone she must be kept apart from. Returns the groups and who found no group."""
    groups: list[list[int]] = [[] for _ in sizes]
    left_out: list[int] = []
    org = network.org.tolist()
    indptr, indices = network.previous.indptr, network.previous.indices
    check_forbidden = network.forbidden.nnz > 0
    f_indptr, f_indices = network.forbidden.indptr, network.forbidden.indices
    current = 0
    for x in order:
        while current < len(groups) and len(groups[current]) >= sizes[current]:
            current += 1
        partners = set(indices[indptr[x] : indptr[x + 1]].tolist())
        apart = set(f_indices[f_indptr[x] : f_indptr[x + 1]].tolist()) if check_forbidden else set()
        chosen = None
        fallback = None
        for gi in range(current, min(current + _CONSTRUCT_WINDOW, len(groups))):
            members = groups[gi]
            if len(members) >= sizes[gi]:
                continue
            if apart and not apart.isdisjoint(members):
                continue
            if fallback is None:
                fallback = gi
            if partners and not partners.isdisjoint(members):
                continue
            if org[x] >= 0 and any(org[m] == org[x] for m in members):
                continue
            chosen = gi
            break
        if chosen is None:
            chosen = fallback
        if chosen is None and apart:
            chosen = next(
                (
                    gi
                    for gi in range(current, len(groups))
                    if len(groups[gi]) < sizes[gi] and apart.isdisjoint(groups[gi])
                ),
                None,
            )
        if chosen is None:
            left_out.append(x)
        else:
            groups[chosen].append(x)
    return groups, left_out


def _place_left_out(
    left_out: Sequence[int], groups: list[list[int]], network: _Network, config: GroupConfig
) -> list[int]:
    """Put each worker the dealing left out into the smallest group of her class with room (up to
    ``config.max_size``) that holds nobody she must be kept apart from; returns those who fit nowhere."""
    unplaced: list[int] = []
    indptr, indices = network.forbidden.indptr, network.forbidden.indices
    for x in left_out:
        apart = set(indices[indptr[x] : indptr[x + 1]].tolist())
        fitting = [k for k, m in enumerate(groups) if len(m) < config.max_size and apart.isdisjoint(m)]
        if fitting:
            groups[min(fitting, key=lambda k: (len(groups[k]), k))].append(x)
        else:
            unplaced.append(x)
    return unplaced


@dataclass(frozen=True, slots=True)
class _Ranks:
    """Penalties that rank the rules: each outweighs everything below it that one swap can change (a swap moves
    two people, each leaving and joining at most ``max_size - 1`` pairs), so a swap never trades a rule for
    topics, nor a higher rule for a lower one."""

    no_language: float
    missing_city: float
    repeat: float
    required: int


def _ranks(network: _Network, config: GroupConfig, largest: int) -> _Ranks:
    reach = max(largest - 1, 1)
    pair_bound = 0.0  # Cauchy–Schwarz: no pair's similarity exceeds the product of the largest vector norms
    if network.vectors.shape[1] and len(network.workers):
        pair_bound = float(
            np.linalg.norm(network.vectors_m, axis=1).max() * np.linalg.norm(network.vectors, axis=1).max()
        )
    below = 2 * reach * (pair_bound + PENALTY_SAME_ORGANISATION + PENALTY_SAME_CITY)
    repeat = max(PENALTY_REPEAT_PAIR, below + 1)
    missing_city = 2 * reach * repeat + below + 1
    no_language = 2 * missing_city + 2 * reach * repeat + below + 1
    return _Ranks(no_language, missing_city, repeat, _required_cities(network, config))


def _leave_masks(masks: np.ndarray, g: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """For each member, the languages the others of her group share (all bits for someone alone); and for each
    group whether it lacks a common language. Prefix and suffix ANDs over each group's members."""
    n, words = masks.shape
    order = np.argsort(g, kind="stable")
    counts = np.bincount(g, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - np.repeat(starts, counts)
    padded = np.full((n_groups, int(counts.max()) + 2, words), ~np.uint64(0), dtype=np.uint64)
    padded[g, position + 1] = masks
    prefix = np.bitwise_and.accumulate(padded, axis=1)
    suffix = np.bitwise_and.accumulate(padded[:, ::-1], axis=1)[:, ::-1]
    leave = prefix[g, position] & suffix[g, position + 2]
    lacking = ~(prefix[:, -1] != 0).any(axis=1)
    return leave, lacking


def _improve_block(network: _Network, groups: list[list[int]], ranks: _Ranks) -> list[list[int]]:
    """Swap members between the given groups while a swap raises the objective; sizes stay as they are.

    Each sweep evaluates every swap of the block at once (an n × n gain matrix) and applies the best swaps that
    touch disjoint pairs of groups, whose gains do not interact.
    """
    n_groups = len(groups)
    if n_groups < 2:
        return groups
    idx = np.array([i for members in groups for i in members], dtype=np.int64)
    g = np.repeat(np.arange(n_groups), [len(m) for m in groups])
    n = len(idx)
    city = np.unique(network.city[idx], return_inverse=True)[1].ravel()
    n_cities = int(city.max()) + 1
    org = network.org[idx]
    same_city = city[:, None] == city[None, :]
    weights = network.vectors_m[idx] @ network.vectors[idx].T
    weights -= PENALTY_SAME_ORGANISATION * ((org[:, None] == org[None, :]) & (org[:, None] >= 0))
    weights -= ranks.repeat * network.previous[idx][:, idx].toarray()
    weights -= PENALTY_SAME_CITY * same_city
    diagonal = np.diag(weights).copy()
    twice = 2.0 * weights
    # Forbidden pairs are a hard rule, not a penalty: a swap that would join one is masked out. apart_q[i, k]
    # counts the people in group k whom i must be kept apart from, updated with the swaps like q.
    apart_block = network.forbidden[idx][:, idx] if network.forbidden.nnz else sparse.csr_matrix((0, 0))
    check_apart = apart_block.nnz > 0
    apart = apart_block.toarray().astype(np.int64) if check_apart else np.zeros((0, 0), dtype=np.int64)
    required = min(ranks.required, n)
    check_cities = required > 1 and n_cities > 1
    masks = network.masks[idx]
    # When one language is spoken by everyone in the block, no swap can leave a group without a common language.
    check_language = not np.bitwise_and.reduce(masks, axis=0).any()
    rows = np.arange(n)
    membership = np.zeros((n, n_groups))
    membership[rows, g] = 1.0
    q = weights @ membership  # q[i, k]: i's pair weights summed over group k (including i herself)
    apart_q = apart @ membership.astype(np.int64) if check_apart else np.zeros((0, 0), dtype=np.int64)

    for _ in range(_MAX_SWEEPS):
        own = q[rows, g] - diagonal
        d = np.take(q, g, axis=1)
        d -= own[:, None]
        gain = d + d.T
        gain -= twice
        if check_cities:
            counts = np.bincount(g * n_cities + city, minlength=n_groups * n_cities).reshape(n_groups, n_cities)
            distinct = (counts > 0).sum(1)
            # Only a group at or below the required number of cities can lose from a swap: the others keep enough.
            tight = np.flatnonzero(distinct[g] <= required)
            if tight.size:
                tg = g[tight]
                leaves = counts[tg, city[tight]] == 1  # the member is the only one of her city in her group
                joins = np.take(counts[tg], city, axis=1) == 0  # [t, j]: j's city is new to t's group
                change = (joins.astype(np.int64) - leaves[:, None]) * ~same_city[tight]
                before = np.maximum(required - distinct[tg], 0)
                after = np.maximum(required - (distinct[tg][:, None] + change), 0)
                delta = ranks.missing_city * (after - before[:, None])
                gain[tight, :] -= delta
                gain[:, tight] -= delta.T
        if check_language:
            leave, lacking = _leave_masks(masks, g, n_groups)
            keeps = np.zeros((n, n), dtype=bool)  # [i, j]: i's group, with j in her place, shares a language
            for word in range(masks.shape[1]):
                keeps |= (leave[:, word][:, None] & masks[:, word][None, :]) != 0
            lost = (~keeps).astype(np.int64) - lacking[g][:, None]
            gain -= ranks.no_language * (lost + lost.T)
        gain[g[:, None] == g[None, :]] = -np.inf
        if check_apart:
            joins_apart = (np.take(apart_q, g, axis=1) - apart) > 0  # [i, j]: i would meet someone to avoid in j's
            gain[joins_apart | joins_apart.T] = -np.inf
        best = gain.argmax(1)
        values = gain[rows, best]
        improving = np.flatnonzero(values > _EPS)
        if improving.size == 0:
            break
        used = np.zeros(n_groups, dtype=bool)
        first: list[int] = []
        second: list[int] = []
        for t in improving[np.lexsort((improving, -values[improving]))].tolist():
            j = int(best[t])
            a, b = g[t], g[j]
            if used[a] or used[b]:
                continue
            used[a] = used[b] = True
            first.append(t)
            second.append(j)
        left, right = np.array(first), np.array(second)
        from_groups, to_groups = g[left], g[right]
        moved = np.take(weights, left, axis=1) - np.take(weights, right, axis=1)
        q[:, to_groups] += moved
        q[:, from_groups] -= moved
        if check_apart:
            moved_apart = apart[:, left] - apart[:, right]
            apart_q[:, to_groups] += moved_apart
            apart_q[:, from_groups] -= moved_apart
        g[left], g[right] = to_groups, from_groups
    return [sorted(idx[g == k].tolist()) for k in range(n_groups)]


# --------------------------------------------------------------------------------------------------------------------
# Exact search: the whole round when it is small, neighbourhoods of groups when it is large


def _subproblem(
    network: _Network,
    config: GroupConfig,
    groups: Sequence[Sequence[int]],
    *,
    whole: bool,
    unplaced: Sequence[int] = (),
    language_allowance: int = 0,
) -> tuple[PartitionProblem, np.ndarray]:
    """The model of regrouping the members of ``groups`` (plus ``unplaced``): for the whole round any number of
    groups of the size range (people kept apart from someone may be left out if the forbidden pairs would
    otherwise cost a common language), for a neighbourhood one group fewer to one more than now."""
    people = np.array(sorted([i for members in groups for i in members] + list(unplaced)), dtype=np.int64)
    local = {int(w): p for p, w in enumerate(people)}
    hint = [-1] * len(people)
    for slot, members in enumerate(groups):
        for i in members:
            hint[local[i]] = slot
    m, k = len(people), len(groups)
    sizes = [len(members) for members in groups]
    lo, hi = config.min_size, config.max_size
    forbidden = _pairs_among(network.forbidden, people)
    lacking = sum(not set.intersection(*(set(network.usable[i]) for i in members)) for members in groups if members)
    may_leave: frozenset[int] = frozenset()
    if whole and forbidden and (unplaced or lacking > language_allowance):
        may_leave = frozenset(p for pair in forbidden for p in pair)
    if whole and (_size_feasible(m, config) or any(s < lo or s > hi for s in sizes)):
        # Sizes of the range, or as far outside it as the local search had to go (e.g. a group of two left
        # when someone kept apart from another member could not join it).
        lo, hi = min(lo, *sizes), max(hi, *sizes)
        fewest, most, target = max(1, math.ceil((m - len(may_leave)) / hi)), m // lo, _group_count(m, config)
    elif all(lo <= s <= hi for s in sizes):
        fewest, most, target = max(math.ceil(m / hi), k - 1, 1), min(m // lo, k + 1), k
    else:  # sizes outside the range (too few workers for it): keep them
        lo, hi, fewest, most, target = min(sizes), max(sizes), k, k, k
    problem = PartitionProblem(
        speaks=[network.speaks[i] for i in people],
        city=network.city[people].tolist(),
        previous=_pairs_among(network.previous, people),
        forbidden=forbidden,
        min_size=lo,
        max_size=hi,
        min_groups=fewest,
        max_groups=max(most, fewest),
        target_groups=target,
        required=_required_cities(network, config),
        hint=hint,
        may_leave=may_leave,
        language_allowance=language_allowance,
    )
    return problem, people


def _pairs_among(matrix: sparse.csr_matrix, people: np.ndarray) -> list[tuple[int, int]]:
    """The pairs of a symmetric pair matrix among ``people``, as positions in ``people``."""
    if not matrix.nnz:
        return []
    first, second = sparse.triu(matrix[people][:, people], k=1).nonzero()
    return sorted(zip(first.tolist(), second.tolist(), strict=True))


def _regrouped(people: np.ndarray, group_of: Sequence[int]) -> tuple[list[list[int]], list[int]]:
    slots: dict[int, list[int]] = {}
    out: list[int] = []
    for worker, slot in zip(people.tolist(), group_of, strict=True):
        if slot < 0:
            out.append(worker)
        else:
            slots.setdefault(slot, []).append(worker)
    return [slots[s] for s in sorted(slots)], out


@dataclass(slots=True)
class _Search:
    groups: list[list[int]]
    unplaced: list[int]
    rules_proven: bool = False
    repeats_bound: int = 0


def _search_whole(
    network: _Network, config: GroupConfig, found: _Search, ranks: _Ranks, floor: Tiers, allowance: int
) -> _Search:
    """CP-SAT on the whole round, from the local search's grouping; then the local search again for topics."""
    problem, people = _subproblem(
        network, config, found.groups, whole=True, unplaced=found.unplaced, language_allowance=allowance
    )
    solution = solve_partition(problem, seed=config.seed, deterministic_seconds=_EXACT_SECONDS, floor=floor)
    groups, unplaced = _regrouped(people, solution.group_of)
    if solution.group_of != tuple(problem.hint):
        groups = _improve_block(network, groups, ranks)
    return _Search(groups, unplaced, solution.rules_proven, solution.repeats_bound)


def _search_neighbourhoods(
    network: _Network,
    config: GroupConfig,
    groups: list[list[int]],
    ranks: _Ranks,
    language_bound: int,
    repeats_floor: int,
) -> list[list[int]]:
    """Large neighbourhood search: take a group that breaks a rule with a few groups that could help (other such
    groups and random groups that share a language with one of its members), regroup their members with CP-SAT
    from the current grouping, keep the result when the rules improve and let the local search restore topics.
    Bounded by ``_LNS_BUDGET`` deterministic seconds and ``_LNS_TRIES`` attempts per group; seeded."""
    rng = np.random.default_rng([config.seed, 1])
    required = ranks.required
    faults = _faults(network, groups, required)
    # A group can only gain a city while it keeps a common language spoken in enough cities: groups whose
    # languages are all local (e.g. only Greek, spoken in Athens alone) are not searched for cities.
    wide = _languages_in_cities(network, required)
    tries: Counter[int] = Counter()
    budget = _LNS_BUDGET
    iterations = 0
    while budget > 0 and iterations < _LNS_ITERATIONS:
        lacking_total = int(faults.lacking.sum())
        wanted = [
            np.flatnonzero(faults.lacking) if lacking_total > language_bound else np.zeros(0, dtype=np.int64),
            np.flatnonzero((faults.missing > 0) & (((faults.shared & wide) != 0).any(axis=1) | faults.lacking)),
            np.flatnonzero(faults.repeats > 0)
            if int(faults.repeats.sum()) > repeats_floor
            else np.zeros(0, dtype=np.int64),
        ]
        start = next((int(k) for bad in wanted for k in bad if tries[int(k)] < _LNS_TRIES), None)
        if start is None:
            break
        tries[start] += 1
        iterations += 1
        chosen = [start, *_partners(network, groups, faults, start, rng)]
        problem, people = _subproblem(network, config, [groups[k] for k in chosen], whole=False)
        solution = solve_partition(problem, seed=config.seed, deterministic_seconds=min(_LNS_SECONDS, budget))
        budget -= solution.effort
        if solution.tiers >= tiers_of(problem, problem.hint):
            continue
        new_groups, _ = _regrouped(people, solution.group_of)
        new_groups = _improve_block(network, new_groups, ranks)
        slots = chosen[: len(new_groups)]
        for k, members in zip(slots, new_groups, strict=False):
            groups[k] = members
        for k in chosen[len(new_groups) :]:
            groups[k] = []
        changed = list(slots) + chosen[len(new_groups) :]
        extra = new_groups[len(slots) :]
        if extra:
            groups.extend(extra)
            faults.grow(len(extra))
            changed += list(range(len(groups) - len(extra), len(groups)))
        faults.update(network, groups, changed, required)
        for k in changed:
            tries[k] = 0
    return [members for members in groups if members]


def _languages_in_cities(network: _Network, required: int) -> np.ndarray:
    """The mask of languages whose speakers live in at least ``required`` cities."""
    wide = np.zeros(network.masks.shape[1], dtype=np.uint64)
    cities = _language_cities(network, np.arange(len(network.workers)))
    for code in np.flatnonzero(cities >= required).tolist():
        wide[code >> 6] |= np.uint64(1) << np.uint64(code & 63)
    return wide


def _partners(
    network: _Network, groups: list[list[int]], faults: _Faults, start: int, rng: np.random.Generator
) -> list[int]:
    """Groups to regroup with ``start``: other groups that break a rule, then random ones, among the groups that
    can trade members with it: for a group with a common language, those where someone speaks it (so its members
    can be exchanged, e.g. for people from other cities or not met before); for one without, those that share a
    language with someone in it. Any group when none qualifies."""
    nonempty = np.array([bool(members) for members in groups])
    if faults.lacking[start]:
        related = ((faults.shared & faults.spoken[start]) != 0).any(axis=1) | faults.lacking
    else:
        related = ((faults.spoken & faults.shared[start]) != 0).any(axis=1)
    related &= nonempty
    related[start] = False
    if not related.any():
        related = nonempty.copy()
        related[start] = False
    candidates = np.flatnonzero(related)
    if candidates.size == 0:
        return []
    wanted = _LNS_GROUPS - 1
    faulty = candidates[(faults.lacking | (faults.missing > 0) | (faults.repeats > 0))[candidates]]
    picked = rng.permutation(faulty)[: wanted // 2].tolist()
    rest = np.setdiff1d(candidates, picked)
    picked += rng.permutation(rest)[: wanted - len(picked)].tolist()
    return [int(k) for k in picked]


# --------------------------------------------------------------------------------------------------------------------
# Forming the groups


@dataclass(slots=True)
class _Formed:
    groups: list[list[int]]
    unplaced: list[int]
    seconds: dict[str, float]
    language_bound: int
    repeats_bound: int


def _form(network: _Network, config: GroupConfig, progress: ProgressCallback | None) -> _Formed:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    classes, language_bound = _language_classes(network, config, np.arange(len(network.workers)))
    groups: list[list[int]] = []
    first_blocks: list[list[int]] = []  # blocks of neighbouring groups of one class
    unplaced: list[int] = []  # workers kept apart from someone in every group of their class with room
    for ordinal, language_class in enumerate(classes):
        order = _class_order(network, language_class.members, config.seed, ordinal)
        sizes = _sizes(len(order), language_class.groups)
        n_blocks = math.ceil(len(sizes) / _BLOCK_GROUPS)
        blocks = [b.tolist() for b in np.array_split(np.arange(len(sizes)), n_blocks)]
        class_groups: list[list[int]] = []
        left_out: list[int] = []
        start = 0
        for block in blocks:
            block_sizes = [sizes[k] for k in block]
            end = start + sum(block_sizes)
            dealt, missed = _deal(order[start:end].tolist(), block_sizes, network)
            class_groups += dealt
            left_out += missed
            start = end
        if left_out:
            unplaced += _place_left_out(left_out, class_groups, network, config)
        first_blocks += [[len(groups) + k for k in block] for block in blocks]
        groups += class_groups
    # Second pass: blocks shifted by half, across classes, so people travel further than one block.
    if len(groups) > _BLOCK_GROUPS:
        cuts = [0, *range(_BLOCK_GROUPS // 2, len(groups), _BLOCK_GROUPS), len(groups)]
        shifted = [list(range(a, b)) for a, b in pairwise(cuts) if b > a]
    else:
        shifted = [list(range(len(groups)))] if len(classes) > 1 else []
    all_blocks = [*first_blocks, *shifted]
    seconds["grouping"] = time.perf_counter() - started
    if progress:
        progress(0.2, "improving")

    started = time.perf_counter()
    # The exact search may fill groups up to max_size: the ranks must hold for the largest group it can make.
    ranks = _ranks(network, config, max(min(config.max_size, len(network.workers)), *(len(m) for m in groups)))
    for done, block in enumerate(all_blocks, start=1):
        improved = _improve_block(network, [groups[k] for k in block], ranks)
        for k, new in zip(block, improved, strict=True):
            groups[k] = new
        if progress and (done % 16 == 0 or done == len(all_blocks)):
            progress(0.2 + 0.7 * done / len(all_blocks), "improving")
    seconds["improving"] = time.perf_counter() - started

    started = time.perf_counter()
    allowance = language_bound  # what everyone could reach, forbidden pairs aside
    found = _Search(groups, unplaced)
    bounds = _round_bounds(network, config, found, allowance, ranks.required)
    if bounds.now != bounds.floor and len(network.workers) <= _EXACT_WORKERS and len(groups) + len(unplaced) > 1:
        found = _search_whole(network, config, found, ranks, bounds.floor, allowance)
        bounds = _round_bounds(network, config, found, allowance, ranks.required)
        if found.rules_proven and not found.unplaced:  # the fewest groups without a common language, proven
            bounds.language = max(bounds.language, bounds.now[1])
        bounds.repeats = max(bounds.repeats, found.repeats_bound)
    elif bounds.now[1:] != bounds.floor[1:] and len(groups) > 1:
        found.groups = _search_neighbourhoods(network, config, groups, ranks, bounds.language, bounds.repeats)
        bounds = _round_bounds(network, config, found, allowance, ranks.required)
    seconds["searching"] = time.perf_counter() - started
    return _Formed(found.groups, found.unplaced, seconds, bounds.language, bounds.repeats)


@dataclass(slots=True)
class _Bounds:
    language: int
    missing: int
    repeats: int
    now: Tiers

    @property
    def floor(self) -> Tiers:
        return (0, self.language, self.missing, self.repeats)


def _round_bounds(network: _Network, config: GroupConfig, found: _Search, allowance: int, required: int) -> _Bounds:
    """Lower bounds for a grouping's placed workers and sizes, and the grouping's own figures."""
    faults = _faults(network, found.groups, required)
    placed = np.setdiff1d(np.arange(len(network.workers)), found.unplaced)
    sizes = [len(m) for m in found.groups if m]
    language = allowance
    envelope = _size_envelope(len(placed), config, sizes)
    if found.unplaced or envelope != _size_range(len(placed), config):
        _, language = _language_classes(network, config, placed, sizes)
    lacking = int(faults.lacking.sum())
    now = (len(found.unplaced), lacking, int(faults.missing.sum()), int(faults.repeats.sum()))
    return _Bounds(
        language,
        _missing_floor(network, config, placed, sizes, required),
        _repeats_bound(network, config, placed, sizes, lacking),
        now,
    )


def _missing_floor(
    network: _Network, config: GroupConfig, placed: np.ndarray, sizes: Sequence[int], required: int
) -> int:
    """Fewest missing cities of any grouping of the placed workers (see ``_size_envelope``): k groups ask for
    ``required``·k (city, group) pairs and a city with c workers is in at most min(c, k) groups."""
    n = len(placed)
    if required <= 1 or n == 0:
        return 0
    counts = np.bincount(network.city[placed])
    counts = counts[counts > 0]
    lo, hi, fixed = _size_envelope(n, config, sizes)
    options = [fixed] if fixed is not None else range(math.ceil(n / hi), n // lo + 1)
    return min((max(0, required * k - int(np.minimum(counts, k).sum())) for k in options), default=0)


def _repeats_bound(
    network: _Network, config: GroupConfig, placed: np.ndarray, sizes: Sequence[int], lacking: int
) -> int:
    """``groups_exact.repeats_counting_bound`` over the placed workers, for groupings of the sizes of
    ``_size_envelope`` with at most ``lacking`` groups without a common language."""
    n = len(placed)
    if n == 0 or network.previous.nnz == 0:
        return 0
    lo, _, fixed = _size_envelope(n, config, sizes)
    previous = network.previous if n == len(network.workers) else network.previous[placed][:, placed].tocsr()
    return repeats_counting_bound(
        previous,
        [network.speaks[i] for i in placed],
        min_size=lo,
        max_groups=fixed if fixed is not None else n // lo,
        no_language_groups=lacking,
    )


def form_groups(
    workers: Iterable[FrontlineWorker],
    config: GroupConfig | None = None,
    *,
    forbidden_pairs: AbstractSet[AbstractSet[str]] = frozenset(),
    progress: ProgressCallback | None = None,
) -> GroupingResult:
    """Partition all workers of a peer network into groups of ``config.min_size``–``config.max_size`` members.

    Every worker ends up in exactly one group, unless ``forbidden_pairs`` leave her no group that shares her
    language (then she is in ``result.unplaced`` with her reasons). Where the data allows, and in this order of
    precedence: each group shares a language all members speak at ``config.min_language_level`` or better (any
    such language counts), mixes at least ``config.min_distinct_cities`` cities, and holds no pair of
    ``config.previous_pairs``; then groups share topics, spread organisations and stay near
    ``config.target_size``. Small rounds (up to ``_EXACT_WORKERS`` workers) reach the optimum of these rules
    whenever CP-SAT proves it in its time; larger ones get a local search and a large neighbourhood search, and
    the stats give lower bounds to compare with (``groups_without_language_lower_bound``,
    ``repeated_pairs_lower_bound``). A forbidden pair is never in one group. With fewer workers than
    ``config.min_size`` all of them form one group and the result says so. The result is the same for the same
    workers (in any order), config and forbidden pairs: every search is seeded and bounded by deterministic
    time, not the clock.

    Parameters
    ----------
    workers : iterable of FrontlineWorker
    config : GroupConfig
    forbidden_pairs : set of pairs (sets of two worker ids), optional
        People who must never share a group (e.g. one blocked the other). A hard rule, unlike
        ``config.previous_pairs``; pairs naming someone who is not among ``workers`` are ignored.
    progress : callable(fraction, stage), optional
        Called with stages "similarity", "grouping" and "improving" (which includes the exact search).

    Returns
    -------
    GroupingResult
        The groups, each with its reasons (``shared_topics``, ``shared_language``, ``cities_mixed`` and problems
        such as ``too_few_cities``, ``repeat_pairs``, ``no_common_language``), the stats of the round, and
        ``unplaced``: per worker left out, ``not_placed_kept_apart`` (someone she must be kept apart from is in
        every group she could join without costing a group its common language); the run's notes then include
        ``workers_not_placed``.

    Raises
    ------
    MatchingInputError
        On a duplicate worker id, an invalid worker, config or forbidden pair; the message names the field.

    Examples
    --------
    >>> from matching.records import FrontlineWorker
    >>> people = [FrontlineWorker(f"w{i}", {"en": "B2"}, city=("Brussels", "Rome")[i % 2], country="BE")
    ...           for i in range(12)]
    >>> result = form_groups(people)
    >>> [len(g.members) for g in result.groups], result.groups[0].reasons[0]
    ([6, 6], Reason(code='shared_language', params={'language': 'en'}))

    A forbidden pair always ends up in two different groups:

    >>> apart = form_groups(people, forbidden_pairs={frozenset({"w0", "w2"})})
    >>> apart.group_index("w0") != apart.group_index("w2"), dict(apart.unplaced)
    (True, {})

    When only one group can be formed, one of the pair is left out and the result says why:

    >>> few = form_groups(people[:5], GroupConfig(min_size=3, target_size=5, max_size=5),
    ...                   forbidden_pairs={frozenset({"w0", "w2"})})
    >>> [g.members for g in few.groups], dict(few.unplaced)
    ([('w1', 'w2', 'w3', 'w4')], {'w0': (Reason(code='not_placed_kept_apart', params={}),)})
    """
    started = time.perf_counter()
    config = config or GroupConfig()
    ordered = _validated(workers, config)
    forbidden = _validated_forbidden(forbidden_pairs)
    if progress:
        progress(0.0, "similarity")
    network = _encode(ordered, config, forbidden)
    seconds = {"similarity": time.perf_counter() - started}
    if progress:
        progress(0.1, "grouping")
    notes: list[Reason] = []
    unplaced: list[int] = []
    groups: list[list[int]] = []
    bounds = (0, 0)
    if ordered:
        # The block matrices are small: threaded BLAS only adds overhead, and much more on a busy machine.
        with threadpool_limits(limits=1, user_api="blas"):
            formed = _form(network, config, progress)
        groups, unplaced, bounds = formed.groups, formed.unplaced, (formed.language_bound, formed.repeats_bound)
        seconds.update(formed.seconds)
        if len(ordered) < config.min_size:
            notes.append(Reason("too_few_workers", {"workers": len(ordered), "min_size": config.min_size}))
        elif not _size_feasible(len(ordered), config):
            notes.append(
                Reason(
                    "sizes_not_possible",
                    {"workers": len(ordered), "min_size": config.min_size, "max_size": config.max_size},
                )
            )
        if unplaced:
            notes.append(Reason("workers_not_placed", {"workers": len(unplaced)}))
    if progress:
        progress(1.0, "improving")
    left_out = {ordered[i].id: (Reason("not_placed_kept_apart", {}),) for i in sorted(unplaced)}
    return _describe(network, groups, config, seconds, tuple(notes), unplaced=left_out, bounds=bounds)


# --------------------------------------------------------------------------------------------------------------------
# Describing groups


def _describe(
    network: _Network,
    groups: list[list[int]],
    config: GroupConfig,
    seconds: dict[str, float],
    notes: tuple[Reason, ...],
    *,
    keep_order: bool = False,
    unplaced: Mapping[str, tuple[Reason, ...]] | None = None,
    bounds: tuple[int, int] | None = None,
) -> GroupingResult:
    """Describe ``groups`` (lists of worker indices). ``bounds`` are the lower bounds on groups without a common
    language and on repeat pairs when the caller has them; otherwise they are computed here."""
    workers = network.workers
    groups = [sorted(m, key=lambda i: workers[i].id) for m in groups if m]
    if not keep_order:  # a canonical order, so the same input always gives the same numbering
        groups.sort(key=lambda m: workers[m[0]].id)
    rank = {code: r for r, code in enumerate(network.languages)}
    sizes = np.array([len(m) for m in groups], dtype=np.int64)
    flat = np.array([i for m in groups for i in m], dtype=np.int64)
    similarity = np.zeros(len(groups))
    if len(groups):
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        vectors, vectors_m = network.vectors[flat], network.vectors_m[flat]
        column_sums = np.add.reduceat(vectors, starts) if vectors.shape[1] else np.zeros((len(groups), 0))
        column_sums_m = np.add.reduceat(vectors_m, starts) if vectors.shape[1] else np.zeros((len(groups), 0))
        self_sums = np.add.reduceat((vectors * vectors_m).sum(1), starts)
        pair_sums = ((column_sums * column_sums_m).sum(1) - self_sums) / 2.0
        pairs = sizes * (sizes - 1) / 2.0
        similarity = np.divide(pair_sums, pairs, out=np.zeros(len(groups)), where=pairs > 0)

    required = config.min_distinct_cities
    group_of = np.full(len(workers), -1, dtype=np.int64)
    group_of[flat] = np.repeat(np.arange(len(groups)), sizes)
    first, second = network.met
    again = (group_of[first] == group_of[second]) & (group_of[first] >= 0)
    repeats_of: dict[int, list[tuple[str, str]]] = {}
    for a, b in zip(first[again].tolist(), second[again].tolist(), strict=True):
        repeats_of.setdefault(int(group_of[a]), []).append(tuple(sorted((workers[a].id, workers[b].id))))
    first, second = sparse.triu(network.forbidden, k=1).nonzero()
    together = (group_of[first] == group_of[second]) & (group_of[first] >= 0)
    # Only counted: who must be kept apart from whom is not said, not even to the coordinator who reads this.
    kept_apart_in = Counter(group_of[first[together]].tolist())
    described = []
    totals: Counter[str] = Counter()
    for k, members in enumerate(groups):
        ids = tuple(workers[i].id for i in members)
        common = frozenset.intersection(*(network.usable[i] for i in members))
        preferred = min(common, key=rank.__getitem__, default=None)  # the most widely spoken one
        shared_languages = tuple(sorted(common, key=lambda c: (c != preferred, c)))
        cities = tuple(sorted({workers[i].city for i in members}))
        organisations = Counter(workers[i].organisation for i in members if workers[i].organisation)
        same_org_pairs = sum(c * (c - 1) // 2 for c in organisations.values())
        repeats = sorted(repeats_of.get(k, []))
        topics = _shared_topics(network, members)

        reasons: list[Reason] = []
        if topics:
            reasons.append(Reason("shared_topics", {"topics": list(topics)}))
        if shared_languages:
            reasons.append(Reason("shared_language", {"language": shared_languages[0]}))
        else:
            reasons.append(Reason("no_common_language", {}))
            totals["no_language"] += 1
        if len(cities) >= required:
            reasons.append(Reason("cities_mixed", {"cities": list(cities)}))
            totals["mixed"] += 1
        else:
            reasons.append(Reason("too_few_cities", {"cities": list(cities), "required": required}))
        if len(organisations) > 1 and same_org_pairs == 0:
            reasons.append(Reason("organisations_mixed", {"organisations": sorted(organisations)}))
        if same_org_pairs:
            reasons.append(Reason("same_organisation", {"pairs": same_org_pairs}))
            totals["same_org"] += same_org_pairs
        if repeats:
            reasons.append(Reason("repeat_pairs", {"count": len(repeats), "pairs": [list(p) for p in repeats]}))
            totals["repeats"] += len(repeats)
        if kept_apart_in[k]:
            reasons.append(Reason("kept_apart_together", {"count": kept_apart_in[k]}))
        if len(members) < config.min_size:
            reasons.append(Reason("group_too_small", {"size": len(members), "min_size": config.min_size}))
        elif len(members) > config.max_size:
            reasons.append(Reason("group_too_large", {"size": len(members), "max_size": config.max_size}))
        described.append(
            PeerGroup(
                ids,
                shared_languages,
                topics,
                cities,
                tuple(sorted(organisations)),
                float(similarity[k]),
                tuple(reasons),
            )
        )

    placed = np.sort(flat)
    feasible = _mixing_capacity(np.bincount(network.city[placed]), len(groups), required, config.max_size)
    if bounds is None:
        sizes_given = [len(m) for m in groups]
        _, language_bound = _language_classes(network, config, placed, sizes_given)
        bounds = (language_bound, _repeats_bound(network, config, placed, sizes_given, totals["no_language"]))
    stats = GroupingStats(
        groups=len(groups),
        workers=len(workers),
        mean_similarity=float(similarity.mean()) if len(groups) else 0.0,
        groups_mixing_met=totals["mixed"],
        groups_mixing_feasible=feasible,
        groups_mixing_feasible_not_met=max(0, feasible - totals["mixed"]),
        groups_without_common_language=totals["no_language"],
        repeat_pairs=totals["repeats"],
        same_organisation_pairs=totals["same_org"],
        stage_seconds=dict(seconds),
        unplaced=len(unplaced or {}),
        groups_without_language_lower_bound=bounds[0],
        repeated_pairs_lower_bound=bounds[1],
    )
    return GroupingResult(tuple(described), stats, notes, dict(unplaced or {}))


def _shared_topics(network: _Network, members: list[int]) -> tuple[str, ...]:
    if not network.topics:
        return ()
    interest = network.interest[members]
    expertise = network.expertise[members]
    wants = interest.sum(0)
    brings = np.maximum(interest, expertise).sum(0)
    shared = (wants >= 1) & (brings >= 2)  # someone wants it and someone else brings it (interest or expertise)
    order = sorted(np.flatnonzero(shared), key=lambda t: (not network.focus[t], -brings[t], network.topics[t]))
    return tuple(network.topics[t] for t in order)


def describe_groups(
    groups: Iterable[Iterable[str]],
    workers: Iterable[FrontlineWorker],
    config: GroupConfig | None = None,
    *,
    forbidden_pairs: AbstractSet[AbstractSet[str]] = frozenset(),
) -> GroupingResult:
    """Describe a given grouping (e.g. after a coordinator moved people) as :func:`form_groups` would.

    The groups are described in the order given, so ``result.groups[k]`` describes ``groups[k]``. A group that
    holds one of ``forbidden_pairs`` (e.g. a block made after the groups were formed) has the reason
    ``kept_apart_together`` with how many such pairs it holds, and not who they are.

    Raises
    ------
    MatchingInputError
        If a group is empty or names an unknown worker, a worker is in two groups, or a worker, the config or a
        forbidden pair is invalid.
    """
    config = config or GroupConfig()
    ordered = _validated(workers, config)
    network = _encode(ordered, config, _validated_forbidden(forbidden_pairs))
    indexed: list[list[int]] = []
    seen: set[str] = set()
    for group in groups:
        members = []
        for worker_id in group:
            if worker_id not in network.index:
                raise MatchingInputError(f"groups: unknown worker {worker_id!r}")
            if worker_id in seen:
                raise MatchingInputError(f"groups: worker {worker_id!r} is in more than one group")
            seen.add(worker_id)
            members.append(network.index[worker_id])
        if not members:
            raise MatchingInputError(f"groups: group {len(indexed)} is empty")
        indexed.append(members)
    return _describe(network, indexed, config, {}, (), keep_order=True)


# --------------------------------------------------------------------------------------------------------------------
# Moving people by hand


def _violations(members: list[FrontlineWorker], config: GroupConfig) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    if len(members) < config.min_size:
        found["group_too_small"] = {"size": len(members), "min_size": config.min_size}
    if len(members) > config.max_size:
        found["group_too_large"] = {"size": len(members), "max_size": config.max_size}
    cities = sorted({w.city for w in members})
    if members and len(cities) < config.min_distinct_cities:
        found["too_few_cities"] = {"cities": cities, "required": config.min_distinct_cities}
    min_rank = _LEVEL_RANK[config.min_language_level]
    if members:
        common = frozenset.intersection(
            *(frozenset(c for c, level in w.languages.items() if _LEVEL_RANK[level] >= min_rank) for w in members)
        )
        if not common:
            found["no_common_language"] = {}
    return found


def check_move(
    groups: GroupingResult | Sequence[Iterable[str]],
    worker_id: str,
    to_group_index: int,
    workers: Iterable[FrontlineWorker],
    config: GroupConfig | None = None,
    *,
    forbidden_pairs: AbstractSet[AbstractSet[str]] = frozenset(),
) -> list[Reason]:
    """Which rules moving ``worker_id`` into group ``to_group_index`` would break.

    Only rules the move breaks or makes worse are returned, each with a ``group`` parameter (its index):
    ``group_too_small`` (the group she leaves), ``group_too_large`` (the group she joins), ``too_few_cities``,
    ``no_common_language``, ``repeat_pair`` (she was grouped before with someone there), ``same_organisation``
    (a colleague is there) and ``kept_apart`` (someone there and she are one of ``forbidden_pairs``; it does not
    say who, and unlike the others it is a hard rule: such a move must not be made). An empty list means the
    move is fine.

    Raises
    ------
    MatchingInputError
        If the worker is in no group or unknown, ``to_group_index`` is out of range, or a forbidden pair is
        invalid.

    Examples
    --------
    >>> from matching.records import FrontlineWorker
    >>> people = [FrontlineWorker(i, {"en": "B2"}, city=c, country="BE") for i, c in
    ...           [("a", "Ghent"), ("b", "Liège"), ("c", "Ghent"), ("d", "Liège"), ("e", "Ghent")]]
    >>> check_move([["a", "b", "e"], ["c", "d"]], "e", 1, people, GroupConfig(min_size=2, target_size=2),
    ...            forbidden_pairs={frozenset({"e", "d"})})
    [Reason(code='kept_apart', params={'group': 1, 'worker': 'e'})]
    """
    config = config or GroupConfig()
    config.validate()
    forbidden = _validated_forbidden(forbidden_pairs)
    member_lists = (
        [list(g.members) for g in groups.groups] if isinstance(groups, GroupingResult) else [list(g) for g in groups]
    )
    lookup = {w.id: w for w in workers}
    if worker_id not in lookup:
        raise MatchingInputError(f"worker_id: unknown worker {worker_id!r}")
    if isinstance(to_group_index, bool) or not isinstance(to_group_index, int):
        raise MatchingInputError(f"to_group_index: expected a group index, not {to_group_index!r}")
    if not 0 <= to_group_index < len(member_lists):
        raise MatchingInputError(f"to_group_index: {to_group_index} is not between 0 and {len(member_lists) - 1}")
    sources = [k for k, m in enumerate(member_lists) if worker_id in m]
    if not sources:
        raise MatchingInputError(f"worker_id: {worker_id!r} is in no group")
    source = sources[0]
    if source == to_group_index:
        return []
    for members in member_lists:
        for other in members:
            if other not in lookup:
                raise MatchingInputError(f"groups: unknown worker {other!r}")

    def people(ids: Iterable[str]) -> list[FrontlineWorker]:
        return [lookup[i] for i in ids]

    target = member_lists[to_group_index]
    before_source = _violations(people(member_lists[source]), config)
    after_source = _violations(people(i for i in member_lists[source] if i != worker_id), config)
    before_target = _violations(people(target), config)
    after_target = _violations(people([*target, worker_id]), config)

    reasons: list[Reason] = []
    for index, before, after in ((source, before_source, after_source), (to_group_index, before_target, after_target)):
        for code, params in after.items():
            worse = code not in before or code in ("group_too_small", "group_too_large")
            if code == "too_few_cities" and code in before:
                worse = len(params["cities"]) < len(before[code]["cities"])
            if worse:
                reasons.append(Reason(code, {"group": index, **params}))
    if any(frozenset((worker_id, i)) in forbidden for i in target):
        reasons.append(Reason("kept_apart", {"group": to_group_index, "worker": worker_id}))
    repeated = sorted(i for i in target if frozenset((worker_id, i)) in config.previous_pairs)
    if repeated:
        reasons.append(Reason("repeat_pair", {"group": to_group_index, "worker": worker_id, "with": repeated}))
    organisation = lookup[worker_id].organisation
    colleagues = sorted(i for i in target if organisation and lookup[i].organisation == organisation)
    if colleagues:
        reasons.append(Reason("same_organisation", {"group": to_group_index, "worker": worker_id, "with": colleagues}))
    return reasons


# --------------------------------------------------------------------------------------------------------------------
# Who has met whom


def grouping_graph(rounds: Iterable[Iterable[Iterable[str]]], workers: Iterable[FrontlineWorker]) -> nx.Graph:
    """Build the graph of who has been grouped with whom across rounds.

    Parameters
    ----------
    rounds : iterable of groupings
        Each round is an iterable of groups, each group an iterable of worker ids.
    workers : iterable of FrontlineWorker
        All members of the network; each becomes a node (also if never grouped) with attributes ``city``,
        ``country`` and ``organisation``.

    Returns
    -------
    networkx.Graph
        An edge joins two workers who shared a group, with ``weight`` (how many rounds) and ``rounds`` (their
        indices, from 0).

    Raises
    ------
    MatchingInputError
        If a round names a worker who is not in ``workers``.

    Examples
    --------
    >>> from matching.records import FrontlineWorker
    >>> people = [FrontlineWorker(i, {"en": "B2"}, city=c, country="BE") for i, c in
    ...           [("a", "Ghent"), ("b", "Liège"), ("c", "Ghent"), ("d", "Antwerp")]]
    >>> graph = grouping_graph([[["a", "b"], ["c", "d"]], [["a", "b", "c"]]], people)
    >>> graph["a"]["b"]["weight"], graph["a"]["b"]["rounds"]
    (2, [0, 1])
    >>> sorted(graph["d"])
    ['c']
    """
    graph = nx.Graph()
    for worker in workers:
        graph.add_node(worker.id, city=worker.city, country=worker.country, organisation=worker.organisation)
    for number, grouping in enumerate(rounds):
        for group in grouping:
            members = sorted(set(group))
            for member in members:
                if member not in graph:
                    raise MatchingInputError(f"rounds: round {number} names unknown worker {member!r}")
            for a, b in combinations(members, 2):
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1
                    graph[a][b]["rounds"].append(number)
                else:
                    graph.add_edge(a, b, weight=1, rounds=[number])
    return graph


def network_summary(graph: nx.Graph, workers: Iterable[FrontlineWorker]) -> NetworkSummary:
    """Summarise a :func:`grouping_graph` for the coordinators' cross-city ties view.

    Parameters
    ----------
    graph : networkx.Graph
        Who has been grouped with whom.
    workers : iterable of FrontlineWorker
        The network's members; their cities give the ties between cities.

    Returns
    -------
    NetworkSummary
        ``reach`` (per member, how many different people she has met), ``cities_reached`` (per member, how many
        other cities her ties reach), ``city_ties`` (per pair of different cities, in alphabetical order, how many
        ties join them), ``city_components`` (sets of cities joined by ties, largest first) and ``isolated``
        (members who have met nobody yet).

    Raises
    ------
    MatchingInputError
        If a node of the graph is not one of ``workers``.

    Examples
    --------
    >>> from matching.records import FrontlineWorker
    >>> people = [FrontlineWorker(i, {"en": "B2"}, city=c, country="BE") for i, c in
    ...           [("a", "Ghent"), ("b", "Liège"), ("c", "Ghent"), ("d", "Namur")]]
    >>> summary = network_summary(grouping_graph([[["a", "b", "c"]]], people), people)
    >>> summary.reach["a"], summary.city_ties[("Ghent", "Liège")], summary.isolated
    (2, 2, ('d',))
    >>> summary.city_components
    (('Ghent', 'Liège'), ('Namur',))
    """
    city_of = {w.id: w.city for w in workers}
    for node in graph:
        if node not in city_of:
            raise MatchingInputError(f"graph: node {node!r} is not one of the workers")
    reach = {member: (graph.degree(member) if member in graph else 0) for member in sorted(city_of)}
    cities_reached = {}
    for member in sorted(city_of):
        neighbours = graph.adj.get(member, {})
        cities_reached[member] = len({city_of[n] for n in neighbours} - {city_of[member]})
    ties: Counter[tuple[str, str]] = Counter()
    city_graph = nx.Graph()
    city_graph.add_nodes_from(set(city_of.values()))
    for a, b in graph.edges():
        if city_of[a] != city_of[b]:
            first, second = sorted((city_of[a], city_of[b]))
            ties[first, second] += 1
            city_graph.add_edge(first, second)
    components = sorted((tuple(sorted(c)) for c in nx.connected_components(city_graph)), key=lambda c: (-len(c), c))
    return NetworkSummary(
        reach=reach,
        cities_reached=cities_reached,
        city_ties=dict(sorted(ties.items())),
        city_components=tuple(components),
        isolated=tuple(member for member, degree in reach.items() if degree == 0),
    )
