"""Written consent to the mentoring duties: recorded in the forms («Да») or as a date in «Пары»; «Подбор пар» names
who has not given it before the order is drafted, and the order says it is issued with the participants' written
consent, showing per pair whether it was received."""
from __future__ import annotations

import io
from datetime import date

import docx
import pandas as pd

from analysis import load_config, load_program
from analysis.duties import consented, without_consent
from data_sources import demo_source
from documents.order import order_docx
from tests.apptest import plain, run_app

CONFIG = load_config()
DUTIES = CONFIG.forms["mentee_request"].fields["duties"].headers[0]


def test_the_demo_records_every_consent_but_one_and_the_order_shows_it():
    tabs = demo_source("2026/27").read()
    program = load_program(tabs, year="2026/27")
    pairs = program.active_pairs()
    missing = without_consent(program, pairs)
    assert list(missing["role"]) == ["наставляемый"] and len(missing) == 1
    who = missing["name"].iloc[0]
    doc = docx.Document(io.BytesIO(order_docx(pairs, school="Лицей", year="2026/27", today=date(2026, 12, 1),
                                              program=program)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "с письменного согласия их участников на возложение на них дополнительных обязанностей" in text
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    column = header.index("Письменное согласие на участие")
    marks = {row.cells[3].text: row.cells[column].text for row in table.rows[1:]}
    assert marks[who] == "нет согласия наставляемого"
    assert sum(v == "получено" for v in marks.values()) == len(marks) - 1


def test_a_date_typed_in_the_pairs_tab_records_a_paper_consent():
    tabs = demo_source("2026/27").read()
    program = load_program(tabs, year="2026/27")
    who = without_consent(program, program.active_pairs())["id"].iloc[0]
    pairs_tab = CONFIG.service["pairs"].tab
    frame = tabs[pairs_tab].copy()
    column = CONFIG.service["pairs"].fields["consent_date"].headers[0]
    email = CONFIG.service["pairs"].fields["mentee_email"].headers[0]
    if column not in frame:
        frame[column] = ""
    frame.loc[frame[email].str.strip().str.lower() == who, column] = "28.11.2026"
    again = load_program({**tabs, pairs_tab: frame}, year="2026/27")
    assert who in consented(again) and without_consent(again, again.active_pairs()).empty


def test_an_answer_no_is_not_consent():
    tabs = demo_source("2025/26").read()
    spec = CONFIG.forms["mentor_survey"]
    frame = tabs[spec.tab].copy()
    frame[DUTIES] = frame[DUTIES].where(frame.index != frame.index[0], "Нет")
    program = load_program({**tabs, spec.tab: frame}, year="2025/26")
    said_no = program.mentors.index[pd.to_numeric(program.mentors["duties"], errors="coerce") == 0]
    assert len(said_no) == 1 and said_no[0] not in consented(program)


def test_the_matching_page_names_who_has_not_consented_before_the_order():
    at = run_app("2026/27", "views/matching.py")
    text = plain(" ".join(w.value for w in at.warning))
    assert "Нет записанного письменного согласия" in text and "наставляемый" in text
