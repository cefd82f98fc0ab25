"""A school's own export through the setup page in Chromium: the page recognizes the forms, the coordinator
downloads the school's config.toml, and the dashboard started with it reads the banks — no file edited by hand."""
from __future__ import annotations

import time
import tomllib

import pytest

from tests.browser import open_page, shot, wait_idle
from tests.conftest import BROWSER_TIMEOUT, start_app
from tests.forms import write_book
from tests.test_setup import export

pytestmark = pytest.mark.browser


def test_setup_page_to_a_working_dashboard_with_no_hand_edit(page, tmp_path):
    write_book(export(), tmp_path / "ответы-2026.xlsx")
    first = tmp_path / "first.toml"               # all a school writes: where its data are, and that it runs locally
    first.write_text('[years]\n"2026/27" = "ответы-2026.xlsx"\n[access]\nopen_without_login = true\n', encoding="utf-8")
    started = time.perf_counter()
    proc, url = start_app(env={"MENTORING_CONFIG": str(first)})
    try:
        open_page(page, f"{url}/setup?year=2026-27", wait_text="Что получится")
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any(m.startswith("Наставляемых в банке") and m.endswith("4") for m in metrics), metrics
        shot(page, "setup-school-export")
        with page.expect_download() as download:
            page.get_by_role("button", name="Скачать config.toml школы").click()
        saved = tmp_path / "config.toml"
        download.value.save_as(saved)
    finally:
        proc.terminate()
        proc.wait(10)
    school = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert school["years"] == {"2026/27": "ответы-2026.xlsx"} and "Подготовка обучающихся к ОГЭ, ЕГЭ" in school["lists"]["topics"]
    proc, url = start_app(env={"MENTORING_CONFIG": str(saved)})          # the downloaded file, as it is
    try:
        open_page(page, f"{url}/banks?year=2026-27", wait_text="Банки наставляемых")
        page.locator('[data-testid="stMetric"]').first.wait_for(timeout=BROWSER_TIMEOUT)
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any(m.startswith("Наставляемых") and m.endswith("4") for m in metrics), metrics
        open_page(page, f"{url}/matching?year=2026-27", wait_text="Подбор пар")
        wait_idle(page, BROWSER_TIMEOUT)
        assert page.get_by_text("Подбор остановлен").count() == 0       # nothing would be silently lost
        shot(page, "setup-school-matching")
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"setup walk-through (two server starts, page, download, banks, matching): {time.perf_counter() - started:.1f} s")


def cells(book) -> dict[str, list[tuple]]:
    """Every tab's cells, row by row (a trailing row with no value in any cell is not a row of the tab)."""
    from openpyxl import load_workbook

    out = {}
    for ws in load_workbook(book):
        rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
        while rows and all(v in (None, "") for v in rows[-1]):
            rows.pop()
        out[ws.title] = rows
    return out


def test_setup_saved_into_the_books_settings_tab_keeps_every_row(page, tmp_path):
    """The other way to save: into the «Настройки» tab of the school's own book (as on Google): the next read
    applies it — the banks fill with no file edited —, and every other tab of the book stays cell for cell."""

    book = tmp_path / "ответы-2026.xlsx"
    write_book(export(), book)
    before = cells(book)
    config = tmp_path / "config.toml"
    config.write_text('[years]\n"2026/27" = "ответы-2026.xlsx"\n[access]\nopen_without_login = true\n', encoding="utf-8")
    proc, url = start_app(env={"MENTORING_CONFIG": str(config)})
    try:
        open_page(page, f"{url}/banks?year=2026-27", wait_text="Банки наставляемых")
        assert page.get_by_text("Подбор остановлен").count() + page.locator('[data-testid="stAlert"]').count() > 0
        open_page(page, f"{url}/setup?year=2026-27", wait_text="Что получится")
        page.get_by_role("button", name="Сохранить в лист «Настройки»").click()
        page.get_by_text("Записано в лист «Настройки»").wait_for(timeout=BROWSER_TIMEOUT)
        shot(page, "setup-saved-to-sheet")
        open_page(page, f"{url}/banks?year=2026-27", wait_text="Банки наставляемых")
        metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any(m.startswith("Наставляемых") and m.endswith("4") for m in metrics), metrics
    finally:
        proc.terminate()
        proc.wait(10)
    after = cells(book)
    assert {t: after[t] for t in before} == before
    assert after["Настройки"][0][:2] == ("Параметр", "Значение") and len(after["Настройки"]) > 5
