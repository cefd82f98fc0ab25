"""The bundled demo books: made by scripts/make_demo.py byte for byte, clean of test payloads, every answer one of
its question's options, and the finished year carrying what a finished year has."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from analysis import load_config, load_program
from analysis.plans import group_codes, saved_codes
from data_sources import demo_source, demo_years
from tests.conftest import ROOT

CONFIG = load_config()
HOSTILE = ("<script", "javascript:", "<img", "](http", "=HYPERLINK", "alert(")


def test_the_books_are_what_the_generator_makes(tmp_path):
    """Reproducible, and up to date: a change to the generator or to what it reads (config.toml, the plans code)
    shows here until `scripts/make_demo.py` is run again."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_demo.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, cwd=ROOT)
    for year in demo_years():
        name = year.replace("/", "-") + ".xlsx"
        assert (tmp_path / name).read_bytes() == (ROOT / "demo" / name).read_bytes(), \
            f"demo/{name} is not what scripts/make_demo.py makes: run it again"


def test_no_cell_of_a_demo_book_is_a_test_payload():
    for year in demo_years():
        for tab, frame in demo_source(year).read().items():
            cells = frame.astype(str).to_numpy().ravel()
            bad = [c for c in cells if any(h.lower() in c.lower() for h in HOSTILE)]
            assert not bad, (year, tab, bad[:3])


def test_every_single_choice_answer_is_one_of_its_options():
    for year in demo_years():
        program = load_program(demo_source(year).read(), CONFIG, year=year)
        outside = [p for p in program.problems if "не из вариантов" in p.message]
        assert not outside, [(p.tab, p.row, p.message) for p in outside]
        assert program.mentees["category"].dropna().isin(CONFIG.lists["mentee_categories"]).all()


def test_an_answer_outside_the_options_is_named_with_its_row_on_the_data_page():
    year = demo_years()[0]
    tabs = {name: frame.copy() for name, frame in demo_source(year).read().items()}
    requests = tabs[CONFIG.forms["mentee_request"].tab]
    column = CONFIG.forms["mentee_request"].fields["category"].headers[0]
    requests.loc[requests.index[2], column] = "Учитель-совместитель"
    program = load_program(tabs, CONFIG, year=year)
    found = [p for p in program.problems if "не из вариантов" in p.message]
    assert [(p.tab, p.row, p.column) for p in found] == [(CONFIG.forms["mentee_request"].tab, 4, column)]
    assert "«Учитель-совместитель»" in found[0].message and found[0].severity == "warning"
    assert "Учитель-совместитель" in set(program.mentees["category"])          # kept as typed


def test_the_finished_year_has_what_a_finished_year_has():
    done, running = demo_years()
    program = load_program(demo_source(done).read(), CONFIG, year=done)
    assert saved_codes(program) >= set(group_codes(program))                  # every pair's ППН saved
    events = program.events
    titles = events["title"].fillna("").str.lower()
    assert titles.str.contains("закреплен").any() and events["kind"].str.contains("семинар").any()
    assert len(program.surveys[program.surveys["kind"] == "final"])
    support = program.extra.get("support", pd.DataFrame())
    never_paired = set(program.mentees.index) - set(program.pairs["mentee_id"])
    assert never_paired and never_paired <= set(support["mentee_email"])
    assert set(program.roadmap["status"].str.lower()) == {"выполнен"}            # the sheet: all seven done
    now = load_program(demo_source(running).read(), CONFIG, year=running)
    assert not now.events["title"].fillna("").str.lower().str.contains("закреплен").any()
    assert now.roadmap["status"].iloc[0].lower() == "в работе"                 # stage 1: no order on pairs yet
