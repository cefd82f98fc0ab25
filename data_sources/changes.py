"""What a `TabChange` writes into a tab whose header is known: shared by the sources."""
from __future__ import annotations

from .base import SourceError, TabChange, cell_text


def new_header_cells(tab: str, existing: list[str], change: TabChange) -> dict[int, str]:
    """Header cells to write (0-based column -> text): those right of the existing header, and empty ones.

    A header that does not start with the existing one means the change was worked out from another
    read of the tab: refused, nothing is written."""
    cells = {}
    for i, text in enumerate(change.header):
        text = cell_text(text)
        was = existing[i] if i < len(existing) else ""
        if was == text or not text:
            continue
        if was:
            raise SourceError(f"Заголовок листа «{tab}» изменился, пока готовилась запись (столбец {i + 1}: "
                              f"«{was}», а не «{text}»). Ничего не записано: обновите страницу и повторите.")
        cells[i] = text
    return cells


def text_rows(rows: list[list[object]]) -> list[list[str]]:
    """Rows as the sheet shows them: text verbatim, dates dd.mm.yyyy, None as ""."""
    return [[cell_text(v) for v in row] for row in rows]


def column_letter(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out
