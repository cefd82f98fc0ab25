"""What a write adds to a service tab, worked out from a fresh read of that tab (pure pandas).

The one rule of every write: the rows already in the tab stay exactly as they are. A write appends only
what is new — and, for a practice's «Отобрана» mark, sets that one cell of the row found by its content —
and says what it did not write and why. The caller reads the tab fresh under a lock, calls one of the
`*_edit` functions and hands `Edit.change` to the source (`apply_change`).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, NamedTuple

import pandas as pd

from data_sources.base import TabChange

from . import normalize as nz
from .config import Config, FormSpec
from .program import group_ids, match_headers, parse_form

SWOT_SECTIONS = ("Сильные стороны", "Слабые стороны", "Возможности", "Угрозы")
SWOT_HEADER = ["Раздел", "Текст", "Сохранено"]
YES, NO = "Да", "Нет"


@dataclass
class Edit:
    """One write: the change for the source, and what a coordinator is told."""
    change: TabChange
    added: int = 0                                       # rows appended
    updated: int = 0                                     # cells of existing rows set
    skipped: list[str] = field(default_factory=list)     # what was not written, and why (Russian)
    conflicts: list[str] = field(default_factory=list)   # changed by a colleague since the page was drawn: not written


def three_way(mine: object, was: object, now: object) -> str | None:
    """One item a page saves: `mine` on the page, `was` when the page was drawn, `now` in the sheet (fresh).
    None — nothing to write (not changed on the page, so a colleague's change stands; or the sheet holds it
    already); "write"; "conflict" — both this page and the sheet changed it since: not written, said."""
    if mine == was or mine == now:
        return None
    return "conflict" if now != was else "write"


def meanwhile(row: int | None, saved: object, tab: str) -> str:
    """Where and when a colleague's change is: «строка 7 листа «SWOT», сохранено 03.12.2026 14:05»."""
    when = pd.to_datetime(saved, errors="coerce", dayfirst=True) if saved not in (None, "") else pd.NaT
    return (f"строка {row} листа «{tab}»" if row else f"лист «{tab}»") + \
        (f", сохранено {when:%d.%m.%Y %H:%M}" if pd.notna(when) else "")


def fingerprint(tabs: Mapping[str, pd.DataFrame], names: Iterable[str | None]) -> str:
    """What the named tabs hold, as one short digest: equal for two reads of the same cells (a page drawn from
    data that did not change is not outdated because it was read again)."""
    digest = hashlib.blake2b(digest_size=12)
    for name in names:
        frame = tabs.get(name) if name else None
        digest.update(str(name).encode())
        if frame is not None:
            digest.update("\x1f".join(map(str, frame.columns)).encode())
            digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).values.tobytes())
    return digest.hexdigest()


def header_of(tab: pd.DataFrame | None) -> list[str]:
    return [str(c) for c in tab.columns] if tab is not None and tab.shape[1] else []


def place(current: pd.DataFrame | None, spec: FormSpec, records: list[Mapping[str, object]],
          config: Config, need: Iterable[str] = ()) -> tuple[list[str], list[list[object]], dict[str, int]]:
    """`records` (field -> value) as rows under the tab's own headers. A field the tab has no column for
    gets a header cell at the right end; the existing header is kept as it is.
    Returns (header after the change, rows, field -> column)."""
    header = header_of(current)
    found, _ = match_headers(header, spec, spec.tab) if header else ({}, [])
    where = dict(found)
    wanted = ({name for r in records for name in r} | set(need)) if header else set(spec.fields)
    for name, f in spec.fields.items():
        if name not in where and name in wanted:
            header.append(f.headers[0] if f.headers else name)
            where[name] = len(header) - 1
    rows = []
    for r in records:
        line: list[object] = [""] * len(header)
        for name, value in r.items():
            if name in where:
                line[where[name]] = _typed(spec, name, value)
        rows.append(line)
    return header, rows, where


def _typed(spec: FormSpec, name: str, value: object) -> object:
    """A date field as a date (a real date in an .xlsx), everything else as text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if spec.fields[name].type == "date" and not isinstance(value, str):
        return pd.Timestamp(value)
    return str(value)


# --- pairs -----------------------------------------------------------------
_CODE = re.compile(r"^\s*([ПГ])-(\d+)")


def _codes_after(codes: list[str], used: Iterable[object]) -> list[str]:
    """`codes` (П-n / Г-n) renumbered to follow the numbers already `used` for each letter."""
    top = {"П": 0, "Г": 0}
    for code in used:
        m = _CODE.match(str(code or ""))
        if m:
            top[m[1]] = max(top[m[1]], int(m[2]))
    renamed = {}
    for code in sorted(set(codes)):
        m = _CODE.match(code)
        letter = m[1] if m else "П"
        top[letter] += 1
        renamed[code] = f"{letter}-{top[letter]:02d}"
    return [renamed[c] for c in codes]


def _pairs_in(tab: pd.DataFrame | None, spec: FormSpec, config: Config) -> pd.DataFrame:
    """The pair rows of a `Пары` tab as read (e-mails normalized), with their sheet row numbers."""
    cols = ["_row", "mentee_email", "mentor_email", "group", "topic", "start", "status", "program"]
    if tab is None or not tab.shape[1]:
        return pd.DataFrame(columns=cols)
    parsed, _, _ = parse_form(tab, spec, spec.tab, config)
    return parsed if not parsed.empty else pd.DataFrame(columns=cols)


def _code_order(code: str) -> tuple:
    m = _CODE.match(str(code or ""))
    return (m[1], int(m[2])) if m else ("", 0)


def _codes(new: pd.DataFrame, have: pd.DataFrame) -> list[str]:
    """Codes for new pairs: a mentee joining a mentor's existing group on the same topic gets that group's
    code (Г-n); the others are numbered after the codes in use (a mentor's new mentees on one topic, Г-n)."""
    groups = {(m, t): g for m, t, g in zip(have["mentor_email"], have["topic"], have["group"])
              if str(g or "").strip().startswith("Г")}
    joins = [groups.get((m, t)) for m, t in zip(new["mentor_id"], new["topic"])]
    rest = new[[j is None for j in joins]]
    fresh = iter(_codes_after(group_ids(rest), have["group"]))
    return [j if j is not None else next(fresh) for j in joins]


class Approval(NamedTuple):
    sheet: pd.DataFrame      # the `Пары` tab after approving (every row before it as it was, then the new ones)
    pairs: pd.DataFrame      # the proposal as approved: codes, topics, dates of pairs approved before kept
    added: int               # new pairs among them
    change: TabChange        # what approving appends to the tab


def approve(current: pd.DataFrame | None, proposal: pd.DataFrame, mentees: pd.DataFrame, mentors: pd.DataFrame, *,
            start: pd.Timestamp, config: Config) -> Approval:
    """The `Пары` tab after approving `proposal` (mentee_id, mentor_id, topic, …): every row already in
    `current` exactly as it is — codes, start dates, programmes, statuses, pairs of people who have left
    the banks, rows the app could not read — then the new pairs, their codes numbered after those in use."""
    spec = config.service["pairs"]
    have = _pairs_in(current, spec, config)
    old = have.drop_duplicates(["mentee_email", "mentor_email"]).set_index(["mentee_email", "mentor_email"])
    is_new = [(a, b) not in old.index for a, b in zip(proposal.mentee_id, proposal.mentor_id)]
    new = proposal.loc[pd.Series(is_new, index=proposal.index, dtype=bool)].copy()
    new["group"] = _codes(new, have)
    settled = proposal.copy()
    settled.loc[is_new, "group"] = new["group"].tolist()
    was = [not n for n in is_new]
    kept = [(a, b) for a, b, w in zip(proposal.mentee_id, proposal.mentor_id, was) if w]
    for col in ("group", "topic", "start", "status", "program"):
        settled.loc[was, col] = [old.at[k, col] for k in kept]

    def name_of(bank: pd.DataFrame, pid: str) -> str:
        return str(bank.at[pid, "full_name"]) if pid in bank.index and "full_name" in bank else ""

    records = [{"mentee_email": r.mentee_id, "mentee_name": name_of(mentees, r.mentee_id),
                "mentor_email": r.mentor_id, "mentor_name": name_of(mentors, r.mentor_id),
                "group": r.group, "topic": getattr(r, "topic", "") or "", "start": pd.Timestamp(start),
                "status": "утверждена", "program": ""}
               for r in new.iloc[sorted(range(len(new)), key=lambda i: _code_order(new["group"].iloc[i]))].itertuples(index=False)]
    header, rows, _ = place(current, spec, records, config)
    body = [[("" if v is None else v) for v in r] + [""] * (len(header) - current.shape[1])
            for r in current.itertuples(index=False)] if current is not None and current.shape[1] else []
    text = [[v.strftime("%d.%m.%Y") if isinstance(v, pd.Timestamp) else v for v in r] for r in rows]
    return Approval(pd.DataFrame(body + text, columns=header), settled, len(rows), TabChange(header=header, append=rows))


def pairs_edit(fresh: pd.DataFrame | None, proposal: pd.DataFrame, mentees: pd.DataFrame, mentors: pd.DataFrame, *,
               seen: pd.DataFrame | None, start: pd.Timestamp, config: Config) -> Edit:
    """Approving `proposal` into the `Пары` tab as it is now (`fresh`), the page having shown `seen`.

    A pair typed into the sheet, or approved by another coordinator, after the page loaded wins: a new
    proposal for a mentee who got a pair meanwhile is skipped, and so is one that would give a mentor more
    mentees than their places now that others took some. Each skip is said with the reason."""
    spec = config.service["pairs"]
    have, before = _pairs_in(fresh, spec, config), _pairs_in(seen, spec, config)
    there = set(zip(have.mentee_email, have.mentor_email))
    known = set(zip(before.mentee_email, before.mentor_email))
    late = [p not in known for p in zip(have.mentee_email, have.mentor_email)]
    meanwhile = have[pd.Series(late, index=have.index, dtype=bool)]      # an empty tab keeps its columns
    late_rows = {m: part.iloc[0] for m, part in meanwhile.groupby("mentee_email")}
    late_mentors = set(meanwhile.mentor_email)
    load = have.groupby("mentor_email").size().to_dict()
    ended = tuple(nz.fold(w) for w in config.pairs_ended)
    going = {r["mentee_email"]: r for r in have.to_dict("records")       # a mentee's active pair, whoever the mentor
             if not any(w in nz.fold(str(r["status"] or "")) for w in ended)}
    en, mn = _names(mentees), _names(mentors)
    keep, skipped = [], []
    for i, r in enumerate(proposal.itertuples(index=False)):
        if (r.mentee_id, r.mentor_id) in there:
            keep.append(i)                       # approved already (before, or by a colleague just now)
            continue
        if r.mentee_id in late_rows:
            late = late_rows[r.mentee_id]
            skipped.append(f"{en.get(r.mentee_id, r.mentee_id)}: уже утверждена пара, наставник — "
                           f"{mn.get(late.mentor_email, late.mentor_email)} (строка {int(late._row)} листа «{spec.tab}», "
                           "добавлена после загрузки страницы); пропущено.")
            continue
        if r.mentee_id in going:
            pair = going[r.mentee_id]
            skipped.append(f"{en.get(r.mentee_id, r.mentee_id)}: уже в действующей паре, наставник — "
                           f"{mn.get(pair['mentor_email']) or nz.text_or(pair.get('mentor_name'), pair['mentor_email'])} "
                           f"(строка {int(pair['_row'])} листа «{spec.tab}»); "
                           "вторая пара не утверждается. Если прежняя закончилась, поставьте ей статус «завершена»; "
                           "пропущено.")
            continue
        places = int(mentors.at[r.mentor_id, "capacity"]) if r.mentor_id in mentors.index and "capacity" in mentors else 1
        if r.mentor_id in late_mentors and load.get(r.mentor_id, 0) + 1 > places:
            skipped.append(f"{en.get(r.mentee_id, r.mentee_id)} — {mn.get(r.mentor_id, r.mentor_id)}: у наставника заняты "
                           f"все места ({places}) — пары добавлены в лист после загрузки страницы; пропущено.")
            continue
        load[r.mentor_id] = load.get(r.mentor_id, 0) + 1
        keep.append(i)
    approval = approve(fresh, proposal.iloc[keep], mentees, mentors, start=start, config=config)
    change, chosen = approval.change, [c for c in ("form", "type") if c in proposal and c in spec.fields]
    if chosen and change.append:        # the form and type chosen on the page: in new columns at the right if missing
        header = list(change.header)
        where, _ = match_headers(header, spec, spec.tab)
        for c in chosen:
            if c not in where:
                header.append(spec.fields[c].headers[0])
                where[c] = len(header) - 1
        picked = {(r.mentee_id, r.mentor_id): r for r in proposal.itertuples(index=False)}
        rows = [list(r) + [""] * (len(header) - len(r)) for r in change.append]
        for r in rows:
            p = picked.get((r[where["mentee_email"]], r[where["mentor_email"]]))
            for c in chosen:
                r[where[c]] = v if isinstance(v := getattr(p, c, ""), str) else ""
        change = TabChange(header=header, append=rows, cells=change.cells)
    return Edit(change, added=approval.added, skipped=skipped)


def _names(bank: pd.DataFrame) -> dict[str, str]:
    return bank["full_name"].dropna().astype(str).to_dict() if "full_name" in bank else {}


# --- practices -------------------------------------------------------------
def practice_key(title: object, description: object) -> str:
    """A practice's identity in the `Практики` tab: its title and description, folded (case, spaces, ё)."""
    return nz.fold(str(title or "")) + "\n" + nz.fold(str(description or ""))[:300]


def practices_edit(fresh: pd.DataFrame | None, marks: Mapping[str, bool], new: list[Mapping[str, object]],
                   config: Config) -> Edit:
    """Set «Отобрана» on the practices whose mark the coordinator changed (`marks`: practice_key -> chosen)
    and append `new` practices (title, topic, subject, authors, description, chosen) that are not in the tab
    yet. Found by content, not by position: rows added or sorted meanwhile are safe; saving twice changes
    nothing; a practice no longer in the tab is reported, not re-created."""
    spec = config.service["practices"]
    parsed = parse_form(fresh, spec, spec.tab, config)[0] if fresh is not None and fresh.shape[1] else pd.DataFrame()
    rows: dict[str, list[tuple[int, bool]]] = {}
    for r in parsed.to_dict("records"):
        rows.setdefault(practice_key(r.get("title"), r.get("description")), []).append(
            (int(r["_row"]), bool((r.get("chosen") or 0) >= 1)))
    records, skipped = [], []
    for p in new:
        key = practice_key(p.get("title"), p.get("description"))
        if key in rows:
            marks = {**marks, key: bool(p.get("chosen"))}      # in the tab already (saved before): its mark only
        else:
            rows[key] = []
            records.append({**p, "chosen": YES if p.get("chosen") else NO})
    header, appended, where = place(fresh, spec, records, config, need=["chosen"] if marks else [])
    cells = []
    for key, chosen in marks.items():
        if key not in rows:
            skipped.append(f"практика «{key.split(chr(10))[0]}» не найдена в листе «{spec.tab}» (удалена или "
                           "переименована в таблице?) — отметка не сохранена.")
            continue
        cells += [(row, where["chosen"], YES if chosen else NO) for row, was in rows[key] if was != chosen]
    return Edit(TabChange(header=header, append=appended, cells=cells), added=len(appended), updated=len(cells),
                skipped=skipped)


def practice_changes(before: pd.DataFrame, after: pd.DataFrame, year: str, *,
                     tab: str = "Практики") -> tuple[dict[str, bool], list[dict[str, object]], list[str]]:
    """What a coordinator changed in the practices table (`practices_bank` rows as shown, and as edited —
    the same index; rows a filter hid are simply absent and stay as they are): this year's changed marks
    (practice key -> chosen), the questionnaire answers given a title (new practices), and notes on what
    is not saved: a tab practice's own text is edited in the sheet; an answer without a title stays out."""
    marks: dict[str, bool] = {}
    new: list[dict[str, object]] = []
    untitled = retitled = elsewhere = 0
    for i in before.index:
        b, a = before.loc[i], after.loc[i]
        if b["year"] != year:
            elsewhere += any(str(a[c] or "") != str(b[c] or "") for c in ("title", "topic", "subject", "chosen"))
            continue
        if b["key"]:
            if bool(a["chosen"]) != bool(b["chosen"]):
                marks[b["key"]] = bool(a["chosen"])
            retitled += any(str(a[c] or "") != str(b[c] or "") for c in ("title", "topic", "subject"))
        elif str(a["title"] or "").strip():
            new.append({"title": str(a["title"]).strip(), "topic": a["topic"], "subject": a["subject"],
                        "authors": b["authors"], "description": b["description"], "chosen": bool(a["chosen"])})
        elif a["chosen"]:
            untitled += 1
    notes = []
    if untitled:
        notes.append(f"ответов анкет отмечено без названия: {untitled} — дайте практике название в колонке «Практика», "
                     "иначе она не попадёт в копилку и на семинар.")
    if retitled:
        notes.append(f"изменён текст практик из листа: {retitled} — он правится в самой таблице (лист «{tab}»); "
                     "дашборд меняет в нём только отметку «Отобрана».")
    if elsewhere:
        notes.append(f"изменены практики другого учебного года: {elsewhere} — они сохраняются в таблице своего года: "
                     "выберите его в боковой панели.")
    return marks, new, notes


# --- SWOT ------------------------------------------------------------------
def swot_board(tab: pd.DataFrame | None) -> dict[str, str]:
    """The SWOT board as the tab holds it: each section's latest text (the tab keeps every version)."""
    return {section: text for section, (text, _, _) in _swot_latest(tab).items()}


def _swot_latest(tab: pd.DataFrame | None) -> dict[str, tuple[str, int, object]]:
    """Each section's latest row: text, sheet row, when saved."""
    if tab is None or tab.shape[1] < 2:
        return {}
    saved = tab.iloc[:, 2] if tab.shape[1] > 2 else pd.Series([""] * len(tab))
    latest: dict[str, tuple[str, int, object]] = {}
    for i, (section, text, when) in enumerate(zip(tab.iloc[:, 0].astype(str), tab.iloc[:, 1].astype(str), saved)):
        if section.strip():
            latest[section.strip()] = (text, i + 2, when)
    return latest


def swot_edit(fresh: pd.DataFrame | None, entered: Mapping[str, str], seen: Mapping[str, str], now: pd.Timestamp,
              tab: str = "SWOT") -> Edit:
    """Append a row (section, text, when saved) for each section the coordinator changed on the page (`entered`
    against `seen`, the board the page was drawn from); earlier versions stay in the tab. A section changed in the
    sheet since the page was drawn is not written over: the coordinator is told where and when, with their text."""
    header = header_of(fresh) or list(SWOT_HEADER)
    while len(header) < len(SWOT_HEADER):
        header.append(SWOT_HEADER[len(header)])
    current = _swot_latest(fresh)
    rows, notes = [], []
    for section, text in entered.items():
        there, row, when = current.get(section, ("", None, None))
        what = three_way(text.strip(), str(seen.get(section, "")).strip(), there.strip())
        if what == "conflict":
            notes.append(f"раздел «{section}» изменён в листе после открытия страницы ({meanwhile(row, when, tab)}); "
                         f"ваш текст не записан, чтобы не вернуть прежний: «{text.strip()}». Обновите страницу, "
                         "сравните и сохраните снова.")
        elif what == "write":
            rows.append([section, text, pd.Timestamp(now)] + [""] * (len(header) - 3))
    return Edit(TabChange(header=header, append=rows), added=len(rows), conflicts=notes)
