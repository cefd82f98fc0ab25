"""Which store a page reads: one shared `YearStore` per configured year (the only thing Streamlit caches),
or this browser session's own — an uploaded workbook, or its edits of the bundled demo (the demo file is
never written). A session's own stores live in its session state and go when the session ends."""
from __future__ import annotations

import importlib
import os
import threading
from typing import Callable

import streamlit as st

from analysis import load_config
from analysis.config import school_dir
from analysis.writes import Edit
from data_sources import SourceError
from data_sources.excel import csv_tab_name
from data_sources.memory import MemoryBook
from data_sources.upload_reader import read_upload
from data_sources.registry import SECRETS_SECTION, open_source, source_kind
from data_sources.school_files import book_name, keep_year

from . import secrets
from .store import Loaded, YearStore

__all__ = ["Loaded", "YearStore", "current", "every_year", "save", "upload", "years"]

REFRESH = load_config().refresh
TTL = int(REFRESH.ttl_seconds)
SEMINAR_TTL = int(REFRESH.seminar_ttl_seconds)
OWN = "_own_stores"          # session state: year -> this session's copy of the demo, once it saved something
UPLOAD = "_upload"           # session state: (file id, chosen year, YearStore) of the uploaded workbook

# Benchmarks run the real server on the fake Sheets API: "module:factory" returning a requests adapter.
# Never set in production; without it every Google call goes to Google.
TRANSPORT_ENV = "MENTORING_SHEETS_TRANSPORT"
_TRANSPORT: dict = {}
_LOCK = threading.Lock()


def set_transport(adapter) -> None:
    """Tests inject a fake Sheets transport (a requests adapter); production never calls this."""
    _TRANSPORT["adapter"] = adapter


def _adapter():
    if _TRANSPORT.get("adapter") is None and os.environ.get(TRANSPORT_ENV):
        module, factory = os.environ[TRANSPORT_ENV].split(":")
        _TRANSPORT["adapter"] = getattr(importlib.import_module(module), factory)()
    return _TRANSPORT.get("adapter")


def service_account() -> dict | None:
    try:
        return secrets.section(SECRETS_SECTION) or None
    except secrets.SecretsUnreadable as err:
        raise SourceError(str(err), kind="credentials") from None


@st.cache_resource(show_spinner=False)
def _stores() -> dict[tuple, YearStore]:
    return {}


def years() -> list[str]:
    return list(load_config().years)


def kind_of(year: str) -> str:
    return source_kind(load_config().years[year])


def shared(year: str) -> YearStore:
    """The year's store, shared by every viewer and page (created on first use)."""
    config = load_config()
    spec = config.years[year]
    key = (str(config.path), year, spec)
    stores = _stores()
    with _LOCK:
        if key not in stores:
            account = service_account() if source_kind(spec) == "google" else None
            source = open_source(year, spec, service_account=account, tabs=config.tab_names(),
                                 retries=int(REFRESH.retries), backoff=float(REFRESH.backoff_seconds),
                                 timeout=(float(REFRESH.connect_timeout_seconds),
                                          float(REFRESH.read_timeout_seconds)),
                                 base_dir=config.path.parent, adapter=_adapter())
            stores[key] = YearStore(year, source, config, kind=source_kind(spec), ttl=TTL,
                                    retry_seconds=float(REFRESH.retry_seconds))
        return stores[key]


def current(year: str, max_age: float | None = None) -> Loaded:
    """The year as this session sees it: its own copy if it saved something on the demo, else the shared read."""
    own = st.session_state.get(OWN, {}).get(year)
    return own.get() if own is not None else shared(year).get(max_age)


def refresh(*, look_for_tabs: bool = True) -> None:
    """The refresh button: every shared year reads again on its next view."""
    for store in _stores().values():
        store.refresh(look_for_tabs=look_for_tabs)


def every_year(loaded: Loaded) -> dict[str, Loaded]:
    """Each configured year, oldest first, with `loaded` (the chosen year as this session sees it:
    an uploaded book, saved choices) in its year's place — or added, when an upload is of a year config.toml
    does not list. A year whose source is down is left out; the others stay."""
    out = {loaded.year: loaded}
    for y in years():
        if y != loaded.year:
            try:
                out[y] = current(y)
            except SourceError:
                continue
    return dict(sorted(out.items()))


def as_of(loaded: Loaded) -> str:
    return loaded.snapshot.fetched_at.astimezone(load_config().timezone).strftime("%d.%m.%Y %H:%M")


# --- uploads ------------------------------------------------------------------
def upload(files: list[tuple[bytes, str, str]], year: str) -> Loaded:
    """Files the user uploaded — an .xlsx downloaded from Google Sheets, or one file per form (.xlsx or .csv, e.g.
    Yandex Forms): this session's own store, each file read once, a .csv as a tab named by its file; refused with
    a message when larger than `[upload]` allows; freed with the session. `files`: (data, name, file id)."""
    ids = tuple(f[2] for f in files)
    held = st.session_state.get(UPLOAD)
    if held is not None and held[:2] == (ids, year):
        return held[2].get()
    st.session_state.pop(UPLOAD, None)                      # the previous upload goes now, not later
    limits = load_config().upload
    max_mb, max_rows = float(limits.max_megabytes), int(limits.max_rows)
    if sum(len(f[0]) for f in files) > max_mb * 1024 * 1024:
        raise SourceError(f"Файлы больше {max_mb:g} МБ вместе. Скачайте из Google Sheets книгу одного учебного года "
                          "(Файл → Скачать → Microsoft Excel) — выгрузка анкет одной школы обычно меньше 1 МБ.")
    tabs: dict = {}
    for data, name, _ in files:
        # each in a child process: a hostile file costs the server nothing
        read = read_upload(data, name, max_rows)
        if len(files) > 1 and len(read) == 1:               # one file per form (Yandex Forms): the tab is the file
            read = {csv_tab_name(name): next(iter(read.values()))}
        for tab, frame in read.items():
            unique, n = tab[:31], 1                        # an .xlsx tab name holds 31 characters
            while unique in tabs:
                n += 1
                unique = f"{tab[:31 - len(str(n)) - 3]} ({n})"
            tabs[unique] = frame
        if sum(len(t) for t in tabs.values()) > max_rows:
            raise SourceError(f"В загруженных файлах больше {max_rows:,} строк вместе — так не выглядят ответы одной "
                              "школы за год. Загрузите выгрузки одного учебного года.".replace(",", " "), kind="too_big")
    label = ", ".join(f[1] for f in files)
    store = YearStore(year, MemoryBook(tabs, label=label), load_config(), kind="upload", year_from_answers=True,
                      ttl=float("inf"))
    loaded = store.get()
    st.session_state[UPLOAD] = (ids, year, store)
    return loaded


def connect(year: str, spec: str, open_here: bool) -> str:
    """«Подключить таблицу»: the spreadsheet is read first — a link the service account cannot read is refused with
    the reason and nothing is kept (a wrong link would leave the pages with nothing to show) —, then named as the
    year's source in the school's config.toml. Returns what was kept, in Russian."""
    config = load_config()
    spec = spec.strip()
    account = service_account() if source_kind(spec) == "google" else None
    if source_kind(spec) == "google" and account is None:
        raise SourceError("Чтобы дашборд читал таблицу Google, нужен ключ сервисного аккаунта в "
                          ".streamlit/secrets.toml (README, «Подключение Google Sheets»). Ничего не сохранено.")
    source = open_source(year, spec, service_account=account, tabs=config.tab_names(), retries=int(REFRESH.retries),
                         backoff=float(REFRESH.backoff_seconds), base_dir=school_dir(), adapter=_adapter())
    tabs = source.read()
    keep_year(year, spec=spec, open_here=open_here)
    return (f"Таблица {year} учебного года подключена (листов: {len(tabs)}): дашборд читает её как «Настроенный» "
            "источник — и после перезапуска. Проверьте формы на этой странице и сохраните настройки в её лист.")


def keep_on_server(loaded: Loaded, settings: Callable[[YearStore], Callable], open_here: bool
                   ) -> tuple[bool, str, Edit | None]:
    """«Хранить на сервере»: this session's uploaded book becomes the year's book in the school's folder, named
    in its config.toml (`data_sources.school_files`), and `settings(store)` — the confirmed settings, as an edit
    planned over the new store's config — is written to its «Настройки» tab. The session then reads it as the
    configured source, as every session and a restarted server will."""
    try:
        keep_year(loaded.year, tabs=loaded.snapshot.tabs, open_here=open_here)
        store = shared(loaded.year)
    except SourceError as err:
        return False, f"Не сохранено на сервере: {err}", None
    st.session_state.pop(UPLOAD, None)
    ok, message, edit = save(store.get(), store.config.settings_tab, settings(store), "настройки форм")
    return ok, (f"Данные {loaded.year} учебного года сохранены на сервере (книга «{book_name(loaded.year)}» в папке "
                f"школы) и открываются как «Настроенный» источник — и после перезапуска. " + message), edit


# --- writes -------------------------------------------------------------------
def _writable(loaded: Loaded) -> YearStore:
    """Where this session's writes go: the year's spreadsheet or file; for the demo, a copy of this session's."""
    store = loaded.store
    if store.kind != "demo":
        return store
    book = MemoryBook({name: frame.copy() for name, frame in loaded.snapshot.tabs.items()}, label=store.label)
    own = YearStore(loaded.year, book, store.config, kind="session", ttl=float("inf"),
                    label=f"{store.label} (с изменениями этого сеанса)")
    st.session_state.setdefault(OWN, {})[loaded.year] = own
    return own


def drawn(key: str, value):
    """What a page's widgets of generation `key` were drawn from (kept from their first run): a save compares the
    page's values with these, so a re-read of the data beneath an open page does not make its stale text look new."""
    return st.session_state.setdefault(f"_drawn_{key}", value)


def save(loaded: Loaded, tab: str, plan, what: str) -> tuple[bool, str, Edit | None]:
    """Write what `plan` finds new in `tab` (read fresh). Returns (ok, message in Russian, the edit)."""
    store = _writable(loaded)
    try:
        edit = store.write(tab, plan)
    except SourceError as err:
        edit = None
        return False, f"Не удалось сохранить: {err}", None
    finally:
        if store is not loaded.store and (edit is None or edit.change.empty):
            st.session_state[OWN].pop(loaded.year, None)       # nothing saved: no session copy of the demo
    done = [f"добавлено строк: {edit.added}"] if edit.added else []
    done += [f"изменено отметок: {edit.updated}"] if edit.updated else []
    private = loaded.store.kind in ("demo", "session", "upload")
    if not done:
        message = f"Ничего не записано: для листа «{tab}» нет ничего нового."
    elif private:
        message = (f"Сохранено только в этом сеансе браузера: {what}, {', '.join(done)}. Демо-книга и загруженный "
                   f"файл не меняются; в настоящей таблице это будет дописано в лист «{tab}».")
    else:
        message = f"Записано в лист «{tab}»: {what}, {', '.join(done)}. Строки, которые там уже были, не тронуты."
    if edit.skipped:
        message += f" Пропущено или не сохранено: {len(edit.skipped)} — см. ниже."
    if edit.conflicts:
        message += f" Не записано, потому что коллега изменил то же самое после открытия страницы: {len(edit.conflicts)}."
    return True, message, edit
