"""The whole app on a Google Sheets source (gspread over the fake Sheets API), in AppTest."""

import pytest
import streamlit as st

from analysis import load_program
from data_sources import demo_source, demo_years
from ui import pages
from tests.apptest import run_app, school_config
from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info
from ui import state

KEYS = {y: f"1Key{y.replace('/', '')}abcdefghijklmnopqrstuvwxyz0123" for y in demo_years()}
SECRETS = {"gcp_service_account": service_account_info()}


@pytest.fixture
def api(tmp_path, monkeypatch):
    links = {y: f"https://docs.google.com/spreadsheets/d/{k}/edit" for y, k in KEYS.items()}
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, links, open_run=True)))
    fake = FakeSheetsAPI({k: book_from_tabs(demo_source(y).read()) for y, k in KEYS.items()})
    state.set_transport(fake)
    st.cache_resource.clear()
    yield fake
    state.set_transport(None)
    st.cache_resource.clear()


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_overview_from_google_sheets_matches_the_demo(api):
    year = demo_years()[0]
    at = run_app(year, secrets=SECRETS)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert metrics(at)["Наставляемых в банке"] == metrics(run_app(year))["Наставляемых в банке"]
    assert api.sheets_calls("batchGet") == 1 and api.sheets_calls("metadata") == 0


def test_many_viewers_and_pages_share_one_read(api):
    year = demo_years()[0]
    for page in (None, "views/data.py", None, "views/data.py"):
        at = run_app(year, page, secrets=SECRETS)
        assert not at.exception
    assert api.sheets_calls("batchGet") == 1
    at = run_app(year, "views/data.py", secrets=SECRETS)
    assert metrics(at)["Запросов к Google Sheets"] == "1"   # every tab there: no tab list needed


def test_refresh_button_reads_again(api):
    year = demo_years()[0]
    at = run_app(year, secrets=SECRETS)
    at.sidebar.button[0].click().run()
    assert not at.exception
    run_app(year, secrets=SECRETS)                    # the next view reads afresh: one batchGet again
    assert api.sheets_calls("batchGet") == 2 and api.sheets_calls("metadata") == 0


def test_swot_is_written_to_the_sheet_and_read_back_by_the_next_visitor(api):
    year = demo_years()[0]
    api.books[KEYS[year]].pop("SWOT")                 # no SWOT tab yet: the first save adds it
    at = run_app(year, "views/quality.py", secrets=SECRETS)
    at.text_area[0].input("Пары встречаются регулярно")
    next(b for b in at.button if b.label == "Сохранить SWOT").click().run()
    assert any("Записано в лист «SWOT»" in s.value for s in at.success), [e.value for e in at.error]
    assert api.books[KEYS[year]]["SWOT"][1][:2] == ["Сильные стороны", "Пары встречаются регулярно"]
    again = run_app(year, "views/quality.py", secrets=SECRETS)          # another coordinator, later
    assert {t.label: t.value for t in again.text_area}["Сильные стороны"] == "Пары встречаются регулярно"


def test_approved_pairs_are_one_batch_write_to_the_sheet_and_read_back(api):
    year = demo_years()[-1]                           # pairs being formed
    at = run_app(year, "views/matching.py", secrets=SECRETS)
    before = api.sheets_calls()
    next(b for b in at.button if b.label == "Утвердить пары").click().run()
    assert not at.exception
    assert any("Записано в лист «Пары»" in s.value for s in at.success), [e.value for e in at.error]
    assert api.sheets_calls("append") == 1 and api.sheets_calls("batchUpdate") == 0   # appended, nothing rewritten
    written = api.books[KEYS[year]]["Пары"]
    bank = len(load_program(demo_source(year).read(), year=year).mentees)
    assert len([r for r in written[1:] if any(r)]) == bank
    again = run_app(year, "views/matching.py", secrets=SECRETS)          # the next visitor reads the sheet
    assert {m.label: m.value for m in again.metric}["Наставляемых в парах"] == str(bank)
    # the tab read fresh, its two new header cells (form, type of mentoring) in one values:batchUpdate, the append,
    # then the next visitor's batchGet
    assert api.sheets_calls() - before == 4


def test_source_down_shows_last_good_data_with_a_notice(api):
    year = demo_years()[0]
    first = metrics(run_app(year, secrets=SECRETS))
    api.down = True
    state.refresh(look_for_tabs=False)        # as when the TTL runs out
    at = run_app(year, secrets=SECRETS)
    assert not at.exception
    assert metrics(at) == first
    notice = " ".join(w.value for w in at.warning)
    assert "недоступен" in notice and "показаны данные на" in notice and "503" in notice


def test_not_shared_sheet_says_what_to_do(api):
    api.fail_next(403)
    at = run_app(demo_years()[0], secrets=SECRETS)
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert "dashboard@school-project.iam.gserviceaccount.com" in text and "Настройки доступа" in text


def test_no_credentials_for_a_google_year_says_how_to_set_them_up(api):
    at = run_app(demo_years()[0])
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert "secrets.toml" in text and "gcp_service_account" in text
    assert api.sheets_calls() == 0


CORE = ("Запросы наставляемых", "Анкета наставников")
STAGES = {
    "first weeks: the two request forms only": lambda t: {k: v for k, v in t.items() if k in CORE},
    "pairs approved, no questionnaire yet": lambda t: {k: v for k, v in t.items() if k in CORE + ("Пары",)},
    "final questionnaires without entry ones or a meeting log": lambda t: {
        k: v for k, v in t.items() if not k.startswith("Входная") and k != "Журнал встреч"},
    "every tab there, no answers yet (headers only)": lambda t: {k: v.iloc[:0] for k, v in t.items()},
    "the mentors' form tab is missing": lambda t: {k: v for k, v in t.items() if k != "Анкета наставников"},
}
PAGES = pages.STAFF_PAGES + [pages.SEMINAR[0]]


@pytest.mark.parametrize("stage", list(STAGES))
def test_every_page_works_at_every_stage_of_a_school_year(stage, tmp_path, monkeypatch):
    """A real school's workbook is rarely complete: each page renders, with no exception and no error box."""
    key = "1Stagesabcdefghijklmnopqrstuvwxyz012345678"
    tabs = STAGES[stage](demo_source("2025/26").read())
    monkeypatch.setenv("MENTORING_CONFIG", str(school_config(tmp_path, {"2025/26": key}, open_run=True)))
    state.set_transport(FakeSheetsAPI({key: book_from_tabs(tabs)}))
    st.cache_resource.clear()
    try:
        for page in PAGES:
            at = run_app("2025/26", page, secrets=SECRETS)
            assert not at.exception, (page, at.exception)
            if "missing" not in stage:
                assert not at.error, (page, [e.value for e in at.error])
        if "no questionnaire" in stage or "first weeks" in stage:
            quality = run_app("2025/26", "views/quality.py", secrets=SECRETS)
            assert any("Анкеты качества ещё не заполнялись" in i.value for i in quality.info)
        if "missing" in stage:
            overview = run_app("2025/26", secrets=SECRETS)
            assert any("«Анкета наставников»" in e.value and "не найден" in e.value for e in overview.error)
            data = run_app("2025/26", "views/data.py", secrets=SECRETS)
            problems = " ".join(" ".join(map(str, row)) for row in data.dataframe[1].value.values)
            assert "Анкета наставников" in problems
    finally:
        state.set_transport(None)
        st.cache_resource.clear()
