"""The one cached read per academic year, shared by every page and every viewer.

`loaded(year)` returns the year's Snapshot and Program. A Google Sheets year is
read at most once per TTL for everybody (st.cache_resource: one copy, no
per-viewer pickling; treat it as read-only). When the source fails, the last
good data are returned with `stale=True` and the reason.
"""
from __future__ import annotations

import importlib
import os
import threading
import time
import weakref
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import streamlit as st

from analysis import Program, load_config, load_program
from analysis.program import answered_in
from analysis.quality import QualityReport, quality_report
from data_sources import Snapshot, SourceError
from data_sources.registry import SECRETS_SECTION, open_source, source_kind

TZ = ZoneInfo("Europe/Moscow")
TTL = int(load_config().section("refresh").get("ttl_seconds", 300))


@dataclass(frozen=True)
class Loaded:
    year: str
    snapshot: Snapshot
    program: Program
    source_label: str


def service_account() -> dict | None:
    try:
        if SECRETS_SECTION in st.secrets:
            return dict(st.secrets[SECRETS_SECTION])
    except Exception:  # no secrets.toml at all
        return None
    return None


_TRANSPORT: dict = {}
# Benchmarks run the real server on the fake Sheets API: "module:factory" returning a requests adapter.
# Never set in production; without it every Google call goes to Google.
TRANSPORT_ENV = "MENTORING_SHEETS_TRANSPORT"


def set_transport(adapter) -> None:
    """Tests inject a fake Sheets transport (a requests adapter); production never calls this."""
    _TRANSPORT["adapter"] = adapter
_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False)
def _sources() -> dict:
    """year -> source object, kept for the process (remembers tab titles, counts calls)."""
    return {}


@st.cache_resource(show_spinner=False)
def _last_good() -> dict:
    return {}


def _adapter():
    if _TRANSPORT.get("adapter") is None and os.environ.get(TRANSPORT_ENV):
        module, factory = os.environ[TRANSPORT_ENV].split(":")
        _TRANSPORT["adapter"] = getattr(importlib.import_module(module), factory)()
    return _TRANSPORT.get("adapter")


def _source(year: str, spec: str):
    key = (year, spec)
    cache = _sources()
    with _LOCK:
        if key not in cache:
            tabs = load_config().tab_names()
            refresh = load_config().section("refresh")
            cache[key] = open_source(year, spec, service_account=service_account(), tabs=tabs,
                                     retries=int(refresh.get("retries", 4)),
                                     backoff=float(refresh.get("backoff_seconds", 0.5)),
                                     base_dir=load_config().path.parent, adapter=_adapter())
        return cache[key]


def read_year(year: str, spec: str) -> Loaded:
    """Read and parse one year now (no cache). On failure: the last good data, marked stale."""
    last = _last_good()
    started = time.perf_counter()
    try:
        source = _source(year, spec)
        tabs = source.read()
    except SourceError as err:
        if (year, spec) in last:
            good: Loaded = last[(year, spec)]
            stale = replace(good.snapshot, stale=True, error=str(err))
            return replace(good, snapshot=stale)
        raise
    snap = Snapshot(tabs=tabs, fetched_at=datetime.now(TZ), api_calls=getattr(source, "api_calls", None),
                    seconds=time.perf_counter() - started)
    result = Loaded(year=year, snapshot=snap, program=load_program(tabs, load_config(), year=year),
                    source_label=source.label)
    last[(year, spec)] = result
    return result


@st.cache_resource(ttl=TTL, show_spinner="Загружаю данные…", max_entries=32)
def _cached(year: str, spec: str) -> Loaded:
    return read_year(year, spec)


def years() -> list[str]:
    return list(load_config().years)


def loaded(year: str) -> Loaded:
    return _cached(year, load_config().years[year])


def refresh(*, look_for_tabs: bool = True) -> None:
    """Forget the cached data: the next view reads again. The refresh button also looks again for
    tabs that were missing (a save need not: the source knows the tab it wrote)."""
    if look_for_tabs:
        for src in _sources().values():
            if hasattr(src, "forget_titles"):
                src.forget_titles()
    _cached.clear()


def every_year(current: Loaded) -> dict[str, Program]:
    """Each configured year's program, oldest first, with `current` (the chosen year as this session
    sees it: an uploaded book, saved choices) in its year's place — or added, when an upload is of a
    year config.toml does not list. A year whose source is down is left out; the others stay."""
    programs = {current.year: current.program}
    for y in years():
        if y != current.year:
            try:
                programs[y] = loaded(y).program
            except SourceError:
                continue
    return dict(sorted(programs.items()))


def kind_of(year: str) -> str:
    return source_kind(load_config().years[year])


def as_of(snapshot: Snapshot) -> str:
    return snapshot.fetched_at.astimezone(TZ).strftime("%d.%m.%Y %H:%M")


@st.cache_resource(show_spinner="Читаю файл…", max_entries=4)
def loaded_upload(data: bytes, name: str, year: str) -> Loaded:
    """An .xlsx the user uploaded (downloaded from Google Sheets)."""
    from data_sources import ExcelSource

    started = time.perf_counter()
    tabs = ExcelSource(data, label=name).read()
    snap = Snapshot(tabs=tabs, fetched_at=datetime.now(TZ), seconds=time.perf_counter() - started)
    program = load_program(tabs, load_config(), year=year)
    own = answered_in(program) or year        # last year's book stays last year's, whatever year is chosen
    if own != year:
        program = replace(program, year=own)
    return Loaded(year=own, snapshot=snap, program=program, source_label=name)


SEMINAR_TTL = int(load_config().section("refresh").get("seminar_ttl_seconds", 30))


@st.cache_resource(ttl=SEMINAR_TTL, show_spinner=False, max_entries=8)
def _cached_seminar(year: str, spec: str) -> Loaded:
    return read_year(year, spec)


def loaded_seminar(year: str) -> Loaded:
    """The public seminar's data: a short TTL (live during the seminar), still one read per TTL for all."""
    return _cached_seminar(year, load_config().years[year])


def source_for(year: str):
    """The year's source object (for writing back approved pairs or the SWOT board)."""
    return _source(year, load_config().years[year])


_reports: dict[int, tuple[weakref.ref, object, QualityReport]] = {}


def quality(program: Program) -> QualityReport:
    """The program's quality report as of today, computed once per program object (a cached read, or a
    session's saved tabs applied) and shared by the overview and the quality page, not on every rerun."""
    today = datetime.now(TZ).date()
    hit = _reports.get(id(program))
    if hit is not None and hit[0]() is program and hit[1] == today:
        return hit[2]
    report = quality_report(program, load_config(), today)
    for key in [k for k, v in list(_reports.items()) if v[0]() is None]:    # programs no longer read
        _reports.pop(key, None)
    _reports[id(program)] = (weakref.ref(program), today, report)
    return report
