"""Messy form data: every case keeps the good values and explains the rest."""
import pandas as pd
import pytest

from analysis import load_program
from analysis import normalize as nz
from data_sources import demo_source
from tests.forms import CONFIG, mentee, mentor, tab

TOPICS = CONFIG.topics
COMMA_TOPIC = "Классное руководство, воспитательная работа"
GIFTED = "Работа с одарёнными детьми, олимпиады"


def program(mentees=(), mentors=(), **extra_tabs):
    tabs = {"Запросы наставляемых": tab("mentee_request", list(mentees)),
            "Анкета наставников": tab("mentor_survey", list(mentors)), **extra_tabs}
    return load_program(tabs, CONFIG, year="2025/26")


@pytest.mark.parametrize("text, expected", [
    ("05.09.2025 10:12:33", pd.Timestamp(2025, 9, 5, 10, 12, 33)),     # Russian Google Sheets
    ("5.9.2025 9:05:00", pd.Timestamp(2025, 9, 5, 9, 5)),
    ("9/5/2025 10:12:33", pd.Timestamp(2025, 9, 5, 10, 12, 33)),        # English: month first
    ("2025-09-05 10:12:33", pd.Timestamp(2025, 9, 5, 10, 12, 33)),      # .xlsx export
    ("05.09.2025", pd.Timestamp(2025, 9, 5)),
    ("5 сентября 2025 г.", pd.Timestamp(2025, 9, 5)),
])
def test_timestamps_in_russian_and_english_formats(text, expected):
    assert nz.parse_datetime(text) == (expected, None)


def test_an_odd_date_is_explained_not_guessed():
    value, note = nz.parse_datetime("вчера")
    assert value is None and "вчера" in note


@pytest.mark.parametrize("text, years, repaired", [
    ("12", 12, False), ("12 лет", 12, False), ("более 20", 20, True), ("3,5", 3, True),
    ("полгода", 0, True), ("", None, False), ("пять", 5, True),
])
def test_experience_as_people_type_it(text, years, repaired):
    value, note = nz.parse_int(text)
    assert value == years
    assert (note is not None) == repaired


def test_checkbox_option_containing_a_comma_survives():
    cell = f"Работа с родителями, {COMMA_TOPIC}, {GIFTED}"
    found, other = nz.split_options(cell, TOPICS)
    assert set(found) == {"Работа с родителями", COMMA_TOPIC, GIFTED}
    assert other == ""


def test_other_answer_is_kept_as_text():
    found, other = nz.split_options("Функциональная грамотность, Наставничество для совместителей, ОГЭ", TOPICS)
    assert found == ["Функциональная грамотность"]
    assert other == "Наставничество для совместителей, ОГЭ"


def test_email_is_the_person_id():
    assert nz.parse_email("  Petrova.IV@Integral-Lyceum.RU ") == ("petrova.iv@integral-lyceum.ru", None)
    assert nz.parse_email("petrova")[0] is None


def test_latest_answer_per_person_wins_and_is_reported():
    p = program(mentees=[
        mentee("a@school.ru", timestamp="05.09.2025 10:00:00", topics="Работа с родителями"),
        mentee("A@School.ru ", timestamp="07.09.2025 12:00:00", topics=f"{COMMA_TOPIC}, Работа с родителями"),
    ])
    assert list(p.mentees.index) == ["a@school.ru"]
    row = p.mentees.loc["a@school.ru"]
    assert row["topics"] == ["Классное руководство, воспитательная работа", "Работа с родителями"]
    assert row["answers"] == 2
    assert p.intake["mentee"].duplicates == 1
    assert any("2 раза" in x.message and x.row == 3 for x in p.problems)


def test_without_consent_counted_but_kept_out_of_the_bank():
    p = program(mentees=[mentee("a@school.ru"), mentee("b@school.ru", consent="Не даю согласия", full_name="Секретова Б.")],
                mentors=[mentor("m@school.ru", consent="")])
    assert list(p.mentees.index) == ["a@school.ru"]
    assert p.mentors.empty
    assert p.intake["mentee"].no_consent == 1 and p.intake["mentor"].no_consent == 1
    assert p.intake["mentee"].people == 2
    # the refuser is in no bank; staff are told who and where, to follow up (problems never reach a public page)
    assert "Секретова" not in repr(p.mentees) + repr(p.mentors)
    assert any(x.severity == "warning" and x.row == 3 and x.message.startswith("Секретова Б.: нет согласия")
               for x in p.problems)


def test_blank_row_is_skipped_and_row_numbers_stay_true():
    frame = tab("mentee_request", [mentee("a@school.ru"), {}, mentee("c@school.ru", experience="много")])
    p = load_program({"Запросы наставляемых": frame}, CONFIG)
    assert set(p.mentees.index) == {"a@school.ru", "c@school.ru"}
    bad = [x for x in p.problems if "много" in x.message]
    assert bad and bad[0].row == 4 and bad[0].column == "Стаж педагогической работы (лет)"
    assert any("пустых строк: 1" in x.message for x in p.problems)
    assert p.intake["mentee"].blank == 1
    assert pd.isna(p.mentees.loc["c@school.ru", "experience"])   # the bad cell is empty, the row is kept


def test_renamed_question_is_matched_through_config_alias_and_by_similarity():
    alias = tab("mentee_request", [mentee("a@school.ru")],
                topics="По каким темам вам нужна поддержка наставника?")
    p = load_program({"Запросы наставляемых": alias}, CONFIG)
    assert p.mentees.loc["a@school.ru", "topics"] == ["Современный урок по ФГОС"]
    assert not [x for x in p.problems if x.severity != "info" and x.tab == "Запросы наставляемых"]

    edited = tab("mentor_survey", [mentor("m@school.ru", experience="25")],
                 experience="Стаж педагогической работы, лет")
    p = load_program({"Анкета наставников": edited}, CONFIG)
    assert p.mentors.loc["m@school.ru", "experience"] == 25
    warn = [x for x in p.problems if "переименован" in x.message]
    assert warn and warn[0].column == "Стаж педагогической работы, лет"


def test_unknown_question_leaves_field_empty_with_a_clear_message():
    frame = tab("mentee_request", [mentee("a@school.ru")], topics="Совсем другой вопрос про что-то")
    p = load_program({"Запросы наставляемых": frame}, CONFIG)
    assert p.mentees.loc["a@school.ru", "topics"] == []
    assert any("не найден вопрос" in x.message and "«Настройка» → «Вопросы форм»" in x.message for x in p.problems)


def test_missing_tab_is_one_clear_error():
    p = load_program({"Анкета наставников": tab("mentor_survey", [mentor("m@school.ru")])}, CONFIG)
    err = [x for x in p.problems if x.severity == "error"]
    assert len(err) == 1 and "Запросы наставляемых" in err[0].message and "не найден" in err[0].message
    assert len(p.mentors) == 1


def test_mentee_in_one_topic_and_mentor_in_another():
    p = program(mentees=[mentee("x@school.ru", topics="ИКТ и цифровые ресурсы в обучении")],
                mentors=[mentor("x@school.ru", topics="Подготовка к ОГЭ и ЕГЭ")])
    assert "x@school.ru" in p.mentees.index and "x@school.ru" in p.mentors.index


def test_mentor_capacity_and_willingness():
    p = program(mentors=[mentor("a@s.ru", capacity="2 человека"), mentor("b@s.ru", willing="Нет"),
                         mentor("c@s.ru", willing="Возможно", capacity="")])
    assert p.mentors.loc["a@s.ru", "capacity"] == 2
    assert "b@s.ru" not in p.mentors.index and p.intake["mentor"].not_willing == 1
    assert p.mentors.loc["c@s.ru", "capacity"] == 1          # blank capacity: one mentee
    assert str(p.mentors["capacity"].dtype).startswith("int")


@pytest.mark.parametrize("cell, value, noted", [("8", 8.0, False), ("11", None, True), ("десять", 10.0, True),
                                                  ("0", None, True), ("", None, False)])
def test_scale_answers(cell, value, noted):
    v, note = nz.parse_scale(cell)
    assert v == value and (note is not None) == noted


def test_self_pair_is_refused():
    pairs = pd.DataFrame([["a@s.ru", "Иванова", "a@s.ru", "Иванова", "П-1", "", "", "", ""],
                          ["a@s.ru", "Иванова", "m@s.ru", "Петров", "П-2", "", "01.10.2025", "утверждена", ""]],
                         columns=[f.headers[0] for f in CONFIG.service["pairs"].fields.values()][:9])
    p = load_program({"Пары": pairs}, CONFIG)
    assert list(p.pairs["mentor_id"]) == ["m@s.ru"]
    assert any("один и тот же человек" in x.message and x.row == 2 for x in p.problems)


def test_the_academic_year_of_a_workbook_is_where_most_requests_were_answered():
    from analysis.program import academic_year, answered_in

    assert academic_year(pd.Timestamp("2025-09-02")) == "2025/26"
    assert academic_year(pd.Timestamp("2026-05-31")) == "2025/26"
    assert academic_year(pd.Timestamp("2026-08-25")) == "2026/27"
    assert answered_in(load_program(demo_source("2025/26").read(), year="2026/27")) == "2025/26"
    assert answered_in(load_program(demo_source("2026/27").read())) == "2026/27"
    assert answered_in(load_program({})) is None


def test_a_publication_link_that_is_not_a_web_address_is_named_with_its_row():
    from data_sources import demo_source

    tabs = demo_source("2025/26").read()
    pubs = tabs["Публикации"].copy()
    pubs.loc[0, "Ссылка"] = "javascript:alert(1)"
    p = load_program({**tabs, "Публикации": pubs}, CONFIG)
    assert any(x.tab == "Публикации" and x.row == 2 and "не веб-адрес" in x.message for x in p.problems)
