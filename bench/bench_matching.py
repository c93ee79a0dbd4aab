"""Mentoring engine figures: time, peak memory, total score and gap to the optimum or a certified bound.

Each size runs in its own subprocess so that peak memory (``ru_maxrss``) belongs to that size alone.
Figures are printed, never asserted. See bench/README.md for how to run and the latest figures.

    .venv/bin/python -m bench.bench_matching                       # default sizes and every shape
    .venv/bin/python -m bench.bench_matching --sizes 20000 --dense  # adds the dense scipy optimum (~9 GB)
    .venv/bin/python -m bench.bench_matching --sizes 100000 --mentors 20000 --shapes default --no-recommend
    .venv/bin/python -m bench.bench_matching --learned 2000x600,5000x1500   # with and without a learned part
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace

import numpy as np

from bench.synthetic import SHAPES

MENTORS_PER_MENTEE = 0.3
"""Default population shape: 20 000 mentees meet 6 000 mentors (100 000 meet 20 000 with --mentors)."""


def _rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # Linux reports kB


ENGINE_STAGES = ("encoding", "pricing", "candidates", "assigning", "proving")


def run_one(
    n_mentees: int,
    n_mentors: int,
    *,
    shape: str,
    dense: bool,
    matching_limit: int,
    simplex_limit: int,
    seed: int,
    repeat: int = 1,
    min_score: float = 0.0,
) -> dict:
    """Measure one shape and size in this process and return the figures."""
    from bench import synthetic
    from matching import MatchingConfig, match
    from matching.assignment import assign
    from matching.candidates import candidate_graph
    from matching.features import ProfileEncoder
    from matching.rules import open_mentor_mask, remaining_capacity
    from matching.scoring import PairScorer

    mentees, mentors = synthetic.population(shape, n_mentees, n_mentors, seed=seed)
    config = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS, seed=seed, min_score=min_score)
    # a worker process is long-lived: pay lazy imports and first-call set-up before the clock starts
    match(synthetic.mentees(50, seed=seed + 7), synthetic.mentors(20, seed=seed + 7), certify=True)
    rss_before = _rss_gb()

    result = match(mentees, mentors, config)
    first = result.stats["timings"]
    # the first full-size run in a process also grows its heap and the solver's buffers; a worker's later
    # runs do not, so with --repeat the same run is timed again and the median run is the figure
    runs = [first] + [match(mentees, mentors, config).stats["timings"] for _ in range(repeat - 1)]
    totals = [sum(t.get(k, 0.0) for k in ENGINE_STAGES) for t in runs]
    timings = runs[sorted(range(len(runs)), key=totals.__getitem__)[len(runs) // 2]]
    certificate = result.stats["certificate"]
    figures: dict = {
        "shape": shape,
        "mentees": n_mentees,
        "mentors": n_mentors,
        "places": result.stats["places"],
        "engine_s": sum(timings.get(k, 0.0) for k in ENGINE_STAGES),
        "first_s": totals[0],
        "runs_s": [round(t, 3) for t in totals],
        "timings": {k: round(v, 3) for k, v in timings.items()},
        "peak_gb": _rss_gb(),
        "input_gb": rss_before,
        "total_score": result.stats["total_score"],
        "matched": result.stats["matched"],
        "candidate_edges": result.stats["candidate_edges"],
        "certificate": certificate,
        "ratio_to_bound": result.stats["ratio_to_bound"],
    }
    # the same run without the proof: what the pruned candidate graph alone gives
    graph_only = match(mentees, mentors, replace(config, proof_rounds=0))
    figures["graph_only"] = {"total_score": graph_only.stats["total_score"], "matched": graph_only.stats["matched"]}

    # the same scorer and candidate graph for the baselines, so only the assignment differs
    ordered_mentees = sorted(mentees, key=lambda m: m.id)
    ordered_mentors = sorted(mentors, key=lambda m: m.id)
    encoder = ProfileEncoder(config).fit(ordered_mentees, ordered_mentors)
    scorer = PairScorer(
        config,
        encoder,
        ordered_mentees,
        encoder.transform_mentees(ordered_mentees),
        ordered_mentors,
        encoder.transform_mentors(ordered_mentors),
    )
    graph = candidate_graph(scorer, config.top_k, config.top_q, config.min_score)
    is_open = open_mentor_mask(ordered_mentors, config)
    capacity = np.array(
        [remaining_capacity(m, config) if o else 0 for m, o in zip(ordered_mentors, is_open, strict=True)]
    )
    edge_score = {(int(i), int(j)): float(s) for i, j, s in zip(graph.mentee, graph.mentor, graph.score, strict=True)}

    def total(assigned: np.ndarray) -> float:
        rows = np.flatnonzero(assigned >= 0)
        return float(sum(edge_score[(int(i), int(assigned[i]))] for i in rows))

    clock = time.perf_counter()
    optimal = assign(graph.mentee, graph.mentor, graph.score, capacity, n_mentees, "optimal")
    flow_s = time.perf_counter() - clock
    optimal_total = total(optimal)
    figures["flow_s"] = flow_s
    for mode in ("greedy", "stable", "max_matched"):
        clock = time.perf_counter()
        assigned = assign(graph.mentee, graph.mentor, graph.score, capacity, n_mentees, mode)
        figures[mode] = {
            "s": time.perf_counter() - clock,
            "ratio": total(assigned) / figures["total_score"] if figures["total_score"] else 1.0,
            "matched": int((assigned >= 0).sum()),
        }

    figures["networkx"] = _networkx(
        graph, capacity, n_mentees, optimal_total, flow_s, matching=n_mentees <= matching_limit,
        simplex=n_mentees <= simplex_limit,
    )  # fmt: skip
    if dense:
        figures["dense"] = _dense_optimum(scorer, capacity, graph.floor, figures["total_score"])
    return figures


def _networkx(
    graph, capacity: np.ndarray, n_mentees: int, optimal_total: float, flow_s: float, *, matching: bool, simplex: bool
) -> dict:
    """networkx on the same candidate graph: max_weight_matching on mentor slots, and network_simplex."""
    import networkx as nx

    figures: dict = {}
    if matching:
        figures["max_weight_matching"] = _max_weight_matching(graph, capacity, optimal_total, flow_s)
    if not simplex:
        return figures
    flow = nx.DiGraph()
    flow.add_node("source", demand=-n_mentees)
    flow.add_node("sink", demand=n_mentees)
    flow.add_edge("source", "sink", capacity=n_mentees, weight=0)
    for i in range(n_mentees):
        flow.add_edge("source", ("mentee", i), capacity=1, weight=0)
    for j, places in enumerate(capacity.tolist()):
        flow.add_edge(("mentor", j), "sink", capacity=places, weight=0)
    for i, j, s in zip(graph.mentee.tolist(), graph.mentor.tolist(), graph.score.tolist(), strict=True):
        flow.add_edge(("mentee", i), ("mentor", j), capacity=1, weight=-round(s * 1_000_000))
    clock = time.perf_counter()
    cost, _ = nx.network_simplex(flow)
    seconds = time.perf_counter() - clock
    figures["network_simplex"] = {
        "s": seconds,
        "time_ratio": seconds / flow_s,
        "score_ratio": (-cost / 1_000_000) / optimal_total,
    }
    return figures


def _max_weight_matching(graph, capacity: np.ndarray, optimal_total: float, flow_s: float) -> dict:
    import networkx as nx

    slots = nx.Graph()
    for i, j, s in zip(graph.mentee.tolist(), graph.mentor.tolist(), graph.score.tolist(), strict=True):
        for place in range(int(capacity[j])):
            slots.add_edge(("mentee", i), ("slot", j, place), weight=s)
    clock = time.perf_counter()
    matching = nx.max_weight_matching(slots)
    seconds = time.perf_counter() - clock
    value = sum(slots.edges[u, v]["weight"] for u, v in matching)
    return {"s": seconds, "time_ratio": seconds / flow_s, "score_ratio": value / optimal_total}


def _dense_optimum(scorer, capacity: np.ndarray, floor: float, engine_total: float) -> dict:
    """scipy linear_sum_assignment over ALL pairs with mentor slots expanded by capacity."""
    from scipy.optimize import linear_sum_assignment

    clock = time.perf_counter()
    n, _ = scorer.shape
    scores = np.vstack([scorer.block(start, min(n, start + 2000)) for start in range(0, n, 2000)])
    scores[scores < floor] = 0.0  # an ineligible pair is worth as much as no pair
    slots = np.repeat(np.arange(len(capacity)), capacity)
    expanded = scores[:, slots].astype(np.float64)
    del scores
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    optimum = float(expanded[rows, cols].sum())
    return {"s": time.perf_counter() - clock, "optimum": optimum, "ratio": engine_total / optimum, "peak_gb": _rss_gb()}


def run_recommend(n_mentors: int, queries: int, seed: int) -> dict:
    """Latency of MentorIndex.recommend for one mentee among ``n_mentors``."""
    from bench import synthetic
    from matching import MatchingConfig, MentorIndex

    index = MentorIndex(MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)).fit(synthetic.mentors(n_mentors, seed))
    mentees = synthetic.mentees(queries, seed=seed + 1)
    for mentee in mentees[:20]:  # warm caches and lazy imports
        index.recommend(mentee, k=5)
    latencies = []
    for mentee in mentees:
        clock = time.perf_counter()
        index.recommend(mentee, k=5)
        latencies.append(time.perf_counter() - clock)
    ms = np.array(latencies) * 1000
    return {
        "mentors": n_mentors,
        "queries": queries,
        "p50_ms": float(np.percentile(ms, 50)),
        "p99_ms": float(np.percentile(ms, 99)),
    }


def _child(args: list[str]) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "bench.bench_matching", *args],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _print_size(f: dict) -> None:
    print(f"\n== {f['shape']}: {f['mentees']} mentees × {f['mentors']} mentors ({f['places']} open places) ==")
    t, c = f["timings"], f["certificate"]
    if len(f["runs_s"]) > 1:
        print(f"runs (first, then again in the same process): {', '.join(f'{r:.2f}' for r in f['runs_s'])} s")
    print(
        f"engine (encode+price+candidates+assign+prove) {f['engine_s']:.2f} s  [encoding {t['encoding']:.2f}, "
        f"pricing {t.get('pricing', 0.0):.2f}, "
        f"candidates {t.get('candidates', 0.0):.2f}, assigning {t['assigning']:.2f}, "
        f"proving {t.get('proving', 0.0):.2f}]; "
        f"explaining {t['explaining']:.2f} s"
    )
    print(
        f"peak memory {f['peak_gb']:.2f} GB (inputs alone {f['input_gb']:.2f} GB); "
        f"candidate edges {f['candidate_edges']} (after the proof's additions)"
    )
    verdict = "PROVEN optimal" if c["proven"] else f"stopped ({c['stopped']}), certified gap {c['gap']:.6f}"
    print(
        f"total score {f['total_score']:.4f}, matched {f['matched']}; {verdict}; bound {c['upper_bound']:.4f} "
        f"({100 * f['ratio_to_bound']:.4f}% of it); {c['rounds']} passes, {c['pairs_added']} pairs added"
    )
    g = f["graph_only"]
    print(
        f"the candidate graph alone (no proof): total {g['total_score']:.4f} "
        f"({100 * g['total_score'] / f['total_score']:.3f}% of the proven), matched {g['matched']}"
    )
    if "dense" in f:
        d = f["dense"]
        print(
            f"dense scipy linear_sum_assignment: optimum {d['optimum']:.4f} in {d['s']:.1f} s "
            f"(peak {d['peak_gb']:.1f} GB) -> engine {100 * d['ratio']:.5f}% of optimum "
            f"(relative difference {(d['optimum'] - f['total_score']) / d['optimum']:.1e}), "
            f"{d['s'] / f['engine_s']:.1f}× the engine's time"
        )
    print(f"OR-tools min-cost flow on the first candidate graph: {f['flow_s']:.2f} s")
    for mode in ("greedy", "stable", "max_matched"):
        m = f[mode]
        print(f"  {mode:<12} {m['s']:.2f} s, {100 * m['ratio']:.2f}% of the proven optimum, matched {m['matched']}")
    for name, m in f.get("networkx", {}).items():
        print(
            f"  networkx {name}: {m['s']:.1f} s ({m['time_ratio']:.0f}× the flow), {100 * m['score_ratio']:.3f}% score"
        )


def _print_table(rows: list[dict]) -> None:
    """One line per shape and size, as bench/README.md shows them."""
    print(
        "\n| shape | mentees × mentors | end to end (encode+price+candidates+assign+prove), median run "
        "| first run in the process | peak RSS | total score | matched | vs dense optimum | certificate | graph alone |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for f in rows:
        c = f["certificate"]
        dense = f"{100 * f['dense']['ratio']:.5f} %" if "dense" in f else "—"
        proof = (
            f"proven ({c['rounds']} passes, +{c['pairs_added']:,} pairs)"
            if c["proven"]
            else f"gap {c['gap']:.4f} ({c['stopped']})"
        )
        print(
            f"| {f['shape']} | {f['mentees']:,} × {f['mentors']:,} | {f['engine_s']:.2f} s | {f['first_s']:.2f} s "
            f"| {f['peak_gb']:.2f} GB "
            f"| {f['total_score']:,.3f} | {f['matched']:,} | {dense} | {proof} "
            f"| {100 * f['graph_only']['total_score'] / f['total_score']:.2f} % |"
        )


def _learned_models(seed: int) -> dict:
    """A success model trained on a synthetic history (two matched rounds), once per estimator kind."""
    from datetime import date

    from bench import synthetic
    from matching import MatchingConfig, match
    from matching.learning import Outcome, TrainingMinimums, _make, pair_features, train_success_model

    config = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS)
    rng = np.random.default_rng(seed)
    helpers = synthetic.mentors(120, seed=seed + 100)
    people, outcomes = [], []
    for round_number in range(3):
        group = synthetic.mentees(300, seed=seed + 200 + round_number, id_prefix=f"h{round_number}")
        for a in match(group, helpers, config).assignments:
            p = 0.15 + 0.5 * a.parts["sector"] * (a.parts["goals"] > 0.2) + 0.2 * (a.parts["place"] == 1.0)
            outcomes.append(Outcome(a.mentee_id, a.mentor_id, bool(rng.random() < p), date(2026, 1, 1)))
        people += group
    model = train_success_model(people, helpers, outcomes, config, seed=seed, minimums=TrainingMinimums(200, 40, 20, 5))
    pairs = [(o.mentee_id, o.mentor_id) for o in outcomes]
    table = pair_features(people, helpers, pairs, model.config, model.vocabulary)
    success = np.array([o.success for o in outcomes], dtype=np.int64)
    groups = np.array([o.mentor_id for o in outcomes], dtype=object)
    return {
        kind: replace(model, estimator=_make(kind, groups, seed).fit(table.matrix, success))
        for kind in ("logistic", "boosting")
    } | {"config": config}


def run_learned(n_mentees: int, n_mentors: int, seed: int) -> dict:
    """Time of one optimal run without and with a learned part (weight 1), per estimator kind."""
    from bench import synthetic
    from matching import match
    from matching.records import LearnedPart

    models = _learned_models(seed)
    config = models.pop("config")
    mentees, mentors = synthetic.population("default", n_mentees, n_mentors, seed=seed)
    clock = time.perf_counter()
    plain = match(mentees, mentors, config)
    figures = {"mentees": n_mentees, "mentors": n_mentors, "plain_s": time.perf_counter() - clock,
               "plain_total": plain.stats["total_score"]}  # fmt: skip
    for kind, model in models.items():
        clock = time.perf_counter()
        result = match(mentees, mentors, config, learned=LearnedPart(model, 1.0))
        figures[f"{kind}_s"] = time.perf_counter() - clock
        figures[f"{kind}_predict_s"] = result.stats["timings"]["learning"]
        figures[f"{kind}_proven"] = result.stats["certificate"]["proven"]
        figures[f"{kind}_pairs"] = result.stats["learned"]["pairs_predicted"]
    figures["rss_gb"] = _rss_gb()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,20000", help="mentee counts, comma separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"population shapes ({', '.join(SHAPES)})")
    parser.add_argument("--mentors", default="", help="mentor counts matching --sizes (default 0.3 × mentees)")
    parser.add_argument("--dense", action="store_true", help="also the dense scipy optimum (slow, ~9 GB at 20k)")
    parser.add_argument("--matching-limit", type=int, default=500, help="networkx max_weight_matching up to this size")
    parser.add_argument("--simplex-limit", type=int, default=1000, help="networkx network_simplex up to this size")
    parser.add_argument("--no-recommend", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-score", type=float, default=0.0, help="the runs' config.min_score")
    parser.add_argument(
        "--repeat", type=int, default=3, help="engine runs per shape and size (the median is the figure)"
    )
    parser.add_argument("--one", nargs=2, type=int, metavar=("MENTEES", "MENTORS"), help=argparse.SUPPRESS)
    parser.add_argument("--shape", default="default", help=argparse.SUPPRESS)
    parser.add_argument("--recommend-one", type=int, metavar="MENTORS", help=argparse.SUPPRESS)
    parser.add_argument("--learned", default="", help="sizes as MENTEESxMENTORS, comma separated: learned part cost")
    parser.add_argument("--learned-one", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.learned_one:
        print(json.dumps(run_learned(*args.learned_one, args.seed)))
        return
    if args.learned:
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
        print(
            "mentees × mentors   pairs predicted   without   logistic (predict)   boosting (predict)   proven  peak GB"
        )
        for size in args.learned.split(","):
            n, m = (int(x) for x in size.split("x"))
            f = _child(["--learned-one", str(n), str(m), "--seed", str(args.seed)])
            print(
                f"{n:>7} × {m:<7} {f['logistic_pairs']:>15,}   {f['plain_s']:6.1f} s   "
                f"{f['logistic_s']:6.1f} s ({f['logistic_predict_s']:5.1f} s)   "
                f"{f['boosting_s']:6.1f} s ({f['boosting_predict_s']:5.1f} s)   "
                f"{f['logistic_proven'] and f['boosting_proven']!s:>6}  {f['rss_gb']:.2f}"
            )
        return
    if args.one:
        figures = run_one(
            *args.one, shape=args.shape, dense=args.dense, matching_limit=args.matching_limit,
            simplex_limit=args.simplex_limit, seed=args.seed, repeat=args.repeat, min_score=args.min_score,
        )  # fmt: skip
        print(json.dumps(figures))
        return
    if args.recommend_one:
        print(json.dumps(run_recommend(args.recommend_one, 1000, args.seed)))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s]
    mentors = [int(s) for s in args.mentors.split(",") if s] or [max(1, int(n * MENTORS_PER_MENTEE)) for n in sizes]
    shapes = [s for s in args.shapes.split(",") if s]
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, python {sys.version.split()[0]}, "
        f"numpy {np.__version__}"
    )
    rows = []
    for shape in shapes:
        for n, m in zip(sizes, mentors, strict=True):
            extra = ["--dense"] if args.dense else []
            limits = ["--matching-limit", str(args.matching_limit), "--simplex-limit", str(args.simplex_limit)]
            limits += ["--seed", str(args.seed), "--repeat", str(args.repeat), "--min-score", str(args.min_score)]
            limits += extra
            figures = _child(["--one", str(n), str(m), "--shape", shape, *limits])
            _print_size(figures)
            rows.append(figures)
    _print_table(rows)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if not args.no_recommend:
        r = _child(["--recommend-one", "20000", "--seed", str(args.seed)])
        print(
            f"\nrecommend: one mentee among {r['mentors']} mentors, {r['queries']} queries: "
            f"p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms"
        )


if __name__ == "__main__":
    main()
