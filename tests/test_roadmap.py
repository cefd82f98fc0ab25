"""Roadmap: periods as people write them, and each stage's status on pinned dates."""
from datetime import date

import pandas as pd
import pytest

from analysis import load_config, load_program
from analysis.roadmap import parse_period, roadmap_table, stage_status, template_roadmap
from tests.forms import mentee, mentor, tab

CONFIG = load_config()
SEED = template_roadmap(CONFIG)


@pytest.mark.parametrize("text, start, end", [
    ("август – сентябрь 2022 года", date(2022, 8, 1), date(2022, 9, 30)),
    ("сентябрь – октябрь 2022 года", date(2022, 9, 1), date(2022, 10, 31)),
    ("сентябрь – ноябрь 2022 года", date(2022, 9, 1), date(2022, 11, 30)),
    ("в течение учебного года", date(2022, 9, 1), date(2023, 5, 31)),
    ("май 2023 года", date(2023, 5, 1), date(2023, 5, 31)),
    ("с 1 сентября по 15 октября 2022 г.", date(2022, 9, 1), date(2022, 10, 15)),
    ("IV четверть", date(2023, 4, 1), date(2023, 5, 31)),
    ("2 полугодие", date(2023, 1, 1), date(2023, 5, 31)),
    ("ноябрь – февраль", date(2022, 11, 1), date(2023, 2, 28)),     # year left out: the academic year's
    ("май", date(2023, 5, 1), date(2023, 5, 31)),
])
def test_periods_parse_into_dates_of_the_academic_year(text, start, end):
    assert parse_period(text, 2022) == (start, end, None)


def test_every_period_of_the_seed_parses():
    with open(CONFIG.path.parent / "demo" / "roadmap-seed.tsv", encoding="utf-8") as fh:
        periods = [line.split("\t")[3] for line in fh.read().splitlines()[1:]]
    assert len(periods) == 7
    for period in periods:
        s, e, note = parse_period(period, 2022)
        assert s and e and s <= e and note is None, period


def test_a_typo_is_repaired_with_a_note_and_nonsense_is_a_problem():
    s, e, note = parse_period("сентбярь – октябрь 2022", 2022)
    assert (s, e) == (date(2022, 9, 1), date(2022, 10, 31)) and "сентбярь" in note
    s, e, note = parse_period("когда получится", 2022)
    assert s is None and e is None and "не удалось прочитать срок" in note


def test_school_year_is_configurable():
    assert parse_period("в течение учебного года", 2025, ("09-01", "06-30"))[:2] == (date(2025, 9, 1), date(2026, 6, 30))


def roadmap_tab(periods=None, statuses=None, extra=None):
    head = ["№", "Наименование этапа", "Содержание деятельности и примерный план мероприятий", "Срок реализации",
            "Ответственный исполнитель", "Статус"]
    rows = []
    for i, r in enumerate(SEED.to_dict("records")):
        period = (periods or {}).get(i + 1, r["period"])
        rows.append([r["number"], r["name"], r["content"], period, r["responsible"], (statuses or {}).get(i + 1, "")])
    return pd.DataFrame(rows, columns=head)


def program_with(roadmap, *, mentees=(), mentors=(), events=None, pairs=None, year="2025/26"):
    tabs = {"Дорожная карта": roadmap, "Запросы наставляемых": tab("mentee_request", list(mentees)),
            "Анкета наставников": tab("mentor_survey", list(mentors))}
    if events is not None:
        tabs["Мероприятия"] = pd.DataFrame(events, columns=["Дата", "Вид", "Название", "Этап", "Участники"])
    if pairs is not None:
        tabs["Пары"] = pairs
    return load_program(tabs, CONFIG, year=year)


def test_unparseable_period_in_the_sheet_is_a_data_problem_not_a_crash():
    p = program_with(roadmap_tab(periods={3: "когда-нибудь"}))
    table, problems = roadmap_table(p, CONFIG)
    assert pd.isna(table.loc[table.stage == 3, "start"]).all()
    assert [x.row for x in problems] == [4] and problems[0].severity == "error"
    status = stage_status(p, date(2025, 10, 1))
    assert status.set_index("stage").at[3, "status"] == "not_started"


def status_of(p, today, stage):
    return stage_status(p, today).set_index("stage").at[stage, "status"]


def test_status_before_during_after_and_overdue():
    p = program_with(roadmap_tab())
    assert status_of(p, date(2025, 7, 1), 2) == "not_started"          # before
    assert status_of(p, date(2025, 9, 15), 2) == "in_progress"         # during
    assert status_of(p, date(2025, 11, 15), 2) == "overdue"            # after, and the bank is empty
    p = program_with(roadmap_tab(), mentees=[mentee("a@s.ru")])
    assert status_of(p, date(2025, 11, 15), 2) == "done"               # after, the bank was formed
    p = program_with(roadmap_tab(statuses={2: "выполнен"}))
    assert status_of(p, date(2025, 11, 15), 2) == "done"               # the coordinator's word


def test_orders_stage_from_the_events_log():
    events = [["29.08.2025", "приказ", "Об утверждении положения о системе наставничества", "1", ""]]
    p = program_with(roadmap_tab(), events=events)
    assert status_of(p, date(2025, 9, 10), 1) == "in_progress"
    assert status_of(p, date(2025, 10, 5), 1) == "overdue"
    alert = stage_status(p, date(2025, 10, 5)).set_index("stage").at[1, "alert"]
    assert alert.startswith("Этап 1 просрочен (срок до 30.09.2025)")
    events.append(["15.09.2025", "приказ", "О закреплении наставнических пар/групп", "1", ""])
    p = program_with(roadmap_tab(), events=events)
    assert status_of(p, date(2025, 9, 20), 1) == "done"


def test_mentor_bank_alert_names_people_without_consent():
    p = program_with(roadmap_tab(), mentors=[mentor("m1@s.ru"), mentor("m2@s.ru", consent="Не даю согласия"),
                                              mentor("m3@s.ru", consent="")])
    row = stage_status(p, date(2025, 10, 10)).set_index("stage").loc[3]
    assert row["status"] == "in_progress"
    assert row["alert"] == "Этап 3: 2 наставника без согласия на обработку данных"
    values = {i.label: i.value for i in row["indicators"]}
    assert values["опрошено наставников"] == "3" and values["готовы и дали согласие"] == "1"
    assert all(i.source.startswith("лист") for i in row["indicators"])


def test_pairs_stage_progress_is_the_share_of_the_bank_in_pairs():
    pairs = pd.DataFrame([["a@s.ru", "", "m@s.ru", "", "П-01", "", "01.10.2025", "утверждена", "Программа 1"]],
                         columns=[f.headers[0] for f in CONFIG.service["pairs"].fields.values()][:9])
    p = program_with(roadmap_tab(), mentees=[mentee("a@s.ru"), mentee("b@s.ru")], mentors=[mentor("m@s.ru")], pairs=pairs)
    row = stage_status(p, date(2025, 12, 1)).set_index("stage").loc[5]
    assert row["status"] == "in_progress" and row["progress"] == 0.5
    assert row["alert"] == "Этап 5: 1 наставляемый без утверждённой пары; ППН сохранена у 0 из 1 пар/групп"


def test_no_roadmap_tab_uses_the_bundled_template():
    prog = load_program({"Запросы наставляемых": tab("mentee_request", [mentee("a@s.ru")])}, CONFIG, year="2026/27")
    status = stage_status(prog, date(2026, 10, 1))
    assert list(status["stage"]) == [1, 2, 3, 4, 5, 6, 7]
    assert status.set_index("stage").at[6, "start"] == pd.Timestamp(2027, 5, 1)


def test_stage_one_shows_which_of_its_documents_exist_and_drafts_the_missing_ones():
    """2026/27: the Положение is approved (order of 28.08.2026), no order on pairs yet, no ППН saved — stage 1 says
    so in its indicators, and its page offers the drafts of the Положение and of the curator's order."""
    from data_sources import demo_source
    from tests.apptest import run_app

    program = load_program(demo_source("2026/27").read(), year="2026/27")
    row = stage_status(program, date(2026, 12, 1)).set_index("stage").loc[1]
    said = {i.label: i.value for i in row["indicators"]}
    assert said["Положение о системе наставничества"] == "утверждено приказом от 28.08.2026"
    assert said["приказ о закреплении пар"] == "нет" and said["ППН сохранены"] == "0 из 7"
    assert said["дорожная карта"] == "7 этапов в листе"
    assert row["status"] != "done" and row["result"].startswith("Приказ об утверждении Положения")
    at = run_app("2026/27", "views/roadmap.py")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Проект Положения о наставничестве (.docx)", "Проект приказа о назначении куратора (.docx)"]
