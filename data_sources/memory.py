"""A workbook held in memory: the bundled demo or an uploaded file, as one browser session's own copy."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import pandas as pd

from .base import Source, TabChange, Tabs, frame_from_rows
from .changes import new_header_cells, text_rows


class MemoryBook:
    """`MemoryBook(tabs, label)`: tabs of text cells that reads and writes change in memory only."""

    def __init__(self, tabs: Tabs, label: str = "книга в памяти"):
        self.label = label
        self._tabs = {name: frame.copy() for name, frame in tabs.items()}
        self._lock = threading.RLock()

    @classmethod
    def copy_of(cls, source: Source, label: str | None = None) -> "MemoryBook":
        """A copy of what `source` reads now."""
        return cls(source.read(), label=label or source.label)

    def read(self) -> Tabs:
        with self._lock:
            return {name: frame.copy() for name, frame in self._tabs.items()}

    def read_tab(self, tab: str) -> pd.DataFrame | None:
        with self._lock:
            frame = self._tabs.get(tab)
            return None if frame is None else frame.copy()

    @contextmanager
    def write_lock(self, tab: str) -> Iterator[None]:
        with self._lock:
            yield

    def apply_change(self, tab: str, change: TabChange) -> None:
        """Set the header's new cells and `cells`, then append the rows (dates as dd.mm.yyyy text)."""
        with self._lock:
            frame = self._tabs.get(tab)
            grid = _grid(frame) if frame is not None else []
            existing = grid[0] if grid else []
            for col, text in new_header_cells(tab, existing, change).items():
                _put(grid, 0, col, text)
            for row, col, value in change.cells:
                _put(grid, row - 1, col, text_rows([[value]])[0][0])
            while len(grid) > 1 and not any(c.strip() for c in grid[-1]):
                grid.pop()                      # appended rows follow the last row with something in it
            if not grid and change.append:
                grid.append([])
            grid += text_rows(change.append)
            self._tabs[tab] = frame_from_rows(grid) if grid else pd.DataFrame()


def _grid(frame: pd.DataFrame) -> list[list[str]]:
    return [[str(c) for c in frame.columns]] + [["" if v is None else str(v) for v in r] for r in frame.values.tolist()]


def _put(grid: list[list[str]], row: int, col: int, text: str) -> None:
    while len(grid) <= row:
        grid.append([])
    line = grid[row]
    line += [""] * (col + 1 - len(line))
    line[col] = text
