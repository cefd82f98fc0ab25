"""A coordinator's own exports, end to end in Chromium, with no file written by hand: upload the files (a Google
Forms pair in the school's own wording, ONE form for both roles, a Yandex Forms pair of .xlsx and cp1251/«;» .csv),
confirm on «Настройка», keep them on the server as this year's data, restart the server — and the banks are what
the export's own truth says (members, topics, people without consent counted). Prints the clicks and the time."""
from __future__ import annotations

import time

import pytest

from tests.browser import exceptions, open_page, shot, wait_idle
from tests.conftest import BROWSER_TIMEOUT, start_app
from tests.school_exports import EXPORTS

pytestmark = pytest.mark.browser


def metric(page, label: str) -> str:
    texts = page.locator('[data-testid="stMetric"]').all_inner_texts()
    hit = [t for t in texts if t.startswith(label)]
    assert hit, (label, texts)
    return hit[0].split("\n")[-1].strip()


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_a_schools_own_forms_kept_on_the_server_survive_a_restart(page, tmp_path, kind):
    truth = EXPORTS[kind](tmp_path)
    env = {"MENTORING_SCHOOL_DIR": str(tmp_path / "school")}        # a fresh machine: the bundled demo, nothing else
    started, clicks = time.perf_counter(), 0
    proc, url = start_app(env=env)
    try:
        open_page(page, f"{url}/?year=2026-27", wait_text="Наставляемых в банке")
        page.get_by_text("Загрузить файлы").click()
        clicks += 1
        page.get_by_text("Загрузите книгу .xlsx или файлы форм").wait_for(timeout=BROWSER_TIMEOUT)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(f) for f in truth.files])
        clicks += 1
        page.get_by_text("Источник: " + truth.files[0].name).wait_for(timeout=BROWSER_TIMEOUT)
        wait_idle(page)
        page.locator('[data-testid="stSidebarNav"]').get_by_text("Настройка").click()
        clicks += 1
        page.get_by_text("Что получится").wait_for(timeout=BROWSER_TIMEOUT)
        wait_idle(page)
        shot(page, f"own-forms-{kind}-setup")
        assert exceptions(page) == []
        assert metric(page, "Наставляемых в банке") == str(len(truth.mentees))
        assert metric(page, "Наставников в банке") == str(len(truth.mentors))
        assert metric(page, "Ошибок, останавливающих подбор") == "0"
        page.get_by_role("button", name="Хранить на сервере как 2026/27").click()
        clicks += 1
        page.get_by_text("сохранены на сервере").first.wait_for(timeout=BROWSER_TIMEOUT)
        wait_idle(page)
        shot(page, f"own-forms-{kind}-kept")
        assert exceptions(page) == []
    finally:
        proc.terminate()
        proc.wait(10)
    proc, url = start_app(env=env)                                  # a restart: only what the server kept
    try:
        open_page(page, f"{url}/banks?year=2026-27", wait_text="Банки наставляемых")
        page.locator('[data-testid="stMetric"]').first.wait_for(timeout=BROWSER_TIMEOUT)
        wait_idle(page)
        shot(page, f"own-forms-{kind}-after-restart")
        assert exceptions(page) == []
        assert page.get_by_text("Подбор остановлен").count() == 0
        texts = page.locator('[data-testid="stMetric"]').all_inner_texts()
        assert any(t.startswith("Наставляемых") and t.endswith(str(len(truth.mentees))) for t in texts), texts
        assert any(t.startswith("Наставников") and t.endswith(str(len(truth.mentors))) for t in texts), texts
    finally:
        proc.terminate()
        proc.wait(10)
    from analysis.config import load_config
    from data_sources.excel import ExcelSource
    from analysis import load_program

    from ui.store import settings_applied

    kept = load_config(tmp_path / "school" / "config.toml")          # what the restarted server read, checked here too
    tabs = ExcelSource(tmp_path / "school" / kept.years["2026/27"]).read()
    config, problems = settings_applied(kept, tabs.get(kept.settings_tab), kept.settings_tab)
    assert not problems, problems
    program = load_program(tabs, config)
    assert sorted(program.mentees.index) == truth.mentees and sorted(program.mentors.index) == truth.mentors
    assert all(set(program.mentees.at[k, "topics"]) == v for k, v in truth.topics_of.items())
    assert program.intake["mentee"].no_consent == truth.no_consent
    print(f"\n{kind}: {clicks} clicks, {time.perf_counter() - started:.1f} s with two server starts")
