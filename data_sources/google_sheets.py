"""Google Sheets through gspread: one `values:batchGet` per refresh, retries, clear errors.

When the configured tabs all exist, every read — the first one included — is exactly
one batchGet for all of them: no metadata call. Only when a tab is missing (the API
refuses the whole batch) is the tab list looked up (one metadata call) and remembered, so
later reads are again one batchGet for the tabs that exist. Errors become a
`SourceError` whose text says what to fix; no key or token is ever in it.
"""
from __future__ import annotations

import re
import time
from typing import Callable, Iterable

import gspread
import requests
from google.auth.exceptions import GoogleAuthError, RefreshError
from gspread.exceptions import APIError

from .base import SourceError, Tabs, frame_from_rows

SCOPES = ("https://www.googleapis.com/auth/spreadsheets",)
RETRY_CODES = {429, 500, 502, 503, 504}
_KEY_IN_URL = re.compile(r"/spreadsheets/d/([a-zA-Z0-9-_]+)")


def spreadsheet_key(spreadsheet: str) -> str:
    """A spreadsheet key from a key or any Google Sheets URL."""
    m = _KEY_IN_URL.search(spreadsheet)
    return m.group(1) if m else spreadsheet.strip()


def a1_tab(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def make_client(service_account_info: dict, adapter: requests.adapters.BaseAdapter | None = None) -> gspread.Client:
    """A gspread client for a service account. `adapter` (tests) is mounted for every HTTPS call,
    the token exchange included, so nothing leaves the machine."""
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
    return gspread.Client(creds, session=session)


class GoogleSheetsSource:
    """`GoogleSheetsSource(client, spreadsheet)` — one academic year's spreadsheet (key or URL).

    `tabs`: the tab titles to read (default: all). `api_calls` counts HTTP requests made
    to the Sheets API by the last `read()`, retries included."""

    def __init__(self, client: gspread.Client, spreadsheet: str, *, tabs: Iterable[str] | None = None,
                 retries: int = 4, backoff: float = 0.5, sleep: Callable[[float], None] = time.sleep,
                 label: str | None = None):
        self.client = client
        self.key = spreadsheet_key(spreadsheet)
        self.wanted = list(tabs) if tabs else None
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.label = label or f"Google Sheets …{self.key[-6:]}"
        self.titles: list[str] | None = None   # from metadata, or the configured tabs a read found
        self._look_again = False
        self.api_calls = 0
        self.last_rows: dict[str, int] = {}

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
            tabs[title] = frame_from_rows(vr.get("values", []))
            self.last_rows[title] = len(vr.get("values", []))
        return tabs

    def forget_titles(self) -> None:
        """The refresh button: on the next read, look again for configured tabs that were missing
        (a tab added since); with none missing the read stays one batchGet."""
        self._look_again = True

    def write_tab(self, tab: str, rows: list[list[object]]) -> None:
        """Replace a tab's values in one `values:batchUpdate` (a missing tab is added first)."""
        if self.titles is None or tab not in self.titles:
            self.titles = self._titles()
        if tab not in self.titles:
            self._call(lambda: self.client.http_client.batch_update(
                self.key, {"requests": [{"addSheet": {"properties": {"title": tab}}}]}))
            self.titles.append(tab)
        width = max((len(r) for r in rows), default=1)
        height = max(len(rows), self.last_rows.get(tab, 0))
        values = [[("" if c is None else str(c)) for c in r] + [""] * (width - len(r)) for r in rows]
        values += [[""] * width for _ in range(height - len(rows))]
        body = {"valueInputOption": "RAW", "data": [{"range": f"{a1_tab(tab)}!A1", "values": values}]}
        self._call(lambda: self.client.http_client.values_batch_update(self.key, body))
        self.last_rows[tab] = len(rows)

    @property
    def service_account_email(self) -> str:
        http = self.client.http_client
        for creds in (getattr(http, "auth", None), getattr(http.session, "credentials", None)):
            email = getattr(creds, "service_account_email", None)
            if email:
                return email
        return "e-mail сервисного аккаунта (поле client_email ключа)"

    # -- internals ---------------------------------------------------------
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

    def _call(self, fn):
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self.api_calls += 1
            try:
                return fn()
            except APIError as exc:
                code = exc.code
                if code in RETRY_CODES and attempt < self.retries:
                    self.sleep(delay)
                    delay *= 2
                    continue
                raise self._explain(exc) from None
            except RefreshError:
                self.api_calls -= 1  # the token exchange is not a Sheets call
                raise SourceError("Google не принял ключ сервисного аккаунта: ключ истёк, отозван или удалён. "
                                  "Создайте новый ключ в Google Cloud Console (IAM → Сервисные аккаунты → Ключи) "
                                  "и замените раздел [gcp_service_account] в .streamlit/secrets.toml.",
                                  kind="credentials") from None
            except GoogleAuthError as exc:
                self.api_calls -= 1
                raise SourceError(f"Ошибка авторизации Google ({type(exc).__name__}). Проверьте ключ сервисного "
                                  "аккаунта в .streamlit/secrets.toml.", kind="credentials") from None
            except requests.RequestException as exc:
                if attempt < self.retries:
                    self.sleep(delay)
                    delay *= 2
                    continue
                raise SourceError(f"Нет связи с Google Sheets ({type(exc).__name__}). Проверьте интернет; "
                                  "показаны последние загруженные данные.", kind="unavailable") from None

    def _explain(self, exc: APIError) -> Exception:
        code, msg = exc.code, str(exc.error.get("message", ""))
        if code == 400 and "Unable to parse range" in msg:
            return _MissingRange(msg)
        if code in (401,):
            return SourceError("Google отклонил авторизацию (401). Проверьте ключ сервисного аккаунта в "
                               ".streamlit/secrets.toml.", kind="credentials")
        if code == 403:
            return SourceError(f"Нет доступа к таблице. Откройте её в Google Sheets, нажмите «Настройки доступа» "
                               f"и добавьте {self.service_account_email} (читатель; редактор — чтобы сохранять пары). "
                               "Если доступ уже дан, включите Google Sheets API в проекте сервисного аккаунта.",
                               kind="permission")
        if code == 404:
            return SourceError(f"Таблица с ключом «{self.key}» не найдена. Проверьте ссылку в config.toml "
                               "(раздел [years]).", kind="not_found")
        if code in RETRY_CODES:
            what = "превышен лимит запросов (429)" if code == 429 else f"ошибка сервера Google ({code})"
            return SourceError(f"Google Sheets временно недоступен: {what}. Повторите через минуту; "
                               "пока показаны последние загруженные данные.", kind="unavailable")
        return SourceError(f"Google Sheets вернул ошибку {code}: {msg[:200]}", kind="error")


class _MissingRange(Exception):
    pass
