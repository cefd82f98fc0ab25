"""The school's settings kept in its spreadsheet (tab «Настройки»): saved by the setup page, applied on every
read, rows only appended, a row that cannot be used named — and nothing there can open the dashboard."""
from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from analysis import load_config, load_program
from analysis.settings import COLUMNS, read_settings, settings_edit, with_settings
from analysis.setup import propose
from tests.apptest import run_app, school_config
from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info
from tests.test_setup import a_school_runs_on, export
from ui import state

NOW = pd.Timestamp("2026-09-08 10:00")
KEY = "1KeySchoolSettingsabcdefghijklmnopqrstuvwxyz012"


def as_tab(rows: list[list[object]]) -> pd.DataFrame:
    return pd.DataFrame([[str(c) for c in r] for r in rows], columns=COLUMNS, dtype=object)


def test_settings_saved_as_rows_give_the_confirmed_config_back():
    base = load_config()
    confirmed = propose(export(), base).config
    edit = settings_edit(None, base, confirmed.raw, NOW)
    assert edit.change.header == COLUMNS and edit.added == len(edit.change.append) > 0
    keys = [r[0] for r in edit.change.append]
    assert "forms.mentee_request.tab" in keys and "lists.topics" in keys
    tab = as_tab(edit.change.append)
    config, problems = with_settings(base, tab, "Настройки")
    assert not problems
    assert config.forms["mentee_request"].tab == "Ответы на форму (1)"
    assert config.topics == confirmed.topics and "Подготовка обучающихся к ОГЭ, ЕГЭ" in config.topics
    program = load_program(export(), config)
    assert sorted(program.mentees.index) == ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"]
    # saving the same settings again adds nothing; the rows there stay as they are
    assert settings_edit(tab, base, confirmed.raw, NOW).change.empty


def test_a_later_row_wins_and_a_change_back_is_a_new_row():
    base = load_config()
    tab = as_tab([["matching.min_score", "0.2", "01.09.2026"], ["matching.min_score", "0.4", "02.09.2026"]])
    config, _ = with_settings(base, tab, "Настройки")
    assert config.section("matching")["min_score"] == 0.4
    edit = settings_edit(tab, base, base.raw, NOW)          # back to the server's value
    assert [r[:2] for r in edit.change.append] == [["matching.min_score", repr(base.section("matching")["min_score"])]]


def test_a_bad_row_is_named_and_the_others_apply_and_access_cannot_be_set_from_the_sheet():
    base = load_config()
    tab = as_tab([["forms.mentee_request.tab", "Ответы (1)", ""],                 # no quotes: not TOML
                  ["access.open_without_login", "true", ""],
                  ["years.\"2030/31\"", "\"demo\"", ""],
                  ["roadmap.template", "\"/etc/passwd\"", ""],
                  ["quality", "{ min_group = 1 }", ""],
                  ["forms.mentee_requst.tab", "\"Ответы (1)\"", ""],                 # a typo in the form
                  ["forms.mentor_survey.fields.topic.headers", "[\"Темы\"]", ""],     # a typo in the question
                  ["forms.mentor_survey.tab", "\"Наставники\"", ""],
                  ["", "", ""]])
    config, problems = with_settings(base, tab, "Настройки")
    assert config.forms["mentor_survey"].tab == "Наставники"
    assert config.forms["mentee_request"].tab == base.forms["mentee_request"].tab
    assert not config.section("access").get("open_without_login") and "2030/31" not in config.years
    assert config.section("roadmap").get("template") == base.section("roadmap").get("template")
    assert config.section("quality")["min_group"] == base.section("quality")["min_group"]
    assert [p.row for p in problems] == [2, 3, 4, 5, 6, 7, 8]
    assert "формы «mentee_requst» нет" in problems[5].message and "нет поля «topic»" in problems[6].message
    assert "в кавычках" in problems[0].message and "только в config.toml на сервере" in problems[1].message
    settings, _ = read_settings(tab)
    assert "access" not in settings


def test_settings_that_break_the_config_are_left_out_with_the_reason():
    base = load_config()
    tab = as_tab([["forms.mentee_request.fields.topics.options", "\"нет такого списка\"", ""]])
    config, problems = with_settings(base, tab, "Настройки")
    assert config is base and problems[0].row == 2
    assert "не применена, остальные применены" in problems[0].message


@pytest.fixture
def school_sheet(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(
        tmp_path, {"2026/27": f"https://docs.google.com/spreadsheets/d/{KEY}/edit"}, open_run=True)))
    fake = FakeSheetsAPI({KEY: book_from_tabs(export())})
    state.set_transport(fake)
    st.cache_resource.clear()
    yield fake
    state.set_transport(None)
    st.cache_resource.clear()


def test_the_setup_page_saves_into_the_sheet_and_the_next_read_uses_it(school_sheet):
    secrets = {"gcp_service_account": service_account_info()}
    before = run_app("2026/27", "views/banks.py", secrets=secrets)
    assert {m.label: m.value for m in before.metric}.get("Наставляемых в банке", "0") == "0"   # not recognized yet
    at = run_app("2026/27", "views/setup.py", secrets=secrets)
    assert not at.exception, [e.value for e in at.exception]
    next(b for b in at.button if b.label == "Сохранить в лист «Настройки»").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Записано в лист «Настройки»" in s.value for s in at.success), [e.value for e in at.error]
    rows = school_sheet.books[KEY]["Настройки"]
    assert rows[0] == COLUMNS and any(r[0] == "forms.mentee_request.tab" for r in rows[1:])
    assert "Ответы на форму (1)" in school_sheet.books[KEY]                  # the school's own tabs untouched
    after = run_app("2026/27", "views/banks.py", secrets=secrets)            # the next visitor, no file edited
    assert not after.exception
    shown = {m.label: m.value for m in after.metric}
    assert shown["Наставляемых в банке"] == "4" and shown["Наставников в банке"] == "2"
    assert not any(r[0].endswith(".asked") and r[1] == "true" for r in rows[1:])   # only what differs is written
    again = run_app("2026/27", "views/setup.py", secrets=secrets)            # saving again adds nothing
    next(b for b in again.button if b.label == "Сохранить в лист «Настройки»").click().run()
    assert any("Ничего не записано" in s.value for s in again.success)
    assert school_sheet.books[KEY]["Настройки"] == rows


def test_choosing_another_tab_for_a_form_on_the_setup_page(tmp_path, monkeypatch):
    tabs = export()
    tabs = {"Лист A": tabs["Ответы на форму (2)"], "Лист B": tabs["Ответы на форму (1)"]}
    a_school_runs_on(tabs, tmp_path, monkeypatch, "book.xlsx")
    try:
        at = run_app("2026/27", "views/setup.py")
        assert not at.exception
        box = next(s for s in at.selectbox if s.label == "Запрос наставляемого")
        assert box.value == "Лист B"
        box.set_value("Лист A").run()            # a wrong choice on purpose: the mentors' tab as the mentees'
        assert not at.exception, [e.value for e in at.exception]
        assert any("Лист «Лист A» выбран для нескольких форм" in e.value for e in at.error)   # refused, said
        assert {m.label: m.value for m in at.metric}["Наставляемых в банке"] == "4"
        next(s for s in at.selectbox if s.label == "Анкета наставника").set_value("Лист B").run()   # a real swap
        assert not at.error or not any("нескольких форм" in e.value for e in at.error)
        shown = {m.label: m.value for m in at.metric}
        assert shown["Наставляемых в банке"] != "4"                         # the swap applies as shown
        assert next(s for s in at.selectbox if s.label == "Запрос наставляемого").value == "Лист A"
        next(s for s in at.selectbox if s.label == "Запрос наставляемого").set_value("Лист B").run()
        next(s for s in at.selectbox if s.label == "Анкета наставника").set_value("Лист A").run()
        assert {m.label: m.value for m in at.metric}["Наставляемых в банке"] == "4"
    finally:
        st.cache_resource.clear()


def test_a_wrongly_typed_row_is_named_and_the_others_still_apply():
    """A row of the wrong type or an unknown key never takes the year down: it is named with its row, the rest apply."""
    from analysis.config import load_config
    from analysis.settings import with_settings
    rows = [["forms", "1"], ["quality", '"x"'], ["roadmap.school_year", '["13-45", "99-99"]'],
            ["quality.satisfied_from", '"x"'], ["quality.scale_max", "1e308"], ["mentoring.forms", "1"],
            ["matching.weights.topics", '"abc"'], ["matching.zzz", "1"], ["matching.min_score", "0.9"]]
    config, problems = with_settings(load_config(), pd.DataFrame(rows, columns=["Параметр", "Значение"]), "Настройки")
    assert sorted(p.row for p in problems) == list(range(2, 10))           # each bad row by its number
    assert all(p.severity == "error" and "не применена" in p.message for p in problems)
    assert any("zzz" in p.message for p in problems) and any("13-45" in p.message for p in problems)
    assert config.matching.min_score == 0.9                                 # the good row applied
    assert config.quality.satisfied_from == load_config().quality.satisfied_from


def test_the_head_and_the_curator_typed_on_the_setup_page_sign_every_document(school_sheet):
    """«Настройка» → «Подписи в документах»: the head and the curator, saved into the school's «Настройки» tab,
    are printed in the next visitor's documents (the curator's order); nothing else of [school] can be set there."""
    import io

    import docx

    from documents.order import curator_order_docx
    from documents.plan import Signers

    secrets = {"gcp_service_account": service_account_info()}
    at = run_app("2026/27", "views/setup.py", secrets=secrets)
    next(t for t in at.text_input if t.label == "Руководитель (И. О. Фамилия)").input("Е. В. Смирнова")
    next(t for t in at.text_input if t.label.startswith("Куратор программы")).input("О. П. Кузнецова")
    next(n for n in at.number_input if n.label.startswith("Педагогов в школе")).set_value(64).run()
    next(b for b in at.button if b.label == "Сохранить в лист «Настройки»").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rows = {r[0]: r[1] for r in school_sheet.books[KEY]["Настройки"][1:]}
    assert rows["school.head_name"] == '"Е. В. Смирнова"' and rows["mentoring.curator"] == '"О. П. Кузнецова"'
    assert rows["school.staff"] == "64"                                          # the shares' denominator
    frame = as_tab([["school.public_url", '"https://evil.example"', NOW]])
    assert read_settings(frame)[1], "the school's address stays the server's"
    config, problems = with_settings(load_config(), as_tab([[k, v, NOW] for k, v in rows.items()]), "Настройки")
    assert not problems and config.school.staff == 64
    order = docx.Document(io.BytesIO(curator_order_docx(school="Школа", year="2026/27", today=NOW.date(),
                                                        signers=Signers.of(config))))
    text = "\n".join(p.text for p in order.paragraphs)
    assert "учебный год О. П. Кузнецова." in text and "Е. В. Смирнова" in text
    again = run_app("2026/27", "views/setup.py", secrets=secrets)            # the page shows what is saved
    assert next(t for t in again.text_input if t.label.startswith("Куратор программы")).value == "О. П. Кузнецова"
