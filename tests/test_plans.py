"""ППН of every pair: the draft, its save (rows of the school's tab kept), its progress by the meetings log, pair
health at risk, the A4 .docx; stage 5.3: the waiting list equals «Без пары», a new mentor flags who they suit."""
from __future__ import annotations

import io
from dataclasses import replace

import docx
import pandas as pd
import pytest
from docx.shared import Cm

from analysis import load_config, load_program
from analysis.overview import headline, without_pair
from analysis.plans import (ITEM_COLUMNS, draft_plan, group_codes, plan_for, plan_progress, plans_edit,
                            term_problem)
from analysis.schoolyear import year_bounds
from analysis.quality import quality_report
from analysis.roadmap import stage_status
from analysis.waiting import support_edit, waiting_list
from data_sources import demo_source, demo_years
from data_sources.base import TabChange
from data_sources.memory import MemoryBook
from documents.order import order_docx
from documents.plan import SECTION_TITLES, plan_docx, plans_bundle
from ui.store import YearStore

CONFIG = load_config()
PLANS, SUPPORT, MEETINGS = CONFIG.service["plans"].tab, CONFIG.service["support"].tab, CONFIG.forms["meetings"].tab
DONE, FORMING = "2025/26", "2026/27"


def program_of(year: str, tabs=None):
    return load_program(tabs if tabs is not None else demo_source(year).read(), year=year)


def unsaved(year: str) -> dict:
    """The year's tabs with nothing saved in «Программы» yet (the finished demo year has every pair's ППН)."""
    tabs = dict(demo_source(year).read())
    tabs[PLANS] = tabs[PLANS].iloc[0:0]
    return tabs


def store_of(year: str, tabs=None) -> YearStore:
    return YearStore(year, MemoryBook(tabs if tabs is not None else demo_source(year).read()), CONFIG, kind="session",
                     ttl=float("inf"))


def rows(store: YearStore, tab: str) -> list[list[str]]:
    frame = store.source.read_tab(tab)
    return [list(frame.columns)] + frame.values.tolist()


# --- the draft -------------------------------------------------------------------
@pytest.mark.parametrize("year", demo_years())
def test_every_approved_pair_and_group_of_the_year_gets_a_complete_dated_draft(year):
    program = program_of(year)
    first, last = year_bounds(program, CONFIG)
    codes = group_codes(program)
    assert set(codes) == set(program.active_pairs()["group"]) and codes
    for code in codes:
        plan = draft_plan(program, code, CONFIG)
        assert plan.goal and plan.tasks and plan.expected and plan.summing_up and plan.type, code
        assert list(plan.items.columns) == [*ITEM_COLUMNS, "addresses"]
        assert plan.items["addresses"].str.len().gt(0).all(), code          # every activity names its difficulty
        assert first <= plan.start < plan.end <= last and not term_problem(plan), code
        assert plan.directions, code
        assert str(plan.items["due"].dtype).startswith("datetime64") and plan.items["done"].dtype == bool
        items = plan.items.dropna(subset=["due"])
        assert len(items) >= 4 and items["due"].between(first, last).all(), code
        assert items["due"].is_monotonic_increasing
        assert (items["due"].dt.day_of_week < 5).all()                             # working days
        assert "диагностика" in items["activity"].iloc[0].lower()
        assert "рефлексия" in items["activity"].iloc[-2].lower() and "анкетирование" in items["activity"].iloc[-1].lower()
        assert items["format"].ne("").all() and items["responsible"].ne("").all()
        pairs = program.active_pairs()
        mine = pairs[pairs["group"] == code]
        names = {n for _, n in plan.participants}
        assert set(mine["mentee_name"]) <= names and mine["mentor_name"].iloc[0] in names
        assert len(plan.difficulties) == len(mine)                           # one line per mentee's request
        topic = mine["topic"].iloc[0]
        assert plan.topic == topic and topic in plan.goal


def test_the_draft_follows_the_request_and_the_mentor():
    program = program_of(FORMING)
    plan = draft_plan(program, "Г-01", CONFIG)
    mentee = program.pairs.loc[program.pairs["group"] == "Г-01", "mentee_id"].iloc[0]
    own_words = program.mentees.at[mentee, "request_text"]
    assert any(own_words.split(".")[0] in d for d in plan.difficulties)
    assert any(own_words.split(".")[0] in t for t in plan.tasks)
    templates = [t["activity"] for t in CONFIG.section("plans")["topics"]["Современный урок по ФГОС"]]
    assert set(templates) <= set(plan.items["activity"])                   # the pair's topic's activities
    assert plan.strengths[0].startswith("Наставляемый")                    # her own strengths come first
    assert plan.strengths[-1].startswith("Наставник") and "Современный урок по ФГОС" in plan.strengths[-1]


@pytest.mark.parametrize("year", demo_years())
def test_drafts_of_different_requests_do_not_read_the_same(year):
    """The ППН definition: activities aimed at *this* mentee's difficulties. Two programmes whose mentees asked
    differently differ in goal and expected results; a young specialist gets her first-year activities, which a
    mentee of another category does not."""
    program = program_of(year)
    plans = {c: draft_plan(program, c, CONFIG) for c in group_codes(program)}
    asked = {c: tuple(p.requests) for c, p in plans.items()}
    for a in plans:
        for b in plans:
            if a < b and asked[a] != asked[b] and asked[a] and asked[b]:
                assert (plans[a].goal, plans[a].expected) != (plans[b].goal, plans[b].expected), (a, b)
    young = CONFIG.section("plans")["categories"]["Молодой специалист"]["activities"][0]["activity"]
    for code, plan in plans.items():
        assert (young in set(plan.items["activity"])) == ("Молодой специалист" in plan.categories), code
        for request in plan.requests:
            assert request in plan.goal + " ".join(plan.expected), code


# --- saving ------------------------------------------------------------------------
def test_saving_a_plan_twice_changes_nothing_and_a_row_typed_meanwhile_stays():
    store = store_of(FORMING)
    program = store.get().program
    plan = draft_plan(program, "П-01", CONFIG)
    first = store.write(PLANS, lambda fresh: plans_edit(fresh, plan, "П-01", config=CONFIG))
    head = [plan.goal, plan.tasks, plan.form, plan.type, plan.expected]
    assert first.added == len(plan.items) + sum(map(bool, head)) and not first.skipped
    saved = rows(store, PLANS)
    assert store.write(PLANS, lambda fresh: plans_edit(fresh, plan, "П-01", config=CONFIG)).change.empty
    assert rows(store, PLANS) == saved

    # a colleague types a row into the sheet; the page then saves the plan with one mark set and one item added
    typed = ["П-01", "Мероприятие", "Доп. встреча с завучем", "15.12.2026", "Консультация", "Куратор", "Нет"]
    store.source.apply_change(PLANS, TabChange(header=saved[0], append=[typed]))
    items = plan.items.copy()
    items.loc[0, "done"] = True
    extra = pd.DataFrame([{"due": pd.Timestamp("2027-03-03"), "activity": "Мастер-класс наставника",
                           "format": "Практикум", "responsible": "Наставник", "done": False}])
    edit = store.write(PLANS, lambda fresh: plans_edit(fresh, replace(plan, items=pd.concat([items, extra])), "П-01",
                                                       config=CONFIG))
    assert (edit.added, edit.updated) == (1, 1)
    after = rows(store, PLANS)
    assert after[:len(saved)] != saved                          # only the mark of the first activity changed …
    changed = [i for i, (a, b) in enumerate(zip(after, saved)) if a != b]
    assert len(changed) == 1 and after[changed[0]][-1] == "Да"
    assert after[len(saved)] == typed                          # … the typed row stays, untouched
    assert after[-1][2] == "Мастер-класс наставника"
    assert any("Доп. встреча с завучем" in s for s in edit.skipped)   # said: it is removed in the sheet itself

    reread = plan_for(store.get().program, "П-01", CONFIG)
    assert reread.saved and bool(reread.items["done"].iloc[0])
    assert "Доп. встреча с завучем" in set(reread.items["activity"])    # the sheet's plan is what the page shows


def test_an_edited_goal_is_appended_and_the_latest_wins():
    store = store_of(FORMING)
    plan = draft_plan(store.get().program, "П-02", CONFIG)
    store.write(PLANS, lambda fresh: plans_edit(fresh, plan, "П-02", config=CONFIG))
    edit = store.write(PLANS, lambda fresh: plans_edit(fresh, replace(plan, goal="Подготовиться к аттестации на первую"),
                                                       "П-02", config=CONFIG))
    assert edit.added == 1 and not edit.change.cells
    assert plan_for(store.get().program, "П-02", CONFIG).goal == "Подготовиться к аттестации на первую"


# --- progress and pair health ------------------------------------------------------
def _meeting(row: list[str], header: list[str], who: str, mentee: str, day: str, topic: str) -> list[str]:
    values = dict(zip(header, row))
    values.update({"Отметка времени": f"{day} 18:00:00", "Адрес электронной почты": who, "E-mail наставляемого": mentee,
                   "Дата встречи": day, "Тема встречи": topic, "Продолжительность (минут)": "45"})
    return [values[h] for h in header]


def test_plan_progress_from_a_meetings_log_and_an_overdue_saved_plan_puts_the_pair_at_risk():
    tabs = unsaved(DONE)
    program = program_of(DONE, tabs)
    health = quality_report(program, CONFIG).health
    calm = health[health["status"] != "at_risk"].iloc[0]
    code, mentee, mentor = calm["group"], calm["mentee_id"], calm["mentor_id"]
    plan = draft_plan(program, code, CONFIG)
    items = plan.items
    # the log written for the test: the first two activities met on time, nothing after
    log = tabs[MEETINGS]
    header = list(log.columns)
    others = log[log["E-mail наставляемого"].str.strip().str.lower() != mentee]
    mine = [_meeting(log.iloc[0].tolist(), header, mentor, mentee, f"{items['due'].iloc[i]:%d.%m.%Y}", topic)
            for i, topic in ((0, "Знакомство, входная диагностика"), (1, "Обсуждение персонализированной программы"))]
    tabs[MEETINGS] = pd.concat([others, pd.DataFrame(mine, columns=header)], ignore_index=True)
    store = store_of(DONE, tabs)
    today = items["due"].iloc[3] + pd.Timedelta(weeks=6)              # the third and fourth activities overdue
    grace = pd.Timedelta(days=int(CONFIG.section("plans")["on_time_grace_days"]))   # still «в срок» within it
    overdue = int((items["due"].iloc[2:] < today - grace).sum())
    late = int((items["due"].iloc[2:] <= today - pd.Timedelta(weeks=4)).sum())
    assert overdue >= late >= 2

    draft = plan_progress(store.get().program, CONFIG, today.date()).set_index("group").loc[code]
    assert (draft["done"], draft["on_time"], draft["overdue"]) == (2, 2, overdue)
    assert not draft["at_risk"] and not draft["saved"]                # a draft nobody agreed on: no risk

    store.write(PLANS, lambda fresh: plans_edit(fresh, plan, code, config=CONFIG))
    program = store.get().program
    row = plan_progress(program, CONFIG, today.date()).set_index("group").loc[code]
    assert row["saved"] and (row["done"], row["on_time"], row["overdue"]) == (2, 2, overdue)
    weeks = (today - items["due"].iloc[2]).days // 7
    assert row["at_risk"] and row["overdue_weeks"] == weeks
    assert f"просрочено мероприятий — {late}, дольше всего {weeks} нед." in row["reason"]
    assert items["activity"].iloc[2] in row["reason"]

    health = quality_report(program, CONFIG, today.date()).health.set_index("mentee_id").loc[mentee]
    assert health["status"] == "at_risk" and "программа (ППН) отстаёт" in health["reasons"]

    stage5 = stage_status(program, today, CONFIG).set_index("stage").loc[5, "indicators"]
    shown = {i.label: i.value for i in stage5}
    assert shown["пар/групп с программой (ППН)"] == f"1 из {len(group_codes(program))}"
    assert shown["мероприятий ППН выполнено в срок"] == f"2 из {len(items)}"


def test_a_done_mark_counts_without_a_meeting_and_a_near_activity_is_due_soon():
    program = program_of(FORMING)
    plan = draft_plan(program, "П-03", CONFIG)
    store = store_of(FORMING)
    items = plan.items.copy()
    items["done"] = [True] + [False] * (len(items) - 1)
    store.write(PLANS, lambda fresh: plans_edit(fresh, replace(plan, items=items), "П-03", config=CONFIG))
    day = (items["due"].iloc[1] - pd.Timedelta(days=3)).date()
    row = plan_progress(store.get().program, CONFIG, day).set_index("group").loc["П-03"]
    assert row["done"] >= 1 and row["soon"] >= 1 and row["overdue"] == 0 and not row["at_risk"]
    assert row["next_activity"] == items["activity"].iloc[1]


# --- stage 5.3 -------------------------------------------------------------------------
@pytest.mark.parametrize("year", demo_years())
def test_the_waiting_list_is_the_without_pair_set_with_a_reason_each(year):
    program = program_of(year)
    waiting = waiting_list(program, CONFIG)
    assert set(waiting["mentee_id"]) == without_pair(program)
    assert len(waiting) == headline(program).without_pair
    assert waiting["reason"].str.len().gt(0).all()


def _new_mentor(tabs, topics: str, when: str) -> dict:
    survey = tabs[CONFIG.forms["mentor_survey"].tab]
    row = dict(zip(survey.columns, survey.iloc[0].tolist()))
    row.update({"Отметка времени": when, "Адрес электронной почты": "novaya.nastavnica@integral-lyceum.ru",
                "ФИО": "Новая Наставница Ивановна", "Темы, по которым вы готовы быть наставником": topics,
                "Сколько наставляемых вы готовы сопровождать?": "2",
                "Готовы ли вы стать наставником в этом учебном году?": "Да",
                "Согласие на обработку персональных данных": "Даю согласие"})
    tabs[CONFIG.forms["mentor_survey"].tab] = pd.concat([survey, pd.DataFrame([row])], ignore_index=True)
    return tabs


def test_a_mentor_who_answers_after_the_mentee_was_left_waiting_flags_the_mentees_they_suit():
    tabs = demo_source(FORMING).read()
    program = program_of(FORMING, tabs)
    before = waiting_list(program, CONFIG)
    assert not before["flagged"].any()
    topic = "Функциональная грамотность"
    suits = {m for m, t in zip(before["mentee_id"], before["topics"]) if topic in t}
    assert suits and len(suits) < len(before)
    program = program_of(FORMING, _new_mentor(tabs, topic, "20.11.2026 10:00:00"))
    after = waiting_list(program, CONFIG).set_index("mentee_id")
    assert set(after.index[after["flagged"]]) == suits
    assert (after.loc[list(suits), "new_mentors"] == "Новая Наставница Ивановна").all()

    # support given to one of them after the mentor answered: that mentee is no longer flagged by this mentor
    store = store_of(FORMING, tabs)
    who = sorted(suits)[0]
    entry = {"date": pd.Timestamp("2026-11-24"), "mentee_email": who, "mentee_name": "", "kind": "Методическая помощь",
             "action": "Подобраны материалы по функциональной грамотности", "by": "Павлова Е.М."}
    store.write(SUPPORT, lambda fresh: support_edit(fresh, entry, CONFIG))
    again = waiting_list(store.get().program, CONFIG).set_index("mentee_id")
    assert not again.at[who, "flagged"] and again.at[who, "support"] == 1
    assert again.at[who, "last_support"] == pd.Timestamp("2026-11-24")


def test_a_support_record_saved_twice_is_written_once_and_rows_typed_meanwhile_stay():
    store = store_of(FORMING)
    who = sorted(without_pair(store.get().program))[0]
    entry = {"date": pd.Timestamp("2026-11-20"), "mentee_email": who, "mentee_name": "Кто-то", "kind": "Групповое занятие",
             "action": "=HYPERLINK(\"x\")", "by": "Психолог"}
    first = store.write(SUPPORT, lambda fresh: support_edit(fresh, entry, CONFIG))
    assert first.added == 1
    typed = rows(store, SUPPORT)[1][:]
    typed[4] = "Вписано в таблицу руками"
    store.source.apply_change(SUPPORT, TabChange(header=rows(store, SUPPORT)[0], append=[typed]))
    second = store.write(SUPPORT, lambda fresh: support_edit(fresh, entry, CONFIG))
    assert second.change.empty and "уже есть" in second.skipped[0]
    table = rows(store, SUPPORT)
    assert len(table) == 3 and table[2] == typed
    empty = store.write(SUPPORT, lambda fresh: support_edit(fresh, {**entry, "action": " "}, CONFIG))
    assert empty.change.empty and "что сделано" in empty.skipped[0]


# --- documents ------------------------------------------------------------------------------
def _texts(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_plan_document_is_a4_with_every_section_and_the_plan_table():
    program = program_of(DONE)
    plan = draft_plan(program, "Г-01", CONFIG)
    d = docx.Document(io.BytesIO(plan_docx(plan, program, school="МАОУ ЦО «Лицей ИНТЕГРАЛ»")))
    s = d.sections[0]
    assert abs(s.page_width - Cm(21)) < Cm(0.05) and abs(s.page_height - Cm(29.7)) < Cm(0.05)
    assert abs(s.left_margin - Cm(3)) < Cm(0.05) and abs(s.right_margin - Cm(1.5)) < Cm(0.05)   # documents.style
    assert d.styles["Normal"].font.name == "Times New Roman" and d.styles["Normal"].font.size.pt == 14
    text = _texts(d)
    for number, title in enumerate(SECTION_TITLES, start=1):
        assert f"{number}. {title}" in text
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in text and plan.goal in text
    for _, name in plan.participants:
        assert name in text
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["№", "Мероприятие", "На какое затруднение направлено", "Срок",
                                                     "Форма работы", "Ответственный", "Отметка о выполнении"]
    assert len(table.rows) == len(plan.items) + 1
    assert table.rows[1].cells[3].text == f"{plan.items['due'].iloc[0]:%d.%m.%Y}"
    assert all(row.cells[2].text for row in table.rows[1:])                  # each activity names its difficulty
    assert f"Срок реализации: с {plan.start:%d.%m.%Y} по {plan.end:%d.%m.%Y}" in text
    assert "Куратор программы наставничества:" in text                       # the curator among the participants
    assert f"Форма: педагог – педагог, ролевая модель «{plan.form}»" in text
    assert table.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == 12


def test_all_plans_in_one_bundle_and_as_the_orders_appendix():
    program = program_of(FORMING)
    plans = [draft_plan(program, c, CONFIG) for c in group_codes(program)]
    bundle = docx.Document(io.BytesIO(plans_bundle(plans, program, school="Лицей")))
    assert len(bundle.tables) == len(plans)
    assert _texts(bundle).count("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА") == len(plans)
    assert sum('w:br w:type="page"' in p._p.xml for p in bundle.paragraphs) == len(plans) - 1
    pairs = program.active_pairs()
    order = docx.Document(io.BytesIO(order_docx(pairs, school="Лицей", year=FORMING, today=pd.Timestamp("2026-11-26"),
                                                plans=plans[:2], program=program)))
    text = _texts(order)
    assert "С приказом ознакомлены:" in text and all(n in text for n in pairs["mentee_name"])
    assert "Приложение 2 к приказу" in text and "Приложение 3 к приказу" in text and len(order.tables) == 3
    assert abs(order.sections[0].page_height - Cm(29.7)) < Cm(0.05)


def test_the_order_names_its_two_appendices_and_what_the_pairs_do_with_their_programs():
    """Appendix 1 — the pairs, appendices 2, 3, … — one ППН each (as Russian orders number them): the order's
    items point to each by its number."""
    program = program_of(FORMING)
    codes = group_codes(program)
    plans = [draft_plan(program, c, CONFIG) for c in codes]
    pairs = program.active_pairs()
    day = pd.Timestamp("2026-11-26")
    every = _texts(docx.Document(io.BytesIO(order_docx(pairs, school="Лицей", year=FORMING, today=day,
                                                       plans=plans, program=program))))
    assert "согласно приложению 1 к настоящему приказу" in every and "Приложение 1 к приказу" in every
    assert f"Утвердить персонализированные программы наставничества пар/групп (приложения 2–{len(plans) + 1})" in every
    assert all(f"Приложение {n} к приказу" in every for n in range(1, len(plans) + 2))
    some = _texts(docx.Document(io.BytesIO(order_docx(pairs, school="Лицей", year=FORMING, today=day,
                                                      plans=plans[:2], program=program))))
    assert "разработать персонализированные программы" in some and "приложения 2–3)" in some
    none = _texts(docx.Document(io.BytesIO(order_docx(pairs, school="Лицей", year=FORMING, today=day))))
    assert "согласно приложению к настоящему приказу" in none and "Приложение 2" not in none
    assert "Приложение к приказу" in none


def test_a_plan_whose_form_and_type_were_cleared_reads_as_to_be_decided_in_the_docx():
    program = program_of(FORMING)
    plan = replace(draft_plan(program, group_codes(program)[0], CONFIG), form="", type="")
    text = _texts(docx.Document(io.BytesIO(plan_docx(plan, program, school="Лицей"))))
    assert ("Форма: педагог – педагог, ролевая модель определяется куратором; вид: определяется куратором."
            in text and "вид: ." not in text)


def test_an_answer_pasted_from_word_with_control_characters_still_gives_every_docx():
    """A soft line break (\\x0b) or another control character in one answer broke the .docx downloads."""
    from documents.report import annual_report_docx
    from data_sources.base import frame_from_rows

    tabs = demo_source(FORMING).read()
    spec = CONFIG.forms["mentee_request"]
    frame = tabs[spec.tab]
    col = spec.fields["request_text"].headers[0]
    rows = [list(frame.columns)] + frame.astype(str).values.tolist()
    for row in rows[1:]:
        row[list(frame.columns).index(col)] += " Первая строка\x0bвторая\x01 строка\x00"
    tabs[spec.tab] = frame_from_rows(rows)
    program = program_of(FORMING, tabs)
    assert "Первая строка\nвторая строка" in " ".join(program.mentees["request_text"])      # the soft break kept as a line
    plans = [plan_for(program, c, CONFIG) for c in group_codes(program)]
    for made in (plans_bundle(plans, program, school="Лицей"),
                 order_docx(program.active_pairs(), school="Лицей", year=FORMING, today=pd.Timestamp("2026-11-26"),
                            plans=plans, program=program),
                 annual_report_docx(program, config=CONFIG)):
        assert docx.Document(io.BytesIO(made)).paragraphs


def test_a_group_meeting_logged_once_per_mentee_carries_out_one_activity():
    tabs = demo_source(FORMING).read()
    program = program_of(FORMING, tabs)
    group = program.pairs[program.pairs["group"] == "Г-01"]
    plan = draft_plan(program, "Г-01", CONFIG)
    log = tabs[MEETINGS]
    header = list(log.columns)
    day = f"{plan.items['due'].iloc[0]:%d.%m.%Y}"
    rows_ = [_meeting(log.iloc[0].tolist(), header, m, e, day, "Знакомство, составление персонализированной программы")
             for e, m in zip(group["mentee_id"], group["mentor_id"])]
    tabs[MEETINGS] = pd.DataFrame(rows_, columns=header)                 # the log: this one meeting, twice
    row = plan_progress(program_of(FORMING, tabs), CONFIG, plan.items["due"].iloc[0].date()).set_index("group")
    assert row.at["Г-01", "done"] == 1


def test_the_form_and_type_come_from_the_pair_row_when_the_pairs_tab_has_them():
    program = program_of(FORMING)
    from analysis.mentoring_forms import suggest

    suggested = suggest(program, CONFIG).loc["П-01"]                  # no form in the tab: the data's suggestion
    assert suggested["form"] and suggested["type"]
    assert (draft_plan(program, "П-01", CONFIG).form, draft_plan(program, "П-01", CONFIG).type) == \
        (suggested["form"], suggested["type"])
    program.pairs = program.pairs.assign(form="опытный педагог – молодой специалист", type="реверсивная")
    plan = draft_plan(program, "П-01", CONFIG)
    assert (plan.form, plan.type) == ("опытный педагог – молодой специалист", "реверсивная")


def test_a_new_date_for_a_saved_activity_is_not_a_second_activity():
    store = store_of(FORMING)
    plan = draft_plan(store.get().program, "П-04", CONFIG)
    store.write(PLANS, lambda fresh: plans_edit(fresh, plan, "П-04", config=CONFIG))
    before = rows(store, PLANS)
    items = plan.items.copy()
    items.loc[3, "due"] = items.loc[3, "due"] + pd.Timedelta(days=7)
    edit = store.write(PLANS, lambda fresh: plans_edit(fresh, replace(plan, items=items), "П-04", config=CONFIG))
    assert edit.change.empty and rows(store, PLANS) == before
    assert len(edit.skipped) == 1 and "меняется в самой таблице" in edit.skipped[0] and items.loc[3, "activity"] in edit.skipped[0]


def test_the_indicator_of_completed_plans_counts_saved_plans_with_every_activity_done():
    from analysis.kpi import kpis

    program = program_of(DONE, unsaved(DONE))
    store = store_of(DONE, unsaved(DONE))
    for code, all_done in (("П-01", True), ("П-02", False)):
        plan = draft_plan(program, code, CONFIG)
        marked = replace(plan, items=plan.items.assign(done=[all_done] * len(plan.items)))
        store.write(PLANS, lambda fresh, p=marked, c=code: plans_edit(fresh, p, c, config=CONFIG))
    saved = store.get().program
    row = kpis(saved, CONFIG).set_index("key").loc["plans_completed"]
    # П-01: every activity marked done; П-02: none marked, and the year's meetings log does not carry all of them;
    # of every pair and group of the year (one without a saved plan has not completed one)
    assert (row["numerator"], row["denominator"]) == (1, len(group_codes(saved)))
    assert "Программы" in row["note"] or "ППН" in row["note"]


def test_an_activity_a_day_late_is_not_yet_overdue_while_it_can_still_be_done_in_time():
    from analysis.plans import item_progress

    plan = draft_plan(program_of(FORMING), "П-03", CONFIG)
    first = plan.items["due"].iloc[0]
    no_meetings = pd.DataFrame(columns=["who", "date", "topic"])
    grace = int(CONFIG.section("plans")["on_time_grace_days"])
    day_late = item_progress(plan, no_meetings, first + pd.Timedelta(days=1), CONFIG).iloc[0]
    assert day_late["status"] == "soon" and day_late["late_days"] == 1
    past = item_progress(plan, no_meetings, first + pd.Timedelta(days=grace + 1), CONFIG).iloc[0]
    assert past["status"] == "overdue"


def test_a_meeting_names_a_category_activity_by_its_words():
    """A young specialist's own activity («Знакомство с лицеем: локальные акты…», [plans.categories]) is carried out
    by a meeting whose topic uses its words, as a topic template's activity is."""
    from analysis.plans import item_progress

    program = program_of(FORMING)
    plan = next(p for p in (draft_plan(program, c, CONFIG) for c in group_codes(program)) if "Молодой специалист" in p.categories)
    row = plan.items[plan.items["activity"].str.startswith("Знакомство с лицеем")].iloc[0]
    meetings = pd.DataFrame({"who": ["x"], "date": [row["due"] - pd.Timedelta(days=1)],
                             "topic": ["разбирали локальные акты лицея"]})
    done = item_progress(plan, meetings, row["due"] + pd.Timedelta(days=1), CONFIG)
    assert done.loc[done["activity"] == row["activity"], "status"].iloc[0] == "done"
