"""The справка never hangs: without a browser, or with one that never answers, it is made with its tables and a
note; the browser is waited on for a bounded time, in a child process that is killed with it; eight clicks at
once make one справка; a stuck chart never holds another download."""
from __future__ import annotations

import io
import os
import stat
import threading
import time

import docx
import pytest

from analysis import load_config
from data_sources import demo_source
from documents import chart_images
from documents.plan import plan_docx
from documents.report import annual_report_docx
from tests.test_plans import program_of

YEAR = "2025/26"
HANG_GUARD = 180          # s: a test fails instead of hanging; not a measure of speed


def fake_browser(tmp_path, *, answers_version: bool = True):
    """A «browser» that says its version and then never draws: it waits until the test creates `release`."""
    script = tmp_path / "chromium"
    script.write_text("#!/bin/sh\n"
                      + ('case "$*" in *--version*) echo "Chromium 131.0"; exit 0;; esac\n' if answers_version else "")
                      + f'touch "{tmp_path}/started"\n'
                      + f'while [ ! -e "{tmp_path}/release" ]; do sleep 0.1; done\nexit 1\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.fixture(autouse=True)
def fresh_detection(monkeypatch):
    chart_images.forget()
    yield
    chart_images.forget()


def build(program, config) -> tuple[bytes, float]:
    out: dict = {}

    def run():
        started = time.perf_counter()
        out["doc"] = annual_report_docx(program, config=config, today=config.today())
        out["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    assert not worker.is_alive(), "the справка hung"
    return out["doc"], out["seconds"]


def note_of(doc: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(doc)).paragraphs if p.text.startswith("Примечание"))


def test_without_a_browser_the_report_has_its_tables_and_says_why(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "нет-такого-браузера"))
    monkeypatch.setenv("PATH", str(tmp_path))                     # and no chromium on PATH either
    config = load_config()
    program = program_of(YEAR, demo_source(YEAR).read())
    doc, seconds = build(program, config)
    document = docx.Document(io.BytesIO(doc))
    assert len(document.inline_shapes) == 0 and len(document.tables) > 3
    assert "Chromium не найден" in note_of(doc)
    print(f"справка without a browser: {seconds:.1f} s")


def test_a_browser_that_never_answers_is_abandoned_killed_and_not_waited_on_again(monkeypatch, tmp_path):
    browser = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    monkeypatch.setattr(chart_images, "DEADLINE", 8.0)
    config = load_config()
    program = program_of(YEAR, demo_source(YEAR).read())
    doc, first = build(program, config)
    assert (tmp_path / "started").exists()                         # the browser was asked, and did not answer
    assert "не ответил за 8 с" in note_of(doc)
    assert not [p for p in os.listdir("/proc") if p.isdigit() and _runs(p, str(browser))], "the browser was left running"
    doc, second = build(program, config)                           # the next справка does not try it again
    assert "не ответил" in note_of(doc)
    print(f"справка with a browser that never answers: first {first:.1f} s (deadline 8 s), then {second:.1f} s")


def test_a_browser_that_hangs_on_its_version_is_not_used(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(fake_browser(tmp_path, answers_version=False)))
    monkeypatch.setattr(chart_images, "PROBE_SECONDS", 2.0)
    assert chart_images.browser() is None


def test_a_stuck_chart_does_not_hold_another_download(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(fake_browser(tmp_path)))
    monkeypatch.setattr(chart_images, "DEADLINE", 15.0)     # the fake never draws: the report ends at the deadline
    config = load_config()
    program = program_of(YEAR, demo_source(YEAR).read())
    report = threading.Thread(target=annual_report_docx, kwargs={"program": program, "config": config,
                                                                 "today": config.today()}, daemon=True)
    report.start()
    for _ in range(HANG_GUARD * 10):                               # until the report waits on the browser
        if (tmp_path / "started").exists():
            break
        time.sleep(0.1)
    assert report.is_alive() and (tmp_path / "started").exists()
    from analysis.plans import all_plans

    plan = next(iter(all_plans(program, config).values()))
    assert plan_docx(plan, program, school=config.school.name)[:2] == b"PK"   # made while the справка waits
    assert report.is_alive()                                       # (the browser is still holding it)
    report.join(HANG_GUARD)
    assert not report.is_alive()


def test_eight_clicks_at_once_make_one_report(monkeypatch):
    from ui.store import YearStore

    store = YearStore(YEAR, demo_source(YEAR), load_config(), kind="demo")
    loaded = store.get(0)
    builds = []
    gate = threading.Event()

    def make() -> bytes:
        builds.append(1)
        gate.wait(HANG_GUARD)
        return b"one"

    got: list[bytes] = []
    clicks = [threading.Thread(target=lambda: got.append(loaded.derived("annual_report", make))) for _ in range(8)]
    for c in clicks:
        c.start()
    for _ in range(HANG_GUARD * 10):
        if builds:
            break
        time.sleep(0.05)
    time.sleep(0.5)                                                # the others arrive while the first builds
    gate.set()
    for c in clicks:
        c.join(HANG_GUARD)
    assert got == [b"one"] * 8 and len(builds) == 1


def _runs(pid: str, path: str) -> bool:
    try:
        return path in open(f"/proc/{pid}/cmdline", "rb").read().decode(errors="replace")
    except OSError:
        return False
