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
