"""A workbook downloaded from Google Sheets (.xlsx), or a folder of .csv exports."""
from __future__ import annotations

import csv
import io
import os
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import errors as expat_errors

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from .base import SourceError, TabChange, Tabs, cell_text, frame_from_rows, is_date
from .changes import new_header_cells
from .locks import file_lock, thread_lock

EXPAT_NO_MEMORY = expat_errors.codes[expat_errors.XML_ERROR_NO_MEMORY]     # expat's «out of memory»

ONLY_XLSX = "Запись возможна только в файл .xlsx на диске."
WHERE_YEARS = "Проверьте путь: «Настройка» → «Учебный год на сервере» (или раздел [years] файла настроек сервера)."


class ExcelSource:
    """`ExcelSource(path)`: an .xlsx file (or its bytes), or a folder with one .csv per tab.

    `max_rows`: refuse a workbook with more data rows than that in all its tabs (an upload that is not one
    school's answers), reading no further than the row that passes the limit."""

    def __init__(self, path: str | os.PathLike | bytes, label: str | None = None, max_rows: int | None = None):
        self.path = path
        self.max_rows = max_rows
        if isinstance(path, bytes):
            self.label = label or "загруженный файл"
        else:
            self.label = label or Path(path).name

    # -- reading -------------------------------------------------------------
    def read(self) -> Tabs:
        if isinstance(self.path, bytes):
            return _read_xlsx(io.BytesIO(self.path), self.label, self.max_rows)
        p = Path(self.path)
        if p.is_dir():
            return _read_csv_folder(p)
        if not p.exists():
            raise SourceError(f"Файл «{p}» не найден. "
                              f"{WHERE_YEARS}")
        if p.suffix.lower() == ".csv":
            return {p.stem: _read_csv(p)}
        return _read_xlsx(p, p.name, self.max_rows)

    def read_tab(self, tab: str) -> pd.DataFrame | None:
        """One tab as it is in the file now (no cache); None when there is no such tab."""
        if isinstance(self.path, bytes):
            return _read_xlsx(io.BytesIO(self.path), self.label, self.max_rows, only=tab).get(tab)
        p = Path(self.path)
        if p.is_dir() or p.suffix.lower() == ".csv":
            return self.read().get(tab)
        if not p.exists():
            raise SourceError(f"Файл «{p}» не найден. "
                              f"{WHERE_YEARS}")
        return _read_xlsx(p, p.name, self.max_rows, only=tab).get(tab)

    # -- writing -------------------------------------------------------------
    @contextmanager
    def write_lock(self, tab: str) -> Iterator[None]:
        """The whole file is rewritten by a write: one writer at a time, in this process and across processes
        (`<file>.lock` beside it)."""
        if self._folder() is not None:
            with file_lock(self._folder() / ".write"):
                yield
            return
        if self._writable() is None:
            with thread_lock(("excel", id(self))):
                yield
            return
        with file_lock(self._writable()):
            yield

    def apply_change(self, tab: str, change: TabChange) -> None:
        """Write the header's new cells, `change.cells` and the appended rows; every other cell stays as it was.
        Text is stored as text (even "=…"), dates as dates; the file is replaced in one step. In a folder of .csv
        the tab is its file (created as «<tab>.csv», UTF-8, when the folder has none)."""
        if self._folder() is not None:
            with file_lock(self._folder() / ".write"):
                _apply_csv(self._folder(), tab, change)
            return
        path = self._need_writable()
        with file_lock(path):
            wb = _open_for_writing(path)
            _refuse_formulas(wb, path)
            ws = wb[tab] if tab in wb.sheetnames else wb.create_sheet(tab)
            existing = [cell_text(c.value) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
            for col, text in new_header_cells(tab, existing, change).items():
                _set(ws.cell(row=1, column=col + 1), text)
            for row, col, value in change.cells:
                _set(ws.cell(row=row, column=col + 1), value)
            if change.append:
                start = max(_last_filled_row(ws), 1) + 1
                for i, values in enumerate(change.append):
                    for col, value in enumerate(values):
                        if value is not None and value != "":
                            _set(ws.cell(row=start + i, column=col + 1), value)
            _save(wb, path)

    def write_tab(self, tab: str, rows: list[list[object]]) -> None:
        """Replace one tab's contents (header + rows) in the .xlsx file; the tab keeps its place."""
        path = self._need_writable()
        with file_lock(path):
            wb = _open_for_writing(path)
            index = wb.sheetnames.index(tab) if tab in wb.sheetnames else len(wb.sheetnames)
            if tab in wb.sheetnames:
                del wb[tab]
            _refuse_formulas(wb, path)
            ws = wb.create_sheet(tab, index)
            for r, values in enumerate(rows, start=1):
                for c, value in enumerate(values, start=1):
                    if value is not None and value != "":
                        _set(ws.cell(row=r, column=c), value)
            _save(wb, path)

    def _folder(self) -> Path | None:
        return None if isinstance(self.path, bytes) or not Path(self.path).is_dir() else Path(self.path)

    def _writable(self) -> Path | None:
        if isinstance(self.path, bytes):
            return None
        p = Path(self.path)
        return p if p.suffix.lower() == ".xlsx" and not p.is_dir() else None

    def _need_writable(self) -> Path:
        path = self._writable()
        if path is None:
            raise SourceError(ONLY_XLSX)
        if not path.exists():
            raise SourceError(f"Файл «{path}» не найден. "
                              f"{WHERE_YEARS}")
        return path


# -- writing cells ---------------------------------------------------------------
def _set(cell, value: object) -> None:
    """Text as a string cell (never a formula), a date as a real date shown dd.mm.yyyy, nothing as empty."""
    if value is None or value == "":
        cell.value = None
    elif is_date(value):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_localize(None)
        when = stamp.to_pydatetime()
        cell.value = when
        cell.number_format = "DD.MM.YYYY" if when.time() == datetime.min.time() else "DD.MM.YYYY HH:MM:SS"
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(value))   # control characters Excel cannot store
        cell.value = text
        cell.data_type = "s"


def _last_filled_row(ws) -> int:
    """The last row with a value (formatted empty rows below it do not count); 0 for an empty sheet."""
    return max((row for (row, _), cell in ws._cells.items() if cell.value not in (None, "")), default=0)


def _refuse_formulas(wb, path: Path) -> None:
    """openpyxl saves a formula without the value Excel computed for it: every reader that does not recalculate
    (this dashboard included) would then see the cell empty. A book with formulas is not written."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            if cell.data_type == "f":
                raise SourceError(f"В файле «{path.name}» есть формулы (лист «{ws.title}», ячейка {cell.coordinate}): "
                                  "при записи из приложения их вычисленные значения пропали бы до пересчёта в Excel, "
                                  "поэтому ничего не записано. Замените формулы значениями (Копировать → Специальная "
                                  "вставка → Значения) или храните таблицу в Google Sheets.")


def _open_for_writing(path: Path):
    try:
        return openpyxl.load_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise SourceError(f"Не удалось открыть «{path.name}» для записи: {type(exc).__name__}.") from None


def _save(wb, path: Path) -> None:
    """Save to a temporary file beside `path`, then put it in place in one step (a reader sees the old
    file or the new one, never half of it)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -- reading ---------------------------------------------------------------------
MAX_COLUMNS = 200                  # a form's answers: one column per question (Google Forms: tens)
MAX_CELLS = 2_000_000              # cells written in the sheets' XML, empty ones included
MAX_UNZIPPED = 200 * 2**20         # bytes of all the book's parts once unpacked
MAX_RATIO = 200                    # a part that unpacks to more than 200× its size (and over 10 MB) is a bomb
SCAN_PER_ROW = 5                   # rows looked at (empty ones included) per data row allowed


class _Budget:
    """What a workbook may cost: data rows over its tabs (`limit`), rows looked at — empty ones and rows the XML
    skips included — and cells; the workbook is refused as soon as one is spent, naming it."""

    def __init__(self, limit: int | None, name: str):
        self.limit, self.name = limit, name
        self.used = self.scanned = self.cells = 0

    def spend(self, tab: str) -> None:
        self.used += 1
        if self.limit is not None and self.used > self.limit:
            self._refuse(f"больше {_n(self.limit)} строк (лист «{tab}»)")

    def scan(self, tab: str, rows: int, cells: int) -> None:
        self.scanned += rows
        self.cells += cells
        if self.limit is not None and self.scanned > self.limit * SCAN_PER_ROW:
            self._refuse(f"больше {_n(self.limit * SCAN_PER_ROW)} строк вместе с пустыми (лист «{tab}»)")
        if self.cells > MAX_CELLS:
            self._refuse(f"больше {_n(MAX_CELLS)} ячеек (лист «{tab}»)")

    def _refuse(self, what: str) -> None:
        raise SourceError(f"В книге «{self.name}» {what}: это не похоже на выгрузку анкет одной школы. Загрузите книгу "
                          "одного учебного года, скачанную из Google Sheets (Файл → Скачать → Microsoft Excel), без "
                          "лишних листов и пустых строк в конце.", kind="too_big")


def _n(x: int) -> str:
    return f"{x:,}".replace(",", " ")


def _check_parts(fp, name: str) -> None:
    """Refuse a zip bomb before anything is unpacked: the parts' sizes as the archive states them (an archive that
    lies about them fails to unpack past the stated size)."""
    try:
        with zipfile.ZipFile(fp) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return                                         # not a zip: openpyxl says what it is
    finally:
        if hasattr(fp, "seek"):
            fp.seek(0)
    total = sum(p.file_size for p in parts)
    bomb = next((p for p in parts if p.file_size > 10 * 2**20 and p.file_size > MAX_RATIO * max(p.compress_size, 1)),
                None)
    if total > MAX_UNZIPPED or bomb is not None:
        what = f"часть «{bomb.filename}» распаковывается в {bomb.file_size // 2**20} МБ" if bomb else \
            f"распакованная книга занимает {total // 2**20} МБ (предел {MAX_UNZIPPED // 2**20} МБ)"
        raise SourceError(f"Книга «{name}» не прочитана: {what} — так не выглядит выгрузка анкет одной школы. "
                          "Скачайте таблицу из Google Sheets ещё раз (Файл → Скачать → Microsoft Excel) и загрузите её.",
                          kind="too_big")


def _sheet_rows(ws, budget: _Budget) -> list[list[object]]:
    """The rows of a sheet up to its last filled row, read from its XML cell by cell (never widened to the
    column the sheet claims: one cell in column XFD would make every row 16 384 values). Blank rows inside the
    data are kept (they are reported); a value past column `MAX_COLUMNS` refuses the book — it is not dropped."""
    from openpyxl.worksheet._reader import WorkSheetParser    # the read-only sheet's own parser, without padding

    wb = ws.parent
    rows: list[list[object]] = []
    blank, expected = 0, 1
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for idx, cells in parser.parse():
            budget.scan(ws.title, max(idx - expected + 1, 1), len(cells))
            blank += max(idx - expected, 0)                # rows the XML skips are blank rows
            expected = max(idx + 1, expected)
            values = {c["column"]: c["value"] for c in cells if c["value"] not in (None, "")}
            if not values:
                blank += 1
                continue
            if max(values) > MAX_COLUMNS:
                raise SourceError(f"В книге «{budget.name}», лист «{ws.title}», строка {idx}: значение в столбце "
                                  f"{get_column_letter(max(values))} ({_n(max(values))}-м) — дальше {MAX_COLUMNS}-го "
                                  "столбца ответы анкет не бывают. Удалите лишние столбцы и загрузите книгу снова.",
                                  kind="too_big")
            for _ in range(blank):
                if rows:
                    budget.spend(ws.title)
                rows.append([])
            blank = 0
            if rows:
                budget.spend(ws.title)
            rows.append([values.get(c) for c in range(1, max(values) + 1)])
    return rows


def _out_of_memory(exc: BaseException) -> bool:
    """The reading process's memory limit met inside zlib (Z_MEM_ERROR) or expat (XML_ERROR_NO_MEMORY): the
    limit (data_sources.upload_reader says so), not a broken file."""
    if isinstance(exc, zlib.error):
        return "Error -4 " in str(exc) or "memory" in str(exc).lower()
    return isinstance(exc, ParseError) and getattr(exc, "code", None) == EXPAT_NO_MEMORY


def _unreadable(exc: Exception, name: str) -> Exception:
    if _out_of_memory(exc):
        return MemoryError(str(exc))
    what = "файл повреждён (сжатие)" if isinstance(exc, zlib.error) else type(exc).__name__
    return SourceError(f"Не удалось открыть «{name}» как книгу Excel (.xlsx): {what}. "
                       "Скачайте таблицу из Google Sheets через Файл → Скачать → Microsoft Excel (.xlsx).")


def _read_xlsx(fp, name: str, max_rows: int | None = None, only: str | None = None) -> Tabs:
    _check_parts(fp, name)
    try:
        wb = openpyxl.load_workbook(fp, read_only=True, data_only=True)
    except MemoryError:
        raise                 # a limit of the reading process, not a broken file (data_sources.upload_reader)
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raise _unreadable(exc, name) from None
    try:
        budget = _Budget(max_rows, name)
        return {ws.title: frame_from_rows(_sheet_rows(ws, budget))
                for ws in wb.worksheets if only is None or ws.title == only}
    except (SourceError, MemoryError):
        raise
    except Exception as exc:  # a sheet's XML broken (or the memory limit met while parsing it)
        raise _unreadable(exc, name) from None
    finally:
        wb.close()


def _read_csv(path: Path):
    return read_csv_bytes(path.read_bytes(), path.name)


def read_csv_bytes(data: bytes, name: str, max_rows: int | None = None) -> pd.DataFrame:
    """A form tool's CSV as it comes: UTF-8 (with or without BOM) or Windows-1251 (Excel, Yandex Forms), comma or
    semicolon — found from the file itself and kept in the frame's `attrs["read_as"]` to be said on «Данные»."""
    text, encoding = _decode(data)
    delimiter = _delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as err:
        raise SourceError(f"Файл «{name}» не читается как CSV (кодировка {encoding}, разделитель «{delimiter}»): "
                          f"{err}. Сохраните его заново как «CSV UTF-8» или скачайте ответы в формате .xlsx.") from None
    if max_rows is not None and len(rows) - 1 > max_rows:
        raise SourceError(f"В файле «{name}» больше {max_rows:,} строк — так не выглядят ответы одной школы за год. "
                          "Загрузите выгрузку одного учебного года.".replace(",", " "), kind="too_big")
    if len(rows) > 1 and max(len(r) for r in rows) == 1 and len(rows[0]) == 1 and len(rows[0][0]) > 200:
        raise SourceError(f"Файл «{name}» прочитан одной колонкой (кодировка {encoding}, разделитель «{delimiter}»): "
                          "похоже, разделитель другой. Сохраните файл как «CSV UTF-8 (разделитель — запятая)» или "
                          "скачайте ответы в формате .xlsx.")
    frame = frame_from_rows(rows)
    frame.attrs["read_as"] = f"CSV: кодировка {encoding}, разделитель «{delimiter}»"
    return frame


def csv_tab_name(file_name: str) -> str:
    """The tab a CSV file stands for: Google names a downloaded CSV "<Таблица> - <Лист>.csv"; other tools
    (Yandex Forms: one file per form) — the file's own name."""
    stem = Path(file_name).stem
    return stem.split(" - ", 1)[1] if " - " in stem else stem


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (с BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "Windows-1251"


def _delimiter(text: str) -> str:
    """«,» or «;» (or a tab): the one that splits the header and the first rows alike."""
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        return ";" if header.count(";") > header.count(",") else ","


def _csv_file(folder: Path, tab: str) -> Path:
    return next((f for f in sorted(folder.glob("*.csv")) if csv_tab_name(f.name) == tab), folder / f"{tab}.csv")


def _apply_csv(folder: Path, tab: str, change: TabChange) -> None:
    """`apply_change` for a tab that is a .csv file: its rows kept verbatim, in its own encoding and separator."""
    path = _csv_file(folder, tab)
    if path.exists():
        data = path.read_bytes()
        text, encoding = _decode(data)
        delimiter = _delimiter(text)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        codec = {"UTF-8 (с BOM)": "utf-8-sig", "UTF-8": "utf-8", "Windows-1251": "cp1251"}[encoding]
    else:
        rows, delimiter, codec = [], ",", "utf-8-sig"
    header = rows[0] if rows else []
    for col, text in new_header_cells(tab, list(header), change).items():
        header = header + [""] * (col + 1 - len(header)) if col >= len(header) else header
        header[col] = text
    rows = [header, *rows[1:]]
    for row, col, value in change.cells:
        while len(rows) < row:
            rows.append([])
        rows[row - 1] = rows[row - 1] + [""] * (col + 1 - len(rows[row - 1]))
        rows[row - 1][col] = cell_text(value)
    while len(rows) > 1 and not any(c.strip() for c in rows[-1]):
        rows.pop()                                       # appended after the last filled row, as in a sheet
    rows += [[cell_text(v) for v in values] for values in change.append]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    try:
        encoded = out.getvalue().encode(codec)
    except UnicodeEncodeError:
        raise SourceError(f"Файл «{path.name}» в кодировке Windows-1251, а в записи есть знаки, которых в ней нет. "
                          "Ничего не записано: сохраните файл как «CSV UTF-8».") from None
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".csv.tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(encoded)
    os.replace(tmp, path)


def _read_csv_folder(folder: Path) -> Tabs:
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise SourceError(f"В папке «{folder}» нет файлов .csv. Выгрузите каждый лист: Файл → Скачать → CSV.")
    tabs = {}
    for f in files:
        tabs[csv_tab_name(f.name)] = _read_csv(f)
    return tabs
