"""The monitoring page as a coordinator uses it (AppTest, both demo years, and real Chromium), the report and
quality downloads on the other pages, and the public seminar page free of who has not answered."""
from __future__ import annotations

import io
from urllib.parse import unquote

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook

from analysis import load_config, load_program
from analysis import monitoring as mon
from analysis.kpi import kpis
from analysis.quality import quality_report
from data_sources import demo_source, demo_years
from documents.safe import xlsx_bytes
from tests.apptest import plain, run_app
from tests.browser import exceptions, open_page, shot, wait_charts, wait_idle
from ui.quality_export import quality_sheets, share_columns

DONE, RUNNING = "2025/26", "2026/27"
CONFIG = load_config()


def program(year):
    return load_program(demo_source(year).read(), year=year)


def table(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def everything(node) -> str:
    """Every text an AppTest element tree holds (labels, values, captions, chart specs, table cells)."""
    out = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        out.append(str(proto))
    value = getattr(node, "value", None)
    if isinstance(value, pd.DataFrame):
        out.append(value.to_string())
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else children or []):
        out.append(everything(child))
    return "\n".join(out)


def test_completed_year_indicators_nonrespondents_and_reminder():
    at = run_app(DONE, "views/monitoring.py")
    assert not at.exception
    k = kpis(program(DONE), CONFIG)
    shown = table(at, "Показатель").set_index("Показатель")
    cov = k.set_index("key").loc["coverage"]
    row = shown.loc[cov["indicator"]]
    assert (row["Числитель"], row["Знаменатель"], row["Значение"], row["Ориентир школы"]) == (38, 69, "55 %", "70 %")
    assert shown.loc["Наставляемые прошлого года, продолжающие работать в школе", "Значение"] == "не собрано"
    missing = mon.non_respondents(program(DONE), CONFIG)
    assert len(missing) > 0
    titles = [e.label for e in at.expander]
    for title, part in missing.groupby("title"):
        assert f"{title}: не ответили {len(part)}" in titles
    people = pd.concat([d.value for d in at.dataframe if "E-mail" in d.value.columns])
    assert sorted(people["E-mail"]) == sorted(missing["person_id"])
    assert any("komarova.ko" in e and "завершена" == p for e, p in zip(people["E-mail"], people["Пара"]))
    codes = [c.value for c in at.code]
    assert any("«Итоговая анкета наставляемого»" in c for c in codes)
    links = [b.proto for b in at.get("link_button")]
    final = missing[(missing["form"] == "final_mentee") & missing["active"]]
    link = next(link.url for link in links if "%D0%98%D1%82%D0%BE%D0%B3%D0%BE%D0%B2%D0%B0%D1%8F" in link.url.split("subject=")[1]
                and "наставляемого" in unquote(link.url.split("subject=")[1].split("&")[0]))
    bcc = unquote(link.split("bcc=")[1].split("&")[0]).split(",")
    assert sorted(bcc) == sorted(final["person_id"]) and "komarova.ko@integral-lyceum.ru" not in bcc


def test_year_in_progress_says_not_collected_and_lists_nobody_for_finals():
    at = run_app(RUNNING, "views/monitoring.py")
    assert not at.exception
    shown = table(at, "Показатель").set_index("Показатель")
    assert shown.loc["Ответили на итоговую анкету (участники пар)", "Значение"] == "не собрано"
    assert pd.isna(shown.loc["Ответили на итоговую анкету (участники пар)", "Числитель"])
    retention = shown.loc["Наставляемые прошлого года, продолжающие работать в школе"]
    assert (retention["Числитель"], retention["Знаменатель"], retention["Значение"]) == (20, 22, "91 %")
    answers = table(at, "Анкета").set_index("Анкета")
    assert answers.loc["Итоговая анкета наставляемого", "Ответили"] == "не собрано"
    assert not any("Итоговая" in e.label for e in at.expander)
    assert any("Итоговые анкеты ещё не собраны" in i.value for i in at.info)
    assert any("Анкета куратора" in i.value and "не заполнена" in i.value for i in at.info)


def test_every_question_is_summarized_side_by_side():
    at = run_app(DONE, "views/monitoring.py")
    cmp = table(at, "Наставляемые, вход").set_index("Вопрос")
    expected = mon.compare_questions(mon.question_summary(program(DONE), CONFIG)).set_index("question")
    assert cmp.loc["Уверенность в себе в педагогическом коллективе", "Наставляемые, итог"] == \
        expected.loc["Уверенность в себе в педагогическом коллективе", "mentee:final"]
    assert cmp.loc["Общая удовлетворённость", "Наставники, итог"].endswith("(n=14)")
    assert len(cmp) == len(expected) >= 20


def test_a_swot_suggestion_goes_on_the_board_only_when_chosen():
    at = run_app(DONE, "views/monitoring.py")
    sug = mon.swot_suggestions(program(DONE), CONFIG)
    pick = int(sug.index[sug["section"] == "Угрозы"][0])
    at.multiselect[0].select(pick).run()
    next(b for b in at.button if b.label == "Добавить на доску").click().run()
    assert not at.exception
    assert any("только в этом сеансе" in plain(s.value) and "добавлено строк: 1" in plain(s.value) for s in at.success)
    own = at.session_state["_own_stores"][DONE].get()
    tab = own.snapshot.tabs[CONFIG.swot_tab]
    demo = demo_source(DONE).read()[CONFIG.swot_tab]
    assert tab.iloc[: len(demo), :2].equals(demo.iloc[:, :2])              # every earlier row kept as it was
    assert len(tab) == len(demo) + 1 and tab.iloc[-1, 0] == "Угрозы"
    assert tab.iloc[-1, 1].endswith(f"• {sug['text'][pick]}")
    quality = run_app(DONE, "views/quality.py", state={"_own_stores": at.session_state["_own_stores"]})
    assert {t.label: t.value for t in quality.text_area}["Угрозы"].endswith(sug["text"][pick])


@pytest.mark.parametrize("page", ["views/overview.py", "views/quality.py", "views/monitoring.py"])
def test_the_report_download_is_on_the_overview_quality_and_monitoring(page):
    at = run_app(DONE, page)
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Аналитическая справка (.docx)" in labels


def test_the_quality_tables_as_one_workbook_with_russian_headers():
    tabs = {name: frame.copy() for name, frame in demo_source(DONE).read().items()}
    finals = tabs[CONFIG.forms["final_mentor"].tab]
    finals.loc[finals.index[0], "Что стоит улучшить в программе?"] = '=HYPERLINK("http://example.com","жми")'
    p = load_program(tabs, year=DONE)
    report = quality_report(p, CONFIG, CONFIG.today())
    wb = load_workbook(io.BytesIO(xlsx_bytes(quality_sheets(report, p, CONFIG), percent=share_columns(CONFIG))))
    assert wb.sheetnames == ["Ответы", "Оценки", "Распределение", "От ожиданий к итогу", "Наставник и наставляемый",
                             "Да и нет", "Как часто", "Формы наставничества", "Пары", "Открытые ответы"]
    forms = list(wb["Формы наставничества"].iter_rows(values_only=True))
    assert forms[0] == ("Форма", "Ролевая модель", "Вид", "Пар и групп", "Наставляемых")
    assert {r[0] for r in forms[1:]} == {"педагог – педагог"}                    # role models inside their form
    assert sum(r[3] for r in forms[1:]) == p.pairs["group"].nunique()            # every pair/group counted once
    assert sum(r[4] for r in forms[1:]) == p.pairs["mentee_id"].nunique()
    rows = list(wb["Оценки"].iter_rows(values_only=True))
    assert rows[0] == ("Пункт", "Кто", "Анкета", "Ответов", "Средняя", "Медиана", "Доля 8–10")
    assert len(rows) - 1 == len(report.items)
    sat = report.items[(report.items["item"] == "satisfaction") & (report.items["role"] == "mentee")
                       & (report.items["kind"] == "final")].iloc[0]
    assert ("Общая удовлетворённость", "наставляемые", "итоговая", sat["n"], round(sat["mean"], 2)) in [r[:5] for r in rows]
    shares = [row[6] for row in wb["Оценки"].iter_rows(min_row=2) if row[6].value is not None]
    assert shares and all(c.number_format == "0%" and 0 <= c.value <= 1 for c in shares)   # «86 %», not 0.864
    answered = [row[4] for row in wb["Ответы"].iter_rows(min_row=2) if row[4].value is not None]
    assert answered and all(c.number_format == "0%" for c in answered)
    last = [row[6] for row in wb["Пары"].iter_rows(min_row=2) if row[6].value is not None]
    assert last and all(c.number_format == "DD.MM.YYYY" for c in last)            # dates the Russian way
    pairs = list(wb["Пары"].iter_rows(values_only=True))
    assert pairs[0][:3] == ("Статус", "Наставляемый", "Наставник") and len(pairs) - 1 == len(report.health)
    improve = [r[2] for r in wb["Открытые ответы"].iter_rows(values_only=True)]
    assert any(str(v).startswith("'=HYPERLINK") for v in improve)         # a formula typed in a form stays text


@pytest.mark.parametrize("year", [DONE, RUNNING])
def test_nobody_who_has_not_answered_is_named_on_the_public_seminar_page(year):
    p = program(year)
    missing = mon.non_respondents(p, CONFIG)
    people = set(missing["name"]) | set(missing["person_id"])
    people |= set(p.pairs["mentee_name"].dropna()) | set(p.pairs["mentor_name"].dropna()) | set(p.pairs["mentee_id"])
    at = run_app(year, "views/seminar.py")
    assert not at.exception
    page = everything(at.main)
    assert len(page) > 1000                                   # the page did draw
    assert not [x for x in people if x in page]
    assert "не ответил" not in page.lower() and "mailto:" not in page


@pytest.mark.browser
def test_monitoring_page_in_chromium_with_the_report_download(page, app_url):
    open_page(page, f"{app_url}/monitoring?year=2025-26", wait_text="Мониторинг программы 2025/26")
    page.locator('[data-testid="stDataFrame"]:visible').first.wait_for()
    shot(page, "monitoring-2025-26-indicators")
    page.get_by_role("tab", name="Этап 2: рост").click()
    page.locator('[data-testid="stPlotlyChart"]:visible').first.wait_for()
    wait_charts(page)
    shot(page, "monitoring-2025-26-stage2")
    page.get_by_role("tab", name="Кто не ответил").click()
    page.get_by_text("не ответили").first.wait_for()
    mail = page.get_by_role("link", name="Написать всем").first
    assert mail.get_attribute("href").startswith("mailto:?bcc=")
    shot(page, "monitoring-2025-26-nonrespondents")
    with page.expect_download(timeout=180_000) as got:
        page.get_by_role("button", name="Аналитическая справка (.docx)").click()
    path = got.value.path()
    doc = Document(str(path))
    assert any(p.text.startswith("Аналитическая справка") for p in doc.paragraphs)
    assert len(doc.inline_shapes) == 3
    wait_idle(page)
    page.get_by_role("tab", name="SWOT: предложения").click()
    page.get_by_text("Добавить на SWOT-доску").first.wait_for()
    wait_idle(page)
    box = page.locator('[data-testid="stMultiSelect"]:visible input').first
    box.evaluate("el => el.scrollIntoView({block: 'center'})")    # as a user scrolls to it: room for the list below
    box.click()
    page.get_by_role("option").first.wait_for()              # the suggestions from the answers are offered
    # typed markup in those answers stays text: tests/test_browser_security.py opens this tab on a poisoned book
    shot(page, "monitoring-2025-26-swot")
    assert exceptions(page) == []


def test_the_quality_page_counts_pairs_by_form_and_type_of_mentoring():
    at = run_app(DONE, "views/quality.py")
    assert not at.exception
    assert "Формы и виды наставничества" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "Ролевая модель" in d.value.columns)
    assert set(table["Форма"]) == {"педагог – педагог"}
    assert len(table) >= 2 and table["Пар и групп"].sum() == program(DONE).pairs["group"].nunique()


@pytest.mark.parametrize("year", demo_years())
def test_no_table_on_a_staff_page_prints_a_missing_value_as_none(year):
    """Streamlit prints an empty cell as «None»: the indicators' numerator and denominator of what is not collected
    yet read «None None» beside «не собрано». A table with an empty cell must print it blank."""
    from ui import pages

    for page in pages.STAFF_PAGES:
        at = run_app(year, page)
        for table in at.dataframe:
            frame = table.value
            if frame.drop(columns=[c for c in ("mentee_id", "mentor_id") if c in frame]).isna().any().any():
                assert table.proto.HasField("placeholder"), (page, list(frame.columns))
