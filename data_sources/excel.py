"""A workbook downloaded from Google Sheets (.xlsx), or a folder of .csv exports."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import openpyxl

from .base import SourceError, Tabs, frame_from_rows


class ExcelSource:
    """`ExcelSource(path)`: an .xlsx file (or its bytes), or a folder with one .csv per tab."""

    def __init__(self, path: str | os.PathLike | bytes, label: str | None = None):
        self.path = path
        if isinstance(path, bytes):
            self.label = label or "загруженный файл"
        else:
            self.label = label or Path(path).name

    def read(self) -> Tabs:
        if isinstance(self.path, bytes):
            return _read_xlsx(io.BytesIO(self.path), self.label)
        p = Path(self.path)
        if p.is_dir():
            return _read_csv_folder(p)
        if not p.exists():
            raise SourceError(f"Файл «{p}» не найден. Проверьте путь в config.toml (раздел [years]).")
        if p.suffix.lower() == ".csv":
            return {p.stem: _read_csv(p)}
        return _read_xlsx(p, p.name)

    def write_tab(self, tab: str, rows: list[list[object]]) -> None:
        """Replace one tab's contents (header + rows) in the .xlsx file."""
        if isinstance(self.path, bytes) or Path(self.path).is_dir():
            raise SourceError("Запись возможна только в файл .xlsx на диске.")
        wb = openpyxl.load_workbook(self.path)
        if tab in wb.sheetnames:
            del wb[tab]
        ws = wb.create_sheet(tab)
        for r in rows:
            ws.append(list(r))
        wb.save(self.path)


def _read_xlsx(fp, name: str) -> Tabs:
    try:
        wb = openpyxl.load_workbook(fp, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise SourceError(f"Не удалось открыть «{name}» как книгу Excel (.xlsx): {type(exc).__name__}. "
                          "Скачайте таблицу из Google Sheets через Файл → Скачать → Microsoft Excel (.xlsx).") from None
    try:
        return {ws.title: frame_from_rows([list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets}
    finally:
        wb.close()


def _read_csv(path: Path):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    return frame_from_rows(list(csv.reader(io.StringIO(text))))


def _read_csv_folder(folder: Path) -> Tabs:
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise SourceError(f"В папке «{folder}» нет файлов .csv. Выгрузите каждый лист: Файл → Скачать → CSV.")
    tabs = {}
    for f in files:
        # Google names a downloaded CSV "<Таблица> - <Лист>.csv"
        name = f.stem.split(" - ", 1)[1] if " - " in f.stem else f.stem
        tabs[name] = _read_csv(f)
    return tabs
