"""The roadmap as data: periods people wrote, turned into dates, and each stage's progress.

`stage_status(program, today)` gives every stage its indicators (each naming its source) and a
status — done / in progress / not started / overdue — from the data where the data can tell,
from the coordinator's manual status where they can't.
"""
from __future__ import annotations

import calendar
import csv
import re
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches

import pandas as pd

from .banks import demand_supply, training_needs
from .config import ROOT, Config, outside_default
from .normalize import clean_text, fold, plural
from .overview import headline, without_pair
from .plans import group_codes, plan_progress
from .program import DataProblem, Program

MONTHS = {  # nominative, genitive and prepositional forms -> month number
    **{m: i for i, m in enumerate(["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                                    "октябрь", "ноябрь", "декабрь"], start=1)},
    **{m: i for i, m in enumerate(["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                                    "октября", "ноября", "декабря"], start=1)},
    **{m: i for i, m in enumerate(["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                                    "октябре", "ноябре", "декабре"], start=1)},
}
QUARTERS = {1: ((9, 1), (10, 31)), 2: ((11, 1), (12, 31)), 3: ((1, 1), (3, 31)), 4: ((4, 1), (5, 31))}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
STATUS_RU = {"done": "выполнен", "in_progress": "в работе", "not_started": "не начат", "overdue": "просрочен",
             "conflict": "лист и данные расходятся"}
PAIRED_SHARE_DONE = 0.9  # stage 5 is done by the data when this share of the bank is paired and every pair has a ППН
DONE_ANY_TIME = (1, 6)   # orders issued, final event held: done as soon as the data show it
MANUAL = {"выполнен": "done", "выполнено": "done", "в работе": "in_progress", "не начат": "not_started",
          "не начато": "not_started"}


@dataclass(frozen=True)
class Indicator:
    label: str
    value: str
    source: str        # where a reader can check it: tab and what was counted


def _year_of(month: int, y0: int) -> int:
    """A month without a year belongs to the academic year starting in September of y0."""
    return y0 if month >= 8 else y0 + 1


def _month(word: str) -> tuple[int | None, str | None]:
    w = word.lower().replace("ё", "е")
    if w in MONTHS:
        return MONTHS[w], None
    close = get_close_matches(w, list(MONTHS), n=1, cutoff=0.75)
    if close:
        return MONTHS[close[0]], f"«{word}» понято как «{close[0]}»"
    return None, None


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_period(text: str, y0: int, school_year: tuple[str, str] = ("09-01", "05-31")
                 ) -> tuple[date | None, date | None, str | None]:
    """A period as people write it -> (start, end, note). `y0`: the academic year's first year.

    "август – сентябрь 2022 года", "май 2023 года", "в течение учебного года",
    "с 1 сентября по 15 октября 2022 г.", "IV четверть", "2 полугодие". A year left out is the
    academic year's. `note` explains a repair (a typo) or why nothing could be read (dates None)."""
    raw = clean_text(text)
    t = fold(raw).replace("—", "-").replace("–", "-")
    if not t:
        return None, None, "срок не указан"
    if "течение" in t and ("год" in t or "учебн" in t):
        (sm, sd), (em, ed) = [tuple(int(x) for x in p.split("-")) for p in school_year]
        return date(_year_of(sm, y0), sm, sd), date(_year_of(em, y0), em, ed), None
    m = re.search(r"\b(i{1,3}|iv|[1-4])\s*(?:-?я\s*)?четверт", t)
    if m:
        (sm, sd), (em, ed) = QUARTERS[ROMAN[m.group(1)]]
        return date(_year_of(sm, y0), sm, sd), date(_year_of(em, y0), em, ed), None
    m = re.search(r"\b([12]|i{1,2})\s*(?:-?е\s*)?полугоди", t)
    if m:
        first = ROMAN[m.group(1)] == 1
        return (date(y0, 9, 1), date(y0, 12, 31), None) if first else (date(y0 + 1, 1, 1), date(y0 + 1, 5, 31), None)
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", t)]
    words = re.findall(r"[а-я]+", t)
    notes: list[str] = []
    months: list[int] = []
    for w in words:
        if w in ("года", "год", "г", "с", "по", "до", "и", "в", "течение", "учебного"):
            continue
        mo, note = _month(w)
        if mo:
            months.append(mo)
            if note:
                notes.append(note)
    if not months:
        return None, None, f"не удалось прочитать срок «{raw}»: ожидается, например, «сентябрь – октябрь 2025 года»"
    days = [int(d) for d in re.findall(r"\b(\d{1,2})\s+[а-я]", t)]
    sm, em = months[0], months[-1]
    if years:
        ey = years[-1]
        sy = years[0] if len(years) > 1 else (ey if sm <= em else ey - 1)
    else:
        sy, ey = _year_of(sm, y0), _year_of(em, y0)
    try:
        start = date(sy, sm, days[0]) if len(days) >= 1 else date(sy, sm, 1)
        end = date(ey, em, days[-1]) if len(days) >= 2 else _last_day(ey, em)
    except ValueError:
        return None, None, f"в сроке «{raw}» нет такой даты"
    note = "; ".join(notes) if notes else None
    if not (date(y0, 8, 1) <= start <= date(y0 + 1, 8, 31)):
        note = "; ".join(filter(None, [note, f"срок «{raw}» не в {y0}/{str(y0 + 1)[2:]} учебном году"]))
    return start, end, note


def template_roadmap(config: Config) -> pd.DataFrame:
    """The bundled roadmap (the seed of the lyceum) for a source that has no roadmap tab."""
    path = ROOT / config.roadmap.template
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    keys = ["number", "name", "content", "period", "responsible"]
    frame = pd.DataFrame([dict(zip(keys, r)) for r in rows[1:]])
    # the template's own years (2022/23) give way to the academic year it is used for
    frame["period"] = frame["period"].str.replace(r"\s*20\d\d\s*(?:года|год|г\.?)?", "", regex=True).str.strip()
    return frame


def roadmap_table(program: Program, config: Config, year: str | None = None
                  ) -> tuple[pd.DataFrame, list[DataProblem]]:
    """Stages with dates: stage, name, content, responsible, period, start, end, manual, done_date, note, result (the
    expected result / kind of document: the tab's column, else [roadmap.results] of the stage)."""
    settings = config.section("roadmap")
    school_year = tuple(settings.get("school_year", ["09-01", "05-31"]))
    year = year or program.year or ""
    y0 = int(year[:4]) if year[:4].isdigit() else date.today().year
    tab = config.service["roadmap"].tab
    source = program.roadmap if len(program.roadmap) else template_roadmap(config)
    from_template = not len(program.roadmap)
    problems: list[DataProblem] = []
    rows = []
    for i, r in enumerate(source.to_dict("records"), start=1):
        number = re.match(r"\s*(\d+)", str(r.get("number") or ""))
        stage = int(number.group(1)) if number else i
        start, end = r.get("start"), r.get("end")
        note = None
        if not (isinstance(start, pd.Timestamp) and isinstance(end, pd.Timestamp)):
            s, e, note = parse_period(str(r.get("period") or ""), y0, school_year)
            start = start if isinstance(start, pd.Timestamp) else (pd.Timestamp(s) if s else pd.NaT)
            end = end if isinstance(end, pd.Timestamp) else (pd.Timestamp(e) if e else pd.NaT)
            if note and not from_template:
                sev = "error" if pd.isna(start) else "warning"
                problems.append(DataProblem(tab, int(r.get("_row") or i + 1), "Срок реализации",
                                            f"этап {stage}: {note}" + (". Укажите срок словами или колонками «Начало» и "
                                                                       "«Окончание»" if sev == "error" else ""), sev))
        manual = MANUAL.get(fold(r.get("status") or ""), None)
        result = clean_text(r.get("result") or "") or str((config.roadmap.results or {}).get(str(stage), ""))
        rows.append({"result": result, "stage": stage, "name": clean_text(r.get("name") or ""), "content": clean_text(r.get("content") or ""),
                     "responsible": clean_text(r.get("responsible") or ""), "period": clean_text(r.get("period") or ""),
                     "start": start, "end": end, "manual": manual, "done_date": r.get("done_date"),
                     "note": clean_text(r.get("note") or "")})
    return pd.DataFrame(rows), problems


# --- indicators ------------------------------------------------------------
def _events_of(program: Program, kinds: tuple[str, ...] = (), stage: int | None = None) -> pd.DataFrame:
    ev = program.events
    if ev is None or not len(ev):
        return pd.DataFrame(columns=["date", "kind", "title", "stage"])
    mask = pd.Series(True, index=ev.index)
    if kinds:
        mask &= ev["kind"].fillna("").map(lambda k: any(fold(k).startswith(x) for x in kinds))
    if stage is not None and "stage" in ev:
        mask &= ev["stage"] == stage
    return ev[mask]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f} %"


def indicators(program: Program, config: Config) -> dict[int, tuple[list[Indicator], bool | None, float | None, str | None]]:
    """Per stage: (indicators, done according to the data or None if the data can't tell,
    progress share or None, the main problem in words or None)."""
    t = {k: config.all_specs()[k].tab for k in ("mentee_request", "mentor_survey", "final_mentee")}
    pairs_tab, events_tab, pubs_tab = (config.service[k].tab for k in ("pairs", "events", "publications"))
    h = headline(program)
    mi, ri = program.intake.get("mentee"), program.intake.get("mentor")
    out = {}

    orders = _events_of(program, ("приказ",))
    titles = orders["title"].fillna("").str.lower() if len(orders) else pd.Series(dtype=str)
    pairs_order = orders[titles.str.contains("закреплен")] if len(orders) else orders
    regulation = orders[titles.str.contains("положени")] if len(orders) else orders
    curator_order = orders[titles.str.contains("куратор")] if len(orders) else orders
    need_pairs_order = len(program.pairs) > 0
    saved = plan_progress(program, config, saved_only=True)     # saved ППН (tab «Программы»), items done on time
    plans_tab, groups = config.service["plans"].tab, len(group_codes(program))
    roadmap_rows = len(program.roadmap)

    def issued(found: pd.DataFrame, done: str = "утверждено приказом от") -> str:
        dates = pd.to_datetime(found["date"], errors="coerce").dropna() if len(found) and "date" in found else []
        return f"{done} {min(dates):%d.%m.%Y}" if len(dates) else ("есть" if len(found) else "нет")

    done1 = len(regulation) >= 1 and len(pairs_order) >= 1      # the stage's two orders (the sample roadmap's stage 1)
    out[1] = ([Indicator("Положение о системе наставничества", issued(regulation),
                         f"лист «{events_tab}»: приказ со словом «положение»"),
               Indicator("дорожная карта", f"{roadmap_rows} этапов в листе" if roadmap_rows else "образец (листа нет)",
                         f"лист «{config.service['roadmap'].tab}»"),
               Indicator("приказ о назначении куратора", issued(curator_order, "издан"),
                         f"лист «{events_tab}»: приказ со словом «куратор»"),
               Indicator("приказ о закреплении пар", "издан" if len(pairs_order) else "нет",
                         f"лист «{events_tab}»: приказ со словом «закреплении»"),
               Indicator("ППН сохранены", f"{len(saved)} из {groups}", f"лист «{plans_tab}»"),
               Indicator("приказов зарегистрировано", str(len(orders)), f"лист «{events_tab}», вид «приказ»")],
              done1, (len(regulation) > 0) / 2 + (len(pairs_order) > 0) / 2,
              "Положение о системе наставничества не утверждено (нет приказа)" if not len(regulation) else
              None if len(pairs_order) else "пары утверждены, но приказ о закреплении не зарегистрирован"
              if need_pairs_order else "приказ о закреплении наставнических пар/групп ещё не издан")

    out[2] = ([Indicator("запросов получено", str(mi.people if mi else 0), f"лист «{t['mentee_request']}», разные e-mail"),
               Indicator("в банке (с согласием)", str(h.mentees), f"лист «{t['mentee_request']}»"),
               Indicator("без согласия", str(mi.no_consent if mi else 0), f"лист «{t['mentee_request']}»")],
              (h.mentees > 0) or None, None,
              plural(mi.no_consent, "педагог", "педагога", "педагогов") + " без согласия на обработку данных"
              if mi and mi.no_consent else ("запросов ещё нет" if not h.mentees else None))

    out[3] = ([Indicator("опрошено наставников", str(ri.people if ri else 0), f"лист «{t['mentor_survey']}»"),
               Indicator("готовы и дали согласие", str(h.mentors), f"лист «{t['mentor_survey']}»"),
               Indicator("мест у наставников", str(h.mentor_places), f"лист «{t['mentor_survey']}», сумма ответов"),
               Indicator("без согласия", str(ri.no_consent if ri else 0), f"лист «{t['mentor_survey']}»")],
              (h.mentors > 0) or None, None,
              plural(ri.no_consent, "наставник", "наставника", "наставников") + " без согласия на обработку данных"
              if ri and ri.no_consent else ("анкет наставников ещё нет" if not h.mentors else None))

    training = _events_of(program, ("обучение", "консультац", "семинар для наставник", "обмен опытом"))
    needs = training_needs(demand_supply(program.mentees, program.mentors, config.topics))
    chosen = program.pairs["mentor_id"].nunique() if len(program.pairs) else 0
    out[4] = ([Indicator("наставников выбрано для программ", str(chosen), f"лист «{pairs_tab}»"),
               Indicator("обучений и консультаций", str(len(training)), f"лист «{events_tab}», виды «обучение», «консультация»"),
               Indicator("темы без наставников", ", ".join(needs) if needs else "нет",
                         "листы анкет: спрос и места по темам")],
              (chosen > 0 and len(training) > 0) or None, None,
              ("не хватает наставников по темам: " + ", ".join(needs)) if needs else
              ("не проведено ни одного обучения наставников" if not len(training) else None))

    in_bank = set(program.mentees.index)
    paired = in_bank - without_pair(program)
    share = len(paired) / len(in_bank) if in_bank else None
    out[5] = ([Indicator("наставляемых банка в парах", f"{len(paired)} из {len(in_bank)} ({_pct(share)})", f"лист «{pairs_tab}»"),
               Indicator("без пары", str(len(in_bank - paired)), f"банк наставляемых минус лист «{pairs_tab}»"),
               Indicator("пар/групп с программой (ППН)", f"{len(saved)} из {groups}", f"лист «{plans_tab}»"),
               Indicator("мероприятий ППН выполнено в срок", f"{int(saved['on_time'].sum())} из {int(saved['items'].sum())}",
                         f"лист «{plans_tab}» и журнал встреч")],
              None if share is None else bool(share >= PAIRED_SHARE_DONE and len(saved) >= groups), share,
              "; ".join([plural(len(in_bank - paired), "наставляемый", "наставляемых", "наставляемых")
                         + " без утверждённой пары"] * bool(in_bank - paired)
                        + [f"ППН сохранена у {len(saved)} из {groups} пар/групп"] * (len(saved) < groups)) or None)

    seminar = _events_of(program, ("семинар",))
    final = _events_of(program, ("итогов",))
    chosen_practices = int((program.practices["chosen"].fillna(0) >= 1).sum()) if len(program.practices) and "chosen" in program.practices else 0
    out[6] = ([Indicator("ответили на итоговую анкету", _pct(h.response_rate) if h.response_rate is not None else "анкет нет",
                         f"листы «{t['final_mentee']}» и наставников против «{pairs_tab}»"),
               Indicator("школьный семинар", "проведён" if len(seminar) else "нет", f"лист «{events_tab}», вид «семинар»"),
               Indicator("итоговое мероприятие", "проведено" if len(final) else "нет", f"лист «{events_tab}»"),
               Indicator("практик отобрано", str(chosen_practices), f"лист «{config.service['practices'].tab}»")],
              (h.response_rate is not None and h.response_rate >= 0.5 and len(seminar) > 0 and len(final) > 0) or None,
              h.response_rate,
              "итоговые анкеты не собраны" if h.response_rate is None else
              (f"на итоговую анкету ответили {_pct(h.response_rate)}" if h.response_rate < 0.5 else None))

    pubs = program.publications
    n_pubs = len(pubs) if pubs is not None else 0
    by_channel = pubs["channel"].fillna("—").value_counts().to_dict() if n_pubs else {}
    out[7] = ([Indicator("публикаций", str(n_pubs), f"лист «{pubs_tab}»"),
               Indicator("по каналам", "; ".join(f"{k}: {v}" for k, v in by_channel.items()) or "—", f"лист «{pubs_tab}»")],
              (n_pubs > 0) or None, None, "нет ни одной публикации" if not n_pubs else None)
    return out


def _evidence(items: list[Indicator], problem: str | None) -> str:
    """What the data say of a stage, in words: its main problem, else its indicators."""
    return problem or "; ".join(f"{i.label} — {i.value}" for i in items) or "данных нет"


def _status(manual: str | None, data_done: bool | None, finished: bool, started: bool, any_time: bool) -> str:
    """The stage's status from the coordinator's sheet (`manual`) and the data's verdict: never plainly «выполнен»
    when one says done and the other does not (a conflict, said in words)."""
    proven = data_done is True and (finished or any_time)
    if manual == "done":
        return "done" if proven or data_done is None and not any_time else "conflict"
    if proven:
        return "conflict" if manual == "in_progress" else "done"
    if finished:
        return "overdue"
    return "in_progress" if manual == "in_progress" or started else "not_started"


def stage_status(program: Program, today, config: Config | None = None) -> pd.DataFrame:
    """One row per stage: stage, name, start, end, status, status_ru, progress, indicators, alert, content, …;
    `sheet` (the coordinator's status), `evidence` (what the data say) and `remark`: where the sheet and the data
    disagree (status «conflict»), both in words."""
    config = outside_default(config)
    today = pd.Timestamp(today).normalize()
    table, _ = roadmap_table(program, config)
    ind = indicators(program, config)
    rows = []
    for r in table.to_dict("records"):
        items, data_done, share, problem = ind.get(r["stage"], ([], None, None, None))
        start, end = r["start"], r["end"]
        finished = pd.notna(end) and today > end
        status = _status(r["manual"], data_done, finished, pd.notna(start) and today >= start,
                         r["stage"] in DONE_ANY_TIME)
        evidence = _evidence(items, None if data_done is True else problem)
        sheet = STATUS_RU.get(r["manual"], "не указан")
        remark = None
        if status == "conflict":
            remark = (f"в листе: {sheet}; по данным не подтверждён: {evidence}" if r["manual"] == "done"
                      else f"в листе: {sheet}; по данным выполнен: {evidence}")
        if status == "done":
            progress = 1.0
        elif share is not None:
            progress = float(min(1.0, share))
        elif pd.notna(start) and pd.notna(end) and end > start:
            progress = float(min(1.0, max(0.0, (today - start) / (end - start))))
        else:
            progress = 0.0
        alert = None
        if status == "conflict":
            alert = f"Этап {r['stage']}: {remark}"
        elif status == "overdue":
            alert = f"Этап {r['stage']} просрочен (срок до {end:%d.%m.%Y})" + (f": {problem}" if problem else "")
        elif status == "in_progress" and problem and r["stage"] in (2, 3, 4, 5):
            alert = f"Этап {r['stage']}: {problem}"
        rows.append({**r, "status": status, "status_ru": remark or STATUS_RU[status], "progress": progress,
                     "indicators": items, "alert": alert, "sheet": sheet, "evidence": evidence, "remark": remark})
    return pd.DataFrame(rows)


def alerts(status: pd.DataFrame) -> list[str]:
    return [a for a in status["alert"] if a]
