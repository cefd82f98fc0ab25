"""Mentor–mentee matching: explained scores, top-k suggestions, an optimal capacity-aware assignment.

`score_pairs` is vectorized (numpy); `assign` solves a maximum flow of minimum cost with the
mentors' capacities on the arcs (OR-Tools min-cost flow): first the most mentees matched, then
the largest total score. `dense_reference` solves the same objective with scipy's
`linear_sum_assignment` on capacity slots — the independent check of the tests and benchmarks.
Locked pairs are kept, forbidden and below-threshold pairs never used, nobody is paired with
themselves. Deterministic: every allowed pair's cost carries a tie key from the two people's ids (below the
scores' resolution), so among equally good assignments the same one wins on any machine and for any order of
rows (with near certainty: two optima tie only if their keys add up alike, about one in a hundred thousand).
The rules read the year's config (`config`), passed in.
"""
from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from ortools.graph.python import min_cost_flow
from threadpoolctl import threadpool_limits

from . import mentoring_forms
from .config import Config, outside_default
from .normalize import plural
from .program import group_ids

DEFAULT_QUALIFICATION = {"Без категории": 0.0, "Первая": 0.5, "Высшая": 0.8, "Педагог-методист": 1.0,
                         "Педагог-наставник": 1.0}
ANY_FORMAT = ("не важно", "любой", "без разницы", "")
# Above this many allowed (mentee, mentor) pairs the graph is thinned from both sides: each
# mentee keeps its CANDIDATES best mentors and each mentor its MENTOR_CANDIDATES best mentees (the
# mentors' side matters when places are scarce). The result is then flagged exact=False
# (benchmarks: same coverage and within 0.001 % of the exact optimum at 5,000 × 2,000 and 20,000 × 8,000).
DENSE_EDGE_LIMIT = 2_000_000
COST_SCALE = 10**7    # scores become integer arc costs (OR-Tools): 1e-7 resolution …
TIE_SPAN = 2**17      # … times this, plus a tie key in [0, TIE_SPAN) from the two people's ids
CANDIDATES = 10
MENTOR_CANDIDATES = 40
BLOCK = 1000          # mentees thinned at a time: bounded temporaries
SAMPLE_STRIDE = 8     # thinning samples every 8th mentor of a row (and every 8th mentee) for its floor
SCORE_BLOCK = 128     # mentees scored at a time: temporaries stay in the CPU cache (2.3× faster than 1000)
WORKERS = min(4, os.cpu_count() or 1)


def _multi_hot(series: pd.Series, vocabulary: Sequence[str]) -> np.ndarray:
    index = {v: i for i, v in enumerate(vocabulary)}
    out = np.zeros((len(series), len(vocabulary)), dtype=np.float32)
    for r, items in enumerate(series):
        for it in items if isinstance(items, (list, tuple, set, np.ndarray)) else ():
            j = index.get(it)
            if j is not None:
                out[r, j] = 1.0
    return out


def _lists(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series([[]] * len(frame), index=frame.index, dtype=object)
    return frame[column].map(lambda v: list(v) if isinstance(v, (list, tuple, set, np.ndarray)) else
                             ([v] if isinstance(v, str) and v else []))


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)


def _vocab(*series: pd.Series) -> list[str]:
    return sorted({t for s in series for v in s for t in v})


def _first(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set, np.ndarray)) else ([value] if isinstance(value, str) and value else [])


def _number(value) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(x) else x


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _num(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


# --- the rules ---------------------------------------------------------------
class Rule:
    """One matching criterion, whole: its key (the weight's name in [matching.weights]), its Russian label,
    the person fields it reads, how it turns both banks into arrays (`prepare`, once), how it scores a block
    of mentees against every mentor (`add`: adds weight × a score in [0, 1], vectorized), and how it explains
    itself — in a pair's reasons (`reason`) and, when it alone rules every mentor out, for a mentee left
    without a pair (`blocking`). A new criterion is one subclass in RULES plus one weight in config.toml."""
    key: str = ""
    label: str = ""
    fields: Mapping[str, Callable] = {}          # person field -> how the reasons read it

    def prepare(self, mentees: pd.DataFrame, mentors: pd.DataFrame, config: Config) -> Any:
        raise NotImplementedError

    def add(self, data: Any, rows: slice | np.ndarray, weight: float, out: np.ndarray) -> None:
        raise NotImplementedError

    def reason(self, e: Mapping, m: Mapping) -> str | None:
        return None

    def annotate(self, frame: pd.DataFrame, role: str, config: Config) -> dict[str, list]:
        """Extra per-person fields its reasons read, worked out for the whole bank (role: mentee / mentor) at once."""
        return {}

    def blocking(self, mentees: pd.DataFrame, mentors: pd.DataFrame, scorable: np.ndarray) -> list[str | None]:
        """Per mentee of `mentees`: why no mentor of `mentors` can suit them at all under this rule (None: no
        such reason). `scorable`: mentee × mentor, False against themselves."""
        return [None] * len(mentees)


class SharedChoices(Rule):
    """The share of the mentee's ticked options (a checkbox question, `key`) the mentor ticked too;
    `none_given`: the score when the mentee ticked none (None: 0)."""
    none_given: float | None = None

    def prepare(self, mentees, mentors, config):
        ec, mc = _lists(mentees, self.key), _lists(mentors, self.key)
        vocab = _vocab(ec, mc)
        e = _multi_hot(ec, vocab)
        return e, _multi_hot(mc, vocab), e.sum(axis=1)

    def add(self, data, rows, weight, out):
        e, m, ticked_all = data
        ticked = ticked_all[rows]
        share = e[rows] @ m.T
        if self.none_given is None:
            share *= np.divide(weight, ticked, out=np.zeros_like(ticked), where=ticked > 0)[:, None]
        else:
            share *= np.divide(1.0, ticked, out=np.zeros_like(ticked), where=ticked > 0)[:, None]
            share[ticked == 0] = self.none_given
            share *= weight
        out += share


class Topics(SharedChoices):
    """The share of the mentee's requested topics the mentor covers."""
    key, label, fields = "topics", "темы", {"topics": _first}

    def reason(self, e, m):
        covered = [t for t in e["topics"] if t in m["topics"]]
        if covered:
            return "темы: " + ", ".join(covered)
        return "темы не совпадают" if e["topics"] else None

    def blocking(self, mentees, mentors, scorable):
        asked_all = _lists(mentees, "topics")
        vocab = sorted({t for v in asked_all for t in v})
        te, tm = _multi_hot(asked_all, vocab), _multi_hot(_lists(mentors, "topics"), vocab)
        covers = ((te @ tm.T > 0) & scorable).any(axis=1)
        return ["ни один наставник не ведёт темы: " + ", ".join(asked) if asked and not c else None
                for asked, c in zip(asked_all, covers)]


class Subject(Rule):
    """A subject both teach."""
    key, label, fields = "subject", "предмет", {"subjects": _first}

    def prepare(self, mentees, mentors, config):
        es, ms = _lists(mentees, "subjects"), _lists(mentors, "subjects")
        vocab = _vocab(es, ms)
        return _multi_hot(es, vocab), _multi_hot(ms, vocab)

    def add(self, data, rows, weight, out):
        e, m = data
        out += weight * ((e[rows] @ m.T) > 0)

    def reason(self, e, m):
        shared = [s for s in e["subjects"] if s in m["subjects"]]
        return f"один предмет ({', '.join(s.lower() for s in shared)})" if shared else "разные предметы"


class Experience(Rule):
    """The mentor's extra experience: 5+ years more = 1, unknown = 0.5."""
    key, label, fields = "experience", "стаж", {"experience": _number}

    def prepare(self, mentees, mentors, config):
        return _numbers(mentees, "experience").astype(np.float32), _numbers(mentors, "experience").astype(np.float32)

    def add(self, data, rows, weight, out):
        e, m = data
        gap = m[None, :] - e[rows][:, None]
        gap *= 0.2
        np.clip(gap, 0.0, 1.0, out=gap)
        np.nan_to_num(gap, copy=False, nan=0.5)
        gap *= weight
        out += gap

    def reason(self, e, m):
        if e["experience"] is None or m["experience"] is None:
            return None
        gap = int(m["experience"] - e["experience"])
        return "стаж " + ("+" if gap > 0 else "") + plural(gap, "год", "года", "лет")


class Qualification(Rule):
    """The mentor's qualification category (points: [matching.qualification_points] over the defaults)."""
    key, label, fields = "qualification", "категория", {"qualification": _text}

    def prepare(self, mentees, mentors, config):
        points = {**DEFAULT_QUALIFICATION, **config.matching.get("qualification_points", {})}
        qual = mentors["qualification"].map(lambda q: points.get(q, 0.0) if isinstance(q, str) else 0.0) \
            if "qualification" in mentors else pd.Series(0.0, index=mentors.index)
        return qual.to_numpy(dtype=np.float32)

    def add(self, data, rows, weight, out):
        out += weight * data[None, :]

    def reason(self, e, m):
        return f"категория: {m['qualification'].lower()}" if m["qualification"] else None


class Format(Rule):
    """Format fit: either side flexible, or the mentee's format among the mentor's."""
    key, label, fields = "format", "формат", {"format": _first}

    def prepare(self, mentees, mentors, config):
        mf = _lists(mentors, "format")
        vocab = _vocab(mf)
        wanted = mentees["format"] if "format" in mentees else pd.Series("", index=mentees.index)
        m = _multi_hot(mf, vocab)
        return (_multi_hot(wanted.map(lambda f: [f] if isinstance(f, str) else []), vocab), m,
                wanted.map(lambda f: not isinstance(f, str) or f.strip().lower() in ANY_FORMAT
                           or f not in vocab).to_numpy(dtype=bool),
                m.sum(axis=1) == 0)

    def add(self, data, rows, weight, out):
        e, m, e_flexible, m_flexible = data
        fit = (e[rows] @ m.T) > 0
        fit |= e_flexible[rows][:, None]
        fit |= m_flexible[None, :]
        out += weight * fit

    def reason(self, e, m):
        wanted = e["format"][0].strip() if e["format"] else ""
        if wanted.lower() in ANY_FORMAT:
            return "формат: наставляемому не важен"
        if not m["format"] or wanted in m["format"]:
            return f"формат: {wanted.lower()}"
        return f"другой формат (наставник: {', '.join(f.lower() for f in m['format'])})"


class Availability(SharedChoices):
    """The share of the mentee's days the mentor also has (none given = 0.5)."""
    key, label, fields = "availability", "время встреч", {"availability": _first}
    none_given = 0.5

    def reason(self, e, m):
        if not e["availability"]:
            return None
        days = [d for d in e["availability"] if d in m["availability"]]
        return "общее время: " + ", ".join(d.lower() for d in days) if days else "нет общего времени"


class MentoringForm(Rule):
    """How well the mentor can carry the form of mentoring the mentee needs (config [mentoring]: e.g. a young
    specialist needs a mentor with 5+ years and a category): the share of the form's requirements met."""
    key, label = "form", "форма наставничества"
    fields = {"experience": _number, "qualification": _text, "topics": _first, "position": _text, "category": _text}

    def prepare(self, mentees, mentors, config):
        rules = mentoring_forms.settings(config)
        fit = mentoring_forms.mentor_fit(mentors, rules)
        column = {name: i for i, name in enumerate(fit.columns)}
        need = mentoring_forms.needed(mentees, rules)["form"].map(column).to_numpy(dtype=np.intp)
        return need, fit.to_numpy(dtype=np.float32).T.copy()

    def add(self, data, rows, weight, out):
        need, fit = data
        out += weight * fit[need[rows]]

    def annotate(self, frame, role, config):
        if role != "mentee":
            return {}
        rules = mentoring_forms.settings(config)                               # read once, not once per pair explained
        return {"form_needed": mentoring_forms.needed(frame, rules)["form"].tolist(), "form_rules": [rules] * len(frame)}

    def reason(self, e, m):
        form = e.get("form_needed")
        return f"форма «{form}»: {mentoring_forms.mentor_check(m, form, e['form_rules'])}" if form else None


RULES: tuple[Rule, ...] = (Topics(), Subject(), Experience(), Qualification(), Format(), Availability(), MentoringForm())
CRITERIA = tuple(r.key for r in RULES)
CRITERIA_RU = {r.key: r.label for r in RULES}
FIELDS: dict[str, Callable] = {name: read for r in RULES for name, read in r.fields.items()}


def default_weights(config: Config) -> dict[str, float]:
    """The weights of the year's `[matching.weights]`."""
    w = dict(config.matching.weights)
    return {c: float(w.get(c, 0.0)) for c in CRITERIA}


@dataclass(frozen=True)
class Features:
    """Both banks as each rule prepared them (built once, scored block by block)."""
    data: Mapping[str, Any]
    mentees: int
    mentors: int


def features(mentees: pd.DataFrame, mentors: pd.DataFrame, config: Config, keys: Iterable[str] = CRITERIA) -> Features:
    keys = set(keys)
    return Features({r.key: r.prepare(mentees, mentors, config) for r in RULES if r.key in keys},
                    len(mentees), len(mentors))


def _shares(w: Mapping[str, float]) -> dict[str, float]:
    total = sum(max(0.0, float(w.get(c, 0.0))) for c in CRITERIA) or 1.0
    return {c: max(0.0, float(w.get(c, 0.0))) / total for c in CRITERIA}


def score_block(f: Features, rows: slice | np.ndarray, w: Mapping[str, float]) -> np.ndarray:
    """Weighted scores (float32) of mentees `rows` against every mentor: each weighted rule adds its share
    in place (the weights are normalized to sum to 1, so a score is in [0, 1])."""
    k = _shares(w)
    out = np.zeros((len(np.arange(f.mentees)[rows]), f.mentors), dtype=np.float32)
    for r in RULES:
        if k[r.key]:
            r.add(f.data[r.key], rows, k[r.key], out)
    np.clip(out, 0.0, 1.0, out=out)
    return out


def score_pairs(mentees: pd.DataFrame, mentors: pd.DataFrame, weights: Mapping[str, float] | None = None, *,
                config: Config | None = None) -> pd.DataFrame:
    """Mentee × mentor scores in [0, 1] (index: mentee ids, columns: mentor ids).

    A weighted mean of the rules (weights from the year's [matching.weights] unless given);
    a person against themselves is NaN: never scored, never assigned."""
    config = outside_default(config)
    w = {**default_weights(config), **(weights or {})}
    if len(mentees) == 0 or len(mentors) == 0:
        return pd.DataFrame(index=mentees.index, columns=mentors.index, dtype=float)
    k = _shares(w)
    f = features(mentees, mentors, config, [c for c in CRITERIA if k[c]])
    score = np.empty((len(mentees), len(mentors)), dtype=np.float32)

    def fill(start: int) -> None:
        score[start:start + SCORE_BLOCK] = score_block(f, slice(start, start + SCORE_BLOCK), w)

    starts = range(0, len(mentees), SCORE_BLOCK)
    if len(starts) < 16:                   # a school: threads and BLAS limits cost more than they save
        for start in starts:
            fill(start)
    else:
        # blocks in our threads, BLAS in one: its own threads' busy-waiting between the many small
        # products stole the cores from the element-wise work (region scale: 2.4 s -> 1.1 s)
        with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(fill, starts))
    both = mentees.index.intersection(mentors.index)
    score[mentees.index.get_indexer(both), mentors.index.get_indexer(both)] = np.nan
    return pd.DataFrame(score, index=mentees.index, columns=mentors.index, copy=False)


# --- reasons ---------------------------------------------------------------
def _person(record: Mapping, role: str, config: Config) -> dict:
    """What the reasons read of one person."""
    return next(iter(_people(pd.DataFrame([dict(record)]), role, config).values()))


def _people(frame: pd.DataFrame, role: str, config: Config) -> dict[str, dict]:
    """Every person of a bank as the reasons read them, by id, normalized once (not once per pair; column by
    column: the banks have many more), with what each rule works out for the whole bank."""
    columns = {c: [read(v) for v in frame[c].tolist()] if c in frame else [read(None)] * len(frame)
               for c, read in FIELDS.items()}
    for r in RULES:
        columns.update(r.annotate(frame, role, config))
    names = list(columns)
    return {pid: dict(zip(names, values)) for pid, *values in zip(frame.index, *columns.values())}


def explain(mentee: Mapping, mentor: Mapping, config: Config | None = None) -> str:
    """Why this pair, in words a coordinator reads: each rule's part, in the rules' order."""
    config = outside_default(config)
    return _reasons(_person(mentee, "mentee", config), _person(mentor, "mentor", config))


def _reasons(e: Mapping, m: Mapping) -> str:
    return "; ".join(part for r in RULES if (part := r.reason(e, m)))


def suggest(mentees: pd.DataFrame, mentors: pd.DataFrame, k: int | None = None, *,
            scores: pd.DataFrame | None = None, min_score: float = 0.0, config: Config | None = None) -> pd.DataFrame:
    """The top-k mentors for each mentee with score and reasons: [mentee_id, rank, mentor_id, score, reasons]
    (ties: the mentor with the lower id)."""
    config = outside_default(config)
    k = int(k or config.matching.top_k)
    scores = score_pairs(mentees, mentors, config=config) if scores is None else scores
    scores = scores.sort_index(axis=1)
    cols = ["mentee_id", "rank", "mentor_id", "score", "reasons"]
    if scores.empty or scores.shape[1] == 0:
        return pd.DataFrame(columns=cols)
    values = np.nan_to_num(scores.to_numpy(dtype=float), nan=-1.0)
    k = min(k, values.shape[1])
    top = np.argsort(-values, axis=1, kind="stable")[:, :k]
    rows = []
    e_rec, m_rec = _people(mentees, "mentee", config), _people(mentors, "mentor", config)
    for i, mentee_id in enumerate(scores.index):
        for r, j in enumerate(top[i], start=1):
            s = values[i, j]
            if s < max(min_score, 0.0):
                continue
            mentor_id = scores.columns[j]
            rows.append((mentee_id, r, mentor_id, float(s), _reasons(e_rec[mentee_id], m_rec[mentor_id])))
    return pd.DataFrame(rows, columns=cols)


# --- assignment ------------------------------------------------------------
@dataclass
class Assignment:
    pairs: pd.DataFrame        # mentee_id, mentor_id, score, reasons, topic, group, locked
    unmatched: pd.DataFrame    # mentee_id, reason
    exact: bool = True         # False when candidates were thinned for a very large instance
    objective: tuple[int, float] = (0, 0.0)   # (mentees matched, total score)

    @property
    def mentor_load(self) -> pd.Series:
        return self.pairs.groupby("mentor_id").size()


def _pairs_set(pairs: Iterable) -> set[tuple[str, str]]:
    return {(str(a), str(b)) for a, b in pairs}


def id_keys(ids: Iterable) -> np.ndarray:
    """A stable 64-bit key per person id (the same on every machine and in every process)."""
    return np.array([int.from_bytes(hashlib.blake2b(str(i).encode(), digest_size=8).digest(), "little")
                     for i in ids], dtype=np.uint64)


def tie_keys(row_keys: np.ndarray, col_keys: np.ndarray) -> np.ndarray:
    """A key in [0, TIE_SPAN) per pair, mixed from the two people's keys (splitmix64's finalizer)."""
    with np.errstate(over="ignore"):
        z = row_keys ^ (col_keys * np.uint64(0x9E3779B97F4A7C15))
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return (z % np.uint64(TIE_SPAN)).astype(np.int64)


def solve(score: np.ndarray, capacity: np.ndarray, allowed: np.ndarray, *, max_candidates: int | None = None,
          keys: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, bool]:
    """Optimal assignment of rows (mentees) to columns (mentors) with column capacities.

    A min-cost flow (OR-Tools): source → mentee (1) → mentor (1 per allowed pair, cost −score) →
    sink (the mentor's capacity); the maximum flow of minimum cost is exactly the lexicographic
    objective: most mentees matched, then the largest total score. Returns (mentor index per
    mentee or -1, exact); exact=False when a large instance was thinned (see _thin). `keys`: the rows' and the
    columns' id keys (`id_keys`): ties between equally good assignments go by them, not by positions."""
    n, m = score.shape
    capacity = np.maximum(capacity.astype(np.int64), 0)
    result = np.full(n, -1)
    if n == 0 or m == 0 or capacity.sum() == 0:
        return result, True
    ok = np.isfinite(score)
    ok &= allowed
    if (capacity == 0).any():
        ok[:, capacity == 0] = False
    edges = int(np.count_nonzero(ok))
    if max_candidates is None and edges > DENSE_EDGE_LIMIT:
        max_candidates = CANDIDATES
    if max_candidates is not None and max_candidates < m:
        rows, cols = _thin(score, ok, max_candidates, MENTOR_CANDIDATES)
        exact = len(rows) == edges
    else:
        rows, cols = np.nonzero(ok)
        exact = True
    if not len(rows):
        return result, exact
    cost = -np.rint(score[rows, cols] * COST_SCALE).astype(np.int64) * TIE_SPAN
    if keys is not None:
        cost -= tie_keys(keys[0][rows], keys[1][cols])
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, source), rows, n + np.arange(m)]),
        np.concatenate([np.arange(n), n + cols, np.full(m, sink)]),
        np.concatenate([np.ones(n + len(rows), dtype=np.int64), capacity]),
        np.concatenate([np.zeros(n, dtype=np.int64), cost, np.zeros(m, dtype=np.int64)]))[n:n + len(rows)]
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(pair_arcs) > 0
    result[rows[used]] = cols[used]
    return result, exact


def _thin(score: np.ndarray, ok: np.ndarray, per_mentee: int, per_mentor: int) -> tuple[np.ndarray, np.ndarray]:
    """The allowed edges among each mentee's `per_mentee` best mentors and each mentor's `per_mentor`
    best mentees (ties: the lower index), without sorting whole rows: a strided sample of each row
    (and of the mentees) gives a floor that the best few almost surely reach; one comparison pass
    over blocks of mentees (parallel threads) collects everything above the floors; the few lines
    whose floor came out too high are searched in full. Then the exact best among the candidates."""
    n, m = score.shape
    k, l_ = min(per_mentee, m), min(per_mentor, n)
    sample = np.where(ok[::SAMPLE_STRIDE], score[::SAMPLE_STRIDE], -1.0).astype(np.float32, copy=False).T.copy()
    col_floor = _floor(sample, -(-l_ // SAMPLE_STRIDE) + 4)
    del sample

    def block(start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        s, o = score[start:start + BLOCK], ok[start:start + BLOCK]
        row_floor = _floor(np.where(o[:, ::SAMPLE_STRIDE], s[:, ::SAMPLE_STRIDE], -1.0).astype(np.float32, copy=False),
                           -(-k // SAMPLE_STRIDE) + 1)
        by_row = s >= row_floor[:, None]
        by_row &= o
        by_col = s >= col_floor[None, :]
        by_col &= o
        short = np.flatnonzero(by_row.sum(axis=1) < np.minimum(k, o.sum(axis=1)))
        col_count = by_col.sum(axis=0)
        by_row |= by_col
        r, c = np.nonzero(by_row)
        if len(short):
            top = np.argpartition(-np.where(o[short], s[short], -1.0), k - 1, axis=1)[:, :k]
            r, c = np.concatenate([r, np.repeat(short, k)]), np.concatenate([c, top.ravel()])
        return r + start, c, col_count

    with ThreadPoolExecutor(WORKERS) as pool:
        parts = list(pool.map(block, range(0, n, BLOCK)))
    r, c = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    short = np.flatnonzero(sum(p[2] for p in parts) < np.minimum(l_, ok.sum(axis=0)))
    if len(short):
        top = np.argpartition(-np.where(ok[:, short], score[:, short], -1.0), l_ - 1, axis=0)[:l_]
        r, c = np.concatenate([r, top.T.ravel()]), np.concatenate([c, np.repeat(short, l_)])
    real = ok[r, c]                        # a short line with fewer allowed than wanted brought in others
    key = np.sort(r[real].astype(np.int64) * m + c[real])
    key = key[np.r_[True, key[1:] != key[:-1]]]                     # a sort: np.unique hashes, 10× slower
    r, c = key // m, key % m
    v = score[r, c].astype(np.float64)
    keep = _best(r, v, k)
    by_mentor = np.lexsort((r, c))
    keep[by_mentor[_best(c[by_mentor], v[by_mentor], l_)]] = True
    return r[keep], c[keep]


def _floor(lines: np.ndarray, rank: int) -> np.ndarray:
    """Per row of `lines`: its `rank`-th largest value, at least 0 (allowed scores are never below)."""
    width = lines.shape[1]
    if rank > width:
        return np.zeros(len(lines), dtype=np.float32)
    return np.maximum(np.partition(lines, width - rank, axis=1)[:, width - rank], 0.0)


def _best(group: np.ndarray, values: np.ndarray, keep: int) -> np.ndarray:
    """Which entries are among the `keep` highest values of their group (ties: the earlier entry)."""
    order = np.argsort(group + (1.0 - values) * 0.5, kind="stable")      # values in [0, 1]
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(len(g)) - np.repeat(starts, np.diff(np.r_[starts, len(g)]))
    out = np.zeros(len(g), dtype=bool)
    out[order[rank < keep]] = True
    return out


def dense_reference(score: np.ndarray, capacity: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The same objective solved densely with linear_sum_assignment on slots (an independent check)."""
    from scipy.optimize import linear_sum_assignment     # only the check needs scipy: pages start without it
    n, m = score.shape
    slot_owner = np.repeat(np.arange(m), np.maximum(capacity, 0))
    ok = (allowed & np.isfinite(score))[:, slot_owner]
    big = float(n + 2)
    cost = np.where(ok, 1.0 + 1e-6 - np.nan_to_num(score)[:, slot_owner], big)
    cost = np.hstack([cost, np.full((n, n), big)])
    rows, cols = linear_sum_assignment(cost)
    out = np.full(n, -1)
    real = (cols < len(slot_owner)) & (cost[rows, cols] < big)
    out[rows[real]] = slot_owner[cols[real]]
    return out


def assign(mentees: pd.DataFrame, mentors: pd.DataFrame, *, locked: Iterable = (), forbidden: Iterable = (),
           min_score: float | None = None, scores: pd.DataFrame | None = None,
           weights: Mapping[str, float] | None = None, max_candidates: int | None = None,
           config: Config | None = None) -> Assignment:
    """An optimal capacity-aware assignment (see module doc). `locked`/`forbidden`: (mentee_id, mentor_id);
    `min_score` and the weights: the year's config's unless given."""
    config = outside_default(config)
    min_score = float(config.matching.min_score if min_score is None else min_score)
    scores = score_pairs(mentees, mentors, weights, config=config) if scores is None else scores
    locked_set = {(a, b) for a, b in _pairs_set(locked) if a in scores.index and b in scores.columns and a != b}
    forbidden_set = _pairs_set(forbidden)
    capacity = mentors["capacity"].reindex(scores.columns).fillna(0).astype(int).to_numpy() \
        if "capacity" in mentors else np.ones(scores.shape[1], dtype=int)
    col = {mid: j for j, mid in enumerate(scores.columns)}
    locked_by_mentee = {}
    for a, b in sorted(locked_set):
        if a not in locked_by_mentee:
            locked_by_mentee[a] = b
    remaining = capacity.copy()
    for b in locked_by_mentee.values():
        remaining[col[b]] -= 1
    free_mentees = [i for i, mid in enumerate(scores.index) if mid not in locked_by_mentee]
    everything = scores.to_numpy()
    values = everything if len(free_mentees) == len(scores) else everything[free_mentees]
    allowed = values >= min_score          # NaN (self) is never allowed
    if forbidden_set:
        for a, b in forbidden_set:
            if a in scores.index and b in col:
                pos = free_mentees.index(scores.index.get_loc(a)) if scores.index.get_loc(a) in free_mentees else None
                if pos is not None:
                    allowed[pos, col[b]] = False
    keys = (id_keys(scores.index[free_mentees]), id_keys(scores.columns))
    choice, exact = solve(values, np.maximum(remaining, 0), allowed, max_candidates=max_candidates, keys=keys)

    rows = [(scores.index.get_loc(a), col[b], True) for a, b in locked_by_mentee.items()]
    rows += [(i, j, False) for i, j in zip(free_mentees, choice) if j >= 0]
    ii = np.array([r[0] for r in rows], dtype=int)
    jj = np.array([r[1] for r in rows], dtype=int)
    pairs = pd.DataFrame({"mentee_id": scores.index[ii], "mentor_id": scores.columns[jj],
                          "locked": np.array([r[2] for r in rows], dtype=bool)})
    pairs["score"] = np.nan_to_num(scores.to_numpy()[ii, jj].astype(float), nan=0.0) if len(rows) else []
    e_rec, m_rec = _people(mentees, "mentee", config), _people(mentors, "mentor", config)
    pairs["reasons"] = [_reasons(e_rec[a], m_rec[b]) for a, b in zip(pairs.mentee_id, pairs.mentor_id)]
    pairs["topic"] = [_topic(e_rec[a], m_rec[b]) for a, b in zip(pairs.mentee_id, pairs.mentor_id)]
    pairs["group"] = group_ids(pairs)
    pairs = pairs[["mentee_id", "mentor_id", "score", "reasons", "topic", "group", "locked"]]
    unmatched = unmatched_reasons(mentees, mentors, scores, pairs, capacity, min_score, forbidden_set)
    return Assignment(pairs=pairs.reset_index(drop=True),
                      unmatched=unmatched,
                      exact=exact, objective=(len(pairs), float(pairs["score"].sum())))


def _topic(e: Mapping, m: Mapping) -> str:
    covered = [t for t in e["topics"] if t in m["topics"]]
    return covered[0] if covered else (e["topics"][0] if e["topics"] else "")


def unmatched_reasons(mentees: pd.DataFrame, mentors: pd.DataFrame, scores: pd.DataFrame, pairs: pd.DataFrame,
                      capacity: np.ndarray, min_score: float, forbidden: set) -> pd.DataFrame:
    """Why each mentee left without a mentor stays so — the coordinator's list for stage 5.3."""
    matched = set(pairs["mentee_id"])
    left = [i for i, mid in enumerate(scores.index) if mid not in matched]
    if not left:
        return pd.DataFrame(columns=["mentee_id", "reason"])
    ids = scores.index[left]
    sub, bank = mentees.reindex(ids), mentors.reindex(scores.columns)
    values = scores.to_numpy()[left]
    scorable = np.isfinite(values)
    ruled_out = [r.blocking(sub, bank, scorable) for r in RULES]      # a rule alone leaves no mentor at all
    fitting = values >= min_score                       # NaN (self) never fits
    col = {m: j for j, m in enumerate(scores.columns)}
    row = {m: i for i, m in enumerate(ids)}
    vetoed = np.zeros_like(fitting)
    for a, b in forbidden:
        if a in row and b in col:
            vetoed[row[a], col[b]] = True
    load = pairs.groupby("mentor_id").size().reindex(scores.columns).fillna(0).to_numpy()
    usable = fitting & ~vetoed
    free_left = (usable & (load < capacity)[None, :]).any(axis=1)
    n_usable = usable.sum(axis=1)
    any_fit = fitting.any(axis=1)
    best = np.fmax.reduce(values, axis=1)                # NaN only when no mentor could be scored
    reasons = []
    for k in range(len(ids)):
        if said := next((per_rule[k] for per_rule in ruled_out if per_rule[k]), None):
            reasons.append(said)
        elif not any_fit[k]:
            reasons.append(f"все варианты ниже порога ({_num(best[k])} < {_num(min_score)})" if not np.isnan(best[k])
                           else "нет наставников")
        elif not n_usable[k]:
            reasons.append("подходящие пары запрещены координатором")
        elif not free_left[k]:
            reasons.append(f"все подходящие наставники заняты ({int(n_usable[k])})")
        else:
            reasons.append("свободные наставники нужны другим наставляемым с меньшим выбором")
    return pd.DataFrame({"mentee_id": ids, "reason": reasons})


def names(bank: pd.DataFrame) -> dict[str, str]:
    return bank["full_name"].to_dict() if "full_name" in bank else {}


FORM, KIND = "Форма наставничества", "Вид наставничества"


def assignment_table(a: Assignment, mentees: pd.DataFrame, mentors: pd.DataFrame, *, approved: Iterable = (),
                     forms: pd.DataFrame | None = None, chosen: Mapping[tuple[str, str], tuple[str, str]] | None = None
                     ) -> pd.DataFrame:
    """The proposed pairs for people: names, score, reasons, topic, group, lock state; with `forms` (by pair
    code: form, type — analysis.mentoring_forms.for_proposal) the form and type of mentoring, a coordinator's
    `chosen` ones ((mentee_id, mentor_id) -> (form, type)) over them."""
    en, mn = names(mentees), names(mentors)
    approved = _pairs_set(approved)
    p = a.pairs
    table = pd.DataFrame({
        "Закрепить": p.locked, "Запретить": False,
        "Наставляемый": [en.get(x, x) for x in p.mentee_id], "Наставник": [mn.get(x, x) for x in p.mentor_id],
        "Балл": p.score.round(2), "Пара/группа": p.group, "Тема программы": p.topic, "Почему": p.reasons,
        "Утверждена": [(a_, b_) in approved for a_, b_ in zip(p.mentee_id, p.mentor_id)],
        "mentee_id": p.mentee_id, "mentor_id": p.mentor_id,
    })
    if forms is not None:
        chosen = chosen or {}
        picked = [chosen.get((e, m)) for e, m in zip(p.mentee_id, p.mentor_id)]
        table.insert(7, FORM, [c[0] if c else forms.form.get(g, "") for c, g in zip(picked, p.group)])
        table.insert(8, KIND, [c[1] if c else forms.type.get(g, "") for c, g in zip(picked, p.group)])
    return table


def chosen_forms(table: pd.DataFrame, forms: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """The forms and types a coordinator changed in the (edited) assignment table, by (mentee_id, mentor_id)."""
    out = {}
    for e, m, g, form, kind in zip(table.mentee_id, table.mentor_id, table["Пара/группа"], table[FORM], table[KIND]):
        if (form, kind) != (forms.form.get(g, ""), forms.type.get(g, "")):
            out[(e, m)] = (form, kind)
    return out


def with_forms(proposal: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """The proposal (mentee_id, mentor_id, …) with the form and type the table shows for each pair."""
    shown = dict(zip(zip(table.mentee_id, table.mentor_id), zip(table[FORM], table[KIND])))
    picked = [shown.get(k, ("", "")) for k in zip(proposal.mentee_id, proposal.mentor_id)]
    return proposal.assign(form=[f for f, _ in picked], type=[t for _, t in picked])
