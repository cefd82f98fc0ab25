"""Exports that are safe to open: form text never runs as a spreadsheet formula."""
from __future__ import annotations

import io
from typing import Iterable, Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """A text cell that begins like a formula gets a leading apostrophe (shown as text everywhere)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        value = ", ".join(map(str, value))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return neutralize(value)


PERCENT, DATE = "0%", "DD.MM.YYYY"          # how Excel/LibreOffice show them in a Russian locale: «86 %», «01.03.2026»


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame], *, percent: Iterable[str] = ()) -> bytes:
    """Workbook with one sheet per frame; every text cell neutralized, list cells joined with ", "; the columns
    named in `percent` hold shares (0.864) shown as percentages, dates shown as ДД.ММ.ГГГГ."""
    shares = set(percent)
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(name[:31])
        ws.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for i, col in enumerate(frame.columns, start=1):
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if str(col) in shares and isinstance(cell.value, (int, float)):
                    cell.number_format = PERCENT
                elif cell.is_date:
                    cell.number_format = DATE
        for i, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)]) if len(frame) else len(str(col))
            ws.column_dimensions[get_column_letter(i)].width = min(max(10, width + 2), 60)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
