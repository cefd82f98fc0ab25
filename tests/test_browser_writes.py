"""Writes as a coordinator sees them in a real headless Chromium: approving pairs into a school's own .xlsx
while a colleague types into it and a second coordinator has the page open; choosing practices for the
seminar; an oversized upload refused early without the server keeping the memory."""
from __future__ import annotations

import re
from contextlib import contextmanager
import shutil
import time
from pathlib import Path

import openpyxl
import pytest

from analysis import load_config, load_program
from analysis.matching import assign
from analysis.quality import practices_bank
from data_sources import ExcelSource, demo_source, demo_years
from tests.apptest import school_config
from tests.browser import exceptions, open_page, shot, wait_idle
from tests.conftest import BROWSER_TIMEOUT, start_app

pytestmark = pytest.mark.browser

WAIT = BROWSER_TIMEOUT            # ms: a busy 2-core machine runs the whole suite
YEAR = "2026/27"
PAIRS = "Пары"
VIEWPORT = {"width": 1366, "height": 900}


def context(browser):
    return browser.new_context(viewport=VIEWPORT, locale="ru-RU")


def stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except Exception:
        proc.kill()
        proc.wait(15)


def alerts(page) -> list[str]:
    return [t.replace("task_alt", "").replace("block", "").strip()
            for t in page.locator('[data-testid="stAlert"]').all_inner_texts()]


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


# -- 1. approving pairs keeps every row -------------------------------------------------------------
def colleague_row(book: Path) -> tuple[list[object], str, str]:
    """A pair a colleague types into «Пары»: a mentee the file does not pair yet, with a mentor who has a
    free place after the app's proposal and is not the one the proposal gives that mentee."""
    program = load_program(ExcelSource(book).read(), year=YEAR)
    mentees, mentors = program.mentees, program.mentors
    unpaired = [m for m in mentees.index if m not in set(program.pairs.mentee_id)]
    approved = set(zip(program.pairs.mentee_id, program.pairs.mentor_id))
    result = assign(mentees, mentors, locked=approved, config=load_config())
    proposed = dict(zip(result.pairs.mentee_id, result.pairs.mentor_id))
    who = next(m for m in unpaired if m in proposed)
    load = result.pairs.groupby("mentor_id").size()
    spare = (mentors["capacity"] - load.reindex(mentors.index).fillna(0)).sort_values(ascending=False)
    mentor = next(m for m in spare.index if m not in (proposed[who], who))
    name = str(mentees.at[who, "full_name"])
    row = [who, name, mentor, str(mentors.at[mentor, "full_name"]), "П-07", "Современный урок по ФГОС",
           "02.11.2026", "утверждена", "набрано в таблице коллегой"]
    return row, who, name


def approve(page) -> str:
    """Click «Утвердить пары» and return the success (or error) message that answers it."""
    page.get_by_role("tab", name="Утверждение и документы").click()
    answer = page.locator('[data-testid="stAlert"]').filter(has_text=f"«{PAIRS}»").first
    before = answer.inner_text() if answer.count() else None     # the answer to the last click, still on screen
    page.get_by_role("button", name="Утвердить пары").click()
    answer.wait_for(timeout=WAIT)
    if before is not None:                                      # a busy machine reruns late: wait for the new answer
        page.wait_for_function("([sel, old]) => [...document.querySelectorAll(sel)].some("
                               "a => a.innerText.includes('«Пары»') && a.innerText !== old)",
                               arg=['[data-testid="stAlert"]', before], timeout=WAIT)
    wait_idle(page, WAIT)
    return answer.inner_text()


@contextmanager
def two_coordinators(browser, tmp_path, path: str, wait_text: str):
    """A school's own file, the server on it, and two coordinators' browsers on `path` (B's page opened first)."""
    book = tmp_path / "школа-2026-27.xlsx"
    shutil.copy(demo_source(YEAR).path, book)
    config = school_config(tmp_path, {YEAR: book}, open_run=True)
    proc, url = start_app(env={"MENTORING_CONFIG": str(config)})
    a, b = context(browser), context(browser)
    try:
        pa, pb = a.new_page(), b.new_page()
        for p in (pb, pa):
            open_page(p, f"{url}/{path}?year=2026-27", wait_text=wait_text, timeout=WAIT)
            assert exceptions(p) == []
        yield book, pa, pb
    finally:
        a.close()
        b.close()
        stop(proc)


def test_two_coordinators_approve_while_a_colleague_types_a_pair_into_the_file(browser, tmp_path):
    with two_coordinators(browser, tmp_path, "matching", "Наставляемых в парах") as (book, pa, pb):
        original = sheet_values(book)

        # a colleague types a pair into the file while both pages are open
        row, typed_mentee, typed_name = colleague_row(book)
        wb = openpyxl.load_workbook(book)
        wb[PAIRS].append(row)
        wb.save(book)
        wb.close()
        typed = sheet_values(book)
        assert typed[PAIRS] == original[PAIRS] + [tuple(row)]

        said_a = approve(pa)
        shot(pa, "writes-pairs-coordinator-a")
        assert "Записано в лист «Пары»" in said_a, alerts(pa)
        added = int(re.search(r"добавлено строк: (\d+)", said_a)[1])
        skips = [t for t in alerts(pa) if "пропущено" in t]
        assert len(skips) == 1 and typed_name in skips[0] and "уже утверждена пара, наставник" in skips[0], alerts(pa)
        assert exceptions(pa) == []

        after_a = sheet_values(book)
        rows = after_a[PAIRS]
        width = len(typed[PAIRS][0])                                # new header cells (form, type) come at the right
        assert [r[:width] for r in rows[:len(typed[PAIRS])]] == typed[PAIRS]   # every row there before, verbatim and first
        assert all(c in (None, "") for r in rows[1:len(typed[PAIRS])] for c in r[width:])
        assert len(rows) == len(typed[PAIRS]) + added
        for tab in after_a:
            if tab != PAIRS:
                assert after_a[tab] == typed[tab], tab                 # other tabs untouched
        emails = [r[0] for r in rows[1:] if r[0]]
        assert len(emails) == len(set(emails)), "a mentee paired twice"
        assert emails.count(typed_mentee) == 1
        old_codes = {r[4] for r in typed[PAIRS][1:]}
        assert not {r[4] for r in rows[len(typed[PAIRS]):]} & old_codes, "new pairs reuse a code in use"
        read = load_program(ExcelSource(book).read(), year=YEAR)
        assert set(read.pairs.mentee_id) == set(read.mentees.index)    # everyone in the bank paired now

        said_b = approve(pb)                                           # B's page still shows the data before A
        assert "данные" in said_b and "изменились" in said_b, alerts(pb)
        assert sheet_values(book) == after_a                           # a click on an outdated page writes nothing
        said_b = approve(pb)                                           # B has looked at the new proposal
        shot(pb, "writes-pairs-coordinator-b")
        assert "Ничего не записано" in said_b, alerts(pb)
        assert exceptions(pb) == []
        assert sheet_values(book) == after_a                           # B wrote nothing: nothing new to write
        metrics = pb.locator('[data-testid="stMetric"]').all_inner_texts()
        assert next(m for m in metrics if m.startswith("Наставляемых в парах")).split("\n")[-1] == str(len(emails))


# -- 2. practices: only titled answers are copied; a filter only hides --------------------------------
ANSWER_ROW = 8           # the first questionnaire answer of 2025/26 (the tab's 8 practices come first)
ROW_H = 35
TITLE, CHOSEN = 2, 7     # columns: Год, Откуда, Практика, Тема, Предмет, Авторы, Описание, Отобрана


def demo_practices(year: str):
    """The rows the page lists for `year` of the demo, in its order."""
    bank = practices_bank({y: load_program(demo_source(y).read(), year=y) for y in demo_years()})
    return bank[bank["year"] == year].reset_index(drop=True)


def caption_counts(page) -> tuple[int, int, int]:
    text = next(c for c in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts() if "Показано" in c)
    shown, total, chosen = re.search(r"Показано (\d+) из (\d+); отобрано: (\d+)", text).groups()
    return int(shown), int(total), int(chosen)


def grid_cell(page, row: int, col: int) -> str:
    """A cell's text as glide's accessibility table has it (the grid itself is a canvas)."""
    return page.locator(f'[data-testid="stDataFrame"] td[id="glide-cell-{col}-{row}"]').inner_text()


def select_cell(page, row: int, col: int) -> None:
    """Select a cell of the canvas grid: click the row near the grid's left edge, go to the first column, then
    move right with the keyboard — the grid scrolls the cell into view itself (no column widths needed)."""
    box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    page.mouse.click(box["x"] + 25, box["y"] + ROW_H + row * ROW_H + ROW_H / 2)
    for _ in range(CHOSEN):                            # the grid may still be scrolled to the right
        page.keyboard.press("ArrowLeft")
    for _ in range(col):
        page.keyboard.press("ArrowRight")


def type_into_cell(page, row: int, col: int, text: str) -> None:
    select_cell(page, row, col)
    page.keyboard.press("Enter")                       # opens glide's editor over the cell
    editor = page.locator("textarea.gdg-input").first
    editor.wait_for(timeout=WAIT)
    editor.fill(text)
    page.keyboard.press("Enter")
    wait_idle(page, WAIT)


def tick_chosen(page, row: int) -> None:
    select_cell(page, row, CHOSEN)                     # «Отобрана»: off screen to the right
    page.keyboard.press("Space")
    wait_idle(page, WAIT)


def save_practices(page) -> str:
    """Click «Сохранить отбор в «Практики»» and return the message that answers this click."""
    answer = page.locator('[data-testid="stAlert"]').filter(has_text="«Практики»")
    answer.first.wait_for(state="detached", timeout=WAIT)    # an earlier save's message went with the last edit
    page.get_by_role("button", name="Сохранить отбор в «Практики»").click()
    answer.first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    answer.first.scroll_into_view_if_needed()
    return answer.first.inner_text()


def test_a_titled_questionnaire_answer_reaches_the_seminar_by_title_only(page, app_url):
    open_page(page, f"{app_url}/practices?year=2025-26", wait_text="Показано", timeout=WAIT)
    assert grid_cell(page, ANSWER_ROW, 1).startswith("анкета")
    assert grid_cell(page, ANSWER_ROW, 2) == ""
    answer = demo_practices("2025/26").iloc[ANSWER_ROW]
    assert answer["source"] == grid_cell(page, ANSWER_ROW, 1) and answer["topic"] == grid_cell(page, ANSWER_ROW, 3)
    author, answer = answer["authors"], answer["description"]   # the respondent and their own words (off screen)
    assert len(answer) > 20
    shown, total, chosen = caption_counts(page)
    title = "Видеоразбор урока с наставником"

    type_into_cell(page, ANSWER_ROW, TITLE, title)
    assert grid_cell(page, ANSWER_ROW, 2) == title
    tick_chosen(page, ANSWER_ROW)
    assert caption_counts(page) == (shown, total, chosen + 1)
    said = save_practices(page)
    shot(page, "writes-practices-saved")
    said = said.replace("task_alt", "").strip()
    assert said.startswith("Сохранено") and "только в этом сеансе" in said and "«Практики»" in said, said
    assert "добавлено строк: 1" in said and "изменено" not in said, said
    assert exceptions(page) == []
    # the answer is now the tab's practice (listed once), still chosen
    assert caption_counts(page) == (shown, total, chosen + 1)

    # the public seminar page of this same session (the sidebar link keeps the browser session)
    page.get_by_role("link", name="Семинар (публично)").click()
    heading = page.get_by_text("Лучшие практики года")
    heading.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    table = page.locator('[data-testid="stTable"]').filter(has_text="Практика").first
    table.scroll_into_view_if_needed()
    shot(page, "writes-practices-seminar")
    assert title in table.inner_text()
    everything = page.evaluate("document.body.textContent")      # hidden parts included
    assert answer[:40] not in everything and author not in everything
    assert exceptions(page) == []


def test_saving_with_a_search_filter_writes_only_what_changed_and_hides_nothing(page, app_url):
    open_page(page, f"{app_url}/practices?year=2025-26", wait_text="Показано", timeout=WAIT)
    shown, total, chosen = caption_counts(page)
    assert shown == total > 0
    search = page.get_by_role("textbox", name="Поиск")
    search.fill("урок")
    search.press("Enter")
    page.get_by_text(re.compile(r"Показано \d+ из")).first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    filtered, _, chosen_filtered = caption_counts(page)
    assert 0 < filtered < total

    said = save_practices(page)                        # nothing changed: nothing written
    shot(page, "writes-practices-filter-nothing")
    assert "Ничего не записано" in said, said
    assert caption_counts(page)[:2] == (filtered, total)

    row = next(r for r in range(filtered) if grid_cell(page, r, 1) == "копилка")
    tick_chosen(page, row)
    after = caption_counts(page)[2]
    said = save_practices(page)                        # one mark changed: only that
    shot(page, "writes-practices-filter-one-mark")
    assert "изменено отметок: 1" in said and "добавлено" not in said, said
    assert exceptions(page) == []

    search.fill("")
    search.press("Enter")
    page.get_by_text(f"Показано {total} из {total}").wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    shown_all, total_all, chosen_all = caption_counts(page)
    assert (shown_all, total_all) == (total, total)
    assert abs(after - chosen_filtered) == 1
    assert chosen_all == chosen + (after - chosen_filtered)     # the saved mark, and only it, changed
    assert exceptions(page) == []


def test_the_chosen_year_survives_a_look_at_the_seminar_page(page, app_url):
    """A coordinator who chose practices of 2025/26 looks at the seminar and comes back to the same year."""
    open_page(page, f"{app_url}/practices?year=2025-26", wait_text="Показано", timeout=WAIT)
    page.get_by_role("link", name="Семинар (публично)").click()
    page.get_by_text("2025/26 учебный год").first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    page.get_by_role("link", name="Методическая копилка").click()
    page.get_by_text("Показано").wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    shot(page, "writes-practices-after-seminar")
    assert page.url.endswith("year=2025-26"), page.url
    assert caption_counts(page)[0] > 0


# -- 3. an oversized upload is refused early -------------------------------------------------------
def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} for {pid}")


def big_book(path: Path, rows: int = 200_000) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Ответы")
    ws.append(["Отметка времени", "Адрес электронной почты", "ФИО", "Предмет", "Ответ"])
    for i in range(rows):
        ws.append([f"строка {i}", f"u{i % 500}@school.ru", "Иванов И.И.", "Математика", "да"])
    wb.save(path)
    return path


def test_a_workbook_of_200_000_rows_is_refused_early_and_the_server_keeps_serving(browser, tmp_path):
    book = big_book(tmp_path / "выгрузка.xlsx")
    size_mb = book.stat().st_size / 1024 / 1024
    limits = load_config().section("upload")
    assert size_mb < float(limits.get("max_megabytes", 10)), "the size limit, not the row limit, would refuse it"
    limit = f"{int(limits.get('max_rows', 20000)):,}".replace(",", " ")        # «20 000»
    proc, url = start_app(extra=["--server.disconnectedSessionTTL", "2"])
    ctx = context(browser)
    closed = False
    try:
        pg = ctx.new_page()
        open_page(pg, f"{url}/?year=2025-26", wait_text="Наставляемых в банке", timeout=WAIT)
        pg.get_by_text("Загрузить файлы").click()
        pg.get_by_text("Загрузите книгу .xlsx").wait_for(timeout=WAIT)
        wait_idle(pg, WAIT)
        before, peak_before = rss_mb(proc.pid), rss_mb(proc.pid, "VmHWM")
        started = time.monotonic()
        pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(book))
        refusal = pg.locator('[data-testid="stAlert"]').filter(has_text="строк").first
        refusal.wait_for(timeout=WAIT)
        wait_idle(pg, WAIT)
        seconds = time.monotonic() - started
        after, peak = rss_mb(proc.pid), rss_mb(proc.pid, "VmHWM")
        shot(pg, "writes-upload-too-many-rows")
        text = refusal.inner_text()
        assert f"больше {limit} строк" in text and "«выгрузка.xlsx»" in text, text
        assert exceptions(pg) == []
        assert pg.get_by_text("Traceback").count() == 0
        print(f"\nupload of {size_mb:.1f} MB refused in {seconds:.1f} s; RSS {before:.0f} → {after:.0f} MB, "
              f"peak {peak_before:.0f} → {peak:.0f} MB")
        assert after - before < 300, f"the server grew by {after - before:.0f} MB"
        assert peak - max(before, peak_before) < 300, f"the server peaked {peak - before:.0f} MB higher: parsed it all?"

        ctx.close()                                        # the coordinator leaves; other viewers are unaffected
        closed = True
        other = context(browser)
        try:
            po = other.new_page()
            open_page(po, f"{url}/seminar?year=2025-26", wait_text="Наставляемых в банке", timeout=WAIT)
            assert exceptions(po) == []
            assert po.get_by_text("Наставляемых в банке", exact=True).count() == 1
        finally:
            other.close()
        assert proc.poll() is None
    finally:
        if not closed:
            ctx.close()
        stop(proc)


def test_an_unsaved_tick_survives_a_filter_and_is_saved_later(page, app_url):
    open_page(page, f"{app_url}/practices?year=2025-26", wait_text="Показано", timeout=WAIT)
    shown, total, chosen = caption_counts(page)
    tick_chosen(page, 0)
    ticked = caption_counts(page)[2]
    assert abs(ticked - chosen) == 1
    search = page.get_by_role("textbox", name="Поиск")
    search.fill("урок")
    search.press("Enter")
    page.get_by_text(re.compile(r"Показано \d+ из")).first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    search.fill("")
    search.press("Enter")
    page.get_by_text(f"Показано {total} из {total}").wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    assert caption_counts(page)[2] == ticked                       # the tick came back with its row
    assert page.get_by_text("не сохранено изменений: 1").count() == 1
    said = save_practices(page)
    shot(page, "writes-practices-tick-survives-filter")
    assert "изменено отметок: 1" in said, said
    assert caption_counts(page)[2] == ticked and page.get_by_text("не сохранено изменений").count() == 0


# -- a page opened before a colleague's save -----------------------------------------------------------
def test_a_plan_page_opened_before_a_colleagues_save_keeps_the_colleagues_goal(browser, tmp_path):
    """Two coordinators have one pair's ППН open; A saves a new goal, then B (drawn before A's save) saves new
    tasks: the file holds A's goal and B's tasks — B's stale goal box does not take A's goal back."""
    from tests.test_stale_pages import head

    with two_coordinators(browser, tmp_path, "plans", "План мероприятий") as (book, pa, pb):
        def save(p, label: str, text: str) -> list[str]:
            box = p.get_by_label(label)
            box.fill(text)
            box.press("Control+Enter")                  # Streamlit takes a text area's value on Ctrl+Enter / blur
            wait_idle(p, WAIT)
            p.get_by_role("button", name="Сохранить программу").click()
            p.locator('[data-testid="stAlert"]').filter(has_text="«Программы»: программа").first.wait_for(timeout=WAIT)
            wait_idle(p, WAIT)
            return alerts(p)

        said_a = save(pa, "Цель", "Цель коллеги A")
        assert any("Записано в лист «Программы»" in t for t in said_a), said_a
        tab = ExcelSource(book).read_tab("Программы")
        code = tab.loc[tab["Содержание"] == "Цель коллеги A", "Пара/группа"].iloc[0]
        said_b = save(pb, "Задачи (каждая с новой строки)", "Задача коллеги B")
        shot(pb, "writes-plans-stale-page-b")
        assert any("Записано в лист «Программы»" in t and "добавлено строк: 1" in t for t in said_b), said_b
        saved = head(book, code)
        assert saved["Цель"] == "Цель коллеги A" and saved["Задачи"] == "Задача коллеги B"
        assert exceptions(pa) == exceptions(pb) == []
