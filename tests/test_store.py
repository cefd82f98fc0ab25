"""The year store's reading: one read per TTL for everybody, last good data when the source fails, a quick
retry once it is back, viewers not held up by a hung read, and the school's clock."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from analysis import load_config
from data_sources import SourceError, demo_source
from ui.store import YearStore

CONFIG = load_config()
YEAR = "2025/26"


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Scripted:
    """A source that reads the demo, or fails, or blocks until released — as a test says."""
    label = "сценарий"

    def __init__(self):
        self.tabs = demo_source(YEAR).read()
        self.reads = 0
        self.fail: str | None = None
        self.gate: threading.Event | None = None
        self.entered = threading.Event()

    def read(self):
        self.reads += 1
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(10)
        if self.fail:
            raise SourceError(self.fail, kind="unavailable")
        return self.tabs


def store(source, clock) -> YearStore:
    return YearStore(YEAR, source, CONFIG, kind="google", ttl=300, retry_seconds=30, clock=clock)


def test_one_read_per_ttl_for_every_viewer():
    src, clock = Scripted(), Clock()
    s = store(src, clock)
    first = s.get()
    for _ in range(20):
        assert s.get() is first
    clock.t += 299
    s.get()
    assert src.reads == 1
    clock.t += 2
    assert s.get() is not first and src.reads == 2
    assert s.get(max_age=30) is s.get() and src.reads == 2        # the seminar's short TTL, within it


def test_failure_keeps_the_last_good_data_and_tries_again_after_30_s_not_a_whole_ttl():
    src, clock = Scripted(), Clock()
    s = store(src, clock)
    good = s.get()
    clock.t += 301
    src.fail = "Google Sheets временно недоступен: ошибка сервера Google (503)."
    stale = s.get()
    assert stale.snapshot.stale and "503" in stale.snapshot.error
    assert stale.program is good.program                             # every good row still shown
    clock.t += 10
    assert s.get().snapshot.stale and src.reads == 2                 # not hammering a source that is down
    src.fail = None
    clock.t += 21                                                    # 31 s after the failure, not 300
    fresh = s.get()
    assert not fresh.snapshot.stale and src.reads == 3


def test_no_data_yet_and_a_failure_says_so_and_does_not_retry_on_every_view():
    src, clock = Scripted(), Clock()
    src.fail = "Нет доступа к таблице."
    s = store(src, clock)
    for _ in range(3):
        with pytest.raises(SourceError, match="Нет доступа"):
            s.get()
    assert src.reads == 1
    s.refresh()                                                      # «Повторить»
    src.fail = None
    assert s.get() and src.reads == 2


def test_while_one_viewer_reads_the_others_get_the_last_data_at_once():
    src, clock = Scripted(), Clock()
    s = store(src, clock)
    good = s.get()
    clock.t += 301
    src.gate, src.entered = threading.Event(), threading.Event()
    reader = threading.Thread(target=s.get)
    reader.start()
    assert src.entered.wait(10)                                      # the first viewer's read hangs
    assert s.get() is good                                           # a second viewer is not held up
    src.gate.set()
    reader.join(10)
    assert s.get() is not good and src.reads == 2


def test_derived_reports_are_computed_once_per_read():
    src, clock = Scripted(), Clock()
    s = store(src, clock)
    page = s.get()
    assert page.quality() is s.get().quality()
    calls = []
    page.derived("x", lambda: calls.append(1))
    page.derived("x", lambda: calls.append(1))
    assert len(calls) == 1
    s.refresh()
    assert s.get().quality() is not page.quality()                   # new data, new report


def test_a_hung_google_request_gives_the_last_good_data_within_the_timeout():
    from data_sources import GoogleSheetsSource, make_client
    from tests.sheets_api import FakeSheetsAPI, book_from_tabs, service_account_info

    key = "1HungKeyabcdefghijklmnopqrstuvwxyz012345"
    api = FakeSheetsAPI({key: book_from_tabs(demo_source(YEAR).read())})
    client = make_client(service_account_info(), adapter=api, timeout=(0.2, 0.3))
    src = GoogleSheetsSource(client, key, tabs=CONFIG.tab_names(), retries=4, backoff=0.01, timeout=(0.2, 0.3))
    clock = Clock()
    s = store(src, clock)
    good = s.get()
    api.hang = True
    clock.t += 301
    stale = s.get()                                                  # returns: the hung request timed out
    assert stale.snapshot.stale and stale.program is good.program
    assert "не ответил" in stale.snapshot.error
    assert api.sheets_calls("batchGet") == 1 + 2                     # one retry of a timeout, not four


def test_data_as_of_is_the_schools_clock():
    src, clock = Scripted(), Clock()
    fetched = store(src, clock).get().snapshot.fetched_at
    assert str(CONFIG.timezone) == "Asia/Novosibirsk"
    assert fetched.utcoffset() == timedelta(hours=7)


def test_an_uploaded_book_belongs_to_its_session_and_is_freed_with_it(tmp_path):
    """Nothing shared keeps an upload: once the session is gone, so are its bytes, tabs and Program."""
    import gc
    import weakref

    from streamlit.testing.v1 import AppTest

    from data_sources.demo import _file

    def script():
        import os

        import streamlit as st

        from ui import state

        data = open(os.environ["UPLOAD_FILE"], "rb").read()
        loaded = state.upload([(data, "книга.xlsx", "file-1")], "2026/27")
        st.write(loaded.year, len(loaded.program.mentees))

    import os
    os.environ["UPLOAD_FILE"] = str(_file(YEAR))
    try:
        at = AppTest.from_function(script, default_timeout=60).run()
        assert not at.exception
        assert at.markdown[0].value.startswith(YEAR)          # last year's book stays last year's
        store = weakref.ref(at.session_state["_upload"][2])
        at.run()
        assert at.session_state["_upload"][2] is store()      # read once per session, not per rerun
        del at
        gc.collect()
        assert store() is None
    finally:
        os.environ.pop("UPLOAD_FILE", None)


def test_a_book_over_the_row_limit_is_refused_with_a_message():
    import io

    import openpyxl

    from ui import state

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Ответы на форму (1)")
    ws.append(["Отметка времени", "Адрес электронной почты"])
    limit = int(CONFIG.section("upload")["max_rows"])
    for i in range(limit + 5):
        ws.append(["01.09.2026 10:00:00", f"t{i}@school.ru"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(SourceError) as err:
        state.upload([(buf.getvalue(), "большая.xlsx", "big")], "2026/27")
    assert f"{limit:,}".replace(",", " ") in str(err.value) or str(limit) in str(err.value)
