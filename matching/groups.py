"""Peer-group formation: split a network's frontline workers into small groups that share topics and a working
language, mix cities and organisations, avoid pairs of people who were grouped together before, and never put
together a forbidden pair (two people kept apart for their safety, e.g. one blocked the other).

The pipeline has three stages, reported to the progress callback:

1. ``similarity``: topics are encoded with scikit-learn's ``MultiLabelBinarizer`` into vectors whose product is the
   topic similarity of two workers (expertise of one meeting the interest of the other, plus common interests).
2. ``grouping``: workers are bucketed by the most widely spoken language they speak at the working level, so that
   every group of a bucket shares that language; inside a bucket they are sorted by topic profile and dealt into
   groups of near-target size, skipping people they met before or colleagues from their own organisation, and
   never joining a group that holds someone they must be kept apart from (whoever finds no such group in her
   language is left out and reported, with a reason).
3. ``improving``: local search swaps members between groups of a block of neighbouring groups, vectorised with
   numpy over all pairs of the block, on one objective: topic similarity − penalties for repeat pairs, groups with
   too few cities, groups without a common language, same-organisation and same-city pairs. A swap that would put
   a forbidden pair together is never made. Blocks are visited twice, the second time shifted by half a block,
   so people can travel further than one block.

Cost is near linear in the number of workers: no dense similarity matrix over the whole network is ever built.
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

from matching.records import (
    CEFR_LEVELS,
    FrontlineWorker,
    GroupConfig,
    MatchingInputError,
    ProgressCallback,
    Reason,
    check_worker_pairs,
)

# Objective weights. A pair's topic similarity is about 0–1 (1 = the same topics), so these make the rules
# dominate similarity: a repeat pair or a missing city is only kept when no swap in reach can remove it.
PENALTY_REPEAT_PAIR = 10.0
PENALTY_MISSING_CITY = 10.0
PENALTY_NO_COMMON_LANGUAGE = 20.0
PENALTY_SAME_ORGANISATION = 0.5
PENALTY_SAME_CITY = 0.05
FOCUS_TOPIC_WEIGHT = 2.0
"""How much more a topic of ``GroupConfig.topic_focus`` counts than any other topic."""

_BLOCK_GROUPS = 100  # groups improved together; the block's pair matrices are (100 × 6)² = 360k entries
_CONSTRUCT_WINDOW = 6  # open groups looked at when a worker cannot join the current one
_MAX_SWEEPS = 30
_EPS = 1e-9


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

    ``groups_mixing_feasible`` is how many groups could meet the city-mixing rule given the cities of the workers
    who share a language (an upper bound); ``groups_mixing_feasible_not_met`` is how many of those the grouping
    missed. ``repeat_pairs`` counts pairs of ``GroupConfig.previous_pairs`` grouped together again.
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

    index = {w.id: i for i, w in enumerate(workers)}
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
        _pair_matrix(config.previous_pairs, index),
        _pair_matrix(forbidden_pairs, index),
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
# Language buckets and group counts


@dataclass(slots=True)
class _Bucket:
    language: str | None
    members: np.ndarray  # worker indices
    nonspeaker: np.ndarray  # bool per member: does not speak ``language`` at the working level


def _group_count(n: int, config: GroupConfig) -> int:
    """Number of groups for n workers: nearest to the target size within the size range, else ≥ min_size each."""
    low, high = math.ceil(n / config.max_size), n // config.min_size
    if low <= high and high >= 1:
        return min(max(round(n / config.target_size), low, 1), high)
    return max(1, n // config.min_size)


def _size_feasible(n: int, config: GroupConfig) -> bool:
    return n >= config.min_size and math.ceil(n / config.max_size) <= n // config.min_size


def _language_buckets(network: _Network, config: GroupConfig) -> list[_Bucket]:
    speakers = Counter(code for languages in network.usable for code in languages)
    rank = {code: r for r, code in enumerate(sorted(speakers, key=lambda c: (-speakers[c], c)))}
    by_language: dict[str, list[int]] = {}
    pool: list[int] = []
    for i, languages in enumerate(network.usable):
        if languages:
            by_language.setdefault(min(languages, key=rank.__getitem__), []).append(i)
        else:
            pool.append(i)

    # A language with too few speakers for a group of its own hands them to their next most spoken language.
    while True:
        small = [c for c, m in by_language.items() if not _size_feasible(len(m), config)]
        if not small:
            break
        language = min(small, key=lambda c: (len(by_language[c]), -rank[c]))
        for i in by_language.pop(language):
            others = [c for c in network.usable[i] if c in by_language]
            if others:
                by_language[min(others, key=lambda c: (-len(by_language[c]), rank[c]))].append(i)
            else:
                pool.append(i)

    members: dict[str | None, list[int]] = {code: m for code, m in by_language.items()}
    if pool:
        if _size_feasible(len(pool), config) or not by_language:
            members[None] = pool
        else:  # too few to form their own groups: they join the largest bucket, kept together by the ordering
            largest = min(by_language, key=lambda c: (-len(by_language[c]), rank[c]))
            members[largest].extend(pool)
    # Merging may leave a bucket whose size no split fits (e.g. 7 workers for groups of 5–6): fold it further.
    while len(members) > 1:
        bad = [c for c, m in members.items() if not _size_feasible(len(m), config)]
        if not bad:
            break
        worst = min(bad, key=lambda c: (len(members[c]), c or ""))
        moved = members.pop(worst)
        receiver = min(members, key=lambda c: (-len(members[c]), c or ""))
        members[receiver].extend(moved)

    buckets = []
    for bucket_language in sorted(members, key=lambda c: (c is None, c or "")):
        idx = np.array(sorted(members[bucket_language]), dtype=np.int64)
        nonspeaker = np.array([bucket_language not in network.usable[i] for i in idx], dtype=bool)
        buckets.append(_Bucket(bucket_language, idx, nonspeaker))
    return buckets


def _mixing_capacity(city_counts: np.ndarray, groups: int, required: int, max_size: int) -> int:
    """Most groups (of ``groups``) that can each hold ``required`` distinct cities, given workers per city."""
    if required <= 1:
        return groups
    if required > max_size:
        return 0
    for g in range(groups, 0, -1):
        if np.minimum(city_counts, g).sum() >= required * g:
            return g
    return 0


# --------------------------------------------------------------------------------------------------------------------
# Grouping and local search


def _bucket_order(network: _Network, bucket: _Bucket, seed: int, ordinal: int) -> np.ndarray:
    """Workers of a bucket in seeded order, non-speakers of its language first, then by topic profile.

    Profiles (interests, then expertise, most common topics first) are sorted in reflected Gray-code order, so
    neighbouring profiles differ in one topic and a run of neighbours makes a group with much in common.
    """
    rng = np.random.default_rng([seed, ordinal])
    perm = rng.permutation(len(bucket.members))
    idx = bucket.members[perm]
    popularity = np.argsort(-(network.interest[idx].sum(0) + network.expertise[idx].sum(0)), kind="stable")
    bits = np.hstack([network.interest[idx][:, popularity], network.expertise[idx][:, popularity]]).astype(np.int64)
    gray_rank = np.cumsum(bits, axis=1) % 2  # the Gray code whose value is this profile, read as binary
    keys = [*gray_rank.T[::-1], ~bucket.nonspeaker[perm]]
    return idx[np.lexsort(keys)]


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
    """Put each worker the dealing left out into the smallest group of her bucket with room (up to
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


def _improve_block(
    network: _Network, groups: list[list[int]], nonspeaker: np.ndarray, config: GroupConfig
) -> list[list[int]]:
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
    weights -= PENALTY_REPEAT_PAIR * network.previous[idx][:, idx].toarray()
    weights -= PENALTY_SAME_CITY * same_city
    diagonal = np.diag(weights).copy()
    # Forbidden pairs are a hard rule, not a penalty: a swap that would join one is masked out. apart_q[i, k]
    # counts the people in group k whom i must be kept apart from, updated with the swaps like q.
    apart_block = network.forbidden[idx][:, idx] if network.forbidden.nnz else sparse.csr_matrix((0, 0))
    check_apart = apart_block.nnz > 0
    apart = apart_block.toarray().astype(np.int64) if check_apart else np.zeros((0, 0), dtype=np.int64)
    # A group of the block never holds n distinct cities, so n stands in for a larger requirement with the same
    # gains (a huge one would overflow numpy's int64 below).
    required = min(config.min_distinct_cities, n)
    check_cities = required > 1 and n_cities > 1
    check_language = bool(nonspeaker.any())
    ns = nonspeaker.astype(np.int64)
    rows = np.arange(n)
    membership = np.zeros((n, n_groups))
    membership[rows, g] = 1.0
    q = weights @ membership  # q[i, k]: i's pair weights summed over group k (including i herself)
    apart_q = apart @ membership.astype(np.int64) if check_apart else np.zeros((0, 0), dtype=np.int64)

    for _ in range(_MAX_SWEEPS):
        own = q[rows, g] - diagonal
        d = q[:, g] - own[:, None]
        gain = d + d.T - 2.0 * weights
        if check_cities:
            counts = np.bincount(g * n_cities + city, minlength=n_groups * n_cities).reshape(n_groups, n_cities)
            distinct = (counts > 0).sum(1)
            # Only a group at or below the required number of cities can lose from a swap: the others keep enough.
            tight = np.flatnonzero(distinct[g] <= required)
            if tight.size:
                tg = g[tight]
                leaves = counts[tg, city[tight]] == 1  # the member is the only one of her city in her group
                joins = counts[tg][:, city] == 0  # [t, j]: j's city is new to t's group
                change = (joins.astype(np.int64) - leaves[:, None]) * ~same_city[tight]
                before = np.maximum(required - distinct[tg], 0)
                after = np.maximum(required - (distinct[tg][:, None] + change), 0)
                delta = PENALTY_MISSING_CITY * (after - before[:, None])
                gain[tight, :] -= delta
                gain[:, tight] -= delta.T
        if check_language:
            missing = np.bincount(g, weights=ns, minlength=n_groups)[g]
            lost = ((missing[:, None] - ns[:, None] + ns[None, :]) > 0).astype(np.int64) - (missing > 0)[:, None]
            gain -= PENALTY_NO_COMMON_LANGUAGE * (lost + lost.T)
        gain[g[:, None] == g[None, :]] = -np.inf
        if check_apart:
            joins_apart = (apart_q[:, g] - apart) > 0  # [i, j]: i would meet someone to avoid in j's group
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
        moved = weights[:, left] - weights[:, right]
        q[:, to_groups] += moved
        q[:, from_groups] -= moved
        if check_apart:
            moved_apart = apart[:, left] - apart[:, right]
            apart_q[:, to_groups] += moved_apart
            apart_q[:, from_groups] -= moved_apart
        g[left], g[right] = to_groups, from_groups
    return [sorted(idx[g == k].tolist()) for k in range(n_groups)]


def _form(
    network: _Network, config: GroupConfig, progress: ProgressCallback | None
) -> tuple[list[list[int]], list[_Bucket], dict[str, float], list[int]]:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    buckets = _language_buckets(network, config)
    plans = []  # per bucket: its groups (lists of worker indices) and its blocks of group indices
    unplaced: list[int] = []  # workers kept apart from someone in every group of their bucket with room
    total_blocks = 0
    for ordinal, bucket in enumerate(buckets):
        order = _bucket_order(network, bucket, config.seed, ordinal)
        sizes = _sizes(len(order), _group_count(len(order), config))
        n_blocks = math.ceil(len(sizes) / _BLOCK_GROUPS)
        blocks = [b.tolist() for b in np.array_split(np.arange(len(sizes)), n_blocks)]
        groups: list[list[int]] = []
        left_out: list[int] = []
        start = 0
        for block in blocks:
            block_sizes = [sizes[k] for k in block]
            end = start + sum(block_sizes)
            dealt, missed = _deal(order[start:end].tolist(), block_sizes, network)
            groups += dealt
            left_out += missed
            start = end
        if left_out:
            unplaced += _place_left_out(left_out, groups, network, config)
        shifted: list[list[int]] = []
        if len(sizes) > _BLOCK_GROUPS:
            half = _BLOCK_GROUPS // 2
            cuts = [0, *range(half, len(sizes), _BLOCK_GROUPS), len(sizes)]
            shifted = [list(range(a, b)) for a, b in pairwise(cuts) if b > a]
        plans.append((bucket, groups, [*blocks, *shifted]))
        total_blocks += len(blocks) + len(shifted)
    seconds["grouping"] = time.perf_counter() - started
    if progress:
        progress(0.2, "improving")

    started = time.perf_counter()
    done = 0
    all_groups: list[list[int]] = []
    for bucket, groups, blocks in plans:
        position = {int(w): k for k, w in enumerate(bucket.members)}
        for block in blocks:
            members = [groups[k] for k in block]
            flat = [i for m in members for i in m]
            nonspeaker = bucket.nonspeaker[[position[i] for i in flat]]
            improved = _improve_block(network, members, nonspeaker, config)
            for k, new in zip(block, improved, strict=True):
                groups[k] = new
            done += 1
            if progress and (done % 16 == 0 or done == total_blocks):
                progress(0.2 + 0.8 * done / total_blocks, "improving")
        all_groups += groups
    seconds["improving"] = time.perf_counter() - started
    return all_groups, buckets, seconds, unplaced


def form_groups(
    workers: Iterable[FrontlineWorker],
    config: GroupConfig | None = None,
    *,
    forbidden_pairs: AbstractSet[AbstractSet[str]] = frozenset(),
    progress: ProgressCallback | None = None,
) -> GroupingResult:
    """Partition all workers of a peer network into groups of ``config.min_size``–``config.max_size`` members.

    Every worker ends up in exactly one group, unless ``forbidden_pairs`` leave her no group (then she is in
    ``result.unplaced`` with her reasons). Groups share topics and, where the data allows, a language all
    members speak at ``config.min_language_level`` or better; they mix at least ``config.min_distinct_cities``
    cities where the workers' cities allow, spread organisations, and avoid ``config.previous_pairs`` where
    another grouping can. A forbidden pair is never in one group. With fewer workers than ``config.min_size``
    all of them form one group and the result says so. The result is the same for the same workers (in any
    order), config and forbidden pairs.

    Parameters
    ----------
    workers : iterable of FrontlineWorker
    config : GroupConfig
    forbidden_pairs : set of pairs (sets of two worker ids), optional
        People who must never share a group (e.g. one blocked the other). A hard rule, unlike
        ``config.previous_pairs``; pairs naming someone who is not among ``workers`` are ignored.
    progress : callable(fraction, stage), optional
        Called with stages "similarity", "grouping" and "improving".

    Returns
    -------
    GroupingResult
        The groups, each with its reasons (``shared_topics``, ``shared_language``, ``cities_mixed`` and problems
        such as ``too_few_cities``, ``repeat_pairs``, ``no_common_language``), the stats of the round, and
        ``unplaced``: per worker left out, ``not_placed_kept_apart`` (every group of her language with room holds
        someone she must be kept apart from); the run's notes then include ``workers_not_placed``.

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
    if not ordered:
        groups: list[list[int]] = []
        buckets: list[_Bucket] = []
    else:
        # The block matrices are small: threaded BLAS only adds overhead, and much more on a busy machine.
        with threadpool_limits(limits=1, user_api="blas"):
            groups, buckets, more, unplaced = _form(network, config, progress)
        seconds.update(more)
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
    return _describe(network, groups, buckets, config, seconds, tuple(notes), unplaced=left_out)


# --------------------------------------------------------------------------------------------------------------------
# Describing groups


def _describe(
    network: _Network,
    groups: list[list[int]],
    buckets: list[_Bucket],
    config: GroupConfig,
    seconds: dict[str, float],
    notes: tuple[Reason, ...],
    *,
    keep_order: bool = False,
    unplaced: Mapping[str, tuple[Reason, ...]] | None = None,
) -> GroupingResult:
    workers = network.workers
    groups = [sorted(m, key=lambda i: workers[i].id) for m in groups if m]
    if not keep_order:  # a canonical order, so the same input always gives the same numbering
        groups.sort(key=lambda m: workers[m[0]].id)
    language_of = {}
    for bucket in buckets:
        for i in bucket.members:
            language_of[int(i)] = bucket.language
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
    first, second = sparse.triu(network.previous, k=1).nonzero()
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
        preferred = Counter(language_of.get(i) for i in members).most_common(1)[0][0]
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

    feasible = 0
    for bucket in buckets:
        counts = np.bincount(network.city[bucket.members])
        feasible += _mixing_capacity(counts, _group_count(len(bucket.members), config), required, config.max_size)
    feasible = min(feasible, len(groups))
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
    buckets = _language_buckets(network, config) if ordered else []
    return _describe(network, indexed, buckets, config, {}, (), keep_order=True)


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
