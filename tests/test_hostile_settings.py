"""No row of any year's «Настройки» can break a page: each hostile row is refused and named with its row on
«Данные», the others apply — in this year's book and in last year's, every page rendered, the seminar included."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest
import streamlit as st
from openpyxl import load_workbook

from analysis.config import load_config
from analysis.settings import with_settings
from tests.apptest import run_app, school_config
from tests.conftest import ROOT
from ui.pages import SEMINAR, STAFF_PAGES

# what a colleague (or an attacker with edit rights on the sheet) may type into «Настройки»
HOSTILE = [
    ("forms", "1"), ("quality", '"x"'), ("matching", "0"), ("roadmap.school_year", '["13-45", "99-99"]'),
    ("quality.satisfied_from", '"x"'), ("quality.scale_max", "1e308"), ("mentoring.forms", "1"),
    ("matching.weights.topics", '"abc"'), ("years", "{}"), ("matching.zzz", "1"), ("lists", "1"),
    ("lists.topics", "[]"), ("mentoring.forms", "[]"), ("mentoring.forms", "[{ x = 1 }]"), ("mentoring.types", "[1]"),
    ("mentoring.types", "[]"), ("plans.topics", "{}"), ("plans.opening", "[{ a = 1 }]"), ("plans.closing", "[]"),
    ("plans.default", '[{ activity = 5 }]'), ("plans.topics", '{ "X" = [{ days = "soon" }] }'), ("quality.items", "{}"),
    ("matching.weights", "{}"), ("answers", "[]"), ("forms.mentee_request.fields", "1"),
    ("forms.mentee_request.tab", '""'), ("quality.scale_min", "-1e308"), ("plans.due_soon_days", "1e308"),
    ("quality.satisfied_from", "nan"), ("quality.satisfied_from", "inf"), ("lists.subjects", "[1, 2]"),
    ("mentoring.default_form", '""'), ("roadmap.school_year", '["09-01"]'), ("forms.mentee_request.fields.topics.type", '"zzz"'),
    ("forms.mentee_request.fields.topics.headers", "[]"), ("plans.formats", "[]"), ("plans.topics_max", "0"),
]
GOOD = ("matching.min_score", "0.55")
# odd but harmless: applied, and no page breaks (a brace a school types stays as typed)
ODD = [("plans.goal", '"{nope} {0} {topic"'), ("plans.task_topic", '"{0} {topic}"'), ("plans.expected_topic", '"{x} {topic}"'),
       ("roadmap.school_year", '["09-01", "09-01"]'), ("plans.topics", '{ "Нет такой темы" = [{ activity = "А" }] }'),
       ("mentoring.types", '[{ name = "одна" }]'), ("matching.weights.topics", "0")]


def tab(rows) -> pd.DataFrame:
    return pd.DataFrame([[k, v, "01.12.2026"] for k, v in rows], columns=["Параметр", "Значение", "Сохранено"])


@pytest.mark.parametrize("key,value", HOSTILE, ids=[f"{k}={v}" for k, v in HOSTILE])
def test_each_hostile_row_is_refused_by_its_row_and_a_good_row_still_applies(key, value):
    config, problems = with_settings(load_config(), tab([(key, value), GOOD]), "Настройки")
    assert [p.row for p in problems] == [2], [p.message for p in problems]
    assert problems[0].severity == "error" and "не применена" in problems[0].message
    assert config.matching.min_score == 0.55


def test_a_long_settings_tab_is_read_once_per_change():
    from ui.store import settings_applied

    base = load_config()
    rows = tab([GOOD] * 20_000)
    first = settings_applied(base, rows, "Настройки")
    assert first[0].matching.min_score == 0.55
    assert [p.row for p in first[1]] == [15_002] and "прочитаны последние 5 000" in first[1][0].message
    assert settings_applied(base, rows.copy(), "Настройки") is first          # the same tab: not parsed again
    changed = rows.copy()
    changed.iloc[-1, 1] = "0.6"
    assert settings_applied(base, changed, "Настройки")[0].matching.min_score == 0.6


def with_settings_tab(source, target, rows) -> None:
    book = load_workbook(source)
    if "Настройки" in book.sheetnames:                     # the demo's tab is there, empty: the rows go into it
        del book["Настройки"]
    ws = book.create_sheet("Настройки")
    ws.append(["Параметр", "Значение", "Сохранено"])
    for key, value in rows:
        ws.append([key, value, "01.12.2026"])
    book.save(target)


@pytest.fixture
def hostile_books(tmp_path, monkeypatch):
    rows = [*HOSTILE, GOOD, *ODD]
    for year in ("2025-26", "2026-27"):
        with_settings_tab(ROOT / "demo" / f"{year}.xlsx", tmp_path / f"{year}.xlsx", rows)
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(
        tmp_path, {"2025/26": str(tmp_path / "2025-26.xlsx"), "2026/27": str(tmp_path / "2026-27.xlsx")}, open_run=True)))
    st.cache_resource.clear()
    yield rows
    st.cache_resource.clear()
    shutil.rmtree(tmp_path, ignore_errors=True)


@pytest.mark.parametrize("year", ["2025/26", "2026/27"])
def test_no_settings_row_of_any_year_breaks_a_page(hostile_books, year):
    for page in [*STAFF_PAGES, SEMINAR[0]]:
        at = run_app(year, page, timeout=120)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page                                                 # the page drew, not an empty screen
    data = run_app(year, "views/data.py", timeout=120)
    table = next(d.value for d in data.dataframe if "Что не так и что сделать" in d.value.columns)
    refused = table[(table["Лист"] == "Настройки") & table["Что не так и что сделать"].str.contains("не применена")]
    assert sorted(refused["Строка"].astype(int)) == list(range(2, len(HOSTILE) + 2))   # each hostile row, by its number
