"""A school's own Google Forms export — its own question texts, its own topics, Google's tab names — read
with no hand edit: `propose` recognizes the forms, maps the questions, learns the options."""
from __future__ import annotations

import pandas as pd

from analysis import load_program
from analysis.setup import learn_options, propose

OGE = "Подготовка обучающихся к ОГЭ, ЕГЭ"          # the school's own option, with a comma inside
TOPICS = [OGE, "Цифровые инструменты учителя", "Наставничество в классном руководстве", "Работа с трудным классом"]

MENTEE_Q = ["Отметка времени", "Адрес электронной почты", "Ваши фамилия, имя, отчество", "Какие предметы вы ведёте?",
            "Ваша должность", "Педагогический стаж, лет", "Ваша категория", "С какими темами нужна помощь наставника?",
            "Ваш запрос своими словами", "Формат наставничества", "Согласие на обработку персональных данных"]
MENTOR_Q = ["Отметка времени", "Адрес электронной почты", "Ваши фамилия, имя, отчество", "Какие предметы вы ведёте?",
            "Педагогический стаж, лет", "Квалификационная категория", "В каких темах можете помочь коллегам?",
            "Скольких наставляемых готовы сопровождать?", "Готовы ли вы стать наставником в этом году?",
            "Согласие на обработку персональных данных"]


def export() -> dict[str, pd.DataFrame]:
    mentees = [
        ["05.09.2026 10:00:00", "a@s.ru", "Анна А.", "Математика", "учитель", "1", "Молодой специалист (стаж до 3 лет)",
         f"{OGE}, Цифровые инструменты учителя", "Хочу готовить к экзаменам", "Индивидуально (пара)", "Даю согласие"],
        ["05.09.2026 11:00:00", "b@s.ru", "Борис Б.", "Физика", "учитель", "2", "Новый сотрудник лицея",
         OGE, "", "В группе", "Даю согласие"],
        ["05.09.2026 12:00:00", "c@s.ru", "Вера В.", "Химия", "учитель", "0", "Молодой специалист (стаж до 3 лет)",
         "Работа с трудным классом, Цифровые инструменты учителя", "", "Не важно", "Даю согласие"],
        ["05.09.2026 13:00:00", "d@s.ru", "Глеб Г.", "История", "учитель", "5", "Педагог, желающий профессионального роста",
         "Работа с трудным классом, Как пережить проверку", "", "Не важно", "Даю согласие"],
        ["06.09.2026 09:00:00", "a@s.ru", "Анна А.", "Математика", "учитель", "1", "Молодой специалист (стаж до 3 лет)",
         f"{OGE}, Цифровые инструменты учителя, Работа с трудным классом", "", "Индивидуально (пара)", "Даю согласие"],
        ["06.09.2026 10:00:00", "e@s.ru", "Ефим Е.", "Математика", "учитель", "3", "Новый сотрудник лицея",
         OGE, "", "Не важно", "Не даю согласия"],
        [""] * 11,
    ]
    mentors = [
        ["07.09.2026 10:00:00", "m1@s.ru", "Мария М.", "Математика", "25", "Высшая",
         f"{OGE}, Наставничество в классном руководстве", "2", "Да", "Даю согласие"],
        ["07.09.2026 11:00:00", "m2@s.ru", "Нина Н.", "Информатика", "15", "Первая",
         "Цифровые инструменты учителя, Работа с трудным классом", "", "Да", "Даю согласие"],
        ["07.09.2026 12:00:00", "m3@s.ru", "Олег О.", "Физика", "30", "Высшая",
         f"{OGE}, Наставничество в классном руководстве", "3", "Нет", "Даю согласие"],
    ]
    return {"Ответы на форму (1)": pd.DataFrame(mentees, columns=MENTEE_Q, dtype=object),
            "Ответы на форму (2)": pd.DataFrame(mentors, columns=MENTOR_Q, dtype=object)}


def a_school_runs_on(tabs, folder, monkeypatch, name: str = "ответы-2026.xlsx"):
    """The school's book (`tabs`) in `folder` and all the school writes: a config naming it for 2026/27, run
    locally (open); the app's caches cleared so the next run reads it."""
    import streamlit as st

    from tests.forms import write_book

    write_book(tabs, folder / name)
    (folder / "config.toml").write_text(f'[years]\n"2026/27" = "{name}"\n[access]\nopen_without_login = true\n',
                                        encoding="utf-8")
    monkeypatch.setenv("MENTORING_CONFIG", str(folder / "config.toml"))
    st.cache_resource.clear()


def test_a_schools_own_export_reads_with_no_hand_edit():
    tabs = export()
    proposal = propose(tabs)
    config = proposal.config
    assert config.forms["mentee_request"].tab == "Ответы на форму (1)"
    assert config.forms["mentor_survey"].tab == "Ответы на форму (2)"
    assert set(TOPICS) <= set(config.topics) and OGE in config.topics             # whole, with its comma
    program = load_program(tabs, config)
    assert not [p for p in program.problems if p.blocks], [p.message for p in program.problems if p.blocks]
    assert sorted(program.mentees.index) == ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"]   # e: no consent
    assert program.mentees.at["a@s.ru", "topics"] == [t for t in config.topics if t in (OGE, "Цифровые инструменты учителя",
                                                                                       "Работа с трудным классом")]
    # a short option one person chose is the school's (its form offers it), listed for the coordinator to check
    assert "Как пережить проверку" in program.mentees.at["d@s.ru", "topics"]
    assert "Как пережить проверку" in proposal.once["mentee_request.topics"]
    assert sorted(program.mentors.index) == ["m1@s.ru", "m2@s.ru"]                   # m3 not willing
    assert program.mentors.at["m2@s.ru", "capacity"] == 1                            # blank: the setting, and said
    assert any(p.row == 3 and "не указано, скольких" in p.message for p in program.problems)
    mapping = proposal.mapping.set_index(["form", "field"])
    assert mapping.loc[("Запрос наставляемого", "availability"), "confirm"] == "не задаётся"
    assert not [p for p in program.problems if "Когда вам удобно" in p.message]      # not asked: no warning forever
    assert mapping.loc[("Анкета наставника", "capacity"), "question"] == "Скольких наставляемых готовы сопровождать?"


def test_an_ambiguous_comma_becomes_a_question_not_a_silent_split():
    cells = pd.Series(["Алгебра, геометрия", "Алгебра, геометрия", "геометрия", "геометрия"])
    options, own, questions = learn_options(cells)
    assert questions and "один вариант с запятой или два" in questions[0]
    whole = pd.Series([f"{OGE}, хочу научиться работать с электронным журналом", OGE, OGE])
    options, own, questions = learn_options(whole)
    assert OGE in options and not questions and own == ["хочу научиться работать с электронным журналом"]


def test_the_setup_page_reads_a_schools_export_and_saves_a_config_that_needs_no_edit(tmp_path, monkeypatch):
    import tomllib

    import streamlit as st

    from analysis import load_config
    from tests.apptest import run_app

    a_school_runs_on(export(), tmp_path, monkeypatch)
    try:
        at = run_app("2026/27", "views/setup.py")
        assert not at.exception, [e.value for e in at.exception]
        shown = {m.label: m.value for m in at.metric}
        assert shown["Наставляемых в банке"] == "4" and shown["Наставников в банке"] == "2"
        assert shown["Ошибок, останавливающих подбор"] == "0"
        assert any(b.proto.label == "Скачать config.toml школы" for b in at.get("download_button"))
    finally:
        st.cache_resource.clear()
    # the file the page offers, written next to the book: the school's whole setup, read with no hand edit
    from analysis.setup import school_toml

    base = load_config(tmp_path / "config.toml")
    text = school_toml(propose(export(), base).config)                       # what «Скачать» gives, unedited
    assert tomllib.loads(text)["access"] == {"open_without_login": True}       # the school's earlier setting kept
    assert OGE in text and "Ответы на форму (1)" in text
    assert tomllib.loads(text)["years"] == {"2026/27": "ответы-2026.xlsx"}
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    school = load_config(tmp_path / "config.toml")
    program = load_program(export(), school)
    assert sorted(program.mentees.index) == ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"]
    assert not [p for p in program.problems if p.blocks]


def test_setting_up_a_year_before_its_final_questionnaires_takes_no_form_from_the_pairs_tab():
    """Before the year's end the workbook has «Пары» but no final questionnaires: «Пары» was taken for the final
    questionnaire of the mentees, and «Сохранить в лист «Настройки»» wrote it there — the real final answers would
    never have been read."""
    from data_sources import demo_source
    from tests.apptest import run_app

    year = "2026/27"
    tabs = demo_source(year).read()
    assert "Пары" in tabs and "Итоговая анкета наставляемых" not in tabs
    proposal = propose(tabs)
    taken = proposal.mapping.drop_duplicates("key").set_index("key")["tab"]
    assert not set(taken) & {"Пары", "Программы", "Поддержка", "Педагоги", "Настройки", "Мероприятия", "Публикации"}
    assert taken["final_mentee"] == ""

    at = run_app(year, "views/setup.py")
    shown = {s.label: s.value for s in at.selectbox}
    assert shown["Итоговая анкета наставляемого"] == "— такой формы нет —"
    next(b for b in at.button if b.label.startswith("Сохранить в лист")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    loaded = at.session_state["_loaded"]
    written = loaded.snapshot.tabs["Настройки"]
    assert not written["Параметр"].str.startswith("forms.final_").any()
    assert loaded.config.forms["final_mentee"].tab == "Итоговая анкета наставляемых"


def test_a_choice_on_the_setup_page_stays_when_the_data_are_re_read():
    """The choices were keyed by the data read: after the TTL re-read a chosen tab fell back to the recognized one,
    and «Сохранить» then saved what the coordinator had corrected away."""
    from analysis import load_config
    from data_sources import demo_source
    from data_sources.memory import MemoryBook
    from tests.apptest import run_app
    from ui.store import YearStore

    year = "2025/26"
    own = YearStore(year, MemoryBook(demo_source(year).read()), load_config(), kind="session", ttl=0)
    at = run_app(year, "views/setup.py", state={"_own_stores": {year: own}})     # ttl=0: every click reads again
    next(s for s in at.selectbox if s.label == "Анкета куратора").set_value("— такой формы нет —").run()
    at.run()
    assert next(s for s in at.selectbox if s.label == "Анкета куратора").value == "— такой формы нет —"
    next(b for b in at.button if b.label.startswith("Сохранить в лист")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert next(s for s in at.selectbox if s.label == "Журнал встреч").value == "Журнал встреч"


# -- recognized by what the answers hold (issue 20, item 1) ------------------------------------------------
def test_a_topics_question_in_the_schools_own_words_is_recognized_by_its_answers():
    """«Какие профессиональные затруднения вы испытываете?» matches no known question, but its answers name the
    mentors' topics: it is the mentees' topics — said why — and the banks and demand fill as with our wording."""
    tabs = export()
    topics_q = next(q for q in MENTEE_Q if "Темы" in q or "темам" in q)
    text_q = next(q for q in MENTEE_Q if "своими словами" in q)
    tabs["Ответы на форму (1)"] = tabs["Ответы на форму (1)"].rename(columns={
        topics_q: "Какие профессиональные затруднения вы испытываете?", text_q: "Расскажите подробнее"})
    tabs["Ответы на форму (1)"]["Расскажите подробнее"] = [
        "Не получается удержать внимание класса на уроке, особенно после перемены", "", "", "", "", "", ""]
    proposal = propose(tabs)
    row = proposal.mapping[(proposal.mapping["key"] == "mentee_request") & (proposal.mapping["field"] == "topics")].iloc[0]
    assert row["question"] == "Какие профессиональные затруднения вы испытываете?"
    assert row["confirm"].startswith("узнано по ответам: совпадают с темами наставников у 6 из 6")
    text = proposal.mapping[(proposal.mapping["key"] == "mentee_request") & (proposal.mapping["field"] == "request_text")]
    assert text["question"].iloc[0] == "Расскажите подробнее" and "развёрнутый текст" in text["confirm"].iloc[0]
    program = load_program(tabs, proposal.config)
    assert all(len(t) for t in program.mentees["topics"])                # every mentee has topics
    assert not [p for p in proposal.problems if p.blocks]


def test_a_core_question_left_unmapped_while_a_column_holds_answers_is_an_error_not_zero():
    tabs = export()
    topics_q = next(q for q in MENTEE_Q if "Темы" in q or "темам" in q)
    frame = tabs["Ответы на форму (1)"].rename(columns={topics_q: "Над чем хотите работать"})
    frame["Над чем хотите работать"] = ["Над собой", "Над уроком", "Над классом", "Над собой", "Над всем", "Над собой", ""]
    tabs["Ответы на форму (1)"] = frame
    proposal = propose(tabs)
    program = load_program(tabs, proposal.config)          # what «Данные» and «Обзор» read, saved as proposed
    blocking = [p for p in program.problems if p.blocks == "matching"]
    assert len(blocking) == 1 and "вопрос для поля «темы» отмечен «не задаётся»" in blocking[0].message
    assert "«Над чем хотите работать» (6 отв.)" in blocking[0].message
    # the coordinator confirms on «Настройка» that the form does not ask it: no longer an error
    from analysis.setup import confirmed
    sure = confirmed(proposal, proposal.mapping, {}, proposal.config, frozenset({"mentee_request.topics"}))
    assert not [p for p in load_program(tabs, sure).problems if p.blocks]


def test_an_option_with_two_commas_is_learned_whole_from_how_its_pieces_go_together():
    from analysis.setup import learn_options

    cells = pd.Series(["Олимпиады, конкурсы, проекты, Работа с родителями", "Олимпиады, конкурсы, проекты",
                       "Работа с родителями", "Олимпиады, конкурсы, проекты, ИКТ", "ИКТ, Работа с родителями"])
    options, own, questions = learn_options(cells)
    assert sorted(options) == ["ИКТ", "Олимпиады, конкурсы, проекты", "Работа с родителями"] and not own


def test_a_yandex_forms_export_with_id_and_creation_time_is_recognized():
    """Yandex Forms: «ID» and «Время создания» instead of Google's «Отметка времени»."""
    tabs = export()
    for name in list(tabs):
        frame = tabs[name].rename(columns={"Отметка времени": "Время создания"})
        frame.insert(0, "ID", [str(1000 + i) for i in range(len(frame))])
        tabs[name] = frame
    proposal = propose(tabs)
    program = load_program(tabs, proposal.config)
    assert sorted(program.mentees.index) == ["a@s.ru", "b@s.ru", "c@s.ru", "d@s.ru"]
    assert len(program.mentors) == 2


def test_a_saved_choice_of_tab_is_kept_when_tabs_look_alike():
    """Three tabs with the same questions tie on headers: the school's saved choice is what the page starts from."""
    from analysis.config import load_config, merged, parse_config

    tabs = export()
    tabs["Ответы на форму (3)"] = tabs["Ответы на форму (1)"].copy()
    base = load_config()
    saved = parse_config(merged(base.raw, {"forms": {"mentee_request": {"tab": "Ответы на форму (3)"}}}), base.path)
    proposal = propose(tabs, saved)
    assert proposal.config.forms["mentee_request"].tab == "Ответы на форму (3)"
    assert proposal.config.forms["mentor_survey"].tab == "Ответы на форму (2)"


# -- one form for both roles, subjects across both forms, other tools' separators (issue 20) ----------------
ROLE_Q = "Кем вы хотите участвовать в программе наставничества?"
BOTH_Q = ["Отметка времени", "Адрес электронной почты", "Ваши фамилия, имя, отчество", ROLE_Q,
          "Какие предметы вы ведёте?", "Педагогический стаж, лет", "С какими темами нужна помощь наставника?",
          "В каких темах можете помочь коллегам?", "Скольких наставляемых готовы сопровождать?",
          "Квалификационная категория", "Согласие на обработку персональных данных"]
RUSSIAN = "Русский язык и литература"


def combined_form() -> dict[str, pd.DataFrame]:
    """ONE Google Form for both roles: a role question, mentee-only and mentor-only questions blank for the other."""
    rows = [
        ["05.09.2026 10:00:00", "a@s.ru", "Анна А.", "Наставляемым", "Математика", "1",
         f"{OGE}, Цифровые инструменты учителя", "", "", "", "Даю согласие"],
        ["05.09.2026 11:00:00", "b@s.ru", "Борис Б.", "Наставляемым", "Физика", "2", OGE, "", "", "", "Даю согласие"],
        ["05.09.2026 12:00:00", "c@s.ru", "Вера В.", "Наставляемым", RUSSIAN, "0", "Работа с трудным классом", "", "", "",
         "Даю согласие"],
        ["05.09.2026 12:30:00", "d@s.ru", "Дина Д.", "Наставляемым", RUSSIAN, "3", "Работа с трудным классом", "", "", "",
         "Не даю согласия"],
        ["05.09.2026 13:00:00", "m1@s.ru", "Мария М.", "Наставником", "Математика", "25", "",
         f"{OGE}, Наставничество в классном руководстве", "2", "Высшая", "Даю согласие"],
        ["05.09.2026 14:00:00", "m2@s.ru", "Нина Н.", "Наставником", RUSSIAN, "15", "",
         "Цифровые инструменты учителя, Работа с трудным классом", "1", "Первая", "Даю согласие"],
        ["05.09.2026 15:00:00", "x@s.ru", "Ксения К.", "Наставником, Наставляемым", "Информатика", "8",
         "Цифровые инструменты учителя", "Работа с трудным классом", "1", "Первая", "Даю согласие"],
    ]
    return {"Ответы на форму (1)": pd.DataFrame(rows, columns=BOTH_Q, dtype=object)}


def test_one_form_for_both_roles_feeds_both_banks_by_the_role_question():
    tabs = combined_form()
    proposal = propose(tabs)
    assert proposal.config.forms["mentee_request"].tab == proposal.config.forms["mentor_survey"].tab == "Ответы на форму (1)"
    assert proposal.config.forms["mentee_request"].role_answers == ("Наставляемым",)
    assert proposal.config.forms["mentor_survey"].role_answers == ("Наставником",)
    program = load_program(tabs, proposal.config)
    assert sorted(program.mentees.index) == ["a@s.ru", "b@s.ru", "c@s.ru", "x@s.ru"]       # d: no consent
    assert sorted(program.mentors.index) == ["m1@s.ru", "m2@s.ru", "x@s.ru"]               # both roles: both banks
    assert program.mentees.at["x@s.ru", "topics"] == ["Цифровые инструменты учителя"]       # her mentee question
    assert program.mentors.at["x@s.ru", "topics"] == ["Работа с трудным классом"]           # her mentor question
    assert program.mentors.at["m1@s.ru", "topics"] == [OGE, "Наставничество в классном руководстве"]  # one person's: kept
    assert not [p for p in program.problems if p.severity == "error"], [p.message for p in program.problems]
    assert program.intake["mentee"].no_consent == 1 and program.intake["mentor"].in_bank == 3


def test_one_tab_for_both_forms_without_a_role_question_is_refused():
    tabs = export()
    proposal = propose(tabs, tab_of={"mentee_request": "Ответы на форму (1)", "mentor_survey": "Ответы на форму (1)"})
    assert any(p.blocks and "нет вопроса о роли" in p.message for p in proposal.problems)


def test_subjects_are_learned_from_both_forms_together():
    """A subject one mentor and several mentees teach is one option of the school's list, not her «Другое»."""
    tabs = export()
    mentees, mentors = tabs["Ответы на форму (1)"].copy(), tabs["Ответы на форму (2)"].copy()
    mentees["Какие предметы вы ведёте?"] = [RUSSIAN, RUSSIAN, RUSSIAN, "История", RUSSIAN, "Физика", ""]
    mentors["Какие предметы вы ведёте?"] = [RUSSIAN, "Информатика", "Физика"]
    proposal = propose({"Ответы на форму (1)": mentees, "Ответы на форму (2)": mentors})
    assert RUSSIAN in proposal.config.lists["subjects"]
    program = load_program({"Ответы на форму (1)": mentees, "Ответы на форму (2)": mentors}, proposal.config)
    assert program.mentors.at["m1@s.ru", "subjects"] == [RUSSIAN] and not program.mentors.at["m1@s.ru", "subjects_other"]


def test_answers_joined_by_semicolons_or_line_breaks_and_yandex_own_answers():
    tabs = export()
    frame = tabs["Ответы на форму (1)"].copy()
    topics_q = next(q for q in MENTEE_Q if "темами" in q)
    frame[topics_q] = [OGE, OGE, "Работа с трудным классом\nЦифровые инструменты учителя",     # a: her later answer
                       "Работа с трудным классом; Свой вариант: как пережить проверку",
                       f"{OGE}; Цифровые инструменты учителя", OGE, ""]
    tabs["Ответы на форму (1)"] = frame
    proposal = propose(tabs)
    program = load_program(tabs, proposal.config)
    assert set(program.mentees.at["a@s.ru", "topics"]) == {OGE, "Цифровые инструменты учителя"}
    assert set(program.mentees.at["c@s.ru", "topics"]) == {"Работа с трудным классом", "Цифровые инструменты учителя"}
    assert program.mentees.at["d@s.ru", "topics_other"] == "как пережить проверку"            # Yandex's «Свой вариант»
    assert "как пережить проверку" not in proposal.config.topics


def test_the_setup_page_shows_a_form_for_both_roles_and_asks_to_confirm_a_missing_topics_question(tmp_path, monkeypatch):
    import streamlit as st

    from tests.apptest import run_app

    tabs = combined_form()
    a_school_runs_on(tabs, tmp_path, monkeypatch)
    try:
        at = run_app("2026/27", "views/setup.py")
        assert not at.exception, [e.value for e in at.exception]
        assert any("одна форма для обеих ролей" in i.value for i in at.info)
        shown = {m.label: m.value for m in at.metric}
        assert (shown["Наставляемых в банке"], shown["Наставников в банке"]) == ("4", "3")
        assert shown["Ошибок, останавливающих подбор"] == "0"
    finally:
        st.cache_resource.clear()
    frame = export()["Ответы на форму (1)"]          # a mentee form whose topics question nothing recognizes
    topics_q = next(q for q in MENTEE_Q if "темами" in q)
    frame[topics_q] = ["Над собой", "Над уроком", "Над классом", "Над собой", "Над всем", "Над собой", ""]
    tabs = {**export(), "Ответы на форму (1)": frame.rename(columns={topics_q: "Над чем хотите работать"})}
    a_school_runs_on(tabs, tmp_path, monkeypatch, name="другая.xlsx")
    try:
        at = run_app("2026/27", "views/setup.py")
        assert {m.label: m.value for m in at.metric}["Ошибок, останавливающих подбор"] == "1"
        assert any("Над чем хотите работать" in str(d.value.to_dict()) for d in at.dataframe)   # listed as unread
        box = next(c for c in at.checkbox if "нет вопроса о темах" in c.label)
        box.check().run()
        assert {m.label: m.value for m in at.metric}["Ошибок, останавливающих подбор"] == "0"
    finally:
        st.cache_resource.clear()


def test_a_google_spreadsheet_named_on_the_setup_page_is_the_years_source_after_a_restart(tmp_path, monkeypatch):
    """«Подключить таблицу»: refused (nothing kept) until the dashboard can read it; then kept in the school's
    folder, and a restarted server opens it — the real gspread over the fake Sheets API."""
    import streamlit as st

    from analysis import load_config
    from data_sources import demo_source
    from tests.apptest import plain, run_app
    from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info
    from ui import state

    monkeypatch.setenv("MENTORING_SCHOOL_DIR", str(tmp_path / "school"))
    monkeypatch.delenv("MENTORING_CONFIG", raising=False)
    key = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFG"
    link = f"https://docs.google.com/spreadsheets/d/{key}/edit"
    state.set_transport(FakeSheetsAPI({key: book_from_tabs(demo_source("2025/26").read())}))
    st.cache_resource.clear()

    def connect(secrets):
        at = run_app("2026/27", "views/setup.py", secrets=secrets)
        assert not at.exception, [e.value for e in at.exception]
        at.text_input(key="setup_google_link").input(link).run()
        next(b for b in at.button if b.label == "Подключить таблицу").click().run()
        return at, [plain(e.value) for kind in (at.success, at.error) for e in kind]

    try:
        at, said = connect({})                                  # no service account key yet
        assert any("Таблица не подключена" in s and "сервисного аккаунта" in s for s in said), said
        assert not (tmp_path / "school" / "config.toml").exists() and load_config().years["2026/27"] == "demo"
        at, said = connect({"gcp_service_account": service_account_info()})
        assert any("подключена (листов:" in s for s in said), said
        kept = load_config()                                    # what a restarted server reads: no file written by hand
        assert kept.years == {"2026/27": link} and kept.access.open_without_login
        st.cache_resource.clear()                               # a restart
        at = run_app("2026/27", secrets={"gcp_service_account": service_account_info()})
        assert not at.exception and {m.label: m.value for m in at.metric}["Наставляемых в банке"] != "0"
    finally:
        state.set_transport(None)
        st.cache_resource.clear()
