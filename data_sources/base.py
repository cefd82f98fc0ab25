"""What every source gives: tabs of text cells, and errors that say what to fix; what a write adds."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ContextManager, Protocol

import pandas as pd

Tabs = dict[str, pd.DataFrame]
# control characters (a paste from Word brings \x0b, its soft line break): no XML document (.docx, .xlsx) can hold
# them, so one such answer would break every download; \x0b/\x0c become a line break, the others go
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


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
class TabChange:
    """What one write adds to a tab, computed from a fresh read of it.

    header: the tab's header after the change — the existing one verbatim, then any new cells at the right
        end (the whole header when the tab is missing or empty).
    append: new rows aligned to `header`; cells are str, a date (datetime.date / datetime / pd.Timestamp)
        or None / "" for empty.
    cells: (sheet row number, 1-based with the header as row 1; column, 0-based; new value) — cells of
        existing rows to set (only marks like «Отобрана»)."""
    header: list[str]
    append: list[list[object]] = field(default_factory=list)
    cells: list[tuple[int, int, object]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """No row to append and no cell to set (whether the header grows is for the source to see)."""
        return not self.append and not self.cells


class WritableSource(Source, Protocol):
    """A source a write can go to: the caller holds `write_lock(tab)` around `read_tab` + working out the
    change + `apply_change`, so two writers never both append what only one should."""

    def read_tab(self, tab: str) -> pd.DataFrame | None: ...   # fresh, now; None: no such tab

    def write_lock(self, tab: str) -> ContextManager[None]: ...

    def apply_change(self, tab: str, change: TabChange) -> None: ...


@dataclass
class Snapshot:
    """One read of one academic year's workbook."""
    tabs: Tabs
    fetched_at: datetime
    api_calls: int | None = None     # Sheets API requests this read took (None: not a Google Sheets read)
    seconds: float = 0.0
    stale: bool = False              # True: the source is down, these are the last good data
    error: str | None = None         # why the data are stale


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


def is_date(value: object) -> bool:
    """A date cell of a write: datetime.date, datetime.datetime or pd.Timestamp (not NaT)."""
    return isinstance(value, date) and value is not pd.NaT


def cell_text(value: object) -> str:
    """A cell as the sources read it back: dates dd.mm.yyyy (with the time when there is one), None as ""."""
    if is_date(value) and not isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    return _cell_text(value)


def _cell_text(value: object) -> str:
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == 0:
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _CONTROL.sub("", str(value).translate(_BREAKS))
