"""The app in Streamlit's AppTest: every page renders on the demo, the figures are the analysis's."""
import pytest

from analysis import load_program
from analysis.overview import headline
from data_sources import demo_source, demo_years
from ui import pages
from tests.apptest import run_app

PAGES = pages.STAFF_PAGES + [pages.SEMINAR[0]]


@pytest.mark.parametrize("year", demo_years())
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo(year, page):
    at = run_app(year, page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title and year in at.title[0].value or page != "views/overview.py"


@pytest.mark.parametrize("year", demo_years())
def test_overview_shows_the_headline_figures(year):
    at = run_app(year)
    h = headline(load_program(demo_source(year).read(), year=year))
    shown = {m.label: m.value for m in at.metric}
    assert shown["Наставляемых в банке"] == str(h.mentees)
    assert shown["Наставников в банке"] == str(h.mentors)
    assert shown["Пар и групп"] == str(h.groups)
    assert shown["Дали согласие"].endswith("%")


def test_data_page_lists_tabs_and_problems():
    at = run_app(demo_years()[0], "views/data.py")
    tabs = at.dataframe[0].value
    assert "Запросы наставляемых" in set(tabs["Лист"])
    problems = at.dataframe[1].value
    assert {"Важность", "Лист", "Строка", "Колонка", "Что не так и что сделать"} <= set(problems.columns)
    assert len(problems) > 0


@pytest.mark.parametrize("year, found", [("2025/26", "да"), ("2026/27", "нет")])
def test_data_page_names_the_swot_tab_the_app_writes(year, found):
    tabs = run_app(year, "views/data.py").dataframe[0].value.set_index("Лист")
    assert tabs.at["SWOT", "Назначение"].startswith("SWOT-доска") and tabs.at["SWOT", "Найден"] == found
    assert "не используется" not in set(tabs["Назначение"])


def test_seminar_opened_from_the_staff_menu_shows_the_year_chosen_in_the_sidebar():
    at = run_app(None, "views/seminar.py", state={"year": "2025/26"})        # the menu link carries no ?year=
    assert any("2025/26 учебный год" in c.value for c in at.caption)


def test_empty_cells_of_the_logs_are_empty_not_none():
    at = run_app("2025/26", "views/events.py")
    events = at.dataframe[0].value
    assert events["Участники"].isna().sum() == 0 and (events["Участники"] == "").any()


def test_data_page_does_not_count_google_requests_for_a_file():
    at = run_app("2025/26", "views/data.py")
    assert {m.label: m.value for m in at.metric}["Запросов к Google Sheets"] == "—"


@pytest.mark.parametrize("public, warned", [("https://mentoring.school.ru", False), ("http://localhost:8501", True)])
def test_the_seminar_qr_code_leads_to_the_schools_public_address(tmp_path, monkeypatch, public, warned):
    import streamlit as st


    (tmp_path / "config.toml").write_text(f'[school]\npublic_url = "{public}/"\n', encoding="utf-8")
    monkeypatch.setenv("MENTORING_CONFIG", str(tmp_path / "config.toml"))     # only what differs from the defaults
    st.cache_resource.clear()
    try:
        at = run_app("2025/26", "views/seminar.py")
        host = public.split("://")[1]
        assert any(f"{host}/seminar" in c.value.replace("\\", "") for c in at.caption)   # beside the QR code
        assert not at.warning                                   # nothing addressed to the presenter, for the hall
        staff = run_app("2025/26", "views/setup.py")           # … where staff see it
        assert any("телефоны в зале его не откроют" in w.value for w in staff.warning) == warned
    finally:
        st.cache_resource.clear()
