"""What every source gives: tabs of text cells, and errors that say what to fix."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import pandas as pd

Tabs = dict[str, pd.DataFrame]


class SourceError(Exception):
    """A source could not be read. `str(err)` is a Russian message for the user: what to fix.

    It never contains a secret (no key, no token)."""

    def __init__(self, message: str, *, kind: str = "error"):
        super().__init__(message)
        self.kind = kind


class Source(Protocol):
    label: str   # shown in the sidebar; never a secret

    def read(self) -> Tabs: ...


@dataclass
class Snapshot:
    """One read of one academic year's workbook."""
    tabs: Tabs
    fetched_at: datetime
    api_calls: int | None = None     # Sheets API requests this read took (None: not a Google Sheets read)
    seconds: float = 0.0
    stale: bool = False              # True: the source is down, these are the last good data
    error: str | None = None         # why the data are stale
    notes: list[str] = field(default_factory=list)


def frame_from_rows(rows: list[list[object]]) -> pd.DataFrame:
    """First row = headers (kept verbatim, duplicates allowed); ragged rows padded with ""."""
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    header = [_cell_text(c) for c in rows[0]] + [""] * (width - len(rows[0]))
    body = [[_cell_text(c) for c in r] + [""] * (width - len(r)) for r in rows[1:]]
    # drop trailing all-empty rows (spreadsheet padding), keep inner blank rows (they are reported)
    while body and not any(c.strip() for c in body[-1]):
        body.pop()
    return pd.DataFrame(body, columns=header, dtype=object)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
