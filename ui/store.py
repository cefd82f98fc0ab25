"""One store per academic year: the read, the last good data, the parsed Program, what is derived from
it, and every write. Plain Python (no Streamlit): `ui.state` keeps one shared store per configured year
for every viewer, and a session keeps its own for an uploaded workbook or its edits of the demo.

Reading: `get(max_age)` reads the source at most once per `max_age` seconds for everybody; while one
viewer reads, the others are served the data they had. When the source fails, the last good data stay,
marked stale with the reason, and the source is tried again after `retry_seconds` (not a whole TTL).

Writing: `write(tab, plan)` reads the tab fresh under the source's write lock, lets `plan` (an
`analysis.writes` function) work out what is new, and applies only that; the next `get` reads again.
"""
from __future__ import annotations

import hashlib
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Callable

import pandas as pd

from analysis import Program, load_program
from analysis.config import Config
from analysis.figures import Figures, year_figures
from analysis.program import DataProblem, answered_in
from analysis.quality import QualityReport, quality_report
from analysis.seminar import publish
from analysis.settings import with_settings
from analysis.writes import Edit
from data_sources import Snapshot, SourceError


@dataclass(frozen=True)
class Loaded:
    """One year as a page sees it."""
    year: str
    snapshot: Snapshot
    program: Program
    source_label: str
    store: "YearStore" = field(compare=False, repr=False)
    config: Config = field(compare=False, repr=False, default=None)   # the server's config + the tab «Настройки»

    def quality(self) -> QualityReport:
        """Today's quality report, computed once per read and shared by every page and viewer."""
        config = self.config
        return self.derived("quality", lambda: quality_report(self.program, config, config.today()))

    def figures(self) -> Figures:
        """The year's named figures (analysis.figures), computed once per read: every page and document reads these."""
        config = self.config
        return self.derived("figures", lambda: year_figures(self.program, config, config.today(),
                                                            quality_summary=self.quality().summary))

    def derived(self, name: str, build: Callable[[], object]):
        return self.store.derived(name, self, build)


_SETTINGS: dict[tuple, tuple[Config, tuple[Config, list[DataProblem]]]] = {}
_SETTINGS_LOCK = threading.Lock()


def settings_applied(base: Config, frame: pd.DataFrame | None, tab: str) -> tuple[Config, list[DataProblem]]:
    """`with_settings`, parsed once per content of the tab (a long tab is not parsed again on every read); the
    same result — the same Config object — for the same rows over the same server config."""
    digest = None if frame is None else hashlib.blake2b(
        pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes()
        + repr(list(frame.columns)).encode()).hexdigest()
    key = (id(base), tab, digest)
    with _SETTINGS_LOCK:
        hit = _SETTINGS.get(key)
        if hit is not None and hit[0] is base:
            return hit[1]
    result = with_settings(base, frame, tab)
    with _SETTINGS_LOCK:
        if len(_SETTINGS) >= 32:
            _SETTINGS.pop(next(iter(_SETTINGS)))
        _SETTINGS[key] = (base, result)
    return result


class YearStore:
    """One academic year's workbook. `kind`: demo | google | file | upload | session (a session's copy)."""

    def __init__(self, year: str, source, config: Config, *, kind: str, ttl: float = 300,
                 retry_seconds: float = 30, year_from_answers: bool = False, label: str | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.year, self.source, self.config, self.kind = year, source, config, kind
        self.ttl, self.retry_seconds, self.year_from_answers = ttl, retry_seconds, year_from_answers
        self.label = label or getattr(source, "label", year)
        self.clock = clock
        self._reading = threading.Lock()
        self._current: Loaded | None = None
        self._read_at = float("-inf")
        self._failed_at: float | None = None
        self._error: SourceError | None = None
        self._derived: dict[tuple, object] = {}
        self._derived_lock = threading.Lock()
        self._building: dict[tuple, Future] = {}          # derived values being built: the others wait for them
        self._shown: dict[str, dict] = {}           # public figures as last shown (k-anonymous refreshes)

    @property
    def private(self) -> bool:
        """True: this browser session's own data (an upload, or its edits of the demo)."""
        return self.kind in ("upload", "session")

    # -- reading ---------------------------------------------------------------
    def get(self, max_age: float | None = None) -> Loaded:
        """The year's data, read at most once per `max_age` seconds (default: the TTL) for everybody."""
        max_age = self.ttl if max_age is None else max_age
        current = self._current
        if current is not None and not self._due(max_age):
            return current
        if current is None and self._error is not None and self._waiting():
            raise self._error
        if not self._reading.acquire(blocking=current is None):
            return current               # another viewer is reading: the data as they are, meanwhile
        try:
            current = self._current
            if current is not None and not self._due(max_age):
                return current
            return self._read()
        finally:
            self._reading.release()

    def refresh(self, *, look_for_tabs: bool = True) -> None:
        """Read again on the next `get` (the refresh button; after a write). The button also looks again
        for configured tabs that were missing; a write need not (the source knows the tab it wrote)."""
        self._read_at = float("-inf")
        self._failed_at = None
        self._error = None
        if look_for_tabs and hasattr(self.source, "forget_titles"):
            self.source.forget_titles()

    def _waiting(self) -> bool:
        return self._failed_at is not None and self.clock() - self._failed_at < self.retry_seconds

    def _due(self, max_age: float) -> bool:
        if self._waiting():
            return False
        return self.clock() - self._read_at >= max_age

    def _read(self) -> Loaded:
        started = time.perf_counter()
        try:
            tabs = self.source.read()
        except SourceError as err:
            self._failed_at, self._error = self.clock(), err
            if self._current is None:
                raise
            stale = replace(self._current.snapshot, stale=True, error=str(err))
            self._current = replace(self._current, snapshot=stale)
            return self._current
        config, problems = settings_applied(self.config, tabs.get(self.config.settings_tab), self.config.settings_tab)
        problems = list(problems)
        if config is not self.config and hasattr(self.source, "want") and self.source.want(config.tab_names()):
            try:
                tabs = self.source.read()        # the settings name tabs not read yet (once: they are wanted now)
            except SourceError as err:
                problems.append(DataProblem(config.settings_tab, None, None, f"листы из настроек не прочитаны: {err}",
                                            "error"))
        snapshot = Snapshot(tabs=tabs, fetched_at=self.config.now(), api_calls=getattr(self.source, "api_calls", None),
                            seconds=time.perf_counter() - started)
        program = load_program(tabs, config, year=self.year)
        program.problems[:0] = problems
        if self.year_from_answers:       # last year's book stays last year's, whatever year is chosen
            own = answered_in(program) or self.year
            if own != self.year:
                self.year, program = own, replace(program, year=own)
        with self._derived_lock:
            self._derived = {}
        self._current = Loaded(self.year, snapshot, program, self.label, self, config)
        self._read_at, self._failed_at, self._error = self.clock(), None, None
        return self._current

    def derived(self, name: str, loaded: Loaded, build: Callable[[], object]):
        """Something computed from the data (a report, the seminar's figures): once per read and per day. Viewers
        asking at once share one build: the first builds, the others wait for it (eight clicks on «Справка» at
        once make one справка, not eight in a row)."""
        key = (name, id(loaded.program), self.config.today())
        with self._derived_lock:
            if key in self._derived:
                return self._derived[key][1]
            pending = self._building.get(key)
            if pending is None:
                pending = self._building[key] = Future()
                mine = True
            else:
                mine = False
        if not mine:
            return pending.result()
        try:
            value = build()
        except BaseException as err:
            with self._derived_lock:
                self._building.pop(key, None)
            pending.set_exception(err)
            raise
        with self._derived_lock:
            self._derived[key] = (loaded.program, value)      # the program is kept so its id stays unique
            self._building.pop(key, None)
        pending.set_result(value)
        return value

    def publish(self, name: str, figures: dict, k: int) -> dict:
        """The public figures to show from this read: see `analysis.seminar.publish` (the state is this
        process's memory of what was shown; after a restart the first read is shown as it is)."""
        with self._derived_lock:
            shown, self._shown[name] = publish(self._shown.get(name, {}), figures, k)
        return shown

    # -- writing ---------------------------------------------------------------
    def write(self, tab: str, plan: Callable[[pd.DataFrame | None], Edit]) -> Edit:
        """Read `tab` fresh under the write lock, work out what is new with `plan`, write only that."""
        try:
            with self.source.write_lock(tab):
                edit = plan(self.source.read_tab(tab))
                if not edit.change.empty:
                    self.source.apply_change(tab, edit.change)
        except PermissionError:
            raise SourceError("Нет права на запись в таблицу или файл. Для Google Sheets дайте сервисному аккаунту "
                              "роль «Редактор»; для файла — проверьте, что он не открыт только для чтения.") from None
        except OSError as exc:
            raise SourceError(f"Не удалось записать файл ({type(exc).__name__}). Закройте его в Excel и повторите.") from None
        self.refresh(look_for_tabs=False)
        return edit
