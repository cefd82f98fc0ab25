"""Banks and matching pages: what a coordinator does there, in AppTest and in Chromium."""
import io
import re
import shutil
from datetime import date

import pytest
import streamlit as st
from docx import Document

from analysis import load_program
from analysis.matching import assign
from data_sources import ExcelSource, demo_source, demo_years
from documents.order import order_docx
from tests.apptest import plain, run_app, school_config
from tests.conftest import BROWSER_TIMEOUT
from tests.browser import exceptions, open_page, shot, wait_idle


@pytest.mark.parametrize("year", demo_years())
def test_banks_page_counts_and_filters(year):
    at = run_app(year, "views/banks.py")
    assert not at.exception
    p = load_program(demo_source(year).read(), year=year)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Наставляемых в банке"] == str(len(p.mentees)) and metrics["Наставников в банке"] == str(len(p.mentors))
    assert metrics["В обоих банках"] == str(len(p.mentees.index.intersection(p.mentors.index)))
    full = len(at.dataframe[0].value)
    at.multiselect(key="e_t").set_value(["Работа с родителями"]).run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < full
    assert all("Работа с родителями" in t for t in shown["Темы запроса"])


def test_both_roles_teacher_is_flagged_in_the_in_progress_year():
    at = run_app("2026/27", "views/banks.py")
    mentees = at.dataframe[0].value
    assert mentees["Также наставник"].sum() == 1


def test_matching_page_manual_lock_is_kept_in_the_proposal():
    year = "2026/27"
    at = run_app(year, "views/matching.py")
    assert not at.exception
    p = load_program(demo_source(year).read(), year=year)
    approved = set(zip(p.pairs.mentee_id, p.pairs.mentor_id))
    proposed = assign(p.mentees, p.mentors, locked=approved).pairs.set_index("mentee_id")["mentor_id"]
    who = next(m for m in p.mentees.index if m not in set(p.pairs.mentee_id))
    other = next(m for m in p.mentors.index if m not in (proposed.get(who), who))
    at.selectbox[0].set_value(who).run()
    at.selectbox[1].set_value(other).run()
    next(b for b in at.button if b.label == "Закрепить эту пару").click().run()
    assert not at.exception
    assert (who, other) in at.session_state[f"_matching_{year}"]["locked"]
    again = run_app(year, "views/matching.py", state={f"_matching_{year}": at.session_state[f"_matching_{year}"]})
    table = again.dataframe[0].value
    row = table[table.mentee_id == who].iloc[0]
    assert row.mentor_id == other and bool(row["Закрепить"])


def test_approve_in_demo_is_session_only_and_read_back():
    year = "2026/27"
    at = run_app(year, "views/matching.py")
    before = {m.label: m.value for m in at.metric}["Наставляемых в парах"]
    next(b for b in at.button if b.label == "Утвердить пары").click().run()
    assert not at.exception
    assert any("только в этом сеансе" in s.value for s in at.success)
    again = run_app(year, "views/matching.py", state={"_own_stores": at.session_state["_own_stores"]})
    after = {m.label: m.value for m in again.metric}["Наставляемых в парах"]
    bank = len(load_program(demo_source(year).read(), year=year).mentees)
    assert int(after) == bank > int(before)
    overview = run_app(year, state={"_own_stores": at.session_state["_own_stores"]})
    assert {m.label: m.value for m in overview.metric}["Пар и групп"] != "0"


@pytest.fixture
def file_year(tmp_path, monkeypatch):
    """The year being formed as a school's own .xlsx (a copy of the demo): (year, path)."""
    year = "2026/27"
    book = tmp_path / "школа-2026-27.xlsx"
    shutil.copy(demo_source(year).path, book)
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {year: book}, open_run=True)))
    st.cache_resource.clear()
    yield year, book
    st.cache_resource.clear()


def test_approve_in_file_mode_writes_the_xlsx_and_reads_it_back(file_year):
    year, book = file_year
    at = run_app(year, "views/matching.py")
    next(b for b in at.button if b.label == "Утвердить пары").click().run()
    assert any("Записано в лист «Пары»" in s.value for s in at.success), [e.value for e in at.error]
    bank = len(load_program(demo_source(year).read(), year=year).mentees)
    assert len(ExcelSource(book).read()["Пары"]) == bank
    again = run_app(year, "views/matching.py")                     # a fresh session reads the file
    assert {m.label: m.value for m in again.metric}["Наставляемых в парах"] == str(bank)


def test_a_click_after_the_data_changed_approves_nothing_unseen(file_year):
    """A coordinator looked at a proposal; a colleague approved pairs meanwhile. The click does not write a
    proposal the coordinator never saw: it says so and shows the new one; the next click approves it."""
    year, book = file_year
    mine = run_app(year, "views/matching.py")
    colleague = run_app(year, "views/matching.py")
    next(b for b in colleague.button if b.label == "Утвердить пары").click().run()
    rows = len(ExcelSource(book).read()["Пары"])
    next(b for b in mine.button if b.label == "Утвердить пары").click().run()
    assert any("изменились, пока страница была открыта" in plain(e.value) for e in mine.error), [e.value for e in mine.error]
    assert len(ExcelSource(book).read()["Пары"]) == rows                # nothing written
    next(b for b in mine.button if b.label == "Утвердить пары").click().run()
    assert any("Ничего не записано" in s.value for s in mine.success)   # the new proposal is all there


def test_draft_order_lists_every_pair():
    p = load_program(demo_source("2025/26").read())
    named = p.pairs.rename(columns={})
    data = order_docx(named, school="МАОУ ЦО «Лицей ИНТЕГРАЛ»", year="2025/26", today=date(2025, 10, 15))
    doc = Document(io.BytesIO(data))
    text = "\n".join(par.text for par in doc.paragraphs)
    assert "ПРИКАЗ" in text and "О закреплении наставнических пар/групп" in text and "«15» октября 2025 г." in text
    rows = doc.tables[0].rows
    assert [c.text for c in rows[0].cells] == ["№", "Пара/группа", "Наставник", "Наставляемый", "Тема программы"]
    assert len(rows) == len(p.pairs) + 1
    assert {r.cells[3].text for r in rows[1:]} == set(p.pairs.mentee_name)


@pytest.mark.browser
def test_matching_in_chromium_lock_approve_and_see_it_saved(page, app_url):
    open_page(page, f"{app_url}/matching?year=2026-27", wait_text="Подбор пар")
    shot(page, "matching-2026-27")
    page.get_by_role("tab", name="Подсказки и ручной выбор").click()
    page.get_by_role("button", name="Закрепить эту пару").click()
    wait_idle(page)
    page.get_by_role("tab", name="Утверждение и документы").click()
    page.get_by_role("button", name="Утвердить пары").click()
    page.get_by_text("только в этом сеансе").wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)
    shot(page, "matching-approved")
    assert exceptions(page) == []
    open_page(page, f"{app_url}/banks?year=2026-27", wait_text="Банки наставляемых")
    shot(page, "banks-2026-27")
    assert exceptions(page) == []


@pytest.mark.browser
def test_matching_in_chromium_a_veto_forbids_one_pair_and_approval_still_saves(page, app_url):
    """Ticking «Запретить» forbids that pair only: the mentee's next proposal comes unticked, and later
    clicks (approving included) forbid nothing more."""
    open_page(page, f"{app_url}/matching?year=2026-27", wait_text="Подбор пар")
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(grid["x"] + 160, grid["y"] + 35 + 9 * 35 + 17)     # «Запретить», 10th row (8 approved above)
    page.get_by_text("Запрещено:").wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)

    def forbidden() -> str:
        return next(c for c in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts() if "Запрещено" in c)

    first = forbidden()
    assert first.count(" — ") == 1
    page.get_by_role("tab", name="Утверждение и документы").click()
    page.get_by_role("button", name="Утвердить пары").click()
    page.get_by_text("только в этом сеансе").wait_for(timeout=BROWSER_TIMEOUT)
    wait_idle(page)
    assert exceptions(page) == []
    page.get_by_role("tab", name="Предложение").click()
    wait_idle(page)
    assert forbidden() == first
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    matched = next(m for m in metrics if m.startswith("В предложении")).split("\n")[-1].split(" из ")[0]
    assert next(m for m in metrics if m.startswith("Наставляемых в парах")).split("\n")[-1] == matched


@pytest.mark.parametrize("year", ["2025/26", "2026/27"])
def test_without_a_pair_is_one_number_on_every_page(year):
    """«Без пары»: in the mentee bank, no approved pair — the overview, the matching page and the roadmap agree;
    what the proposal leaves without a mentor is a figure of its own («Не подобраны»)."""
    from analysis.overview import without_pair

    expected = str(len(without_pair(load_program(demo_source(year).read(), year=year))))
    overview = {m.label: m.value for m in run_app(year).metric}
    page = run_app(year, "views/matching.py")
    if finished := [c for c in page.checkbox if c.label == "Всё равно подобрать пары в завершённом году"]:
        finished[0].check().run()                                          # 2025/26 is over: the coordinator asks
    matching = {m.label: m.value for m in page.metric}
    roadmap = run_app(year, "views/roadmap.py")
    roadmap.selectbox[0].select(5).run()                                   # stage 5: pairs and groups
    lines = plain(next(m.value for m in roadmap.markdown if "**без пары** —" in plain(m.value)))
    said = dict(re.findall(r"\*\*(.+?)\*\* — (.+?)  \n", lines))
    assert overview["Без пары"] == matching["Без пары"] == expected
    assert said["без пары"] == expected
    assert "Не подобраны" in matching
