"""The year's indicators, as a region collects them from schools: each a share with its numerator and denominator.

Followed: «Методические рекомендации по разработке и внедрению системы (целевой модели) наставничества
педагогических работников в образовательных организациях» (письмо Минпросвещения России № АЗ-1128/08 и
Общероссийского Профсоюза образования № 657 от 21.12.2021) — the programme's results are judged by the share of
teachers involved in mentoring (the target is the school's own setting, printed as «ориентир школы»: no national
figure for teachers was found in the texts checked), of young specialists (0–3 years) with a mentor, the retention of young teachers, the
participants' satisfaction; and, per Р-145 (распоряжение Минпросвещения России от 25.12.2019 № Р-145, its monitoring
section), monitoring by questionnaires in two stages (quality of the programme; growth of the participants, entry →
final), which `analysis.monitoring` computes.

`kpis(program)` never guesses: without the school's staff (a «Педагоги» tab, `[service.staff]`, or `[school]
staff = N`) a share of the staff is NaN with a note saying what is missing — never a zero.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import normalize as nz
from .config import Config, outside_default
from .plans import group_codes, plan_progress, saved_codes
from .program import Program
from .responses import answered

COLUMNS = ["key", "indicator", "value", "numerator", "denominator", "target", "note"]


# --- the school's staff -----------------------------------------------------------------
def staff_list(program: Program) -> pd.DataFrame | None:
    """The «Педагоги» tab of the year (one row per e-mail), or None when the year has no such tab or it is empty."""
    frame = program.extra.get("staff")
    if frame is None or not len(frame) or "email" not in frame:
        return None
    frame = frame[frame["email"].fillna("").astype(str).str.strip().ne("")]
    return frame.drop_duplicates("email", keep="last").set_index("email") if len(frame) else None


def staff_count(program: Program, config: Config) -> tuple[int | None, str]:
    """(number of teachers, where it comes from); (None, what is missing) when neither the tab nor the setting has it."""
    tab = config.service["staff"].tab if "staff" in config.service else "Педагоги"
    staff = staff_list(program)
    if staff is not None:
        return len(staff), f"лист «{tab}»"
    n = config.school.staff
    if n > 0:
        return n, "настройки школы (число педагогов)"
    return None, (f"не указано число педагогов школы: добавьте в таблицу года лист «{tab}» (ФИО, e-mail, стаж) "
                  "или число педагогов на странице «Настройка» (раздел 5)")


def participants(program: Program) -> tuple[set[str], set[str]]:
    """(mentees, mentors) of the year's pairs — every approved row, a pair that ended early included."""
    p = program.pairs
    if not len(p):
        return set(), set()
    return set(p["mentee_id"].dropna()), set(p["mentor_id"].dropna())


# --- plans ------------------------------------------------------------------------------
def plans_completed(program: Program, config: Config) -> tuple[int | None, int, str]:
    """(pairs that completed their plan — None when nothing tells yet —, pairs, how it was judged).

    When the school keeps its ППН in the `Программы` tab (analysis/plans.py): the pairs/groups whose every saved
    activity is done — marked, or found in the meetings log —, of all approved pairs/groups (one without a saved
    plan has not completed one). Otherwise judged from the «Пары» status and the final questionnaires: a pair
    completed its plan when its status says so («выполнена», «завершена», not «досрочно»/«расторгнута»), or when
    the mentee or the mentor rates the plan's completion at `[quality] satisfied_from` or higher."""
    if saved_codes(program):
        progress = plan_progress(program, config, saved_only=True)
        done = int(((progress["done"] == progress["items"]) & (progress["items"] > 0)).sum())
        return done, len(group_codes(program)), ("все мероприятия сохранённой ППН выполнены (отметка в листе "
                                                 "«Программы» или встреча в журнале), из всех пар и групп")
    pairs = program.pairs
    if not len(pairs):
        return 0, 0, "пар нет"
    high = config.quality.satisfied_from
    s = program.surveys
    final = s[s["kind"] == "final"] if len(s) and "kind" in s else s
    rated = {}
    if len(final) and "plan_done" in final:
        for role, pid, v in zip(final["role"], final["person_id"], pd.to_numeric(final["plan_done"], errors="coerce")):
            if pd.notna(v):
                rated[(role, pid)] = float(v)
    done: dict[str, bool] = {}          # per pair/group code (a group has a row per mentee and one programme)
    for i, r in enumerate(pairs.itertuples(index=False)):
        status = nz.fold(str(r.status or ""))
        ended_badly = any(w in status for w in ("досроч", "расторг", "прекращ", "отмен"))
        said_done = not ended_badly and any(w in status for w in ("выполн", "заверш"))
        rated_done = not ended_badly and max(rated.get(("mentee", r.mentee_id), 0), rated.get(("mentor", r.mentor_id), 0)) >= high
        code = str(r.group if pd.notna(r.group) else "").strip() or f"строка {i}"
        done[code] = done.get(code, False) or bool(said_done or rated_done)
    if not any(done.values()) and not rated:      # no saved plan, no final answer, no pair marked done: not yet known
        return None, len(done), ("не собрано: ППН не сохранены в листе «Программы», итоговых анкет и пар со статусом "
                                 "«выполнена» пока нет")
    return sum(done.values()), len(done), (f"статус в листе «Пары» или оценка выполнения плана от {high:g} в итоговой "
                                           "анкете наставляемого или наставника (группа — одна программа)")


# --- the indicators -----------------------------------------------------------------------
def _row(key: str, indicator: str, num: float | None, den: float | None, note: str = "", target: float = np.nan) -> dict:
    ok = num is not None and den is not None and den > 0
    return {"key": key, "indicator": indicator, "value": num / den if ok else np.nan,
            "numerator": float(num) if num is not None else np.nan,
            "denominator": float(den) if den is not None else np.nan, "target": target, "note": note}


def kpis(program: Program, config: Config | None = None, *, previous: Program | None = None) -> pd.DataFrame:
    """Indicators of one academic year: key, indicator, value (a share 0–1, NaN when it cannot be computed),
    numerator, denominator, target, note (what is counted, or what is missing, in Russian).

    `previous`: last academic year's Program (retention of its mentees); without it that share is NaN."""
    config = outside_default(config)
    mon = config.monitoring
    young_years = int(mon.young_years)
    satisfied_from, sat_label = config.quality.satisfied_from, config.quality.satisfied_label
    staff_tab = config.service["staff"].tab if "staff" in config.service else "Педагоги"
    mentees, mentors = participants(program)
    staff = staff_list(program)
    n_staff, staff_note = staff_count(program, config)
    rows = []

    involved = mentees | mentors
    rows.append(_row("coverage", "Доля педагогов, вовлечённых в наставничество (наставники и наставляемые)",
                     len(involved & set(staff.index)) if staff is not None else (len(involved) if n_staff else None),
                     n_staff, f"участники пар и групп года из числа педагогов ({staff_note})" if n_staff else staff_note,
                     mon.coverage_target))
    rows.append(_row("mentors", "Доля педагогов-наставников",
                     len(mentors & set(staff.index)) if staff is not None else (len(mentors) if n_staff else None),
                     n_staff, f"наставники пар и групп года ({staff_note})" if n_staff else staff_note))

    exp = pd.to_numeric(staff["experience"], errors="coerce") if staff is not None and "experience" in staff else None
    if exp is not None and exp.notna().any():
        young = set(exp[exp <= young_years].index)
        rows.append(_row("young_with_mentor", f"Молодые специалисты (стаж 0–{young_years} года) с наставником",
                         len(young & mentees), len(young),
                         f"педагоги листа «{staff_tab}» со стажем до {young_years} лет включительно, наставляемые в парах"))
    else:
        rows.append(_row("young_with_mentor", f"Молодые специалисты (стаж 0–{young_years} года) с наставником", None, None,
                         f"не указан стаж педагогов: нужен лист «{staff_tab}» с колонкой стажа"))

    ages = staff["age_group"].fillna("").astype(str) if staff is not None and "age_group" in staff else None
    if ages is not None and ages.str.strip().ne("").any():
        under35 = set(ages[ages.map(nz.fold).str.startswith("до 35")].index)
        rows.append(_row("young_age_with_mentor", "Молодые педагоги (до 35 лет) в наставничестве",
                         len(under35 & involved), len(under35), f"возрастная группа «до 35 лет» в листе «{staff_tab}»"))
    else:
        rows.append(_row("young_age_with_mentor", "Молодые педагоги (до 35 лет) в наставничестве", None, None,
                         f"возрастные группы не собраны: колонка «Возрастная группа» листа «{staff_tab}»"))

    done, total, how = plans_completed(program, config)
    rows.append(_row("plans_completed", "Пары и группы, выполнившие персонализированную программу",
                     done if total else None, total or None, how if total else "утверждённых пар нет"))

    s = program.surveys
    final = s[s["kind"] == "final"] if len(s) and "kind" in s else s.iloc[0:0]
    expected = {"mentee": mentees, "mentor": mentors}
    collected = bool(len(final))
    not_yet = "итоговые анкеты ещё не собирались"
    got, want = answered(program, "final") or (None, None)
    rows.append(_row("final_response", "Ответили на итоговую анкету (участники пар)", got, want,
                     "наставляемые и наставники пар года (и завершённых досрочно), ответившие на итоговую анкету"
                     if collected else not_yet))
    for role, who in (("mentee", "наставляемых"), ("mentor", "наставников")):
        part = final[(final["role"] == role) & final["person_id"].isin(expected[role])] if collected else final
        sat = pd.to_numeric(part["satisfaction"], errors="coerce").dropna() if "satisfaction" in part else pd.Series(dtype=float)
        rows.append(_row(f"satisfied_{role}", f"Удовлетворённость {who}: оценка {sat_label}",
                         int((sat >= satisfied_from).sum()) if len(sat) else None, len(sat) or None,
                         f"«Общая удовлетворённость» в итоговой анкете {who}" if len(sat) else not_yet))
    mentee_final = final[(final["role"] == "mentee") & final["person_id"].isin(mentees)] if collected else final
    want = pd.to_numeric(mentee_final["become_mentor"], errors="coerce").dropna() if "become_mentor" in mentee_final \
        else pd.Series(dtype=float)
    rows.append(_row("become_mentor", "Наставляемые, готовые стать наставниками", int((want == 1).sum()) if len(want) else None,
                     len(want) or None, "ответ «Да» в итоговой анкете наставляемого" if len(want) else not_yet))

    stage2 = [i for i in mon.get("stage2", ()) if i in s]
    grew, both = _grew(s, mentees, stage2)
    rows.append(_row("growth", "Наставляемые с ростом по самооценке (этап 2 мониторинга)", grew if both else None,
                     both or None, "средняя самооценка по пунктам этапа 2 выше, чем во входной анкете (ответившие на обе)"
                     if both else "нужны входная и итоговая анкеты одних и тех же наставляемых"))

    if previous is None:
        rows.append(_row("retention", "Наставляемые прошлого года, продолжающие работать в школе", None, None,
                         "нет данных прошлого учебного года"))
    else:
        last, _ = participants(previous)
        if staff is None:
            rows.append(_row("retention", "Наставляемые прошлого года, продолжающие работать в школе", None, None,
                             f"нет списка педагогов этого года (лист «{staff_tab}»)"))
        else:
            rows.append(_row("retention", "Наставляемые прошлого года, продолжающие работать в школе",
                             len(last & set(staff.index)), len(last) or None,
                             f"наставляемые пар {previous.year or 'прошлого года'}, которые есть в листе «{staff_tab}» "
                             f"{program.year or 'этого года'}"))
    return pd.DataFrame(rows, columns=COLUMNS)


def _grew(surveys: pd.DataFrame, mentees: set[str], items: list[str]) -> tuple[int, int]:
    """(mentees whose stage-2 mean rose from entry to final, mentees with both answers)."""
    if not len(surveys) or not items:
        return 0, 0
    part = surveys[(surveys["role"] == "mentee") & surveys["person_id"].isin(mentees)]
    means = part.assign(_m=part[items].apply(pd.to_numeric, errors="coerce").mean(axis=1))
    entry = means[means["kind"] == "entry"].set_index("person_id")["_m"].dropna()
    final = means[means["kind"] == "final"].set_index("person_id")["_m"].dropna()
    both = entry.index.intersection(final.index)
    return int((final[both] > entry[both]).sum()), len(both)
