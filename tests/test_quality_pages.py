"""The quality and practices pages as a coordinator uses them: AppTest and the real browser."""


import pytest

from analysis import load_config, load_program
from analysis.quality import practices_bank, quality_report
from analysis.writes import practices_edit
from data_sources.memory import MemoryBook
from ui.store import YearStore
from data_sources import demo_source
from tests.apptest import plain, run_app
from tests.conftest import BROWSER_TIMEOUT
from tests.browser import exceptions, open_page, shot, wait_idle


DONE, RUNNING = "2025/26", "2026/27"


def report_of(year):
    return quality_report(load_program(demo_source(year).read(), year=year), today=load_config().today())


def one_decimal(x):
    return f"{x:.1f}".replace(".", ",")


def test_completed_year_shows_satisfaction_and_the_pairs_that_struggled():
    at = run_app(DONE, "views/quality.py")
    assert not at.exception
    s = report_of(DONE).summary
    shown = {m.label: m.value for m in at.metric}
    assert shown["Оценка наставляемых"] == one_decimal(s["mentee_satisfaction"])
    assert shown["Оценка наставников"] == one_decimal(s["mentor_satisfaction"])
    assert shown["Пар в зоне риска"] == str(s["at_risk"]) and s["at_risk"] > 0
    assert any("итоговая анкета, наставляемые" in c.value for c in at.caption)
    health = next(d.value for d in at.dataframe if "Почему" in d.value.columns)
    at_risk = health[health["Статус"] == "в зоне риска"]
    assert len(at_risk) == s["at_risk"] and at_risk["Почему"].str.len().gt(0).all()
    assert health["Статус"].iloc[: s["at_risk"]].eq("в зоне риска").all()      # the struggling pairs come first


def test_in_progress_year_shows_the_entry_questionnaires():
    at = run_app(RUNNING, "views/quality.py")
    assert not at.exception
    s = report_of(RUNNING).summary
    assert s["kind"] == "entry"
    shown = {m.label: m.value for m in at.metric}
    assert shown["Ожидания наставляемых"] == one_decimal(s["mentee_satisfaction"])
    assert shown["Встречаются по журналу"] == f"{s['active']} из {s['pairs']}" and s["pairs"] > 0
    assert any("входная анкета" in c.value for c in at.caption)
    assert not any("итоговая анкета" in c.value for c in at.caption)


def test_health_filter_shows_only_the_chosen_status():
    at = run_app(DONE, "views/quality.py")
    at.multiselect[0].select("затихла").run()
    health = next(d.value for d in at.dataframe if "Почему" in d.value.columns)
    assert len(health) == report_of(DONE).summary["quiet"] and set(health["Статус"]) == {"затихла"}


def test_swot_is_saved_for_the_session_and_read_back():
    at = run_app(DONE, "views/quality.py")
    board = {t.label: t.value for t in at.text_area}           # the coordinator's board, from the «SWOT» tab
    assert board["Сильные стороны"].startswith("Пары регулярно посещают уроки") and board["Угрозы"]
    at.text_area[0].input("Пары встречаются регулярно; <b>живые</b> открытые уроки")
    at.text_area[3].input("Нехватка времени у наставников")
    next(b for b in at.button if b.label == "Сохранить SWOT").click().run()
    assert any("только в этом сеансе" in plain(s.value) and "добавлено строк: 2" in plain(s.value) for s in at.success)
    again = run_app(DONE, "views/quality.py", state={"_own_stores": at.session_state["_own_stores"]})
    values = {t.label: t.value for t in again.text_area}
    assert values["Сильные стороны"] == "Пары встречаются регулярно; <b>живые</b> открытые уроки"
    assert values["Угрозы"] == "Нехватка времени у наставников"
    other_year = run_app(RUNNING, "views/quality.py", state={"_own_stores": at.session_state["_own_stores"]})
    assert {t.label: t.value for t in other_year.text_area}["Сильные стороны"] == ""


def test_practices_search_and_year_filter():
    at = run_app(DONE, "views/practices.py")
    assert not at.exception
    bank = practices_bank({DONE: load_program(demo_source(DONE).read(), year=DONE)})
    assert len(bank) > 0
    assert any(f"Показано {len(bank)} из" in c.value for c in at.caption)
    word = bank["description"].iloc[0].split()[0]
    at.text_input[0].input(word).run()
    expected = bank[bank[["title", "description", "topic"]].astype(str).agg(" ".join, axis=1)
                    .str.lower().str.contains(word.lower(), regex=False)]
    assert any(f"Показано {len(expected)} из" in c.value for c in at.caption)
    assert len(expected) < len(bank) or len(bank) == 1


def test_saving_the_practices_copies_no_questionnaire_answer_and_saving_again_changes_nothing():
    at = run_app(DONE, "views/practices.py")
    tab = demo_source(DONE).read()["Практики"]
    for _ in range(2):
        next(b for b in at.button if b.label == "Сохранить отбор в «Практики»").click().run()
        assert any("Ничего не записано" in s.value for s in at.success), [s.value for s in at.success]
        assert DONE not in at.session_state["_own_stores"]          # nothing saved: the session keeps the demo
        shown = at.session_state["_loaded"]
        assert shown.snapshot.tabs["Практики"].equals(tab)          # 8 rows stay 8: no answer copied in


def test_the_seminar_shows_the_practices_the_coordinator_chose_by_their_title_only():
    own = YearStore(DONE, MemoryBook(demo_source(DONE).read()), load_config(), kind="session", ttl=float("inf"))
    bank = practices_bank({DONE: own.get().program})
    tab_rows, answer = bank[bank.source == "копилка"], bank[bank.source != "копилка"].iloc[0]
    marks = {k: False for k in tab_rows.key} | {tab_rows.key.iloc[-1]: True}
    new = [{"title": "Взаимопосещение уроков", "topic": answer.topic, "subject": answer.subject,
            "authors": answer.authors, "description": answer.description, "chosen": True}]
    own.write("Практики", lambda fresh: practices_edit(fresh, marks, new, load_config()))
    seminar = run_app(DONE, "views/seminar.py", state={"_own_stores": {DONE: own}})
    shown = next(t.value for t in seminar.table if "Практика" in t.value.columns)
    assert sorted(shown["Практика"]) == sorted([tab_rows.title.iloc[-1], "Взаимопосещение уроков"])
    assert list(shown.columns) == ["Практика", "Тема"]
    page = " ".join(str(e.value) for e in seminar.main if hasattr(e, "value"))
    assert answer.description not in page and answer.authors not in page


@pytest.mark.browser
def test_quality_page_in_chromium_swot_saved(page, app_url):
    open_page(page, f"{app_url}/quality?year=2025-26", wait_text="Качество программы")
    page.locator(".js-plotly-plot .bars").first.wait_for()
    shot(page, "quality-2025-26-top")
    page.get_by_role("tab", name="Пары").click()
    page.locator('[data-testid="stDataFrame"]:visible').first.wait_for()
    shot(page, "quality-2025-26-pairs")
    page.get_by_role("tab", name="SWOT").click()
    page.get_by_label("Сильные стороны").fill("Регулярные встречи пар")
    page.get_by_role("button", name="Сохранить SWOT").click()
    page.get_by_text("только в этом сеансе").wait_for(timeout=60_000)
    wait_idle(page)
    shot(page, "quality-2025-26-swot")
    assert exceptions(page) == []


@pytest.mark.browser
def test_practices_page_in_chromium_on_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    context.set_default_timeout(BROWSER_TIMEOUT)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/practices?year=2025-26", wait_text="Методическая копилка")
        page.get_by_role("button", name="Скачать .docx").wait_for()
        shot(page, "practices-2025-26-phone")
        assert exceptions(page) == []
    finally:
        context.close()


def test_score_tables_read_as_russian_numbers_and_frequencies_in_their_order():
    at = run_app(DONE, "views/quality.py")
    tables = [d.value for d in at.dataframe]
    change = next(t for t in tables if "Изменение" in t.columns)
    assert change["Изменение"].str.fullmatch(r"[+−]\d+,\d").all() and change["Итог"].str.fullmatch(r"\d+,\d").all()
    gap = next(t for t in tables if "Разница" in t.columns)
    assert gap["Наставники"].str.fullmatch(r"\d+,\d").all()
    frequency = next(t for t in tables if "Часто" in t.columns)
    assert [c for c in frequency.columns if c in ("Часто", "Иногда", "Никогда")] == ["Часто", "Иногда", "Никогда"]


def test_saving_the_swot_board_twice_in_a_row_keeps_both_texts():
    at = run_app(DONE, "views/quality.py")
    for text in ("Первая правка", "Вторая правка", "Третья правка"):
        next(t for t in at.text_area if t.label == "Сильные стороны").input(text)
        next(b for b in at.button if b.label == "Сохранить SWOT").click().run()
        assert any("добавлено строк: 1" in plain(s.value) for s in at.success), [plain(s.value) for s in at.success]
        assert {t.label: t.value for t in at.text_area}["Сильные стороны"] == text
