"""One meaning of «в паре»: a mentee in an active row of «Пары» is paired whoever her mentor is — a colleague
typed the pair by hand with a mentor who never answered the mentor survey. «Обзор» counts her, «Подбор пар»
never offers her another mentor, «Утвердить пары» never writes a second pair, and «Данные» names the mentor."""
from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from analysis import load_program
from analysis.config import load_config
from analysis.overview import without_pair
from analysis.waiting import open_bank
from analysis.writes import pairs_edit
from data_sources.excel import ExcelSource
from tests.apptest import run_app, school_config
from tests.conftest import ROOT
from tests.forms import write_book

OUTSIDER = "kuznetsova.outside@integral-lyceum.ru"


def book_with_hand_pair():
    """The demo year and one row typed into «Пары»: a mentee of the bank still without a pair, a mentor who is
    in no bank; the mentee chosen is one the proposal would pair (so the test would see a second pair)."""
    tabs = ExcelSource(ROOT / "demo" / "2026-27.xlsx").read()
    config = load_config()
    program = load_program(tabs, config)
    mentee = sorted(without_pair(program))[0]
    pairs = tabs["Пары"]
    row = dict.fromkeys(pairs.columns, "")
    row.update({"Наставляемый (e-mail)": mentee, "Наставляемый": program.mentees.at[mentee, "full_name"],
                "Наставник (e-mail)": OUTSIDER, "Наставник": "Кузнецова Ольга (вне банка)", "Пара/группа": "П-99",
                "Дата начала": "01.11.2026", "Статус": "утверждена"})
    tabs["Пары"] = pd.concat([pairs, pd.DataFrame([row])], ignore_index=True)
    return tabs, mentee


def test_a_mentee_paired_outside_the_bank_is_paired_everywhere_and_the_mentor_is_named():
    tabs, mentee = book_with_hand_pair()
    config = load_config()
    program = load_program(tabs, config)
    assert mentee not in without_pair(program)
    bank = open_bank(program)
    assert mentee not in bank.mentees.index and bank.paired_outside == [mentee]
    assert len(bank.mentees) == len(program.mentees) - 1
    named = [p for p in program.problems if OUTSIDER in p.message]
    assert len(named) == 1 and named[0].tab == "Пары" and named[0].row == len(tabs["Пары"]) + 1
    assert "нет в банке наставников" in named[0].message and "анкету наставника" in named[0].message


def test_approving_never_writes_a_second_active_pair():
    tabs, mentee = book_with_hand_pair()
    config = load_config()
    program = load_program(tabs, config)
    mentor = program.mentors.index[0]
    proposal = pd.DataFrame({"mentee_id": [mentee], "mentor_id": [mentor], "topic": [""], "score": [0.9]})
    edit = pairs_edit(tabs["Пары"], proposal, program.mentees, program.mentors, seen=tabs["Пары"],
                      start=pd.Timestamp("2026-11-20"), config=config)
    assert edit.change.append == [] and edit.added == 0
    assert len(edit.skipped) == 1 and "уже в действующей паре" in edit.skipped[0] and "Кузнецова" in edit.skipped[0]


@pytest.fixture
def hand_pair_book(tmp_path, monkeypatch):
    tabs, mentee = book_with_hand_pair()
    write_book(tabs, tmp_path / "2026-27.xlsx")
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {"2026/27": str(tmp_path / "2026-27.xlsx")},
                                                             open_run=True)))
    st.cache_resource.clear()
    yield tmp_path / "2026-27.xlsx", mentee
    st.cache_resource.clear()


def test_the_matching_page_offers_her_no_mentor_and_approving_keeps_one_pair(hand_pair_book):
    book, mentee = hand_pair_book
    name = load_program(ExcelSource(book).read(), load_config()).mentees.at[mentee, "full_name"]
    at = run_app("2026/27", "views/matching.py", timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    assert "Орлов Дмитрий Сергеевич" in shown                              # the proposal's table is read
    assert name not in shown, "the paired mentee is offered a mentor"
    assert any("с наставником не из банка: 1" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Утвердить пары").click().run()
    assert not at.exception, [e.value for e in at.exception]
    sheet = ExcelSource(book).read()["Пары"]
    assert (sheet["Наставляемый (e-mail)"] == mentee).sum() == 1          # still her one pair
    data = run_app("2026/27", "views/data.py", timeout=120)
    table = next(d.value for d in data.dataframe if "Что не так и что сделать" in d.value.columns)
    assert table["Что не так и что сделать"].str.contains(OUTSIDER, regex=False).any()
    assert not table["Что не так и что сделать"].str.contains("действующих парах").any()
