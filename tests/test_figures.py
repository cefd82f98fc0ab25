"""One figure, one number: every named figure of `analysis.figures` reads the same on every page (AppTest), on the
public seminar and in the справка, on both demo years — as a head teacher comparing pages and documents would check.
A figure added later joins this test by being named in `analysis.figures`."""
from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from docx import Document

from analysis import load_config, load_program
from analysis.figures import year_figures
from analysis.quality import quality_report
from data_sources import demo_source, demo_years
from documents.report import annual_report_docx
from tests.apptest import run_app
from ui.pages import SEMINAR, STAFF_PAGES

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config()


def figures_of(year: str):
    program = load_program(demo_source(year).read(), CONFIG, year=year)
    today = CONFIG.today()
    return program, year_figures(program, CONFIG, today, quality_summary=quality_report(program, CONFIG, today).summary)


@pytest.fixture(scope="module", params=demo_years())
def year(request):
    return request.param


@pytest.fixture(scope="module")
def shown(year) -> dict[str, dict[str, str]]:
    """Every headline metric of every page: page -> {label: value}."""
    out = {}
    for page in [*STAFF_PAGES, SEMINAR[0]]:
        at = run_app(year, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        out[page] = {m.label: m.value for m in at.metric}
    return out


def test_every_named_figure_reads_the_same_on_every_page(year, shown):
    _, figures = figures_of(year)
    by_label = {f.label: f for f in figures.values()}
    seen: dict[str, set[str]] = {}
    for page, metrics in shown.items():
        for label, value in metrics.items():
            seen.setdefault(label, set()).add(value)
            if label in by_label:
                assert value == by_label[label].text, (year, page, label, value, by_label[label].text)
    shared = {label: values for label, values in seen.items() if len(values) > 1}
    assert not shared, f"one label, several numbers: {shared}"
    # the figures a head teacher compares are on the pages at all
    everywhere = {label for metrics in shown.values() for label in metrics}
    for key in ("mentees_bank", "mentors_bank", "groups", "mentees_in_pairs", "without_pair", "final_response"):
        assert figures[key].label in everywhere, key


def test_the_report_names_the_same_figures(year):
    program, figures = figures_of(year)
    data = annual_report_docx(program, config=CONFIG, today=CONFIG.today(), charts=False)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    for key in ("groups", "mentees_in_pairs", "without_pair", "mentees_bank", "mentors_bank"):
        assert figures[key].sentence() in text, (key, figures[key].sentence())
    for f in figures.values():                   # wherever a figure's label is followed by a number, it is this one
        for found in re.findall(re.escape(f.label) + r": ([\d—][\d\s]*%?)", text):
            assert found.strip() == f.text, (f.label, found, f.text)


def test_a_pair_that_ended_early_is_counted_by_one_rule():
    """2025/26 has a pair «завершена досрочно»: its mentee is among the year's participants, not «в парах» now."""
    program, figures = figures_of("2025/26")
    ended = program.pairs[~program.pairs["active"].astype(bool)]
    assert len(ended) == figures["ended_pairs"].value
    if len(ended):
        assert figures["mentees_year"].value == program.pairs["mentee_id"].nunique()
        assert figures["mentees_in_pairs"].value == program.active_pairs()["mentee_id"].nunique()
        assert figures["mentees_year"].label != figures["mentees_in_pairs"].label


def _calls(path: Path, name: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and
            getattr(n.func, "id", getattr(n.func, "attr", None)) == name]


def test_no_module_below_the_store_reads_the_servers_config():
    """The year's config is passed: nothing in analysis/ or documents/ reads config.toml on its own (the one
    default for scripts and checks outside the app is `analysis.config.outside_default`)."""
    offenders = {str(p.relative_to(ROOT)): lines for folder in ("analysis", "documents")
                 for p in (ROOT / folder).glob("*.py") if p.name != "config.py" and (lines := _calls(p, "load_config"))}
    assert not offenders, offenders
    for p in (ROOT / "documents").glob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) (ui|streamlit)\b", text, re.M), f"{p.name} reaches into the UI"


def test_a_schools_own_settings_reach_every_page(tmp_path, monkeypatch):
    """A school keeps «оценили на 9–10» and a stricter matching threshold in its «Настройки» tab: every page reads
    the figures of that config, with that label — not the server's «8–10»."""
    import pandas as pd

    from analysis.config import merged, parse_config
    from tests.test_setup import a_school_runs_on

    tabs = dict(demo_source("2025/26").read())
    tabs["Настройки"] = pd.DataFrame([["quality.satisfied_from", "9", ""], ["matching.min_score", "0.9", ""]],
                                     columns=["Параметр", "Значение", "Сохранено"])
    a_school_runs_on(tabs, tmp_path, monkeypatch, "book.xlsx")
    config = parse_config(merged(CONFIG.raw, {"quality": {"satisfied_from": 9}, "matching": {"min_score": 0.9}}))
    program = load_program(tabs, config, year="2026/27")
    figures = year_figures(program, config, config.today(),
                           quality_summary=quality_report(program, config, config.today()).summary)
    assert figures["satisfied_mentee"].label.endswith("9–10")
    by_label = {f.label: f for f in figures.values()}
    seen = set()
    for page in [*STAFF_PAGES, SEMINAR[0]]:
        at = run_app("2026/27", page)
        assert not at.exception, (page, [e.value for e in at.exception])
        for m in at.metric:
            assert "8–10" not in m.label, (page, m.label)
            if m.label in by_label:
                seen.add(m.label)
                assert m.value == by_label[m.label].text, (page, m.label, m.value, by_label[m.label].text)
    assert figures["satisfied_mentee"].label in seen
