"""Nothing silently lost: answers the matching cannot use, people left out of a bank, a blank capacity and blank
rows are named with their sheet rows; what would silently change the proposal holds matching back."""
from __future__ import annotations

import pytest
import streamlit as st

from analysis import load_config, load_program
from tests.apptest import plain, run_app, school_config
from tests.forms import mentee, mentor, tab, write_book

CONFIG = load_config()
REQ, SURVEY = CONFIG.forms["mentee_request"].tab, CONFIG.forms["mentor_survey"].tab
NEW_OPTION = "Подготовка обучающихся к ОГЭ, ЕГЭ"          # the school's own option, with a comma inside


def workbook(**override) -> dict:
    mentees = [mentee(f"e{i}@school.ru", full_name=f"Учитель {i}", topics=t) for i, t in enumerate([
        f"{NEW_OPTION}, Современный урок по ФГОС", NEW_OPTION, "Современный урок по ФГОС", "Моя особая тема"])]
    mentees.append(mentee("nocon@school.ru", full_name="Без Согласия", consent="Не даю согласия"))
    mentors = [mentor("m1@school.ru", full_name="Наставник Один"),
               mentor("m2@school.ru", full_name="Наставник Два", capacity=""),
               mentor("m3@school.ru", full_name="Наставник Три", willing="Нет")]
    tabs = {REQ: tab("mentee_request", mentees), SURVEY: tab("mentor_survey", mentors)}
    tabs[REQ].loc[len(tabs[REQ])] = [""] * tabs[REQ].shape[1]                      # a blank row (sheet row 7)
    tabs[REQ].loc[len(tabs[REQ])] = list(tab("mentee_request", [mentee("last@school.ru")]).iloc[0])
    return {**tabs, **override}


def problems(tabs) -> list:
    return load_program(tabs, CONFIG).problems


def test_answers_not_in_the_option_list_are_an_error_naming_them_and_holding_matching_back():
    found = [p for p in problems(workbook()) if p.blocks == "matching"]
    assert len(found) == 1 and found[0].severity == "error"
    text = found[0].message
    assert "«Подготовка обучающихся к ОГЭ" in text and "2 чел." in text and "строки 2, 3" in text
    noted = [p for p in problems(workbook()) if "«Другое»" in p.message]
    assert noted and "строки 5" in noted[0].message and noted[0].blocks is None       # one person's own answer


def test_a_renamed_topics_question_is_an_error_not_an_empty_field():
    tabs = workbook()
    tabs[REQ] = tabs[REQ].rename(columns={CONFIG.forms["mentee_request"].fields["topics"].headers[0]: "Что обсудить?"})
    found = [p for p in problems(tabs) if p.blocks == "matching"]
    assert any("не найден вопрос" in p.message and "темы запросов" in p.message for p in found)


def test_a_missing_form_tab_holds_matching_back():
    tabs = workbook()
    tabs.pop(SURVEY)
    assert any(p.blocks == "matching" and SURVEY in p.message for p in problems(tabs))


def test_people_left_out_and_a_blank_capacity_are_named_with_their_rows():
    program = load_program(workbook(), CONFIG)
    said = {(p.tab, p.row): p.message for p in program.problems}
    assert "Без Согласия: нет согласия" in said[(REQ, 6)]
    assert "Наставник Три: в этом году не готов(а)" in said[(SURVEY, 4)]
    assert "Наставник Два: не указано, скольких" in said[(SURVEY, 3)] and "считается 1" in said[(SURVEY, 3)]
    assert program.mentors.at["m2@school.ru", "capacity"] == 1
    assert any(p.row == 7 and "пустых строк: 1 (строки 7)" in p.message for p in program.problems)


@pytest.fixture
def school(tmp_path, monkeypatch):
    path = tmp_path / "school.xlsx"
    write_book(workbook(), path)
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {"2025/26": path}, open_run=True)))
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_the_matching_page_says_what_would_be_lost_and_waits_for_the_coordinator(school):
    at = run_app("2025/26", "views/matching.py")
    assert not at.exception
    assert any("ОГЭ" in plain(e.value) and "не участвуют в подборе" in plain(e.value) for e in at.error)
    assert not any(b.label == "Утвердить пары" for b in at.button)                    # held back
    at.checkbox[0].check().run()
    next(c for c in at.checkbox if c.label == "Всё равно подобрать пары в завершённом году").check().run()  # 2025/26 ended
    assert any(b.label == "Утвердить пары" for b in at.button)                        # the coordinator's choice
