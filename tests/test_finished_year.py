"""A finished year reads as finished, a running one as running, and the roadmap never ticks a stage its own
evidence contradicts without saying so — checked as a head teacher would, on both demo years (today 03.12.2026 in
the demo config: 2025/26 is over, 2026/27 runs)."""
from __future__ import annotations

import io

import docx
import pandas as pd

from analysis import load_config, load_program
from analysis.plans import plan_progress
from analysis.roadmap import stage_status
from analysis.schoolyear import year_finished
from data_sources import demo_source
from documents.report import annual_report_docx
from tests.apptest import plain, run_app

CONFIG = load_config()
DONE, RUNNING = "2025/26", "2026/27"


def program(year: str, tabs=None):
    return load_program(tabs if tabs is not None else demo_source(year).read(), CONFIG, year=year)


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_demo_years_are_one_finished_and_one_running():
    assert year_finished(program(DONE), CONFIG, CONFIG.today())
    assert not year_finished(program(RUNNING), CONFIG, CONFIG.today())


def test_nothing_of_a_finished_year_becomes_overdue_or_counts_weeks():
    progress = plan_progress(program(DONE), CONFIG, CONFIG.today())
    assert len(progress) and progress["overdue"].sum() == 0 and progress["overdue_weeks"].sum() == 0
    assert not progress["reason"].str.contains("нед.").any()
    at = run_app(DONE, "views/plans.py")
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel())
    assert "просрочено" not in shown and " нед." not in shown


def test_a_finished_year_proposes_no_pairs_unless_asked():
    at = run_app(DONE, "views/matching.py")
    assert not at.exception
    infos = " ".join(plain(i.value) for i in at.info)
    assert "завершён 31.05.2026" in infos and not at.tabs                 # no proposal, no order drafted
    at.checkbox(key=f"_match_finished_{DONE}").check().run()
    assert not at.exception and at.tabs                                   # the coordinator asked: here it is


def test_the_running_years_report_is_interim_and_says_what_is_not_collected():
    text = text_of(annual_report_docx(program(RUNNING), config=CONFIG, today=CONFIG.today(), charts=False))
    assert "Промежуточная аналитическая справка" in text and f"по состоянию на {CONFIG.today():%d.%m.%Y}" in text
    assert "Мониторинг проведён" not in text and "ещё не собраны: итоговые анкеты" in text
    done = text_of(annual_report_docx(program(DONE), config=CONFIG, today=CONFIG.today(), charts=False))
    assert "по итогам реализации" in done and "Мониторинг проведён" in done and "Промежуточная" not in done


def test_a_stage_the_evidence_contradicts_shows_both_in_words_everywhere():
    for year in (DONE, RUNNING):
        status = stage_status(program(year), CONFIG.today(), CONFIG)
        for r in status.itertuples():
            if r.sheet == "выполнен" and r.status != "conflict":
                assert r.status == "done"
            if r.status == "conflict":
                assert r.status_ru.startswith("в листе: ") and "по данным" in r.status_ru
    # a school ticks stage 1 «выполнен» while no order on pairs is registered
    tabs = dict(demo_source(RUNNING).read())
    roadmap = tabs[CONFIG.service["roadmap"].tab].copy()
    roadmap.loc[roadmap.index[0], "Статус"] = "выполнен"
    tabs[CONFIG.service["roadmap"].tab] = roadmap
    p = program(RUNNING, tabs)
    first = stage_status(p, CONFIG.today(), CONFIG).iloc[0]
    assert first["status"] == "conflict" and first["status_ru"] == (
        "в листе: выполнен; по данным не подтверждён: пары утверждены, но приказ о закреплении не зарегистрирован")
    text = text_of(annual_report_docx(p, config=CONFIG, today=CONFIG.today(), charts=False))
    assert first["status_ru"] in text                                    # the справка says it too
    assert isinstance(first["alert"], str) and first["status_ru"] in first["alert"]   # and «Обзор»'s alerts
    assert pd.notna(first["evidence"])


def test_a_mentee_whose_topics_no_mentor_covers_is_told_so():
    from analysis.waiting import waiting_list

    tabs = dict(demo_source(DONE).read())
    requests = tabs[CONFIG.forms["mentee_request"].tab].copy()
    column = CONFIG.forms["mentee_request"].fields["topics"].headers[0]
    email = requests.columns[1]
    who = requests[email].astype(str).str.strip().str.lower() == "fedotova.aa@integral-lyceum.ru"
    requests.loc[who, column] = "Дети с ОВЗ, инклюзивное обучение"          # nobody willing covers it in 2025/26
    tabs[CONFIG.forms["mentee_request"].tab] = requests
    waiting = waiting_list(program(DONE, tabs), CONFIG).set_index("mentee_id")
    reason = waiting.at["fedotova.aa@integral-lyceum.ru", "reason"]
    assert reason.startswith("нет наставника по темам запроса (Дети с ОВЗ, инклюзивное обучение)"), reason
    assert "предложите пару" not in " ".join(waiting["reason"])            # a finished year advises no new pair
