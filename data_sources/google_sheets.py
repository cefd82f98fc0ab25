"""Google Sheets through gspread: one `values:batchGet` per refresh, retries, clear errors.

When the configured tabs all exist, every read — the first one included — is exactly
one batchGet for all of them: no metadata call. Only when a tab is missing (the API
refuses the whole batch) is the tab list looked up (one metadata call) and remembered, so
later reads are again one batchGet for the tabs that exist. Errors become a
`SourceError` whose text says what to fix; no key or token is ever in it.

Writes never touch a cell that is there: `apply_change` appends with one `values:append` (Google puts
the rows after the last one at that moment, so a row typed in meanwhile is kept) and sets new header
cells and marks with one `values:batchUpdate`. A hung Google costs at most two timeouts, not minutes.
"""
from __future__ import annotations

import re
import time
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

import gspread
import pandas as pd
import requests
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from gspread.exceptions import APIError

from .base import SourceError, TabChange, Tabs, frame_from_rows
from .changes import column_letter, new_header_cells, text_rows
from .locks import thread_lock
from .registry import TIMEOUT  # noqa: F401  (seconds: to connect, then to wait for an answer)

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
RETRY_CODES = {429, 500, 502, 503, 504}
_KEY_IN_URL = re.compile(r"/spreadsheets/d/([a-zA-Z0-9-_]+)")


def spreadsheet_key(spreadsheet: str) -> str:
    """A spreadsheet key from a key or any Google Sheets URL."""
    m = _KEY_IN_URL.search(spreadsheet)
    return m.group(1) if m else spreadsheet.strip()


def a1_tab(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def make_client(service_account_info: dict, adapter: requests.adapters.BaseAdapter | None = None,
                timeout: float | tuple[float, float] | None = TIMEOUT) -> gspread.Client:
    """A gspread client for a service account; `timeout` (connect, read) in seconds bounds every request,
    the token exchange included. `adapter` (tests) is mounted for every HTTPS call, so nothing leaves
    the machine."""
    from google.auth.transport.requests import AuthorizedSession, Request
    from google.oauth2.service_account import Credentials

    try:
        creds = Credentials.from_service_account_info(dict(service_account_info), scopes=SCOPES)
    except (ValueError, KeyError) as exc:
        raise SourceError("Ключ сервисного аккаунта в .streamlit/secrets.toml неполный или повреждён "
                          f"(нет поля или неверный формат: {type(exc).__name__}). Скопируйте JSON-ключ целиком, "
                          "как показано в README.") from None
    token_session = requests.Session()
    session = AuthorizedSession(creds, auth_request=Request(token_session))
    if adapter is not None:
        for s in (token_session, session):
            s.mount("https://", adapter)
    client = gspread.Client(creds, session=session)
    client.http_client.set_timeout(timeout)
    return client


class GoogleSheetsSource:
    """`GoogleSheetsSource(client, spreadsheet)` — one academic year's spreadsheet (key or URL).

    `tabs`: the tab titles to read (default: all). `api_calls` counts HTTP requests made
    to the Sheets API by the last `read()`, retries included. `timeout`: (connect, read) seconds for
    each request; a request that times out is tried once more, not `retries` times."""

    def __init__(self, client: gspread.Client, spreadsheet: str, *, tabs: Iterable[str] | None = None,
                 retries: int = 4, backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
                 label: str | None = None, timeout: float | tuple[float, float] | None = TIMEOUT):
        self.client = client
        self.key = spreadsheet_key(spreadsheet)
        self.wanted = list(tabs) if tabs else None
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.label = label or f"Google Sheets …{self.key[-6:]}"
        self.timeout = timeout
        client.http_client.set_timeout(timeout)
        self.titles: list[str] | None = None   # from metadata, or the configured tabs a read found
        self._look_again = False
        self.api_calls = 0
        self.last_rows: dict[str, int] = {}
        self._width: dict[str, int] = {}
        self._headers: dict[str, list[str] | None] = {}   # the header each tab had at its last read_tab (None: no tab)

    # -- public ------------------------------------------------------------
    def read(self) -> Tabs:
        self.api_calls = 0
        if self._needs_tab_list():
            self.titles = self._titles()
        self._look_again = False
        ranges = self._ranges()
        try:
            data = self._batch_get(ranges)
        except _MissingRange:
            # a tab is missing, or was renamed or deleted since we looked: look it up, once
            self.titles = self._titles()
            ranges = self._ranges()
            data = self._batch_get(ranges)
        if self.titles is None:
            self.titles = list(ranges)       # every configured tab is there
        tabs = {}
        for title, vr in zip(ranges, data.get("valueRanges", [])):
            tabs[title] = self._frame(title, vr.get("values", []))
        return tabs

    def want(self, tabs: Iterable[str]) -> bool:
        """Also read `tabs` from now on (the school's settings name its form tabs); True when that adds one."""
        new = [t for t in tabs if self.wanted is not None and t not in self.wanted]
        if new:
            self.wanted = [*self.wanted, *new]
            self._look_again = True
        return bool(new)

    def forget_titles(self) -> None:
        """The refresh button: on the next read, look again for configured tabs that were missing
        (a tab added since); with none missing the read stays one batchGet."""
        self._look_again = True

    def read_tab(self, tab: str) -> pd.DataFrame | None:
        """One tab as it is now, in one `values:get` (no cache); None when there is no such tab."""
        try:
            data = self._call(lambda: self.client.http_client.values_get(
                self.key, a1_tab(tab), params={"valueRenderOption": "FORMATTED_VALUE"}))
        except _MissingRange:
            self._headers[tab] = None
            if self.titles is not None and tab in self.titles:
                self.titles.remove(tab)
            return None
        frame = self._frame(tab, data.get("values", []))
        self._headers[tab] = [str(c) for c in frame.columns]
        if self.titles is not None and tab not in self.titles:
            self.titles.append(tab)
        return frame

    @contextmanager
    def write_lock(self, tab: str) -> Iterator[None]:
        """One writer at a time per (spreadsheet, tab) in this process, whichever source object writes."""
        with thread_lock(("google", self.key, tab)):
            yield

    def apply_change(self, tab: str, change: TabChange) -> None:
        """Write `change` as worked out from this source's last `read_tab(tab)`; no cell that is there changes.

        A missing tab: addSheet, then header and rows at A1 in one values:batchUpdate. An existing one: new
        header cells and `cells` in one values:batchUpdate (only when there are any), then the rows in one
        values:append. Everything RAW: text stays text ("=…" too), dates are written dd.mm.yyyy."""
        with self.write_lock(tab):
            try:
                self._apply(tab, change)
            except _MissingRange:
                self._headers.pop(tab, None)
                raise SourceError(f"Лист «{tab}» удалён или переименован в таблице, пока шла запись. Обновите "
                                  "страницу и сохраните снова.", kind="error") from None

    def _apply(self, tab: str, change: TabChange) -> None:
        if tab not in self._headers:
            self.read_tab(tab)                     # the caller did not read it: its header is needed
        existing = self._headers[tab]
        if existing is None:
            if not change.header and not change.append:
                return
            if self._add_sheet(tab):
                rows = text_rows([list(change.header)] + list(change.append))
                body = {"valueInputOption": "RAW", "data": [{"range": f"{a1_tab(tab)}!A1", "values": rows}]}
                self._call(lambda: self.client.http_client.values_batch_update(self.key, body), writing=True)
                self._headers[tab] = [str(h) for h in change.header]
                return
            existing = self._headers[tab] or []    # someone added it meanwhile: write into it as it is
        header = new_header_cells(tab, existing, change)
        data = [{"range": f"{a1_tab(tab)}!{column_letter(col)}1", "values": [[text]]} for col, text in header.items()]
        data += [{"range": f"{a1_tab(tab)}!{column_letter(col)}{row}", "values": text_rows([[value]])}
                 for row, col, value in change.cells]
        if data:
            body = {"valueInputOption": "RAW", "data": data}
            self._call(lambda: self.client.http_client.values_batch_update(self.key, body), writing=True)
            grown = list(existing) + [""] * max(0, max(header, default=-1) + 1 - len(existing))
            for col, text in header.items():
                grown[col] = text
            self._headers[tab] = grown
        if change.append:
            body = {"majorDimension": "ROWS", "values": text_rows(change.append)}
            params = {"valueInputOption": "RAW", "insertDataOption": "INSERT_ROWS"}
            self._call(lambda: self.client.http_client.values_append(self.key, a1_tab(tab), params, body),
                       writing=True, repeatable=False, tab=tab)

    def write_tab(self, tab: str, rows: list[list[object]]) -> None:
        """Replace a tab's values in one `values:batchUpdate` (a missing tab is added first)."""
        if self.titles is None or tab not in self.titles:
            self.titles = self._titles()
        if tab not in self.titles:
            self._add_sheet(tab)
        width = max([len(r) for r in rows] + [self._width.get(tab, 0), 1])
        height = max(len(rows), self.last_rows.get(tab, 0))
        values = [r + [""] * (width - len(r)) for r in text_rows(rows)]
        values += [[""] * width for _ in range(height - len(rows))]
        body = {"valueInputOption": "RAW", "data": [{"range": f"{a1_tab(tab)}!A1", "values": values}]}
        self._call(lambda: self.client.http_client.values_batch_update(self.key, body), writing=True)
        self.last_rows[tab] = len(rows)
        self._width[tab] = max((len(r) for r in rows), default=0)
        self._headers.pop(tab, None)

    @property
    def service_account_email(self) -> str:
        http = self.client.http_client
        for creds in (getattr(http, "auth", None), getattr(http.session, "credentials", None)):
            email = getattr(creds, "service_account_email", None)
            if email:
                return email
        return "e-mail сервисного аккаунта (поле client_email ключа)"

    # -- internals ---------------------------------------------------------
    def _frame(self, tab: str, values: list[list[object]]) -> pd.DataFrame:
        self.last_rows[tab] = len(values)
        self._width[tab] = max((len(r) for r in values), default=0)
        return frame_from_rows(values)

    def _add_sheet(self, tab: str) -> bool:
        """Add the tab; False when it turns out to be there already (then it is read, for its header)."""
        try:
            self._call(lambda: self.client.http_client.batch_update(
                self.key, {"requests": [{"addSheet": {"properties": {"title": tab}}}]}), writing=True)
        except _TabExists:
            self.read_tab(tab)
            return False
        if self.titles is not None and tab not in self.titles:
            self.titles.append(tab)
        return True

    def _batch_get(self, ranges: list[str]) -> dict:
        return self._call(lambda: self.client.http_client.values_batch_get(
            self.key, [a1_tab(t) for t in ranges], params={"valueRenderOption": "FORMATTED_VALUE"}))

    def _needs_tab_list(self) -> bool:
        """Before the batchGet: only when all tabs are wanted and not yet known, or the refresh
        button asked to look again for configured tabs that were missing."""
        if self.wanted is None:
            return self.titles is None or self._look_again
        return self._look_again and self.titles is not None and any(t not in self.titles for t in self.wanted)

    def _ranges(self) -> list[str]:
        if self.titles is None:
            return list(self.wanted or [])
        titles = self.titles
        if self.wanted is None:
            return list(titles)
        return [t for t in titles if t in self.wanted] or list(titles)

    def _titles(self) -> list[str]:
        meta = self._call(lambda: self.client.http_client.fetch_sheet_metadata(
            self.key, params={"fields": "sheets.properties.title"}))
        return [s["properties"]["title"] for s in meta.get("sheets", [])]

    def _call(self, fn, *, writing: bool = False, repeatable: bool = True, tab: str = ""):
        """`fn()` with retries: 429/5xx and lost connections up to `retries` times with growing pauses, a
        timeout once. `repeatable=False` (an append): retried only when Google surely did not apply it."""
        delay = self.backoff
        attempt = timeouts = 0
        while True:
            self.api_calls += 1
            try:
                return fn()
            except APIError as exc:
                code = exc.code
                if code in RETRY_CODES and attempt < self.retries and (repeatable or code == 429):
                    self.sleep(delay)
                    delay, attempt = delay * 2, attempt + 1
                    continue
                if code in RETRY_CODES and code != 429 and not repeatable:
                    raise self._unconfirmed(tab, f"ошибка сервера Google {code}") from None
                raise self._explain(exc, writing=writing) from None
            except RefreshError:
                self.api_calls -= 1  # the token exchange is not a Sheets call
                raise SourceError("Google не принял ключ сервисного аккаунта: ключ истёк, отозван или удалён. "
                                  "Создайте новый ключ в Google Cloud Console (IAM → Сервисные аккаунты → Ключи) "
                                  "и замените раздел [gcp_service_account] в .streamlit/secrets.toml.",
                                  kind="credentials") from None
            except (requests.RequestException, TransportError) as exc:
                token = isinstance(exc, TransportError)    # the token exchange failed: no Sheets call was made
                if token:
                    self.api_calls -= 1
                cause = exc.args[0] if token and exc.args else exc
                timed_out = isinstance(cause, requests.Timeout)
                if not repeatable and not token and not isinstance(cause, requests.ConnectTimeout):
                    raise self._unconfirmed(tab, "нет ответа" if timed_out else "связь прервалась") from None
                timeouts += timed_out
                if attempt < self.retries and timeouts < 2:
                    self.sleep(delay)
                    delay, attempt = delay * 2, attempt + 1
                    continue
                if timed_out:
                    raise SourceError(self._timeout_message(cause, attempt + 1, writing), kind="unavailable") from None
                raise SourceError(f"Нет связи с Google Sheets ({type(cause).__name__}). Проверьте интернет; "
                                  "показаны последние загруженные данные.", kind="unavailable") from None
            except GoogleAuthError as exc:
                self.api_calls -= 1
                raise SourceError(f"Ошибка авторизации Google ({type(exc).__name__}). Проверьте ключ сервисного "
                                  "аккаунта в .streamlit/secrets.toml.", kind="credentials") from None

    def _timeout_message(self, cause: Exception, attempts: int, writing: bool) -> str:
        t = self.timeout
        connect, read = t if isinstance(t, tuple) else (t, t)
        seconds = connect if isinstance(cause, requests.ConnectTimeout) else read
        within = f" за {seconds:g} с".replace(".", ",") if seconds is not None else ""
        tries = "ни с первой, ни со второй попытки" if attempts > 1 else "с первой попытки"
        then = "повторите сохранение через минуту." if writing else \
            "повторите через минуту; пока показаны последние загруженные данные."
        return f"Google Sheets не ответил{within} ({tries}). Проверьте интернет или {then}"

    def _unconfirmed(self, tab: str, why: str) -> SourceError:
        return SourceError(f"Google Sheets не подтвердил запись в лист «{tab}» ({why}). Возможно, строки всё же "
                           "добавлены: откройте лист и проверьте, прежде чем сохранять снова.", kind="unavailable")

    def _explain(self, exc: APIError, *, writing: bool = False) -> Exception:
        code, msg = exc.code, str(exc.error.get("message", ""))
        if code == 400 and "Unable to parse range" in msg:
            return _MissingRange(msg)
        if code == 400 and "already exists" in msg:
            return _TabExists(msg)
        if code in (401,):
            return SourceError("Google отклонил авторизацию (401). Проверьте ключ сервисного аккаунта в "
                               ".streamlit/secrets.toml.", kind="credentials")
        if code == 403 and writing:
            email = self.service_account_email
            return SourceError(f"Нет права на запись в таблицу: {email} может её только читать. Откройте таблицу "
                               f"в Google Sheets, нажмите «Настройки доступа» и дайте {email} роль «Редактор».",
                               kind="permission")
        if code == 403:
            return SourceError(f"Нет доступа к таблице. Откройте её в Google Sheets, нажмите «Настройки доступа» "
                               f"и добавьте {self.service_account_email} (читатель; редактор — чтобы сохранять пары). "
                               "Если доступ уже дан, включите Google Sheets API в проекте сервисного аккаунта.",
                               kind="permission")
        if code == 404:
            return SourceError(f"Таблица с ключом «{self.key}» не найдена. Проверьте ссылку: «Настройка» → «Учебный год "
                               "на сервере» (или раздел [years] файла настроек сервера).", kind="not_found")
        if code in RETRY_CODES:
            what = "превышен лимит запросов (429)" if code == 429 else f"ошибка сервера Google ({code})"
            return SourceError(f"Google Sheets временно недоступен: {what}. Повторите через минуту; "
                               "пока показаны последние загруженные данные.", kind="unavailable")
        return SourceError(f"Google Sheets вернул ошибку {code}: {msg[:200]}", kind="error")


class _MissingRange(Exception):
    pass


class _TabExists(Exception):
    pass
