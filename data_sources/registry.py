"""Which source an academic year reads from, as config.toml's [years] says."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Mapping

from .base import Source, SourceError
from .demo import demo_source, demo_years
from .excel import ExcelSource

TIMEOUT = (5.0, 20.0)      # seconds: to connect, then to wait for an answer (google_sheets.TIMEOUT)

_BARE_KEY = re.compile(r"^[a-zA-Z0-9-_]{30,}$")
SECRETS_SECTION = "gcp_service_account"


def source_kind(spec: str) -> str:
    """'demo', 'google' or 'file' for a [years] value."""
    s = spec.strip()
    if s.lower() == "demo":
        return "demo"
    if "docs.google.com/spreadsheets" in s or _BARE_KEY.match(s):
        return "google"
    return "file"


def open_source(year: str, spec: str, *, service_account: Mapping | None = None, tabs=None,
                retries: int = 4, backoff: float = 0.5, timeout: float | tuple[float, float] | None = TIMEOUT,
                base_dir: Path | None = None, adapter=None) -> Source:
    """The source of `year` as `spec` ([years] value) says; `timeout`: (connect, read) seconds per Google request."""
    kind = source_kind(spec)
    if kind == "demo":
        if year not in demo_years():
            raise SourceError(f"В демо-книге нет {year} года (есть {', '.join(demo_years())}). "
                              "Подключите таблицу этого года: «Настройка» → «Учебный год на сервере».")
        return demo_source(year)
    if kind == "google":
        if not service_account:
            raise SourceError("Для чтения Google Sheets нужен сервисный аккаунт: положите его ключ в "
                              ".streamlit/secrets.toml в раздел [gcp_service_account] (см. README, «Подключение "
                              "Google Sheets»), или скачайте таблицу как .xlsx и загрузите её в боковой панели.",
                              kind="credentials")
        from .google_sheets import GoogleSheetsSource, make_client   # gspread only when a Google year is opened

        client = make_client(service_account, adapter=adapter, timeout=timeout)
        return GoogleSheetsSource(client, spec, tabs=tabs, retries=retries, backoff=backoff, timeout=timeout,
                                  label=f"Google Sheets, {year}")
    path = Path(spec)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    return ExcelSource(path)
