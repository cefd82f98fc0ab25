"""Matching benchmark: score_pairs + assign at three sizes, beside naive baselines.

    .venv/bin/python scripts/bench_matching.py [--runs 3] [--region] [--exact-region]

Each size runs in a fresh process so its peak memory (ru_maxrss) is its own. Baselines:
pure-Python loops for the scores (small sizes only), and the dense linear_sum_assignment on
capacity slots for the assignment. Mentors have capacity 1–3, 20 topics. Prints medians."""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = [(50, 20), (500, 200), (5000, 2000)]
REGION = (20000, 8000)


def synthetic(n: int, m: int, seed: int = 1):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    topics = [f"Тема {i}" for i in range(20)]
    subjects = [f"Предмет {i}" for i in range(12)]
    days = ["Пн", "Вт", "Ср", "Чт", "Пт"]

    def pick(pool, lo, hi):
        return [list(rng.choice(pool, rng.integers(lo, hi + 1), replace=False)) for _ in range(1)][0]

    mentees = pd.DataFrame({
        "topics": [pick(topics, 1, 3) for _ in range(n)], "subjects": [pick(subjects, 1, 1) for _ in range(n)],
        "experience": rng.integers(0, 6, n), "format": rng.choice(["Индивидуально (пара)", "В группе", "Не важно"], n),
        "availability": [pick(days, 1, 3) for _ in range(n)]}, index=[f"e{i}" for i in range(n)])
    mentors = pd.DataFrame({
        "topics": [pick(topics, 2, 5) for _ in range(m)], "subjects": [pick(subjects, 1, 2) for _ in range(m)],
        "experience": rng.integers(8, 35, m), "qualification": rng.choice(["Первая", "Высшая", "Педагог-наставник"], m),
        "format": [pick(["Индивидуально (пара)", "В группе"], 1, 2) for _ in range(m)],
        "availability": [pick(days, 1, 4) for _ in range(m)], "capacity": rng.integers(1, 4, m)},
        index=[f"m{i}" for i in range(m)])
    return mentees, mentors


def naive_scores(mentees, mentors, weights, config):
    """The baseline: the same criteria in plain Python loops (the form each mentee needs and each mentor's fit
    to each form looked up from tables worked out once)."""
    from analysis.mentoring_forms import mentor_fit, needed, settings

    total = sum(weights.values())
    rules = settings(config)
    need, fit = needed(mentees, rules)["form"].to_dict(), mentor_fit(mentors, rules).to_dict("index")
    out = {}
    for eid, e in mentees.iterrows():
        for mid, m in mentors.iterrows():
            t = len(set(e.topics) & set(m.topics)) / len(e.topics)
            s = 1.0 if set(e.subjects) & set(m.subjects) else 0.0
            x = min(max((m.experience - e.experience) / 5, 0), 1)
            q = {"Первая": 0.5, "Высшая": 0.8}.get(m.qualification, 1.0)
            f = 1.0 if e.format == "Не важно" or e.format in m.format else 0.0
            a = len(set(e.availability) & set(m.availability)) / len(e.availability)
            out[eid, mid] = (weights["topics"] * t + weights["subject"] * s + weights["experience"] * x +
                             weights["qualification"] * q + weights["format"] * f + weights["availability"] * a +
                             weights.get("form", 0.0) * fit[mid][need[eid]]) / total
    return out


def one(n: int, m: int, runs: int, baseline: bool, exact: bool = False) -> dict:
    import numpy as np

    from analysis import load_config
    from analysis.matching import assign, default_weights, dense_reference, score_pairs

    config = load_config()

    mentees, mentors = synthetic(n, m)
    res = {"size": f"{n}×{m}", "score": [], "assign": [], "naive_score": None, "dense_lsa": None}
    for _ in range(runs):
        t0 = time.perf_counter()
        s = score_pairs(mentees, mentors, config=config)
        t1 = time.perf_counter()
        a = assign(mentees, mentors, scores=s, min_score=0.3, config=config)
        t2 = time.perf_counter()
        res["score"].append(t1 - t0)
        res["assign"].append(t2 - t1)
    res["matched"], res["total"] = a.objective
    res["exact"] = a.exact
    if baseline and n * m <= 100_000:
        t0 = time.perf_counter()
        naive_scores(mentees, mentors, default_weights(config), config)
        res["naive_score"] = time.perf_counter() - t0
    if baseline and n <= 5000:
        vals = s.to_numpy()
        t0 = time.perf_counter()
        ref = dense_reference(vals, mentors["capacity"].to_numpy(), np.nan_to_num(vals, nan=-1) >= 0.3)
        res["dense_lsa"] = time.perf_counter() - t0
        taken = [(i, j) for i, j in enumerate(ref) if j >= 0]
        res["dense_objective"] = (len(taken), float(sum(vals[i, j] for i, j in taken)))
    if exact:       # the unthinned min-cost flow over every allowed pair (region: ~2 min, ~11 GB)
        from analysis.matching import solve
        vals = s.to_numpy()
        t0 = time.perf_counter()
        ref, _ = solve(vals, mentors["capacity"].to_numpy(), vals >= 0.3, max_candidates=m)
        res["exact_flow"] = time.perf_counter() - t0
        taken = np.flatnonzero(ref >= 0)
        res["exact_objective"] = (len(taken), float(vals[taken, ref[taken]].astype(float).sum()))
    res["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--region", action="store_true", help="also 20,000 × 8,000")
    ap.add_argument("--exact-region", action="store_true", help="also the unthinned flow at 20,000 × 8,000")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        n, m = map(int, args.one.split("x"))
        print(json.dumps(one(n, m, args.runs, baseline=n <= 5000, exact=args.exact_region)))
        return
    med = statistics.median
    for n, m in SIZES + ([REGION] if args.region or args.exact_region else []):
        extra = ["--exact-region"] if args.exact_region and (n, m) == REGION else []
        out = subprocess.run([sys.executable, __file__, "--one", f"{n}x{m}", "--runs", str(args.runs), *extra],
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        line = (f"{r['size']:>11}: score_pairs {med(r['score']) * 1000:8.1f} ms, assign {med(r['assign']) * 1000:8.1f} ms, "
                f"total {(med(r['score']) + med(r['assign'])):6.2f} s, peak {r['peak_mb']:6.0f} MB, "
                f"matched {r['matched']}, exact {r['exact']}")
        if r["naive_score"]:
            line += f"; naive Python scores {r['naive_score'] * 1000:.0f} ms (×{r['naive_score'] / med(r['score']):.0f})"
        if r["dense_lsa"]:
            d = r["dense_objective"]
            gap = (d[1] - r["total"]) / d[1] * 100 if d[1] else 0.0
            line += (f"; dense LSA on slots {r['dense_lsa']:.2f} s (matched {d[0]}, score gap {gap:.4f} %)")
        if r.get("exact_flow"):
            d = r["exact_objective"]
            line += (f"; exact flow over all allowed pairs {r['exact_flow']:.0f} s (matched {d[0]}, "
                     f"thinned total below it by {(d[1] - r['total']) / d[1] * 100:.5f} %)")
        print(line, flush=True)


if __name__ == "__main__":
    main()
