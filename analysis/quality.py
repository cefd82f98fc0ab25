"""Program quality (stage 6): questionnaire metrics, mentor/mentee perception, pair health.

Following the monitoring of the national mentoring methodology: the same 1–10 items before
(entry questionnaire) and after (final), from both sides. Everything is pure pandas; every
threshold comes from config [quality]; a group with fewer than `min_group` answers is never
shown on its own (its statistics are left empty).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from . import normalize as nz
from .config import Config, outside_default
from .overview import headline, participants
from .plans import plan_progress
from .program import Program
from .responses import response_summary
from .schoolyear import year_bounds
from .writes import practice_key

# the 1–10 items the quality page compares (entry → final, mentee ↔ mentor); their labels are [quality.items]
ITEMS = ("effectiveness", "comfort", "usefulness", "clarity", "support", "satisfaction")
YESNO_RU = {"glad": "Рады участию", "continue": "Хотят продолжить", "become_mentor": "Хотят стать наставником"}
FREQUENCY_RU = {"open_lessons": "Открытые уроки", "joint_work": "Совместная работа", "meetings": "Личные встречи"}
ROLE_RU = {"mentee": "наставляемые", "mentor": "наставники"}
KIND_RU = {"entry": "входная", "final": "итоговая"}
HEALTH_RU = {"active": "активна", "new": "новая, встреч ещё нет", "quiet": "затихла", "at_risk": "в зоне риска",
             "no_answer": "нет ответа"}


@dataclass
class QualityReport:
    response: pd.DataFrame       # role, kind, respondents, expected, rate
    items: pd.DataFrame          # item, role, kind, n, mean, median, satisfied (share >= satisfied_from)
    distribution: pd.DataFrame   # item, role, kind, score, count
    change: pd.DataFrame         # item, role, n, entry, final, delta (people who answered both)
    gap: pd.DataFrame            # item, mentee, mentor, gap (final, mentor − mentee)
    pair_gap: pd.DataFrame       # mentee_id, mentor_id, mentee, mentor, gap (final means)
    yesno: pd.DataFrame          # question, role, n, yes (share)
    frequency: pd.DataFrame      # question, role, answer, count
    health: pd.DataFrame         # mentee_id, mentor_id, group, meetings, last_meeting, weeks_since, status, reasons
    open_answers: pd.DataFrame   # role, person_id, best_practice, improve (staff pages only)
    has_final: bool = False
    has_entry: bool = False
    summary: dict = field(default_factory=dict)


def _item_columns(surveys: pd.DataFrame) -> list[str]:
    return [c for c in ITEMS if c in surveys]


def _person_mean(surveys: pd.DataFrame) -> pd.Series:
    cols = _item_columns(surveys)
    return surveys[cols].apply(pd.to_numeric, errors="coerce").mean(axis=1) if cols else pd.Series(dtype=float)


def response_rates(program: Program, config: Config) -> pd.DataFrame:
    """role, kind, respondents, expected, rate, collected — `analysis.responses.response_summary` by role and kind."""
    r = response_summary(program, config)
    r = r[r["role"].isin(["mentee", "mentor"]) & r["kind"].isin(["entry", "final"])]
    return (r.rename(columns={"answered": "respondents"})[["role", "kind", "respondents", "expected", "rate", "collected"]]
            .reset_index(drop=True))


def item_stats(surveys: pd.DataFrame, low: int, high: int, satisfied_from: int, min_group: int
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    stats, dist = [], []
    for (role, kind), part in surveys.groupby(["role", "kind"]) if len(surveys) else []:
        for item in _item_columns(part):
            values = pd.to_numeric(part[item], errors="coerce").dropna()
            n = len(values)
            small = n < min_group
            stats.append({"item": item, "role": role, "kind": kind, "n": n,
                          "mean": np.nan if small else values.mean(), "median": np.nan if small else values.median(),
                          "satisfied": np.nan if small else (values >= satisfied_from).mean()})
            if not small:
                counts = values.astype(int).value_counts().reindex(range(low, high + 1), fill_value=0)
                dist += [{"item": item, "role": role, "kind": kind, "score": k, "count": int(v)} for k, v in counts.items()]
    return (pd.DataFrame(stats, columns=["item", "role", "kind", "n", "mean", "median", "satisfied"]),
            pd.DataFrame(dist, columns=["item", "role", "kind", "score", "count"]))


def entry_to_final(surveys: pd.DataFrame, min_group: int) -> pd.DataFrame:
    """Change from expectation to result for the people who answered both questionnaires."""
    rows = []
    if not len(surveys):
        return pd.DataFrame(columns=["item", "role", "n", "entry", "final", "delta"])
    for role, part in surveys.groupby("role"):
        entry = part[part["kind"] == "entry"].set_index("person_id")
        final = part[part["kind"] == "final"].set_index("person_id")
        both = entry.index.intersection(final.index)
        for item in _item_columns(part):
            e = pd.to_numeric(entry.loc[both, item], errors="coerce")
            f = pd.to_numeric(final.loc[both, item], errors="coerce")
            ok = e.notna() & f.notna()
            n = int(ok.sum())
            small = n < min_group
            rows.append({"item": item, "role": role, "n": n, "entry": np.nan if small else e[ok].mean(),
                         "final": np.nan if small else f[ok].mean(), "delta": np.nan if small else (f[ok] - e[ok]).mean()})
    return pd.DataFrame(rows, columns=["item", "role", "n", "entry", "final", "delta"])


def perception_gap(surveys: pd.DataFrame, pairs: pd.DataFrame, min_group: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentor vs mentee on the final questionnaire: per item, and per pair (both sides answered)."""
    final = surveys[surveys["kind"] == "final"] if len(surveys) else surveys
    items = []
    for item in _item_columns(final) if len(final) else []:
        vals = {r: pd.to_numeric(final.loc[final["role"] == r, item], errors="coerce").dropna() for r in ("mentee", "mentor")}
        ok = all(len(v) >= min_group for v in vals.values())
        m_e, m_m = (vals["mentee"].mean(), vals["mentor"].mean()) if ok else (np.nan, np.nan)
        items.append({"item": item, "mentee": m_e, "mentor": m_m, "gap": m_m - m_e})
    per_pair = []
    if len(final) and len(pairs):
        means = pd.Series(_person_mean(final).to_numpy(), index=list(zip(final["role"], final["person_id"])))
        for r in pairs.itertuples(index=False):
            e, m = means.get(("mentee", r.mentee_id)), means.get(("mentor", r.mentor_id))
            if e is not None and m is not None and pd.notna(e) and pd.notna(m):
                per_pair.append({"mentee_id": r.mentee_id, "mentor_id": r.mentor_id, "mentee": e, "mentor": m, "gap": m - e})
    return (pd.DataFrame(items, columns=["item", "mentee", "mentor", "gap"]),
            pd.DataFrame(per_pair, columns=["mentee_id", "mentor_id", "mentee", "mentor", "gap"]))


def yes_no_and_frequency(surveys: pd.DataFrame, min_group: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    final = surveys[surveys["kind"] == "final"] if len(surveys) else surveys
    yn, fr = [], []
    for role, part in final.groupby("role") if len(final) else []:
        for q in YESNO_RU:
            if q in part:
                v = pd.to_numeric(part[q], errors="coerce").dropna()
                if not len(v):
                    continue
                yn.append({"question": q, "role": role, "n": len(v),
                           "yes": np.nan if len(v) < min_group else float((v == 1).mean())})
        for q in FREQUENCY_RU:
            if q in part:
                v = part[q].replace("", np.nan).dropna()
                if len(v) >= min_group:
                    fr += [{"question": q, "role": role, "answer": a, "count": int(c)} for a, c in v.value_counts().items()]
    return (pd.DataFrame(yn, columns=["question", "role", "n", "yes"]),
            pd.DataFrame(fr, columns=["question", "role", "answer", "count"]))


def pair_health(program: Program, config: Config, today: date) -> pd.DataFrame:
    """Each approved pair: meetings logged, last meeting, weeks since, and a status with reasons (`config`: the
    year's, for the plans' thresholds)."""
    cols = ["mentee_id", "mentor_id", "group", "topic", "meetings", "last_meeting", "weeks_since", "status", "reasons"]
    pairs = program.pairs
    if not len(pairs):
        return pd.DataFrame(columns=cols)
    settings = config.quality
    as_of = min(pd.Timestamp(today), year_bounds(program, config)[1])
    log = program.extra.get("meetings", pd.DataFrame())
    when = pd.Series(dtype="datetime64[ns]")
    if len(log):
        key = log["mentee_email"].where(log["mentee_email"].notna() & (log["mentee_email"] != ""), log["email"])
        when = pd.to_datetime(log["date"].where(log["date"].notna(), log["timestamp"]), errors="coerce")
        when.index = key.values
        if pd.Timestamp(today) > as_of and when.notna().any():
            as_of = min(as_of, when.max())      # a finished year is judged at its last logged meeting
    surveys = program.surveys
    final = surveys[surveys["kind"] == "final"] if len(surveys) else surveys
    has_final = bool(len(final))
    means = pd.Series(_person_mean(final).to_numpy(), index=list(zip(final["role"], final["person_id"]))) if has_final \
        else pd.Series(dtype=float)
    cont = dict(zip(final.loc[final["role"] == "mentee", "person_id"],
                    pd.to_numeric(final.loc[final["role"] == "mentee", "continue"], errors="coerce"))) \
        if has_final and "continue" in final else {}
    quiet_weeks, low, gap_at = settings.quiet_after_weeks, settings.risk_score_below, settings.risk_gap_at_least
    progress = plan_progress(program, config, today=today, saved_only=True)          # a saved ППН overdue by N weeks puts the pair at risk
    plan_late = dict(zip(progress["group"], progress["reason"].where(progress["at_risk"], "")))
    rows = []
    for r in pairs.itertuples(index=False):
        dates = when[when.index == r.mentee_id].dropna() if len(when) else when
        dates = dates[dates <= as_of]
        last = dates.max() if len(dates) else pd.NaT
        start = pd.Timestamp(r.start) if r.start is not None and pd.notna(r.start) else pd.NaT
        since = (as_of - (last if pd.notna(last) else start)).days / 7 if pd.notna(last) or pd.notna(start) else np.nan
        e, m = means.get(("mentee", r.mentee_id)), means.get(("mentor", r.mentor_id))
        risk = []
        if e is not None and pd.notna(e) and e < low:
            risk.append(f"низкие оценки наставляемого ({e:.1f})".replace(".", ","))
        if m is not None and pd.notna(m) and m < low:
            risk.append(f"низкие оценки наставника ({m:.1f})".replace(".", ","))
        if e is not None and m is not None and pd.notna(e) and pd.notna(m) and abs(m - e) >= gap_at:
            risk.append(f"расхождение оценок {abs(m - e):.1f} балла".replace(".", ","))
        if cont.get(r.mentee_id) == 0:
            risk.append("наставляемый не хочет продолжать")
        if plan_late.get(r.group):
            risk.append(plan_late[r.group])
        reasons = list(risk)
        if risk:
            status = "at_risk"
        elif pd.notna(since) and since >= quiet_weeks:
            status = "quiet"
            reasons.append(f"нет встреч {int(since)} нед." if pd.notna(last) else "встречи не записаны в журнал")
        elif has_final and e is None and m is None:
            status = "no_answer"
            reasons.append("ни одна сторона не ответила на итоговую анкету")
        elif not len(dates):
            status = "new"            # approved lately: no meeting logged, not yet long enough to be quiet
        else:
            status = "active"
        if has_final and status != "no_answer" and (e is None) != (m is None):
            reasons.append("на итоговую анкету ответила одна сторона")
        if str(r.status or "").lower().startswith("заверш"):
            reasons.append(f"статус пары: {r.status}")
        rows.append({"mentee_id": r.mentee_id, "mentor_id": r.mentor_id, "group": r.group, "topic": r.topic,
                     "meetings": len(dates), "last_meeting": last, "weeks_since": since, "status": status,
                     "reasons": "; ".join(reasons)})
    return pd.DataFrame(rows, columns=cols)


def quality_report(program: Program, config: Config | None = None, today: date | None = None) -> QualityReport:
    config = outside_default(config)
    q = config.quality
    low, high, min_group = q.scale_min, q.scale_max, q.min_group
    today = today or config.today()
    s = program.surveys
    items, dist = item_stats(s, low, high, q.satisfied_from, min_group)
    gap, pair_gap = perception_gap(s, program.pairs, min_group)
    yn, freq = yes_no_and_frequency(s, min_group)
    health = pair_health(program, config, today)
    text_cols = [c for c in ("best_practice", "improve") if c in s]
    open_answers = s.loc[s["kind"] == "final", ["role", "person_id", *text_cols]] if len(s) and text_cols \
        else pd.DataFrame(columns=["role", "person_id", "best_practice", "improve"])
    open_answers = open_answers[open_answers[text_cols].replace("", np.nan).notna().any(axis=1)] if len(open_answers) else open_answers
    has_final = bool(len(s)) and (s["kind"] == "final").any()
    has_entry = bool(len(s)) and (s["kind"] == "entry").any()
    report = QualityReport(response=response_rates(program, config), items=items, distribution=dist,
                           change=entry_to_final(s, min_group), gap=gap, pair_gap=pair_gap, yesno=yn,
                           frequency=freq, health=health, open_answers=open_answers.reset_index(drop=True),
                           has_final=bool(has_final), has_entry=bool(has_entry))
    report.summary = summary(report)
    return report


def summary(report: QualityReport) -> dict:
    """Headline figures (aggregates only): satisfaction by role, response rates, pairs at risk."""
    def pick(item: str, role: str, kind: str, col: str):
        row = report.items[(report.items["item"] == item) & (report.items["role"] == role) & (report.items["kind"] == kind)]
        return float(row[col].iloc[0]) if len(row) and pd.notna(row[col].iloc[0]) else None

    kind = "final" if report.has_final else "entry"
    rate = report.response.set_index(["role", "kind"])["rate"] if len(report.response) else pd.Series(dtype=float)
    counts = report.health["status"].value_counts() if len(report.health) else pd.Series(dtype=int)
    return {
        "kind": kind,
        "mentee_satisfaction": pick("satisfaction", "mentee", kind, "mean"),
        "mentor_satisfaction": pick("satisfaction", "mentor", kind, "mean"),
        "mentee_satisfied_share": pick("satisfaction", "mentee", kind, "satisfied"),
        "mentee_rate": float(rate.get(("mentee", kind), np.nan)),
        "mentor_rate": float(rate.get(("mentor", kind), np.nan)),
        "at_risk": int(counts.get("at_risk", 0)), "quiet": int(counts.get("quiet", 0)),
        "active": int(counts.get("active", 0)), "new": int(counts.get("new", 0)), "pairs": len(report.health),
    }


def compare_years(programs: dict[str, Program], config: Config, today: date | None = None,
                  reports: dict[str, QualityReport] | None = None) -> pd.DataFrame:
    """The same headline metrics for every academic year, side by side (rows = years). `reports`: quality
    reports already made (by year); the other years' are computed."""
    rows = []
    for year, program in programs.items():
        h = headline(program)
        q = ((reports or {}).get(year) or quality_report(program, config, today)).summary
        rows.append({"year": year, "mentees": h.mentees, "mentors": h.mentors, "groups": h.groups,
                     "in_pairs": len(participants(program.pairs)), "response_rate": h.response_rate,
                     "mentee_satisfaction": q["mentee_satisfaction"], "mentor_satisfaction": q["mentor_satisfaction"],
                     "satisfied_share": q["mentee_satisfied_share"], "at_risk": q["at_risk"], "kind": q["kind"]})
    out = pd.DataFrame(rows, columns=["year", "mentees", "mentors", "groups", "in_pairs", "response_rate",
                                      "mentee_satisfaction", "mentor_satisfaction", "satisfied_share", "at_risk", "kind"])
    rates = ["response_rate", "mentee_satisfaction", "mentor_satisfaction", "satisfied_share"]
    out[rates] = out[rates].apply(pd.to_numeric).astype(float)     # None (not enough answers) → NaN
    return out


def practices_bank(programs: dict[str, Program]) -> pd.DataFrame:
    """Best practices of every year: the `Практики` tab and the final questionnaires' open answers.

    Columns: year, source, title, topic, subject, authors, description, chosen, key (the practice's identity
    in the tab; "" for a questionnaire answer not in the tab yet). An answer already copied into the tab (same
    description) is listed once, as the tab's row. Staff pages only: the questionnaire answers carry the
    respondent's name in `authors`."""
    rows = []
    for year, p in programs.items():
        pr = p.practices
        in_tab = set()
        for r in pr.to_dict("records") if len(pr) else []:
            in_tab.add(nz.fold(str(r.get("description") or "")))
            rows.append({"year": year, "source": "копилка", "title": r.get("title") or "", "topic": r.get("topic") or "",
                         "subject": r.get("subject") or "", "authors": r.get("authors") or "",
                         "description": r.get("description") or "", "chosen": bool((r.get("chosen") or 0) >= 1),
                         "key": practice_key(r.get("title"), r.get("description"))})
        s = p.surveys
        if len(s) and "best_practice" in s:
            final = s[(s["kind"] == "final") & s["best_practice"].fillna("").astype(str).str.strip().ne("")]
            topic_of = dict(zip(p.pairs["mentee_id"], p.pairs["topic"])) if len(p.pairs) else {}
            topic_of.update({m: t for m, t in zip(p.pairs["mentor_id"], p.pairs["topic"])} if len(p.pairs) else {})
            name_of = {**(p.mentees["full_name"].to_dict() if "full_name" in p.mentees else {}),
                       **(p.mentors["full_name"].to_dict() if "full_name" in p.mentors else {})}
            subject_of = {pid: ", ".join(v) for pid, v in
                          {**(p.mentees["subjects"].to_dict() if "subjects" in p.mentees else {}),
                           **(p.mentors["subjects"].to_dict() if "subjects" in p.mentors else {})}.items()
                          if isinstance(v, list)}
            for r in final.itertuples(index=False):
                if nz.fold(str(r.best_practice)) in in_tab:
                    continue
                rows.append({"year": year, "source": f"анкета ({ROLE_RU[r.role]})", "title": "",
                             "topic": topic_of.get(r.person_id, ""), "subject": subject_of.get(r.person_id, ""),
                             "authors": name_of.get(r.person_id, r.person_id), "description": str(r.best_practice),
                             "chosen": False, "key": ""})
    return pd.DataFrame(rows, columns=["year", "source", "title", "topic", "subject", "authors", "description", "chosen", "key"])
