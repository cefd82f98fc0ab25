"""Stage 5.3: the mentees still waiting for a pair — why, what was done for them, and a new mentor who suits them.

The list is exactly `analysis.overview.without_pair` (the «Без пары» of every page). Why each one waits comes
from the matching itself (`analysis.matching.assign` over the mentors' free places and its unmatched reasons);
the support log is the `Поддержка` service tab, appended to under the same rules as every write.
Pure pandas: no Streamlit.
"""
from __future__ import annotations

from typing import Iterable, Mapping, NamedTuple

import pandas as pd

from data_sources.base import TabChange

from . import normalize as nz
from .config import Config
from .matching import assign
from .overview import without_pair
from .program import Program, parse_form
from .schoolyear import year_finished
from .writes import Edit, place

COLUMNS = ["mentee_id", "name", "topics", "waiting_since", "reason", "support", "last_support", "new_mentors",
           "flagged"]


def free_places(program: Program) -> pd.Series:
    """Each mentor's places not taken by a pair that has not ended."""
    mentors = program.mentors
    if not len(mentors):
        return pd.Series(dtype=int)
    active = program.active_pairs()
    load = active.groupby("mentor_id").size() if len(active) else pd.Series(dtype=int)
    return (mentors["capacity"] - load.reindex(mentors.index).fillna(0).astype(int)).clip(lower=0).astype(int)


class OpenBank(NamedTuple):
    """Who «Подбор пар» matches: the mentees of the bank not in an active pair and the mentors' places."""
    mentees: pd.DataFrame        # the bank without mentees paired with a mentor outside the mentor bank
    mentors: pd.DataFrame        # capacity less the places taken by mentees outside the mentee bank
    approved: set                # active pairs of two people of the banks: locked in every proposal
    paired_outside: list         # mentees of the bank paired with a mentor outside it (counted as paired)


def open_bank(program: Program) -> OpenBank:
    """One meaning of «в паре»: a mentee in an active row of «Пары» is paired, wherever the mentor comes from, and
    is never offered another mentor; a mentor's places taken by a mentee outside the bank are not offered again."""
    mentees, mentors, active = program.mentees, program.mentors, program.active_pairs()
    if not len(active):
        return OpenBank(mentees, mentors, set(), [])
    in_banks = active[active.mentee_id.isin(mentees.index) & active.mentor_id.isin(mentors.index)]
    outside = sorted(set(active.mentee_id[active.mentee_id.isin(mentees.index) & ~active.mentor_id.isin(mentors.index)])
                     - set(in_banks.mentee_id))
    taken = active[~active.mentee_id.isin(mentees.index)].groupby("mentor_id").size()
    if len(taken) and len(mentors):
        mentors = mentors.assign(capacity=(mentors["capacity"] - taken.reindex(mentors.index).fillna(0).astype(int))
                                 .clip(lower=0).astype(int))
    return OpenBank(mentees.drop(index=outside), mentors, set(zip(in_banks.mentee_id, in_banks.mentor_id)), outside)


def support_log(program: Program) -> pd.DataFrame:
    """The `Поддержка` tab as read: date, mentee_email, mentee_name, kind, action, by (empty when none yet)."""
    log = program.extra.get("support", pd.DataFrame())
    cols = ["date", "mentee_email", "mentee_name", "kind", "action", "by"]
    if not len(log):
        return pd.DataFrame(columns=["_row", *cols])
    return log


def _reasons(program: Program, waiting: list[str], free: pd.Series, config: Config, forbidden: Iterable = ()
             ) -> dict[str, str]:
    """Why each waiting mentee has no pair, from a matching of the waiting over the mentors' free places (the
    year's threshold and weights, the pairs the coordinator vetoed on «Подбор пар» and the pairs that ended)."""
    if not waiting:
        return {}
    if not len(program.mentors):
        return {m: "в банке нет наставников" for m in waiting}
    mentors = program.mentors.assign(capacity=free.reindex(program.mentors.index).fillna(0).astype(int))
    result = assign(program.mentees.loc[waiting], mentors, forbidden=set(forbidden) | ended_pairs(program), config=config)
    finished = year_finished(program, config, config.today())
    names = mentors["full_name"].to_dict() if "full_name" in mentors else {}
    out = {r.mentee_id: r.reason for r in result.unmatched.itertuples(index=False)}
    topics = _topics(program.mentees)
    covered = {t for ts in _topics(program.mentors).values() for t in ts}
    for r in result.pairs.itertuples(index=False):
        mentor = names.get(r.mentor_id, r.mentor_id)
        if topics.get(r.mentee_id) and not covered & set(topics[r.mentee_id]):
            out[r.mentee_id] = (f"нет наставника по темам запроса ({', '.join(topics[r.mentee_id])}): их не ведёт ни один "
                                f"наставник банка; ближе всего по другим признакам — {mentor}")
            continue
        out[r.mentee_id] = (f"был подходящий наставник со свободным местом ({mentor}) — пару в этом году не утвердили"
                            if finished else f"есть подходящий наставник со свободным местом ({mentor}) — "
                            "предложите пару на странице «Подбор пар»")
    return out


def ended_pairs(program: Program) -> set[tuple[str, str]]:
    """(mentee, mentor) of the pairs that ended early or were dissolved: never proposed again."""
    pairs = program.pairs
    if not len(pairs) or "active" not in pairs:
        return set()
    ended = pairs[~pairs["active"].astype(bool)]
    return set(zip(ended["mentee_id"].astype(str), ended["mentor_id"].astype(str)))


def _topics(bank: pd.DataFrame) -> dict[str, list[str]]:
    return {pid: list(ts) for pid, ts in bank["topics"].items() if isinstance(ts, list)} if "topics" in bank else {}


def waiting_list(program: Program, config: Config, *, forbidden: Iterable = ()) -> pd.DataFrame:
    """The mentees in the bank without an approved pair (the same set as «Без пары»), each with why, the support
    given (count, last date), and the mentors who answered the survey after the mentee was left waiting (later
    than the mentee's answer, the first approval of pairs and the last support) and suit them: share a requested topic and have a free place.
    `flagged`: such a mentor exists."""
    waiting = sorted(without_pair(program))
    if not waiting:
        return pd.DataFrame(columns=COLUMNS)
    mentees, mentors = program.mentees, program.mentors
    free = free_places(program)
    reasons = _reasons(program, waiting, free, config, forbidden)
    log = support_log(program)
    when = pd.to_datetime(log["date"], errors="coerce") if len(log) else pd.Series(dtype="datetime64[ns]")
    by_mentee = {m: when[log["mentee_email"] == m].dropna() for m in set(log["mentee_email"].dropna())} if len(log) else {}
    m_topics = mentors["topics"] if "topics" in mentors else pd.Series([[]] * len(mentors), index=mentors.index)
    m_time = pd.to_datetime(mentors["timestamp"], errors="coerce") if "timestamp" in mentors else \
        pd.Series(pd.NaT, index=mentors.index)
    m_names = mentors["full_name"].to_dict() if "full_name" in mentors else {}
    starts = pd.to_datetime(program.pairs["start"], errors="coerce").dropna() if len(program.pairs) else []
    approved = starts.min() if len(starts) else pd.NaT      # the first pairs approved: who is left waiting since
    rows = []
    for m in waiting:
        topics = list(mentees.at[m, "topics"]) if "topics" in mentees and isinstance(mentees.at[m, "topics"], list) else []
        answered = pd.to_datetime(mentees.at[m, "timestamp"], errors="coerce") if "timestamp" in mentees else pd.NaT
        support = by_mentee.get(m, pd.Series(dtype="datetime64[ns]"))
        last = support.max() if len(support) else pd.NaT
        since = max([t for t in (answered, last, approved) if pd.notna(t)], default=pd.NaT)
        new = [mid for mid in mentors.index
               if mid != m and pd.notna(since) and pd.notna(m_time[mid]) and m_time[mid] > since
               and free.get(mid, 0) > 0 and set(topics) & set(m_topics[mid] or [])]
        rows.append({"mentee_id": m, "name": str(mentees.at[m, "full_name"]) if "full_name" in mentees else m,
                     "topics": ", ".join(topics), "waiting_since": answered, "reason": reasons.get(m, ""),
                     "support": len(support), "last_support": last,
                     "new_mentors": ", ".join(str(m_names.get(x, x)) for x in new), "flagged": bool(new)})
    return pd.DataFrame(rows, columns=COLUMNS)


def support_edit(fresh: pd.DataFrame | None, entry: Mapping[str, object], config: Config) -> Edit:
    """Append one support record (date, mentee_email, mentee_name, kind, action, by) to the `Поддержка` tab as it
    is now (`fresh`); every row there stays. The same record saved twice (same date, mentee, kind and what was
    done) is not written again, and a record without what was done is not written — each said with the reason."""
    spec = config.service["support"]
    action = nz.clean_text(str(entry.get("action") or ""))
    if not action or not entry.get("mentee_email") or entry.get("date") is None:
        what = "что сделано" if not action else "наставляемый" if not entry.get("mentee_email") else "дата"
        return Edit(TabChange(header=place(fresh, spec, [], config)[0]),
                    skipped=[f"запись не сохранена: не указано поле «{what}» — заполните его и сохраните снова."])
    parsed = parse_form(fresh, spec, spec.tab, config)[0] if fresh is not None and fresh.shape[1] else pd.DataFrame()
    key = (pd.Timestamp(entry["date"]).normalize(), str(entry["mentee_email"]), nz.fold(str(entry.get("kind") or "")),
           nz.fold(action))
    for r in parsed.to_dict("records"):
        when = pd.to_datetime(r.get("date"), errors="coerce")
        if pd.notna(when) and (when.normalize(), str(r.get("mentee_email") or ""), nz.fold(str(r.get("kind") or "")),
                               nz.fold(str(r.get("action") or ""))) == key:
            return Edit(TabChange(header=place(fresh, spec, [], config)[0]),
                        skipped=[f"такая запись уже есть (строка {int(r['_row'])} листа «{spec.tab}») — не добавлена."])
    record = {**{k: v for k, v in entry.items() if k in spec.fields}, "action": action,
              "date": pd.Timestamp(entry["date"]).normalize()}
    header, rows, _ = place(fresh, spec, [record], config)
    return Edit(TabChange(header=header, append=rows), added=len(rows))
