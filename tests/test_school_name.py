"""Another school's settings never show the demo school's name: its `name` alone (the README's own example) gives
both names; every page, the seminar, the reminder and every document read it."""
from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
import streamlit as st
from google.protobuf.json_format import MessageToDict

from analysis import load_config, load_program
from analysis.monitoring import reminder_text
from data_sources import demo_source, demo_years
from tests.apptest import run_app
from ui.pages import SEMINAR, STAFF_PAGES

DEMO = ("ИНТЕГРАЛ",)
OURS = "МБОУ СОШ № 7"


def page_text(at) -> str:
    """Every text the page draws (titles, captions, metrics, alerts, tables' cells), as one string."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
        for child in getattr(node, "children", {}).values():
            walk(child)
    walk(at._tree)
    return "\n".join(out)


@pytest.fixture
def another_school(tmp_path, monkeypatch):
    """The demo books with the demo school's name taken out of their cells, and a school file naming ours."""
    years = {}
    for year in demo_years():
        wb = openpyxl.load_workbook(demo_source(year).path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "ИНТЕГРАЛ" in cell.value:
                        cell.value = cell.value.replace("МАОУ ЦО «Лицей ИНТЕГРАЛ»", OURS).replace("Лицей ИНТЕГРАЛ", OURS)
        path = tmp_path / f"{year.replace('/', '-')}.xlsx"
        wb.save(path)
        years[year] = path.name
    lines = "".join(f'"{y}" = "{p}"\n' for y, p in years.items())
    (tmp_path / "config.toml").write_text(f'[school]\nname = "{OURS}"\n\n[years]\n{lines}\n[access]\n'
                                          'open_without_login = true\n', encoding="utf-8")
    monkeypatch.setenv("MENTORING_CONFIG", str(tmp_path / "config.toml"))
    st.cache_resource.clear()
    yield load_config()
    st.cache_resource.clear()


def test_the_school_named_by_name_alone_is_named_everywhere(another_school):
    config = another_school
    assert config.school.name == config.school.short_name == OURS
    for year in config.years:
        for page in [*STAFF_PAGES, SEMINAR[0]]:
            at = run_app(year, page)
            assert not at.exception, (page, [e.value for e in at.exception])
            text = page_text(at)
            assert not [w for w in DEMO if w in text], (year, page)
        assert OURS in page_text(run_app(year, SEMINAR[0]))
    assert OURS in reminder_text("Итоговая анкета", config) and "ИНТЕГРАЛ" not in reminder_text("x", config)


def test_every_document_names_the_school_from_its_settings(another_school):
    import docx

    from documents.plan import plans_bundle
    from documents.report import annual_report_docx
    from analysis.plans import all_plans

    config = another_school
    year = demo_years()[0]
    from data_sources.excel import ExcelSource

    tabs = ExcelSource(config.path.parent / config.years[year]).read()
    program = load_program(tabs, config, year=year)

    def words(data: bytes) -> str:
        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
        parts += [p.text for s in d.sections for p in s.header.paragraphs + s.footer.paragraphs]
        return "\n".join(parts)

    report = words(annual_report_docx(program, config=config, today=date(2026, 6, 1)))
    assert OURS in report and "ИНТЕГРАЛ" not in report
    plans = words(plans_bundle(all_plans(program, config).values(), program, school=config.school.name))
    assert OURS in plans and "ИНТЕГРАЛ" not in plans
