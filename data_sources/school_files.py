"""A school's year set up from «Настройка»: which book is which academic year, kept in the school's own folder
(`analysis.config.school_dir()`), so that after a restart the school's data open with no file written by hand.

`keep_year(year, tabs=…)` writes the tabs (an upload: one book, or one file per form) as `<year>.xlsx` in the
folder and names it in the folder's config.toml; `keep_year(year, spec="https://docs.google.com/…")` names a
Google spreadsheet. The school's other years and settings in that file stay; a file is replaced in one step.
"""
from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import Mapping

import pandas as pd

from analysis.config import ConfigError, merged, parse_config, school_dir, DEFAULT_CONFIG

from .base import SourceError


def kept_config() -> Path:
    return school_dir() / "config.toml"


def book_name(year: str) -> str:
    return "ответы-" + re.sub(r"[^0-9]+", "-", year).strip("-") + ".xlsx"


def keep_year(year: str, *, tabs: Mapping[str, pd.DataFrame] | None = None, spec: str | None = None,
              open_here: bool = False) -> Path:
    """Name `year`'s data in the school's config.toml: `tabs` written as a book in the school's folder, or `spec`
    (a Google spreadsheet's link or key, a path). `open_here`: the pages open without a login on this computer
    only (`[access] open_without_login`), as the demo did — for a coordinator running the dashboard on her own
    computer. Returns the config file written."""
    folder = school_dir()
    folder.mkdir(parents=True, exist_ok=True)
    if tabs is not None:
        path = folder / book_name(year)
        if path.exists():
            raise SourceError(f"На сервере уже есть книга «{path.name}» за {year} учебный год — она не заменяется, "
                              "чтобы не потерять записанное в неё. Выберите «Настроенный» источник: данные года "
                              "уже там.")
        _write_book(tabs, path)
        spec = path.name
    if not spec or not str(spec).strip():
        raise SourceError("Укажите ссылку на таблицу Google этого учебного года.")
    config = kept_config()
    raw = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    years = {k: v for k, v in raw.get("years", {}).items() if str(v).strip().lower() != "demo"}
    raw["years"] = {**years, year: str(spec).strip()}
    if open_here:
        raw.setdefault("access", {})["open_without_login"] = True
    with open(DEFAULT_CONFIG, "rb") as fh:
        try:
            parse_config(merged(tomllib.load(fh), raw), config)
        except ConfigError as err:
            raise SourceError(f"Год не сохранён: {err}") from None
    _replace(config, _toml(raw))
    return config


def keep_public_url(url: str) -> Path:
    """The dashboard's address in the school's network (the seminar's QR code leads the hall there), kept in the
    school's config.toml; "" forgets it (the address in the presenter's browser is used)."""
    url = url.strip().rstrip("/")
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise SourceError(f"«{url}» — не адрес сайта: он начинается с http:// или https://, например "
                          "http://192.168.1.20:8501.")
    config = kept_config()
    config.parent.mkdir(parents=True, exist_ok=True)
    raw = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    raw.setdefault("school", {})["public_url"] = url
    _replace(config, _toml(raw))
    return config


def _toml(raw: Mapping) -> str:
    import tomli_w

    return ("# Настройки школы, записанные страницей «Настройка» (какой файл или таблица — какой учебный год).\n"
            "# Остальное берётся из встроенного config.toml дашборда.\n\n" + tomli_w.dumps(dict(raw)))


def _write_book(tabs: Mapping[str, pd.DataFrame], path: Path) -> None:
    """The tabs as an .xlsx of text cells (as they were read), replaced in one step."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, frame in tabs.items():
        ws = wb.create_sheet(str(name))                  # names fit already (ui.state.upload: ≤ 31, unique)
        ws.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append(["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row])
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".toml")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
