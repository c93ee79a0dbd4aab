"""Learning from outcomes in a synthetic world (issue 17, item 6): does the learned part find better pairs?

A world of mentors (kept across rounds) and fresh mentees each round (``bench/synthetic.py``) with a HIDDEN
true success function: interactions between sector, language level, goals and place that the hand weights
do not capture, a per-mentor effect and Bernoulli noise. Rounds are matched by the engine with hand weights
(``matching.api.match``) and their outcomes drawn, until the history holds ``--history`` outcomes; the model
is trained on it (``matching.learning``), then fresh rounds are assigned three ways and scored by the TRUE
function: hand weights, learned (score + weight·p), and the oracle (the true probabilities themselves).
Figures are printed, never asserted. See bench/README.md.

    .venv/bin/python -m bench.bench_outcomes            # 3 seeds, 2,000 past matches, ~3 min
    .venv/bin/python -m bench.bench_outcomes --quick    # 1 seed, 1,000 past matches
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from bench import synthetic
from matching import MatchingConfig, Mentee, Mentor, match
from matching.assignment import assign
from matching.learning import (
    Outcome,
    assign_with_learning,
    calibration_error,
    eligible_pairs,
    predict_success,
    train_success_model,
)
from matching.records import cefr_rank

GERMAN_BANDS = {0: "A1-A2", 1: "A1-A2", 2: "B1", 3: "B2+", 4: "B2+", 5: "B2+"}


def german_level(mentee: Mentee) -> int:
    return cefr_rank(mentee.languages.get("de", "A1"))


@dataclass
class World:
    """Mentors kept across rounds, their hidden quality, and the seed of everything random."""

    seed: int
    mentors: list[Mentor]
    quality: dict[str, float]
    rng: np.random.Generator

    @classmethod
    def build(cls, seed: int, n_mentors: int) -> World:
        mentors = synthetic.mentors(n_mentors, seed=seed, id_prefix=f"w{seed}-mentor")
        rng = np.random.default_rng([seed, 17])
        quality = {m.id: float(q) for m, q in zip(mentors, rng.normal(0, 0.4, len(mentors)), strict=True)}
        return cls(seed=seed, mentors=mentors, quality=quality, rng=rng)

    def mentees(self, round_number: int, n: int) -> list[Mentee]:
        return synthetic.mentees(n, seed=self.seed * 1000 + round_number, id_prefix=f"w{self.seed}-r{round_number}")

    def true_success(self, mentees: Sequence[Mentee], pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The hidden probability that a pair leads to what the mentee came for."""
        mentee_of = {m.id: m for m in mentees}
        mentor_of = {m.id: m for m in self.mentors}
        parents = synthetic.SECTOR_PARENTS
        logits = np.empty(len(pairs))
        for k, (mentee_id, mentor_id) in enumerate(pairs):
            a, b = mentee_of[mentee_id], mentor_of[mentor_id]
            german = german_level(a)
            same_sector = bool(a.sectors & b.sectors)
            same_family = bool({parents.get(s, s) for s in a.sectors} & {parents.get(s, s) for s in b.sectors})
            same_city = a.city == b.city and a.country == b.country
            employer = b.kind == "employer"
            logit = -1.6 + self.quality[mentor_id]
            if "job_search" in a.goals:
                # a job comes through someone in her own sector, more so an employer, once her German carries
                logit += 1.4 * same_sector * (1.8 if employer else 1.0)
                logit += 0.9 * (same_sector and same_city and german >= 3)
                logit -= 0.8 * (german <= 1)
            if "recognition" in a.goals:
                logit += 1.2 * same_family  # someone who knows the profession knows its recognition
            if "language_practice" in a.goals:
                logit += 1.3 * (german <= 2 and same_city) - 0.6 * (not same_city)
            if "training" in a.goals:
                logit += 0.7 * ("training" in b.offers)
            logits[k] = logit
        return 1.0 / (1.0 + np.exp(-logits))


def simulate_history(world: World, config: MatchingConfig, target: int, round_size: int) -> tuple[list, list]:
    """Rounds matched by the engine with hand weights, outcomes drawn from the hidden truth, until ``target``."""
    mentees: list[Mentee] = []
    outcomes: list[Outcome] = []
    round_number = 0
    while len(outcomes) < target:
        people = world.mentees(round_number, round_size)
        result = match(people, world.mentors, config)
        pairs = [(x.mentee_id, x.mentor_id) for x in result.assignments][: target - len(outcomes)]
        drawn = world.rng.random(len(pairs)) < world.true_success(people, pairs)
        outcomes += [Outcome(i, j, bool(s)) for (i, j), s in zip(pairs, drawn.tolist(), strict=True)]
        mentees += people
        round_number += 1
    return mentees, outcomes


def _auc(truth: np.ndarray, predicted: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(truth, predicted)) if len(np.unique(truth)) == 2 else float("nan")


def evaluate_round(
    world: World, model, config: MatchingConfig, round_number: int, round_size: int, weight: float, min_share: float
) -> dict:
    """One fresh round assigned by hand weights, learned weights (guard off and on) and the oracle."""
    people = world.mentees(round_number, round_size)
    n = len(people)
    monitored = {"german": {m.id: GERMAN_BANDS[german_level(m)] for m in people}}

    def share(pairs: Sequence[tuple[str, str]]) -> float:
        return float(world.true_success(people, pairs).sum() / n) if pairs else 0.0

    def per_mentee(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        at = {m.id: k for k, m in enumerate(people)}
        values = np.zeros(n)
        if pairs:
            values[[at[i] for i, _ in pairs]] = world.true_success(people, pairs)
        return values

    def lowest_ratio(groups: dict) -> float:
        rows = groups["german"].values()
        overall = sum(r["matched"] for r in rows) / max(1, sum(r["matchable"] for r in rows))
        return min(r["match_rate"] for r in rows if r["matchable"]) / overall if overall else 1.0

    hand = [(x.mentee_id, x.mentor_id) for x in match(people, world.mentors, config).assignments]
    hand_run = assign_with_learning(people, world.mentors, config, monitored=monitored)
    learned = assign_with_learning(people, world.mentors, config, model=model, weight=weight, monitored=monitored)
    guarded = assign_with_learning(
        people, world.mentors, config, model=model, weight=weight, monitored=monitored, min_share=min_share
    )
    pairs, _, capacity = eligible_pairs(people, world.mentors, config)
    truth = world.true_success(people, pairs)
    mentee_row = {m.id: i for i, m in enumerate(sorted(people, key=lambda m: m.id))}
    mentor_col = {m.id: j for j, m in enumerate(sorted(world.mentors, key=lambda m: m.id))}
    rows = np.array([mentee_row[i] for i, _ in pairs])
    cols = np.array([mentor_col[j] for _, j in pairs])
    oracle_assigned = assign(rows, cols, truth, capacity, n)
    oracle = [(i, j) for (i, j), r, c in zip(pairs, rows, cols, strict=True) if oracle_assigned[r] == c]

    # the model on fresh pairs: its predictions against the truth
    predicted = predict_success(model, people, world.mentors, hand)
    true_hand = world.true_success(people, hand)
    drawn = world.rng.random(len(hand)) < true_hand
    order = np.argsort(predicted)
    bins = [
        {"predicted": float(predicted[c].mean()), "observed": float(true_hand[c].mean()), "count": len(c)}
        for c in np.array_split(order, 10)
        if len(c)
    ]
    return {
        "hand": share(hand),
        "learned": share(learned.pairs),
        "guarded": share(guarded.pairs),
        "oracle": share(oracle),
        "hand_matched": len(hand) / n,
        "learned_matched": len(learned.pairs) / n,
        "guarded_matched": len(guarded.pairs) / n,
        "ratio_hand": lowest_ratio(hand_run.groups),
        "ratio_learned": lowest_ratio(learned.groups),
        "ratio_guarded": lowest_ratio(guarded.groups),
        "guard_cost": guarded.guard["cost_in_objective"] if guarded.guard else 0.0,
        "fresh_auc": _auc(drawn, predicted),
        "fresh_calibration_error": calibration_error(bins),
        "difference": per_mentee(learned.pairs) - per_mentee(hand),
        "hand_total_score": hand_run.total_score,
        "learned_total_score": learned.total_score,
    }


def run_seed(seed: int, args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    world = World.build(seed, args.mentors)
    config = MatchingConfig(sector_parents=synthetic.SECTOR_PARENTS, seed=seed)
    mentees, outcomes = simulate_history(world, config, args.history, args.round_size)
    simulated = time.perf_counter()
    model = train_success_model(mentees, world.mentors, outcomes, config, seed=seed)
    trained = time.perf_counter()
    rounds = [
        evaluate_round(world, model, config, 1000 + r, args.round_size, args.weight, args.min_share)
        for r in range(args.eval_rounds)
    ]
    difference = np.concatenate([r.pop("difference") for r in rounds])
    figures = {key: float(np.mean([r[key] for r in rounds])) for key in rounds[0]}
    # learned − hand in successes per mentee, with a bootstrap interval over the fresh mentees (paired)
    draws = np.random.default_rng([seed, 99]).integers(0, len(difference), size=(1000, len(difference)))
    low, high = np.quantile(difference[draws].mean(axis=1), [0.025, 0.975])
    figures["difference_interval"] = (float(low), float(high))
    gap = figures["oracle"] - figures["hand"]
    figures.update(
        seed=seed,
        outcomes=len(outcomes),
        success_rate=model.card["success_rate"],
        chosen=model.card["chosen"],
        cv_auc=model.card["metrics"]["auc"],
        cv_calibration_error=model.card["metrics"]["calibration_error"],
        closed=(figures["learned"] - figures["hand"]) / gap if gap > 0 else float("nan"),
        closed_guarded=(figures["guarded"] - figures["hand"]) / gap if gap > 0 else float("nan"),
        seconds={
            "history": round(simulated - started, 1),
            "training": round(trained - simulated, 1),
            "evaluation": round(time.perf_counter() - trained, 1),
        },
        top_features=[e["feature"] for e in model.card["feature_effects"][:5]],
    )
    return figures


def write_svg(results: Sequence[dict], path: str) -> None:
    """Bars of the share of mentees with a successful outcome per seed: hand, learned, learned + guard,
    oracle. Plain SVG, so no plotting library is needed."""
    series = (("hand", "hand weights", "#8c8c8c"), ("learned", "learned", "#1f6fb2"),
              ("guarded", "learned + guard", "#6aa84f"), ("oracle", "oracle", "#e69138"))  # fmt: skip
    top = max(r["oracle"] for r in results) * 1.15
    left, bottom, bar, height = 50, 40, 26, 300
    legend = left + 20 + 150 * len(results)
    width = legend + 140
    plot = height - bottom - 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        'font-size="12">',
        f'<text x="{left}" y="16">Share of mentees with a successful outcome (true function), by seed</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{legend - 10}" y2="{height - bottom}" stroke="black"/>',
    ]
    for tick in np.linspace(0, top, 5)[1:]:
        y = height - bottom - plot * tick / top
        parts.append(f'<text x="4" y="{y + 4:.0f}">{tick:.2f}</text>')
        parts.append(f'<line x1="{left}" y1="{y:.0f}" x2="{legend - 10}" y2="{y:.0f}" stroke="#ddd"/>')
    for k, result in enumerate(results):
        x0 = left + 20 + 150 * k
        for n, (key, _, colour) in enumerate(series):
            h = plot * result[key] / top
            x, y = x0 + n * (bar + 2), height - bottom - h
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{colour}"/>')
            parts.append(f'<text x="{x}" y="{y - 3:.0f}" font-size="9">{result[key]:.2f}</text>')
        parts.append(f'<text x="{x0 + 30}" y="{height - bottom + 15}">seed {result["seed"]}</text>')
    for n, (_, label, colour) in enumerate(series):
        x = legend
        parts.append(f'<rect x="{x}" y="{30 + 16 * n}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{39 + 16 * n}">{label}</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(parts) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0,1,2", help="comma-separated seeds (worlds)")
    parser.add_argument("--history", type=int, default=2000, help="past matches with outcomes to train on")
    parser.add_argument("--round-size", type=int, default=300, help="mentees per round")
    parser.add_argument("--mentors", type=int, default=100, help="mentors in the world (kept across rounds)")
    parser.add_argument("--eval-rounds", type=int, default=2, help="fresh rounds to evaluate on, per seed")
    parser.add_argument("--weight", type=float, default=4.0, help="weight of the learned part")
    parser.add_argument("--min-share", type=float, default=0.8, help="fairness guard: least share of the overall rate")
    parser.add_argument("--quick", action="store_true", help="one seed, 1,000 past matches, one fresh round")
    parser.add_argument("--svg", default="", help="also draw the shares as an SVG bar chart at this path")
    args = parser.parse_args(argv)
    if args.quick:
        args.seeds, args.history, args.eval_rounds = "0", 1000, 1
    seeds = [int(s) for s in args.seeds.split(",")]
    print(
        f"history {args.history} past matches, rounds of {args.round_size} mentees, {args.mentors} mentors, "
        f"learned weight {args.weight}, guard share {args.min_share}, {args.eval_rounds} fresh round(s) per seed"
    )
    print(
        "| seed | model | CV AUC | CV cal. err | fresh AUC | fresh cal. err | hand | learned | oracle | gap closed "
        "| learned − hand [95 %] | learned + guard | closed | lowest group rate / overall: hand, learned, guarded "
        "| guard cost | s |"
    )
    print("|---" * 16 + "|")
    results = []
    for seed in seeds:
        # one thread: on a shared 2-core machine OpenMP's spinning threads cost more than they bring
        with threadpool_limits(1):
            f = run_seed(seed, args)
        results.append(f)
        low, high = f["difference_interval"]
        print(
            f"| {seed} | {f['chosen']} | {f['cv_auc']:.3f} | {f['cv_calibration_error']:.3f} | {f['fresh_auc']:.3f} "
            f"| {f['fresh_calibration_error']:.3f} | {f['hand']:.3f} | {f['learned']:.3f} | {f['oracle']:.3f} "
            f"| {f['closed']:.0%} | {f['learned'] - f['hand']:+.3f} [{low:+.3f}, {high:+.3f}] "
            f"| {f['guarded']:.3f} | {f['closed_guarded']:.0%} "
            f"| {f['ratio_hand']:.2f}, {f['ratio_learned']:.2f}, {f['ratio_guarded']:.2f} | {f['guard_cost']:.2f} "
            f"| {sum(f['seconds'].values()):.0f} |",
            flush=True,
        )
    if len(results) > 1:
        mean = {k: float(np.mean([r[k] for r in results])) for k in ("hand", "learned", "guarded", "oracle")}
        gap = mean["oracle"] - mean["hand"]
        print(
            f"\nmean over {len(results)} seeds: hand {mean['hand']:.3f}, learned {mean['learned']:.3f} "
            f"({(mean['learned'] - mean['hand']) / gap:.0%} of the gap), learned + guard {mean['guarded']:.3f} "
            f"({(mean['guarded'] - mean['hand']) / gap:.0%}), oracle {mean['oracle']:.3f}"
        )
    if args.svg:
        write_svg(results, args.svg)
        print(f"wrote {args.svg}")
    for f in results:
        print(f"seed {f['seed']}: matched hand {f['hand_matched']:.2f}, learned {f['learned_matched']:.2f}, "
              f"guarded {f['guarded_matched']:.2f}; success rate in history {f['success_rate']:.3f}; "
              f"top features {', '.join(f['top_features'])}; seconds {f['seconds']}")  # fmt: skip


if __name__ == "__main__":
    main()
