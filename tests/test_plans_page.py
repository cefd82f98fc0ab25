"""The page «Программы наставничества» in AppTest (both years, a save, the support form) and in Chromium (a
desktop and a phone)."""
from __future__ import annotations

import docx
import pytest

from analysis import load_program
from analysis.overview import headline
from analysis.plans import group_codes, saved_codes
from data_sources import demo_source, demo_years
from tests.apptest import plain, run_app
from tests.browser import exceptions, open_page, shot

PAGE = "views/plans.py"
DONE, FORMING = "2025/26", "2026/27"


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at) -> str:
    return "\n".join(plain(e.value) for kind in (at.success, at.info, at.warning, at.error) for e in kind)


@pytest.mark.parametrize("year", demo_years())
def test_the_page_shows_a_draft_progress_and_the_waiting_of_each_year(year):
    at = run_app(year, PAGE)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Программы наставничества"
    program = load_program(demo_source(year).read(), year=year)
    saved = saved_codes(program)                    # 2025/26: every pair's ППН saved; 2026/27: none yet
    shown = metrics(at)
    assert shown["Без пары"] == str(headline(program).without_pair)        # the same «Без пары» as every page
    assert shown["Пар/групп с программой"] == f"{len(saved)} из {len(group_codes(program))}"
    codes = at.selectbox[0].options
    first_saved = any(codes[0].split()[0] == code for code in saved)
    assert ("Сохранённая программа из листа" if first_saved else "Черновик") in texts(at)
    assert codes and codes[0].startswith(("Г-", "П-"))
    goal = next(t for t in at.text_area if t.label == "Цель").value
    assert "«" in goal
    assert [d.proto.label for d in at.get("download_button")] == ["Программа .docx", "Все программы .docx"]


def test_saving_a_plan_on_the_page_then_saving_again_writes_nothing():
    at = run_app(FORMING, PAGE)
    next(t for t in at.text_area if t.label == "Цель").input("Освоить цифровые ресурсы на уроках английского")
    button(at, "Сохранить программу").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Сохранено только в этом сеансе браузера" in texts(at)
    assert "Сохранённая программа из листа «Программы»" in texts(at)
    assert next(t for t in at.text_area if t.label == "Цель").value == "Освоить цифровые ресурсы на уроках английского"
    assert metrics(at)["Пар/групп с программой"].startswith("1 из ")

    button(at, "Сохранить программу").click().run()
    assert "Ничего не записано" in texts(at)

    other = run_app(FORMING, PAGE)                   # another browser session still sees the demo as it is
    assert metrics(other)["Пар/групп с программой"].startswith("0 из ")


def test_the_support_form_appends_a_record_for_a_mentee_without_a_pair():
    at = run_app(FORMING, PAGE)
    before = metrics(at)["Получили поддержку"]
    assert before == "0"
    next(t for t in at.text_area if t.label == "Что сделано").input("Консультация педагога-психолога")
    next(t for t in at.text_input if t.label == "Кто провёл").input("Павлова Е. М.")
    button(at, "Сохранить запись").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "добавлено строк: 1" in texts(at)
    assert metrics(at)["Получили поддержку"] == "1"


def test_the_page_in_chromium_on_a_desktop(page, app_url):
    open_page(page, f"{app_url}/plans?year=2025-26", wait_text="План мероприятий")
    shot(page, "plans-2025-26")
    assert not exceptions(page)
    page.get_by_role("button", name="Сохранить программу").scroll_into_view_if_needed()
    shot(page, "plans-items-2025-26")
    with page.expect_download() as got:
        page.get_by_role("button", name="Программа .docx").click()

    document = docx.Document(got.value.path())
    assert "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА" in "\n".join(p.text for p in document.paragraphs)
    assert got.value.suggested_filename.startswith("ППН-Г-01")
    page.get_by_role("tab", name="Без пары (этап 5.3)").click()
    page.get_by_text("Записать поддержку").wait_for()
    shot(page, "plans-waiting-2025-26")
    assert not exceptions(page)


def test_the_page_in_chromium_on_a_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, locale="ru-RU")
    try:
        page = context.new_page()
        open_page(page, f"{app_url}/plans?year=2026-27", wait_text="План мероприятий")
        shot(page, "plans-2026-27-phone")
        assert not exceptions(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("button", name="Сохранить программу").wait_for()
        page.get_by_role("tab", name="Выполнение").click()
        page.get_by_text("Пар/групп с программой").wait_for()
        shot(page, "plans-progress-2026-27-phone")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_a_new_mentor_for_the_waiting_is_flagged_on_the_overview_and_on_the_list():
    from analysis import load_config
    from data_sources.memory import MemoryBook
    from tests.test_plans import _new_mentor
    from ui.store import YearStore

    tabs = _new_mentor(demo_source(FORMING).read(), "Функциональная грамотность", "20.11.2026 10:00:00")
    own = YearStore(FORMING, MemoryBook(tabs), load_config(), kind="session", ttl=float("inf"))
    overview = run_app(FORMING, state={"_own_stores": {FORMING: own}})
    assert not overview.exception, [e.value for e in overview.exception]
    line = next(w.value for w in overview.warning if "Появился подходящий наставник" in w.value)
    flagged = metrics(run_app(FORMING, PAGE, state={"_own_stores": {FORMING: own}}))["Появился подходящий наставник"]
    assert int(flagged) >= 1 and f"{flagged} наставляем" in plain(line)
    assert not any("Появился подходящий наставник" in w.value for w in run_app(FORMING).warning)   # the demo as it is


STAGES = {
    "pairs approved, no meetings log or questionnaire": ("Запросы наставляемых", "Анкета наставников", "Пары"),
    "the two request forms only": ("Запросы наставляемых", "Анкета наставников"),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_the_page_works_on_an_incomplete_workbook(stage):
    from analysis import load_config
    from data_sources.memory import MemoryBook
    from ui.store import YearStore

    tabs = {k: v for k, v in demo_source(DONE).read().items() if k in STAGES[stage]}
    own = YearStore(DONE, MemoryBook(tabs), load_config(), kind="session", ttl=float("inf"))
    at = run_app(DONE, PAGE, state={"_own_stores": {DONE: own}})
    assert not at.exception and not at.error, ([e.value for e in at.exception], [e.value for e in at.error])
    if "Пары" in STAGES[stage]:
        assert "Черновик" in texts(at) and metrics(at)["Пар/групп с программой"].startswith("0 из ")
    else:
        assert "Утверждённых пар пока нет" in texts(at)


@pytest.mark.parametrize("year", demo_years())
def test_a_figure_named_alike_on_two_pages_reads_the_same(year):
    """«Без пары» on Обзор, Подбор пар and here; and no second «в зоне риска» that counts something else (the plans'
    «Пары в зоне риска» once read 0 beside the overview's 3)."""
    import re

    def key(label: str) -> str:
        return re.sub(r"^(пар|пары)\b", "пар", label.lower())

    seen: dict[str, tuple[str, str]] = {}
    for page in ("views/overview.py", "views/matching.py", PAGE, "views/quality.py"):
        for label, value in metrics(run_app(year, page)).items():
            if key(label) in seen:
                assert seen[key(label)][1] == value, (label, page, value, seen[key(label)])
            seen.setdefault(key(label), (page, value))
    assert seen["без пары"][1] == str(headline(load_program(demo_source(year).read(), year=year)).without_pair)


def test_a_plan_edited_while_the_data_are_re_read_is_saved_as_typed():
    """The data are re-read every few minutes (TTL): the plan's boxes were keyed by the read, so a plan edited for
    longer lost its text at the next click — and «Сохранить программу» then saved the draft."""
    from analysis import load_config
    from data_sources.memory import MemoryBook
    from ui.store import YearStore

    own = YearStore(FORMING, MemoryBook(demo_source(FORMING).read()), load_config(), kind="session", ttl=0)
    at = run_app(FORMING, PAGE, state={"_own_stores": {FORMING: own}})      # ttl=0: every click reads again
    next(t for t in at.text_area if t.label == "Цель").input("Освоить проектную деятельность").run()
    next(t for t in at.text_input if t.label == "Вид наставничества").input("групповая").run()
    assert next(t for t in at.text_area if t.label == "Цель").value == "Освоить проектную деятельность"
    button(at, "Сохранить программу").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Сохранённая программа из листа «Программы»" in texts(at)
    assert next(t for t in at.text_area if t.label == "Цель").value == "Освоить проектную деятельность"


def test_the_support_records_stay_on_the_page_once_everyone_has_a_pair():
    """Stage 5.3's log was shown only while someone was waiting: approving the last pairs hid what had been done."""
    at = run_app(FORMING, PAGE)
    next(t for t in at.text_area if t.label == "Что сделано").input("Консультация педагога-психолога")
    button(at, "Сохранить запись").click().run()
    own = {"_own_stores": at.session_state["_own_stores"]}
    matching = run_app(FORMING, "views/matching.py", state=own)
    button(matching, "Утвердить пары").click().run()
    assert metrics(matching)["Без пары"] == "0"
    at = run_app(FORMING, PAGE, state=own)
    assert not at.exception, [e.value for e in at.exception]
    assert "Все наставляемые из банка в парах." in texts(at)
    assert any(c.value == "Записи листа «Поддержка»" for c in at.caption)
    assert "Консультация педагога-психолога" in set(at.dataframe[-1].value["Что сделано"])
