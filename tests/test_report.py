"""The year's analytic report, opened with python-docx and read back: A4, every section, every indicator's figures,
both monitoring stages with their charts, the SWOT board, the chosen practices; on the year in progress it says what
is not collected yet instead of printing zeros; and no person's name is in it."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from docx import Document
from docx.shared import Cm

from analysis import load_config, load_program
from analysis.kpi import kpis
from analysis.writes import swot_board
from data_sources import demo_source
from documents.report import annual_report_docx

CONFIG = load_config()
SECTIONS = ["1. Общие сведения", "2. Выполнение дорожной карты", "3. Показатели эффективности",
            "4. Мониторинг, этап 1: качество реализации программы", "5. Мониторинг, этап 2: рост участников",
            "6. SWOT-анализ программы", "7. Лучшие практики наставничества", "8. Ожидаемые результаты", "9. Риски",
            "10. Выводы и рекомендации"]


@pytest.fixture(scope="module")
def years():
    tabs = {y: demo_source(y).read() for y in ("2025/26", "2026/27")}
    return tabs, {y: load_program(t, year=y) for y, t in tabs.items()}


def read(data: bytes):
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return doc, text, tables


def table_with(tables, header: str):
    return next(t for t in tables if t[0][0] == header)


@pytest.fixture(scope="module")
def completed(years):
    tabs, programs = years
    data = annual_report_docx(programs["2025/26"], today=date(2026, 6, 15), swot=swot_board(tabs["2025/26"]["SWOT"]))
    return read(data)


def test_a4_russian_conventions_and_every_section(completed):
    doc, text, _ = completed
    s = doc.sections[0]
    assert abs(s.page_width - Cm(21)) < Cm(0.05) and abs(s.page_height - Cm(29.7)) < Cm(0.05)
    assert abs(s.left_margin - Cm(3)) < Cm(0.05) and abs(s.right_margin - Cm(1.5)) < Cm(0.05)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == SECTIONS
    assert "2025/26 учебном году" in text and "15 июня 2026 г." in text


def test_every_indicator_with_its_numerator_and_denominator(completed, years):
    _, _, tables = completed
    k = kpis(years[1]["2025/26"])
    rows = {r[0]: r for r in table_with(tables, "Показатель")[1:]}
    assert set(rows) == set(k["indicator"])
    for r in k.itertuples():
        shown = rows[r.indicator]
        if pd.isna(r.value):
            assert shown[3] == "не собрано" and r.note in shown[4]
        else:
            assert shown[1:4] == [str(int(r.numerator)), str(int(r.denominator)), f"{r.value * 100:.0f} %"]
    assert rows["Доля педагогов, вовлечённых в наставничество (наставники и наставляемые)"][1:4] == ["38", "69", "55 %"]


def test_roadmap_monitoring_swot_practices_and_charts(completed, years):
    doc, text, tables = completed
    tabs, programs = years
    roadmap = table_with(tables, "№")
    assert [r[0] for r in roadmap[1:]] == [str(i) for i in range(1, 8)]
    assert all(r[4] in ("выполнен", "в работе", "не начат", "просрочен") or r[4].startswith("в листе: ")
               for r in roadmap[1:])                                          # a conflict says both in words
    assert "ответили на итоговую анкету" in roadmap[6][5]                  # stage 6's evidence, with its source
    stage1 = table_with(tables, "Пункт")
    assert any(r[0] == "Общая удовлетворённость" for r in stage1[1:])
    stage2 = next(t for t in tables if t[0][:3] == ["Пункт", "Кто", "n"])
    assert {r[0] for r in stage2[1:]} >= {"Уверенность в себе в педагогическом коллективе", "Участие в жизни лицея"}
    assert {r[1] for r in stage2[1:]} == {"наставляемые", "наставники"}
    curator = table_with(tables, "Условие реализации программы")
    assert ["Подготовка наставников", "5,0"] in curator
    swot = table_with(tables, "Раздел")
    board = swot_board(tabs["2025/26"]["SWOT"])
    assert [r[0] for r in swot[1:]] == ["Сильные стороны", "Слабые стороны", "Возможности", "Угрозы"]
    assert swot[1][1] == board["Сильные стороны"]
    practices = table_with(tables, "Практика")
    chosen = programs["2025/26"].practices
    chosen = chosen[chosen["chosen"] >= 1]
    assert sorted(r[0] for r in practices[1:]) == sorted(chosen["title"])
    assert len(doc.inline_shapes) == 3                                      # stage 1, response over time, stage 2
    assert "Рисунок 1." in text and "Рисунок 3." in text
    assert "«Дети с ОВЗ, инклюзивное обучение»" in text and "этап 4" in text   # the training plan of stage 4
    assert "в зоне риска: 3" in text


def test_no_persons_name_in_the_report(completed, years):
    _, text, tables = completed
    everything = text + "\n".join(c for t in tables for r in t for c in r)
    program = years[1]["2025/26"]
    for name in list(program.pairs["mentee_name"].dropna()) + list(program.pairs["mentor_name"].dropna()):
        assert name not in everything


def test_the_year_in_progress_says_what_is_not_collected(years):
    tabs, programs = years
    doc, text, tables = read(annual_report_docx(programs["2026/27"], today=date(2026, 11, 24),
                                                previous=programs["2025/26"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == SECTIONS
    rows = {r[0]: r for r in table_with(tables, "Показатель")[1:]}
    final = rows["Ответили на итоговую анкету (участники пар)"]
    assert final[1:4] == ["—", "—", "не собрано"] and "не собирались" in final[4]
    retention = rows["Наставляемые прошлого года, продолжающие работать в школе"]
    assert retention[1:4] == ["20", "22", "91 %"]
    assert "Итоговые анкеты наставляемых и наставников ещё не собраны" in text
    assert "Анкета куратора ещё не заполнена" in text
    assert "Ещё не собраны: «Итоговая анкета наставляемого», «Итоговая анкета наставника»." in text
    answers = table_with(tables, "Анкета")
    assert ["Итоговая анкета наставляемого", "не собрано", "8", "не собрано"] in answers
    assert " 0 %" not in "\n".join(c for r in answers for c in r)


def test_expected_results_and_risks_are_reported_from_the_data(completed, years):
    """The recommendations' expected results, each measured where the data have it (else «не собрано»), and the
    programme's risks with what to do; the roadmap table carries each stage's expected result / document."""
    doc, text, tables = completed
    _, programs = years
    k = kpis(programs["2025/26"], CONFIG).set_index("key")
    results = table_with(tables, "Ожидаемый результат")
    by = {r[0]: r[1] for r in results[1:]}
    growth = k.loc["growth"]
    assert by["Профессиональный рост педагогов"].startswith(f"{growth['value'] * 100:.0f} %")
    assert "раздел IV" in text and "№ АЗ-1128/08 и Общероссийского Профсоюза образования № 657" in text
    risks = table_with(tables, "Риск")
    assert any("Нет наставников по востребованным темам" == r[0] and "Дети с ОВЗ" in r[1] for r in risks[1:])
    assert all(r[2] for r in risks[1:])                                          # each risk says what to do
    roadmap = table_with(tables, "№")
    assert roadmap[0][3] == "Ожидаемый результат / вид документа"
    assert "Положения о системе наставничества" in roadmap[1][3]
