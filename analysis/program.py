"""From raw tabs (text cells) to a Program: banks, pairs, surveys, service tabs, problems.

`load_program(tabs, config)` never raises on bad data: every rejected or repaired
cell becomes a `DataProblem` with the sheet's row number (header = row 1), and
every good row is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Mapping

import pandas as pd

from . import normalize as nz
from .config import Config, FieldSpec, FormSpec, outside_default

CORE_FIELDS = ("topics",)     # what matching cannot do without, beside the required e-mail
_FIELD_RU = {"topics": "темы"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Forms that every year must have; other tabs may legitimately be absent (a year in progress).
CORE_FORMS = ("mentee_request", "mentor_survey")


@dataclass(frozen=True)
class DataProblem:
    tab: str
    row: int | None          # sheet row number (the header is row 1); None = the whole tab
    column: str | None       # the column header as it stands in the sheet
    message: str             # what is wrong and what to do, in Russian
    severity: str = "warning"  # error | warning | info
    blocks: str | None = None  # "matching": proposals would silently lose people's answers until this is fixed


@dataclass(frozen=True)
class Intake:
    """How one form's answers turned into a bank (counts only: no personal data)."""
    rows: int = 0            # non-blank answer rows
    blank: int = 0
    people: int = 0          # distinct people (after de-duplication)
    duplicates: int = 0      # extra answers from the same person
    no_consent: int = 0      # people kept out of the bank
    not_willing: int = 0     # mentors who said no
    unidentified: int = 0    # rows with neither e-mail nor name
    in_bank: int = 0


@dataclass
class Program:
    year: str | None
    mentees: pd.DataFrame
    mentors: pd.DataFrame
    pairs: pd.DataFrame
    surveys: pd.DataFrame
    roadmap: pd.DataFrame
    events: pd.DataFrame
    publications: pd.DataFrame
    practices: pd.DataFrame
    problems: list[DataProblem] = field(default_factory=list)
    intake: dict[str, Intake] = field(default_factory=dict)
    tabs_found: dict[str, str | None] = field(default_factory=dict)  # form key -> tab name used
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)     # other configured forms, parsed
    unread: dict[str, list[tuple[str, int]]] = field(default_factory=dict)   # form key -> questions no field reads

    def active_pairs(self) -> pd.DataFrame:
        """Approved pairs that have not ended (a status from [service.pairs] ended, e.g. «расторгнута»): who is
        paired now. `pairs` keeps every row (a pair that ended still has its questionnaires)."""
        p = self.pairs
        return p[p["active"].astype(bool)] if len(p) and "active" in p else p

    def problems_frame(self) -> pd.DataFrame:
        rows = [p.__dict__ for p in self.problems]
        df = pd.DataFrame(rows, columns=["tab", "row", "column", "message", "severity"])
        if not df.empty:
            df["row"] = df["row"].astype("Int64")
        df = df.sort_values(["severity", "tab", "row"], key=lambda s: s.map(SEVERITY_ORDER) if s.name == "severity" else s,
                                na_position="first", kind="stable").reset_index(drop=True)
        return df


# --- headers ---------------------------------------------------------------
def match_headers(columns: list[str], spec: FormSpec, tab: str) -> tuple[dict[str, int], list[DataProblem]]:
    """Field name -> column position. Exact (folded) texts first, then close ones with a warning."""
    problems: list[DataProblem] = []
    folded = [nz.fold(c) for c in columns]
    used: set[int] = set()
    found: dict[str, int] = {}
    for name, f in spec.fields.items():
        if not f.asked:
            continue
        wanted = [nz.fold(h) for h in f.headers]
        hits = [i for i, c in enumerate(folded) if c in wanted and i not in used]
        if hits:
            found[name] = hits[0]
            used.add(hits[0])
            if len(hits) > 1:
                problems.append(DataProblem(tab, 1, columns[hits[1]],
                    f"вопрос «{columns[hits[0]]}» встречается в таблице {len(hits)} раза; используется первая колонка. "
                    "Переименуйте повторяющийся вопрос в форме.", "warning"))
    for name, f in spec.fields.items():
        if name in found or not f.asked:
            continue
        wanted = [nz.fold(h) for h in f.headers]
        best, best_i = 0.0, None
        for i, c in enumerate(folded):
            if i in used or not c:
                continue
            for w in wanted:
                r = SequenceMatcher(None, c, w).ratio()
                if r > best:
                    best, best_i = r, i
        if best_i is not None and best >= 0.8:
            found[name] = best_i
            used.add(best_i)
            problems.append(DataProblem(tab, 1, columns[best_i],
                f"вопрос, похоже, переименован: «{columns[best_i]}» сопоставлен с «{f.headers[0]}». "
                "Чтобы убрать предупреждение, откройте «Настройка» → «Вопросы форм» и сохраните "
                f"(параметр {_path(spec, name)}).",
                "warning"))
        else:
            service = spec.kind == "service"
            if service and not f.required:
                continue   # optional service columns (e.g. «Начало» of a roadmap stage) may simply be absent
            sev = "error" if f.required else "warning"
            what = "лист не может быть прочитан" if f.required else "это поле будет пустым"
            what_col = "колонка" if service else "вопрос"
            problems.append(DataProblem(tab, 1, None,
                f"не найден{'а' if service else ''} {what_col} «{f.headers[0] if f.headers else name}» — {what}. "
                "Проверьте заголовок в таблице или выберите вопрос на странице «Настройка» → «Вопросы форм» "
                f"(параметр {_path(spec, name)}).",
                sev))
    return found, problems


def _path(spec: FormSpec, field: str) -> str:
    section = "service" if spec.kind == "service" else "forms"
    return f"{section}.{spec.key}.fields.{field}.headers"


def find_tab(tabs: Mapping[str, pd.DataFrame], name: str) -> str | None:
    if name in tabs:
        return name
    want = nz.fold(name)
    for t in tabs:
        if nz.fold(t) == want:
            return t
    return None


# --- one form --------------------------------------------------------------
def _parse_cell(f: FieldSpec, cell: str, config: Config, quality: Mapping) -> tuple[object, str | None]:
    ans = config.answers
    t = f.type
    if t in ("timestamp", "date"):
        return nz.parse_datetime(cell)
    if t == "email":
        if not nz.clean_text(cell):
            return None, None
        return nz.parse_email(cell)
    if t == "int":
        return nz.parse_int(cell)
    if t == "scale":
        return nz.parse_scale(cell, quality.scale_min, quality.scale_max)
    if t == "multi":
        return nz.split_options(cell, f.options), None
    if t in ("choice", "frequency"):
        opts = f.options or config.lists.get("frequency", ()) if t == "frequency" else f.options
        return nz.parse_choice(cell, opts)
    if t == "consent":
        return nz.parse_consent(cell, ans.get("yes", ()), ans.get("no", ()))
    if t == "yesno":
        return nz.parse_yesno(cell, ans.get("yes", ()), ans.get("no", ()), ans.get("maybe", ()))
    return nz.clean_lines(cell), None


def role_rows(raw: pd.DataFrame, spec: FormSpec, tab: str) -> tuple[list[bool] | None, int | None, list[DataProblem]]:
    """One form for both roles: which rows are this form's (their role answer names one of `role_answers`; a
    person who chose both roles is in both banks), and the role column. (None, None, []) for a form of one role."""
    if not spec.role_question:
        return None, None, []
    folded = [nz.fold(str(c)) for c in raw.columns]
    if nz.fold(spec.role_question) not in folded:
        return [False] * len(raw), None, [DataProblem(tab, 1, None,
            f"не найден вопрос о роли «{spec.role_question}» — в банк «{spec.title}» никто не попал. Откройте "
            "«Настройка» → «Листы форм» и выберите лист и вопрос о роли заново.", "error", blocks="matching")]
    col = folded.index(nz.fold(spec.role_question))
    keep = [bool(nz.split_options("" if v is None else str(v), spec.role_answers)[0]) for v in raw.iloc[:, col]]
    return keep, col, []


def parse_form(raw: pd.DataFrame, spec: FormSpec, tab: str, config: Config) -> tuple[pd.DataFrame, list[DataProblem], int]:
    """Typed rows of one tab: a column per field (+ `<field>_other` for checkboxes), `_row`.

    Returns (frame, problems, blank row count). A tab missing a required column gives
    an empty frame and an error. `frame.attrs["unread"]`: the tab's questions no field reads, with the number of
    answers each holds (said on «Настройка»; a core question left unasked beside them is an error).
    """
    columns = [str(c) for c in raw.columns]
    keep, role_col, problems = role_rows(raw, spec, tab)
    found, header_problems = match_headers(columns, spec, tab)
    problems += header_problems
    out_cols = ["_row"] + list(spec.fields)
    missing = [n for n, f in spec.fields.items() if n not in found and f.asked]
    if any(spec.fields[n].required for n in missing):
        frame = pd.DataFrame(columns=out_cols)
        frame.attrs["missing"] = missing
        return frame, problems, 0
    quality = config.quality
    records = []
    blank: list[int] = []
    values = raw.to_numpy(dtype=object)
    for i, row in enumerate(values):
        sheet_row = i + 2
        cells = ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row]
        if keep is not None and not keep[i] and any(c.strip() for c in cells):
            continue                                  # the other role's answer in a form for both roles
        if not any(c.strip() for c in cells):
            blank.append(sheet_row)
            continue
        rec: dict[str, object] = {"_row": sheet_row}
        for name, f in spec.fields.items():
            if name not in found:
                rec[name] = [] if f.type == "multi" else None
                continue
            cell = cells[found[name]] if found[name] < len(cells) else ""
            value, note = _parse_cell(f, cell, config, quality)
            if f.type == "multi":
                value, other = value
                rec[name + "_other"] = other
            rec[name] = value
            if note:
                sev = "warning"
                if f.type == "consent":
                    sev = "warning"
                problems.append(DataProblem(tab, sheet_row, columns[found[name]], note, sev))
        records.append(rec)
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=out_cols)
    frame.attrs["missing"] = missing
    used = set(found.values()) | {role_col}
    idle = [j for j in range(len(columns)) if j not in used and columns[j].strip()]   # only these are counted
    rows = raw if keep is None else raw[keep]
    answered = {j: int(rows.iloc[:, j].map(lambda v: bool(str(v).strip()) if v is not None and not
                                          (isinstance(v, float) and pd.isna(v)) else False).sum()) for j in idle}
    frame.attrs["unread"] = [(columns[j], n) for j, n in answered.items() if n]
    if blank:
        listed = ", ".join(map(str, blank[:20])) + (" …" if len(blank) > 20 else "")
        problems.append(DataProblem(tab, blank[0], None,
            f"пустых строк: {len(blank)} (строки {listed}) — пропущены, данные не потеряны", "info"))
    return frame, problems, len(blank)


# --- banks -----------------------------------------------------------------
def _person_ids(frame: pd.DataFrame, tab: str, problems: list[DataProblem]) -> pd.Series:
    """E-mail, or for a row without one, the folded full name (with a warning)."""
    ids = []
    for _, r in frame.iterrows():
        email = r.get("email")
        if isinstance(email, str) and email:
            ids.append(email)
            continue
        name = nz.fold(r.get("full_name") or "")
        if name:
            ids.append("имя:" + name)
            problems.append(DataProblem(tab, int(r["_row"]), None,
                "нет корректного e-mail — человек опознан по ФИО. Исправьте адрес в таблице, чтобы связать его ответы.", "warning"))
        else:
            ids.append(None)
            problems.append(DataProblem(tab, int(r["_row"]), None,
                "строка без e-mail и ФИО — не удаётся понять, чей это ответ; строка не учтена.", "error"))
    return pd.Series(ids, index=frame.index, dtype=object)


def _who(r) -> str:
    name = r.get("full_name") if hasattr(r, "get") else None
    return str(name) if isinstance(name, str) and name.strip() else str(r.name)


def build_bank(frame: pd.DataFrame, tab: str, problems: list[DataProblem], *, mentor: bool,
               blank_capacity: int = 1) -> tuple[pd.DataFrame, Intake]:
    """Latest answer per person wins; without consent a person is counted, then left out — and named, with the
    sheet row, for staff to follow up (never on a public page)."""
    if frame.empty:
        return frame.assign(person_id=[]).set_index("person_id"), Intake()
    frame = frame.copy()
    frame["person_id"] = _person_ids(frame, tab, problems)
    unidentified = int(frame["person_id"].isna().sum())
    frame = frame[frame["person_id"].notna()]
    frame = frame.sort_values(["timestamp", "_row"], na_position="first", kind="stable")
    counts = frame.groupby("person_id").size()
    for pid, n in counts[counts > 1].items():
        rows = frame.loc[frame["person_id"] == pid, "_row"].tolist()
        problems.append(DataProblem(tab, int(rows[-1]), None,
            f"один человек ответил {n} раза (строки {', '.join(map(str, rows))}); взят последний ответ.", "info"))
    latest = frame.drop_duplicates("person_id", keep="last").set_index("person_id")
    latest["answers"] = counts.reindex(latest.index).astype(int)
    consent = latest["consent"] if "consent" in latest else pd.Series(False, index=latest.index)
    for _, r in latest[~consent.fillna(False).astype(bool)].iterrows():
        problems.append(DataProblem(tab, int(r["_row"]), None,
            f"{_who(r)}: нет согласия на обработку персональных данных — в банк и подбор не включен(а). "
            "Чтобы включить, попросите ответить на форму ещё раз, дав согласие.", "warning"))
    bank = latest[consent.fillna(False).astype(bool)]
    not_willing = 0
    if mentor and "willing" in bank:
        willing = bank["willing"].fillna(1.0) > 0
        not_willing = int((~willing).sum())
        for _, r in bank[~willing].iterrows():
            problems.append(DataProblem(tab, int(r["_row"]), None,
                f"{_who(r)}: в этом году не готов(а) быть наставником — в банк наставников не включен(а).", "info"))
        bank = bank[willing]
    if mentor:
        cap = pd.to_numeric(bank.get("capacity"), errors="coerce")
        for _, r in bank[cap.isna()].iterrows():
            problems.append(DataProblem(tab, int(r["_row"]), None,
                f"{_who(r)}: не указано, скольких наставляемых готов(а) вести — считается {blank_capacity}. "
                "Уточните и исправьте ответ в таблице.", "warning"))
        bank = bank.assign(capacity=cap.fillna(blank_capacity).clip(lower=0).astype(int))
    intake = Intake(rows=len(frame) + unidentified, people=len(latest), duplicates=int((counts - 1).sum()),
                    no_consent=int((~consent.fillna(False).astype(bool)).sum()), not_willing=not_willing,
                    unidentified=unidentified, in_bank=len(bank))
    return bank, intake


def _latest_answers(frame: pd.DataFrame, tab: str, problems: list[DataProblem], spec: FormSpec) -> pd.DataFrame:
    if frame.empty:
        return frame.assign(person_id=[], role=[], kind=[])
    frame = frame.copy()
    frame["person_id"] = _person_ids(frame, tab, problems)
    frame = frame[frame["person_id"].notna()].sort_values(["timestamp", "_row"], na_position="first", kind="stable")
    counts = frame.groupby("person_id").size()
    for pid, n in counts[counts > 1].items():
        rows = frame.loc[frame["person_id"] == pid, "_row"].tolist()
        problems.append(DataProblem(tab, int(rows[-1]), None,
            f"один человек ответил {n} раза (строки {', '.join(map(str, rows))}); взят последний ответ.", "info"))
    latest = frame.drop_duplicates("person_id", keep="last").reset_index(drop=True)
    return latest.assign(role=spec.role, kind=spec.kind, form=spec.key)


def build_pairs(frame: pd.DataFrame, tab: str, problems: list[DataProblem], ended: tuple[str, ...] = ()) -> pd.DataFrame:
    """Approved pairs; a mentee in two pairs that have not ended (a colleague's row and ours, two approvals at
    once from two servers) is an error naming both rows — nothing is dropped, the coordinator decides."""
    cols = ["mentee_id", "mentor_id", "mentee_name", "mentor_name", "group", "topic", "start", "status", "program",
            "form", "type", "consent_date"]   # form, type: of mentoring (analysis.mentoring_forms); consent: duties
    if frame.empty:
        return pd.DataFrame(columns=cols + ["active", "_row"])
    keep = []
    for _, r in frame.iterrows():
        if not all(isinstance(r.get(k), str) and r.get(k) for k in ("mentee_email", "mentor_email")):
            problems.append(DataProblem(tab, int(r["_row"]), None,
                "в паре не указан e-mail наставляемого или наставника — пара не учтена.", "error"))
            continue
        if r["mentee_email"] == r["mentor_email"]:
            problems.append(DataProblem(tab, int(r["_row"]), None,
                "наставник и наставляемый — один и тот же человек; пара не учтена.", "error"))
            continue
        keep.append(r)
    out = pd.DataFrame(keep).rename(columns={"mentee_email": "mentee_id", "mentor_email": "mentor_id"})
    for c in cols:
        if c not in out:
            out[c] = None
    out["active"] = [not any(w in nz.fold(str(st or "")) for w in ended) for st in out["status"]] if len(out) else []
    going = out[out["active"].astype(bool)]
    for mentee, part in going.groupby("mentee_id"):
        if part["mentor_id"].nunique() > 1:
            problems.append(DataProblem(tab, int(part["_row"].iloc[-1]), None,
                f"наставляемый {mentee} — в {len(part)} действующих парах (строки {', '.join(map(str, part['_row']))}). "
                "Оставьте одну: у прежней пары поставьте в колонке «Статус», например, «завершена».", "error"))
    return out[cols + ["active", "_row"]].reset_index(drop=True)


def outside_mentors(pairs: pd.DataFrame, mentees: pd.DataFrame, mentors: pd.DataFrame, tab: str) -> list[DataProblem]:
    """An active pair whose mentor is not in the mentor bank: the mentee counts as paired (never offered another
    mentor), and the coordinator is told whose survey to add so that the mentor's places and topics count."""
    if not len(pairs):
        return []
    active = pairs[pairs["active"].astype(bool)]
    out = active[active.mentee_id.isin(mentees.index) & ~active.mentor_id.isin(mentors.index)]
    return [DataProblem(tab, int(r["_row"]), None,
                        f"наставника {nz.text_or(r['mentor_name'], r['mentor_id'])} ({r['mentor_id']}) нет в банке наставников "
                        f"(нет анкеты наставника или согласия). Наставляемый {nz.text_or(r['mentee_name'], r['mentee_id'])} "
                        "считается в паре и другого наставника ему не предлагают; чтобы учитывались места и темы наставника, попросите его "
                        "заполнить анкету наставника.", "warning")
            for r in out.to_dict("records")]


def lost_answers(frame: pd.DataFrame, spec: FormSpec, tab: str) -> list[DataProblem]:
    """What a request form would silently lose for matching: a checkbox question not found, or answers that
    are not in its option list. An answer given by two or more people is an option the list lacks (an error
    that holds matching back until it is added); one person's typed «Другое» answer is only noted."""
    out: list[DataProblem] = []
    for name, f in spec.fields.items():
        if f.type != "multi" or not f.options:
            continue
        question = f.headers[0] if f.headers else name
        unread = frame.attrs.get("unread", [])
        if name in CORE_FIELDS and not f.asked and not f.confirmed and unread:
            listed = "; ".join(f"«{q}» ({n} отв.)" for q, n in unread[:6])
            out.append(DataProblem(tab, 1, None,
                f"форма «{spec.title}»: вопрос для поля «{_FIELD_RU.get(name, name)}» отмечен «не задаётся», а в листе "
                f"есть вопросы, которые дашборд не читает: {listed}. Без него подбор пар не учитывает "
                f"{_WHAT.get(name, 'эти ответы')}. Откройте «Настройка» → «Вопросы форм»: выберите вопрос или "
                "подтвердите, что его в форме нет, и сохраните.", "error", blocks="matching"))
            continue
        if name in frame.attrs.get("missing", ()):
            out.append(DataProblem(tab, 1, None,
                f"не найден вопрос «{question}» — без него подбор пар не учитывает {_WHAT.get(name, 'эти ответы')}. "
                "Проверьте текст вопроса в таблице или выберите его на странице «Настройка» → «Вопросы форм» "
                f"(параметр {_path(spec, name)}).",
                "error", blocks="matching"))
            continue
        if f"{name}_other" not in frame:
            continue
        people: dict[str, list[int]] = {}
        shown: dict[str, str] = {}
        for row, other in zip(frame["_row"], frame[f"{name}_other"]):
            for part in (p.strip() for p in str(other or "").split(",")):
                if part:
                    people.setdefault(nz.fold(part), []).append(int(row))
                    shown.setdefault(nz.fold(part), part)
        common = {k: rows for k, rows in people.items() if len(rows) >= 2}
        if common:
            listed = "; ".join(f"«{shown[k]}» — {len(rows)} чел. (строки {', '.join(map(str, rows[:10]))})"
                               for k, rows in sorted(common.items(), key=lambda kv: -len(kv[1])))
            out.append(DataProblem(tab, None, None,
                f"ответы на вопрос «{question}», которых нет в списке вариантов: {listed}. Сейчас они не "
                "участвуют в подборе. Откройте «Настройка» → «Варианты ответов», добавьте эти варианты (вариант с "
                f"запятой внутри — одной строкой) и сохраните (параметр {_path(spec, name).rsplit('.', 1)[0]}.options "
                "или [lists]).", "error", blocks="matching"))
        single = {k: rows for k, rows in people.items() if len(rows) == 1}
        if single:
            out.append(DataProblem(tab, None, None,
                f"свой ответ («Другое») на вопрос «{question}» у {len(single)} чел. (строки "
                f"{', '.join(str(r[0]) for r in list(single.values())[:15])}) — виден в банке, в подборе не участвует.",
                "info"))
    return out


_WHAT = {"topics": "темы запросов", "subjects": "предметы", "availability": "удобные дни"}


# --- the whole year --------------------------------------------------------
def load_program(tabs: Mapping[str, pd.DataFrame], config: Config | None = None, *, year: str | None = None) -> Program:
    config = outside_default(config)
    problems: list[DataProblem] = []
    parsed: dict[str, pd.DataFrame] = {}
    blanks: dict[str, int] = {}
    tabs_found: dict[str, str | None] = {}
    unread: dict[str, list[tuple[str, int]]] = {}
    for key, spec in config.all_specs().items():
        tab = find_tab(tabs, spec.tab)
        tabs_found[key] = tab
        if tab is None:
            if key in CORE_FORMS:
                problems.append(DataProblem(spec.tab, None, None,
                    f"лист «{spec.tab}» ({spec.title}) не найден. Проверьте название листа в таблице или выберите "
                    f"лист на странице «Настройка» → «Листы форм» (параметр forms.{key}.tab). Есть листы: "
                    f"{', '.join(tabs) or 'нет'}.", "error",
                    blocks="matching"))
            else:
                problems.append(DataProblem(spec.tab, None, None,
                    f"лист «{spec.tab}» ({spec.title}) не найден — раздел будет пустым.", "info"))
            parsed[key] = pd.DataFrame(columns=["_row", *spec.fields])
            continue
        frame, probs, blank = parse_form(tabs[tab], spec, tab, config)
        if tabs[tab].attrs.get("read_as"):          # a CSV: how it was read (encoding, separator) is said
            problems.append(DataProblem(tab, None, None, f"лист прочитан из файла {tabs[tab].attrs['read_as']}. "
                                        "Если вопросы или ответы выглядят разрезанными или с «кракозябрами», "
                                        "сохраните файл как CSV UTF-8 или скачайте .xlsx.", "info"))
        problems.extend(probs)
        if key in CORE_FORMS:
            problems.extend(lost_answers(frame, spec, tab))
        parsed[key] = frame
        blanks[key] = blank
        unread[key] = frame.attrs.get("unread", [])

    fm, fs = config.forms.get("mentee_request"), config.forms.get("mentor_survey")
    blank_capacity = config.matching.blank_capacity
    mentees, mentee_intake = build_bank(parsed.get("mentee_request", pd.DataFrame()), fm.tab if fm else "", problems, mentor=False)
    mentors, mentor_intake = build_bank(parsed.get("mentor_survey", pd.DataFrame()), fs.tab if fs else "", problems, mentor=True,
                                        blank_capacity=blank_capacity)

    survey_frames = []
    for key, spec in config.forms.items():
        if spec.role and spec.kind and not parsed[key].empty:
            survey_frames.append(_latest_answers(parsed[key], tabs_found[key] or spec.tab, problems, spec))
    surveys = pd.concat(survey_frames, ignore_index=True) if survey_frames else pd.DataFrame(
        columns=["person_id", "role", "kind", "form", "timestamp"])

    pubs = parsed.get("publications", pd.DataFrame())
    if "link" in pubs:                  # a link the publications table will not make clickable: said, with its row
        for row, link in zip(pubs["_row"], pubs["link"]):
            if str(link or "").strip() and nz.web_link(link) is None:
                problems.append(DataProblem(tabs_found.get("publications") or "", int(row), None,
                    f"ссылка «{str(link)[:80]}» — не веб-адрес (http:// или https://): в таблице публикаций она не "
                    "будет ссылкой. Исправьте её в листе.", "warning"))

    pairs_spec = config.service.get("pairs")
    pairs = build_pairs(parsed.get("pairs", pd.DataFrame()), pairs_spec.tab if pairs_spec else "Пары", problems,
                        ended=tuple(nz.fold(w) for w in config.pairs_ended))
    problems += outside_mentors(pairs, mentees, mentors, tabs_found.get("pairs") or (pairs_spec.tab if pairs_spec else "Пары"))

    return Program(
        year=year, mentees=mentees, mentors=mentors, pairs=pairs, surveys=surveys,
        roadmap=parsed.get("roadmap", pd.DataFrame()), events=parsed.get("events", pd.DataFrame()),
        publications=parsed.get("publications", pd.DataFrame()), practices=parsed.get("practices", pd.DataFrame()),
        problems=problems, tabs_found=tabs_found, unread=unread,
        intake={"mentee": replace(mentee_intake, blank=blanks.get("mentee_request", 0)),
                "mentor": replace(mentor_intake, blank=blanks.get("mentor_survey", 0))},
        extra={k: v for k, v in parsed.items() if k not in ("mentee_request", "mentor_survey", "pairs", "roadmap",
                                                           "events", "publications", "practices")},
    )


def group_ids(pairs: pd.DataFrame) -> list[str]:
    """Mentees of one mentor sharing a program topic form a group (Г-n); the others are pairs (П-n)."""
    if not len(pairs):
        return []
    keys = pairs.groupby(["mentor_id", "topic"], sort=True).ngroup()
    size = keys.map(keys.value_counts())
    grouped = size > 1
    # number groups and single pairs separately, in the (mentor, topic) order
    rank = {k: i + 1 for i, k in enumerate(sorted(set(keys[grouped])))}
    rank.update({k: i + 1 for i, k in enumerate(sorted(set(keys[~grouped])))})
    return [f"{'Г' if g else 'П'}-{rank[k]:02d}" for k, g in zip(keys, grouped)]


def academic_year(when) -> str:
    """The academic year a date falls in, from August on: 2 September 2025 -> "2025/26"."""
    start = when.year if when.month >= 8 else when.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def answered_in(program: Program) -> str | None:
    """The academic year most of the banks' request answers were given in (None without dated answers):
    which year an uploaded workbook belongs to, whatever year is chosen."""
    stamps = pd.concat([bank["timestamp"] for bank in (program.mentees, program.mentors) if "timestamp" in bank])
    stamps = pd.to_datetime(stamps, errors="coerce").dropna() if len(stamps) else stamps
    if not len(stamps):
        return None
    return stamps.map(academic_year).value_counts().idxmax()
