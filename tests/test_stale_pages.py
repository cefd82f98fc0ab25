"""A page opened before a colleague's save never reverts it: each save writes only what this coordinator changed
on the page; the same item changed on both sides is not written and the page says where and when.
Two sessions on one school file (AppTest), the way two coordinators work at once."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
import streamlit as st

from analysis.config import load_config
from analysis.settings import COLUMNS, read_settings, settings_edit
from analysis.writes import swot_board
from data_sources import ExcelSource
from tests.apptest import plain, run_app, school_config
from tests.conftest import ROOT

YEAR = "2026/27"


def said(at) -> str:
    return "\n".join(plain(e.value) for kind in (at.success, at.info, at.warning, at.error) for e in kind)


@pytest.fixture
def school_file(tmp_path, monkeypatch):
    book = tmp_path / "2026-27.xlsx"
    shutil.copy(ROOT / "demo" / "2026-27.xlsx", book)
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {YEAR: str(book)}, open_run=True)))
    st.cache_resource.clear()
    yield book
    st.cache_resource.clear()


def head(book, code: str) -> dict[str, str]:
    """The latest text of each head section of a pair's ППН in the file."""
    tab = ExcelSource(book).read_tab("Программы")
    rows = tab[tab["Пара/группа"].astype(str).str.strip() == code]
    return {s: t for s, t in zip(rows["Раздел"], rows["Содержание"]) if s and not str(s).startswith("Мероприят")}


def area(at, label: str):
    return next(t for t in at.text_area if t.label == label)


def test_plans_a_colleagues_goal_stands_when_a_page_opened_before_saves_its_tasks(school_file):
    b = run_app(YEAR, "views/plans.py")          # B and C open the page first…
    c = run_app(YEAR, "views/plans.py")
    a = run_app(YEAR, "views/plans.py")          # …then A, who saves a goal
    code = a.selectbox[0].value.split()[0]
    area(a, "Цель").input("Цель коллеги A").run()
    next(x for x in a.button if x.label == "Сохранить программу").click().run()
    assert not a.exception and head(school_file, code)["Цель"] == "Цель коллеги A"
    rows_after_a = len(ExcelSource(school_file).read_tab("Программы"))

    area(b, "Задачи (каждая с новой строки)").input("Задача коллеги B").run()      # B changes another section
    next(x for x in b.button if x.label == "Сохранить программу").click().run()
    assert not b.exception, [e.value for e in b.exception]
    saved = head(school_file, code)
    assert saved["Цель"] == "Цель коллеги A" and saved["Задачи"] == "Задача коллеги B"          # both stand
    assert len(ExcelSource(school_file).read_tab("Программы")) == rows_after_a + 1                # only B's row
    assert "Изменено коллегой" not in said(b)

    area(c, "Цель").input("Цель коллеги C").run()                                   # C typed over A's goal
    next(x for x in c.button if x.label == "Сохранить программу").click().run()
    assert head(school_file, code)["Цель"] == "Цель коллеги A"                      # not reverted, not overwritten
    message = said(c)
    assert "Изменено коллегой, пока страница была открыта" in message and "«Цель коллеги C»" in message
    assert "листа «Программы»" in message


def test_swot_a_section_saved_by_a_colleague_stands_and_the_stale_page_saves_its_own(school_file):
    b = run_app(YEAR, "views/quality.py")
    a = run_app(YEAR, "views/quality.py")
    area(a, "Возможности").input("Возможность от A")
    a.button(key="FormSubmitter:swot-Сохранить SWOT").click().run()
    assert not a.exception, [e.value for e in a.exception]
    area(b, "Угрозы").input("Угроза от B")
    b.button(key="FormSubmitter:swot-Сохранить SWOT").click().run()
    board = swot_board(ExcelSource(school_file).read_tab(load_config().swot_tab))
    assert board["Возможности"] == "Возможность от A" and board["Угрозы"] == "Угроза от B"


def test_settings_a_colleagues_new_topic_is_not_dropped_by_a_page_that_changed_something_else():
    base = load_config()
    seen = pd.DataFrame(columns=COLUMNS)                              # the tab when the page was drawn: empty
    topics = [*base.topics, "Наставничество в цифровой среде"]
    fresh = pd.DataFrame([["lists.topics", str(topics).replace("'", '"'), "03.12.2026 10:00"]], columns=COLUMNS)
    wanted = {**base.raw, "forms": {**base.raw["forms"], "mentee_request": {**base.raw["forms"]["mentee_request"],
                                                                            "tab": "Ответы на форму (1)"}}}
    edit = settings_edit(fresh, base, wanted, pd.Timestamp("2026-12-03 11:00"), seen)
    assert [r[0] for r in edit.change.append] == ["forms.mentee_request.tab"] and not edit.conflicts
    after = pd.concat([fresh, pd.DataFrame([r[:3] for r in edit.change.append], columns=COLUMNS)], ignore_index=True)
    assert read_settings(after)[0]["lists"]["topics"] == topics                     # the colleague's topic stays
    mine = {**base.raw, "lists": {**base.raw["lists"], "topics": [*base.topics, "Другая тема"]}}
    clash = settings_edit(fresh, base, mine, pd.Timestamp("2026-12-03 11:00"), seen)
    assert clash.change.empty and "«lists.topics» изменён в листе «Настройки» после открытия страницы" in clash.conflicts[0]
