"""The matching's results pinned before its criteria became rule objects: the same pairs, the same scores
(to 1e-9) and the same reasons for those left without a pair, on both demo years and on the benchmark's
generated banks. `tests/data/matching_pinned.json` was written by `snapshot()` from the code before the
refactoring; the six original criteria are scored with their original weights (new rules weigh 0 here)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from analysis import load_program
from analysis.matching import assign, score_pairs
from data_sources import demo_source, demo_years

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "tests" / "data" / "matching_pinned.json"
# the weights of config.toml when the results were pinned; a criterion added later weighs 0 here
OLD_WEIGHTS = {"topics": 0.45, "subject": 0.20, "experience": 0.10, "qualification": 0.10, "format": 0.05,
               "availability": 0.10}


def _weights() -> dict[str, float]:
    from analysis.matching import default_weights
    return {**{k: 0.0 for k in default_weights()}, **OLD_WEIGHTS}


def _bench_banks(n: int, m: int):
    spec = importlib.util.spec_from_file_location("bench_matching", ROOT / "scripts" / "bench_matching.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.synthetic(n, m)


def _case(mentees, mentors, full: bool) -> dict:
    s = score_pairs(mentees, mentors, _weights())
    a = assign(mentees, mentors, scores=s, min_score=0.3)
    v = s.to_numpy(dtype=float)
    out = {"pairs": [[e, m, float(x)] for e, m, x in zip(a.pairs.mentee_id, a.pairs.mentor_id, a.pairs.score)],
           "unmatched": [[e, r] for e, r in zip(a.unmatched.mentee_id, a.unmatched.reason)],
           "row_sums": np.nansum(v, axis=1).tolist(), "col_sums": np.nansum(v, axis=0).tolist()}
    if full:
        out["scores"] = np.nan_to_num(v, nan=-1.0).tolist()
    return out


def snapshot() -> dict:
    cases = {}
    for year in demo_years():
        p = load_program(demo_source(year).read())
        cases[f"demo {year}"] = _case(p.mentees, p.mentors, full=True)
    for n, m, full in [(50, 20, True), (500, 200, False), (5000, 2000, False)]:
        cases[f"bench {n}x{m}"] = _case(*_bench_banks(n, m), full=full)
    return cases


@pytest.fixture(scope="module")
def now() -> dict:
    return snapshot()


PINNED_CASES = list(json.loads(PINNED.read_text(encoding="utf-8"))) if PINNED.exists() else []


@pytest.mark.parametrize("case", PINNED_CASES)
def test_matching_gives_the_pinned_pairs_and_scores(case, now):
    want, got = json.loads(PINNED.read_text(encoding="utf-8"))[case], now[case]
    assert [p[:2] for p in got["pairs"]] == [p[:2] for p in want["pairs"]]
    np.testing.assert_allclose([p[2] for p in got["pairs"]], [p[2] for p in want["pairs"]], rtol=0, atol=1e-9)
    assert got["unmatched"] == want["unmatched"]
    for key in ("row_sums", "col_sums", "scores"):
        if key in want:
            np.testing.assert_allclose(np.array(got[key]), np.array(want[key]), rtol=0, atol=1e-9 * (
                1 if key == "scores" else len(want["col_sums" if key == "row_sums" else "row_sums"])))


def test_every_case_is_pinned():
    assert sorted(PINNED_CASES) == sorted(["demo " + y for y in demo_years()] +
                                          ["bench 50x20", "bench 500x200", "bench 5000x2000"])
