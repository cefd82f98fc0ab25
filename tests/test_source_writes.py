"""Writes that keep every row of the school's spreadsheet as it was, for each kind of source; Google reads
that give up after one retry when Google does not answer; uploads too large to be one school's answers."""
from __future__ import annotations

import io
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from data_sources import ExcelSource, GoogleSheetsSource, MemoryBook, SourceError, TabChange, make_client
from data_sources.base import frame_from_rows
from data_sources.registry import open_source
from tests.sheets_api import FakeSheetsAPI, service_account_info

ROOT = Path(__file__).resolve().parent.parent
KEY = "1WritesAbCdEfGhIjKlMnOpQrStUvWxYz01234567"
TAB = "Практики"
HEADER = ["Название", "Автор", "Телефон", "Отобрана"]
ROWS = [
    ['=HYPERLINK("http://x","y")', "Иванова", "+7 913", "Да"],
    ["", "", "", ""],                                        # a blank row in the middle stays where it is
    ["@SUM(A1)", "Петров", "-5", "Нет"],
    ["[x](http://e)", "Сидорова", "обычный текст", "Нет"],
]
OTHER = {"Другой лист": [["Ключ", "Значение"], ["=1+1", "+1"], ["a", "b"]]}
NEW = [
    ["=IMPORTXML(\"http://evil\",\"//a\")", "+79130000000", "-", "Да", date(2025, 9, 1)],
    ["Наставник года", "@мастер", "", "Нет", pd.Timestamp("2025-10-02")],
]
NEW_TEXT = [
    ["=IMPORTXML(\"http://evil\",\"//a\")", "+79130000000", "-", "Да", "01.09.2025"],
    ["Наставник года", "@мастер", "", "Нет", "02.10.2025"],
]
CHANGE = TabChange(header=HEADER + ["Сохранено"], append=NEW, cells=[(4, 3, "Да")])   # row 4: «@SUM(A1)»


def _xlsx(path: Path, tabs: dict[str, list[list[str]]]) -> Path:
    """A workbook as Google exports it: every answer a text cell, "=…" included."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tabs.items():
        ws = wb.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value:
                    cell = ws.cell(row=r, column=c)
                    cell.value = value
                    cell.data_type = "s"
    wb.save(path)
    return path


def _google(api: FakeSheetsAPI, **kw) -> GoogleSheetsSource:
    return GoogleSheetsSource(make_client(service_account_info(), adapter=api), KEY, sleep=lambda s: None, **kw)


def _tabs() -> dict[str, list[list[str]]]:
    return {TAB: [list(HEADER)] + [list(r) for r in ROWS], **{k: [list(r) for r in v] for k, v in OTHER.items()}}


@pytest.fixture(params=["excel", "google", "memory"])
def kind(request):
    return request.param


@pytest.fixture
def made(kind, tmp_path):
    """(source, api or path or None) holding `_tabs()`."""
    if kind == "excel":
        path = _xlsx(tmp_path / "2025-26.xlsx", _tabs())
        return ExcelSource(path), path
    if kind == "google":
        api = FakeSheetsAPI({KEY: _tabs()})
        return _google(api), api
    return MemoryBook({k: frame_from_rows(v) for k, v in _tabs().items()}, label="Демо"), None


def _rows(frame: pd.DataFrame) -> list[list[str]]:
    return frame.values.tolist()


# --- every source: the rows there stay exactly as they were --------------------------------------------
def test_apply_change_keeps_every_row_verbatim_and_appends_after_them(made):
    src, _ = made
    with src.write_lock(TAB):
        before = src.read_tab(TAB)
        src.apply_change(TAB, CHANGE)
    assert _rows(before) == ROWS
    after = src.read_tab(TAB)
    assert list(after.columns) == HEADER + ["Сохранено"]
    expected = [r + [""] for r in ROWS]
    expected[2][3] = "Да"                                             # the one cell the change sets
    assert _rows(after) == expected + NEW_TEXT
    assert after.iat[0, 0] == '=HYPERLINK("http://x","y")' and after.iat[4, 0] == NEW_TEXT[0][0]
    others = src.read()
    assert _rows(others["Другой лист"]) == OTHER["Другой лист"][1:]      # another tab: untouched
    assert _rows(others[TAB]) == expected + NEW_TEXT


def test_a_missing_tab_is_created_with_its_header_and_rows(made):
    src, _ = made
    with src.write_lock("SWOT"):
        assert src.read_tab("SWOT") is None
        src.apply_change("SWOT", TabChange(header=["Раздел", "Текст", "Сохранено"],
                                           append=[["Угрозы", "=не формула", datetime(2025, 9, 1, 14, 30)]]))
    tab = src.read_tab("SWOT")
    assert list(tab.columns) == ["Раздел", "Текст", "Сохранено"]
    assert _rows(tab) == [["Угрозы", "=не формула", "01.09.2025 14:30:00"]]
    assert _rows(src.read_tab(TAB)) == ROWS


def test_a_change_with_nothing_new_writes_nothing(made):
    src, where = made
    with src.write_lock(TAB):
        tab = src.read_tab(TAB)
        change = TabChange(header=list(tab.columns))
        assert change.empty
        src.apply_change(TAB, change)
    if isinstance(where, FakeSheetsAPI):
        assert where.sheets_calls() == 1                            # the read only
    assert _rows(src.read_tab(TAB)) == ROWS


def test_a_header_that_is_not_the_tabs_own_is_refused_and_nothing_is_written(made):
    src, _ = made
    src.read_tab(TAB)
    with pytest.raises(SourceError) as err:
        src.apply_change(TAB, TabChange(header=["Другое"] + HEADER[1:], append=[["x"]]))
    assert "Заголовок листа «Практики» изменился" in str(err.value)
    assert _rows(src.read_tab(TAB)) == ROWS


# --- .xlsx: text cells stay text, dates are dates, the file is replaced whole ---------------------------
def test_xlsx_cells_written_are_strings_never_formulas_and_dates_are_dates(tmp_path):
    path = _xlsx(tmp_path / "book.xlsx", _tabs())
    src = ExcelSource(path)
    src.read_tab(TAB)
    src.apply_change(TAB, CHANGE)
    ws = openpyxl.load_workbook(path)[TAB]
    marked = ROWS[2][:3] + ["Да"]
    for row, values in ((2, ROWS[0]), (4, marked), (5, ROWS[3]), (6, NEW[0]), (7, NEW[1])):
        for col, value in enumerate(values[:4], start=1):
            cell = ws.cell(row=row, column=col)
            if value:
                assert (cell.value, cell.data_type) == (value, "s"), (row, col)
    assert ws["E1"].value == "Сохранено" and ws.max_row == 7
    assert ws["E6"].value == datetime(2025, 9, 1) and ws["E6"].number_format == "DD.MM.YYYY"
    assert ws["E7"].is_date and ws["C7"].value is None
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert not list(tmp_path.glob(".book.xlsx.*"))                  # no temporary file left behind


def test_write_tab_on_xlsx_keeps_text_as_text_and_dates_as_dates(tmp_path):
    path = _xlsx(tmp_path / "book.xlsx", _tabs())
    ExcelSource(path).write_tab(TAB, [HEADER + ["Дата"], ["=2+2", "+7", "-1", "@x", date(2025, 9, 1)]])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [TAB, "Другой лист"]                       # the tab keeps its place
    ws = wb[TAB]
    assert [(c.value, c.data_type) for c in ws[2][:4]] == [("=2+2", "s"), ("+7", "s"), ("-1", "s"), ("@x", "s")]
    assert ws["E2"].value == datetime(2025, 9, 1)
    assert _rows(ExcelSource(path).read()[TAB]) == [["=2+2", "+7", "-1", "@x", "01.09.2025"]]


def test_an_xlsx_with_formulas_is_not_written_as_their_computed_values_would_be_lost(tmp_path):
    path = _xlsx(tmp_path / "book.xlsx", _tabs())
    wb = openpyxl.load_workbook(path)
    wb["Другой лист"]["C2"] = "=1+1"                 # a real formula (openpyxl keeps no computed value for it)
    wb.save(path)
    before = path.read_bytes()
    for write in (lambda src: src.apply_change(TAB, CHANGE), lambda src: src.write_tab(TAB, [HEADER])):
        with pytest.raises(SourceError, match="есть формулы \\(лист «Другой лист», ячейка C2\\)"):
            write(ExcelSource(path))
    assert path.read_bytes() == before


def test_uploaded_bytes_are_never_written(tmp_path):
    data = (_xlsx(tmp_path / "b.xlsx", _tabs())).read_bytes()
    src = ExcelSource(data)
    assert _rows(src.read_tab(TAB))
    with pytest.raises(SourceError, match="Запись возможна только в файл .xlsx на диске"):
        src.apply_change(TAB, CHANGE)


def test_a_folder_of_csv_is_written_like_a_book_in_each_files_own_encoding_and_separator(tmp_path):
    """A Yandex Forms folder (cp1251, «;»): a save keeps every row of its file verbatim, in its encoding and
    separator, and adds only the new; a tab the folder lacks (the «Настройки» of a save) becomes its own file."""
    folder = tmp_path / "csv"
    folder.mkdir()
    lines = ["Название;Автор;Телефон;Отобрана", "Урок;Иванова;+7 913;Да", ";;;", "=1+1;Петрова;;"]
    (folder / f"Школа - {TAB}.csv").write_bytes("\r\n".join(lines).encode("cp1251") + b"\r\n")
    src = ExcelSource(folder)
    change = TabChange(header=HEADER + ["Сохранено"], append=[["Новая практика", "Сидорова", "", "", "да"]],
                       cells=[(4, 3, "Да")])
    with src.write_lock(TAB):
        src.apply_change(TAB, change)
    text = (folder / f"Школа - {TAB}.csv").read_bytes().decode("cp1251").splitlines()
    assert text == ["Название;Автор;Телефон;Отобрана;Сохранено", "Урок;Иванова;+7 913;Да", ";;;", "=1+1;Петрова;;Да",
                    "Новая практика;Сидорова;;;да"]
    with src.write_lock("Настройки"):
        src.apply_change("Настройки", TabChange(header=["Параметр", "Значение"], append=[["lists.topics", "[\"А\"]"]]))
    assert list(src.read()["Настройки"].columns) == ["Параметр", "Значение"]
    assert sorted(p.name for p in folder.glob("*.csv")) == ["Настройки.csv", f"Школа - {TAB}.csv"]


APPENDER = """
import sys
sys.path.insert(0, {root!r})
from data_sources import ExcelSource, TabChange
src, name = ExcelSource({path!r}), sys.argv[1]
for i in range(20):
    with src.write_lock("Журнал"):
        tab = src.read_tab("Журнал")
        src.apply_change("Журнал", TabChange(header=list(tab.columns), append=[[f"{{name}}-{{i}}", str(len(tab) + 1)]]))
"""


def _journal(tmp_path) -> Path:
    return _xlsx(tmp_path / "journal.xlsx", {"Журнал": [["Кто", "Номер"], ["учитель", "1"], ["завуч", "2"]], **OTHER})


def _check_journal(path: Path, writers: list[str]) -> None:
    tab = ExcelSource(path).read()["Журнал"]
    assert _rows(tab)[:2] == [["учитель", "1"], ["завуч", "2"]]
    assert sorted(tab["Кто"][2:]) == sorted(f"{w}-{i}" for w in writers for i in range(20))     # none lost
    # each writer read the tab and wrote under the same lock: the numbers it counted never repeat
    assert tab["Номер"].tolist() == [str(n) for n in range(1, 43)]


def test_two_processes_appending_to_one_xlsx_lose_no_row(tmp_path):
    path = _journal(tmp_path)
    script = APPENDER.format(root=str(ROOT), path=str(path))
    procs = [subprocess.Popen([sys.executable, "-c", script, who]) for who in ("первый", "второй")]
    assert [p.wait(120) for p in procs] == [0, 0]
    _check_journal(path, ["первый", "второй"])


def test_two_threads_appending_to_one_xlsx_lose_no_row(tmp_path):
    path = _journal(tmp_path)
    errors = []

    def work(name):
        src = ExcelSource(path)                        # a source object each: the lock is the file's
        try:
            for i in range(20):
                with src.write_lock("Журнал"):
                    tab = src.read_tab("Журнал")
                    src.apply_change("Журнал", TabChange(header=list(tab.columns),
                                                         append=[[f"{name}-{i}", str(len(tab) + 1)]]))
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in ("первый", "второй")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    _check_journal(path, ["первый", "второй"])


# --- Google Sheets: the calls a write makes, and rows typed in meanwhile -------------------------------
def test_google_append_to_an_existing_tab_is_one_values_append():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    with src.write_lock(TAB):
        tab = src.read_tab(TAB)
        assert api.sheets_calls() == 1 and api.sheets_calls("valuesGet") == 1
        src.apply_change(TAB, TabChange(header=list(tab.columns), append=[r[:4] for r in NEW]))
    assert api.sheets_calls() == 2 and api.sheets_calls("append") == 1
    append = api.calls[-1]
    assert append.range == f"'{TAB}'" and append.params["valueInputOption"] == ["RAW"]
    assert append.params["insertDataOption"] == ["INSERT_ROWS"]
    assert api.books[KEY][TAB][1:5] == ROWS and api.books[KEY][TAB][5:] == [r[:4] for r in NEW_TEXT]


def test_google_new_header_cell_and_a_mark_are_one_batch_update_then_one_append():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    src.read_tab(TAB)
    src.apply_change(TAB, CHANGE)
    assert [c.kind for c in api.calls if c.kind != "token"] == ["valuesGet", "valuesBatchUpdate", "append"]
    sheet = api.books[KEY][TAB]
    assert sheet[0] == HEADER + ["Сохранено"] and sheet[3] == ["@SUM(A1)", "Петров", "-5", "Да"]
    assert sheet[1] == ROWS[0] and sheet[4] == ROWS[3]


def test_google_missing_tab_is_one_add_sheet_and_one_batch_update():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    assert src.read_tab("SWOT") is None and api.sheets_calls() == 1 and api.sheets_calls("metadata") == 0
    src.apply_change("SWOT", TabChange(header=["Раздел", "Текст"], append=[["Угрозы", "=1"]]))
    assert [c.kind for c in api.calls if c.kind != "token"] == ["valuesGet", "batchUpdate", "valuesBatchUpdate"]
    assert api.books[KEY]["SWOT"] == [["Раздел", "Текст"], ["Угрозы", "=1"]]


def test_google_row_typed_into_the_sheet_between_the_read_and_the_write_survives():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    typed = ["Введено вручную", "Завуч", "", "Нет"]

    def someone_types(call):
        if call.kind == "append":
            api.books[KEY][TAB].append(list(typed))

    with src.write_lock(TAB):
        tab = src.read_tab(TAB)
        api.on_call = someone_types
        src.apply_change(TAB, TabChange(header=list(tab.columns), append=[r[:4] for r in NEW]))
    after = src.read_tab(TAB)
    assert _rows(after) == ROWS + [typed] + [r[:4] for r in NEW_TEXT]


def test_google_tab_deleted_between_the_read_and_the_write_is_said_not_raised():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    tab = src.read_tab(TAB)
    del api.books[KEY][TAB]
    with pytest.raises(SourceError, match="удалён или переименован"):
        src.apply_change(TAB, TabChange(header=list(tab.columns), append=[["x"]]))
    assert TAB not in api.books[KEY] and api.sheets_calls("batchUpdate") == 0


def test_google_two_source_objects_of_one_spreadsheet_share_the_write_lock():
    api = FakeSheetsAPI({KEY: {"Журнал": [["Кто", "Номер"]]}})
    client = make_client(service_account_info(), adapter=api)

    def work(name):
        src = GoogleSheetsSource(client, KEY, sleep=lambda s: None)
        for i in range(10):
            with src.write_lock("Журнал"):
                tab = src.read_tab("Журнал")
                src.apply_change("Журнал", TabChange(header=list(tab.columns), append=[[f"{name}-{i}", str(len(tab) + 1)]]))

    threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    numbers = [r[1] for r in api.books[KEY]["Журнал"][1:]]
    assert numbers == [str(n) for n in range(1, 21)]


def test_google_write_without_editor_rights_says_to_give_the_editor_role():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    src.read_tab(TAB)
    api.fail_next(403)
    with pytest.raises(SourceError) as err:
        src.apply_change(TAB, TabChange(header=HEADER, append=[["x"]]))
    assert err.value.kind == "permission"
    assert "«Редактор»" in str(err.value) and "dashboard@school-project.iam.gserviceaccount.com" in str(err.value)


def test_google_append_that_timed_out_is_not_sent_twice():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api, timeout=(0.2, 0.3))
    src.read_tab(TAB)
    api.hang = True
    with pytest.raises(SourceError) as err:
        src.apply_change(TAB, TabChange(header=HEADER, append=[["x"]]))
    assert api.sheets_calls("append") == 1                 # Google may have added the row: never a second copy
    assert "не подтвердил запись" in str(err.value) and "проверьте" in str(err.value)


def test_google_append_refused_for_the_quota_is_retried():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api)
    src.read_tab(TAB)
    api.fail_next(429)
    src.apply_change(TAB, TabChange(header=HEADER, append=[["x"]]))
    assert api.sheets_calls("append") == 2 and api.books[KEY][TAB][-1] == ["x"]


# --- Google timeouts ---------------------------------------------------------------------------------
def test_a_hung_google_is_tried_twice_then_said_to_be_unavailable():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = _google(api, timeout=(0.2, 0.5), retries=4)
    src.read()                                             # signed in: the token is there
    before = api.sheets_calls()
    api.hang = True
    with pytest.raises(SourceError) as err:
        src.read()
    assert err.value.kind == "unavailable"
    assert api.sheets_calls() - before == 2 and src.api_calls == 2    # one retry, not four
    assert "не ответил за 0,5 с" in str(err.value)


def test_a_hung_token_exchange_is_a_timeout_too():
    api = FakeSheetsAPI({KEY: _tabs()})
    api.hang = True
    src = _google(api, timeout=(0.2, 0.3))
    with pytest.raises(SourceError) as err:
        src.read()
    assert err.value.kind == "unavailable" and "не ответил" in str(err.value)
    assert [c.kind for c in api.calls] == ["token", "token"] and api.sheets_calls() == 0


def test_timeout_reaches_the_client_from_the_registry():
    api = FakeSheetsAPI({KEY: _tabs()})
    src = open_source("2025/26", KEY, service_account=service_account_info(), adapter=api, timeout=(1.5, 7))
    assert src.client.http_client.timeout == (1.5, 7) and src.timeout == (1.5, 7)
    assert make_client(service_account_info(), adapter=api).http_client.timeout == (5, 20)


# --- uploads -----------------------------------------------------------------------------------------
def _big_xlsx(rows: int, tabs: tuple[str, ...] = ("Анкеты",)) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    for name in tabs:
        ws = wb.create_sheet(name)
        ws.append(["Отметка времени", "Адрес электронной почты", "ФИО"])
        for i in range(rows):
            ws.append(["05.09.2025 10:00:00", f"t{i}@school.ru", f"Учитель {i}"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_upload_with_too_many_rows_is_refused_reading_no_further_than_the_limit(monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    data = _big_xlsx(60_000)        # three times the limit: reading stops at the limit, not at the end
    seen = []
    real = ReadOnlyWorksheet._get_row
    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", lambda self, *a, **k: seen.append(1) or real(self, *a, **k))
    with pytest.raises(SourceError) as err:
        ExcelSource(data, label="анкеты.xlsx", max_rows=20_000).read()
    text = str(err.value)
    assert "больше 20 000 строк" in text and "лист «Анкеты»" in text and "одного учебного года" in text
    assert len(seen) <= 20_002                             # the header, the limit, the row past it


def test_the_row_limit_counts_every_tab_and_names_the_one_that_passed_it():
    data = _big_xlsx(60, tabs=("Наставляемые", "Наставники"))
    with pytest.raises(SourceError, match="больше 100 строк \\(лист «Наставники»\\)"):
        ExcelSource(data, max_rows=100).read()
    tabs = ExcelSource(data, max_rows=120).read()
    assert [len(t) for t in tabs.values()] == [60, 60]


def test_a_workbook_under_the_limit_reads_as_before(tmp_path):
    path = _xlsx(tmp_path / "b.xlsx", _tabs())
    assert {k: _rows(v) for k, v in ExcelSource(path.read_bytes(), max_rows=20_000).read().items()} == \
        {k: _rows(v) for k, v in ExcelSource(path).read().items()}
    assert _rows(ExcelSource(path, max_rows=6).read()[TAB]) == ROWS     # 4 rows (one blank) + 2: at the limit, read
    with pytest.raises(SourceError, match="больше 5 строк"):
        ExcelSource(path, max_rows=5).read()


# -- CSV as form tools and Excel write it (issue 20, item 5) ----------------------------------------------
@pytest.mark.parametrize("encoding,delimiter,said", [("utf-8-sig", ",", "UTF-8 (с BOM), разделитель «,»"),
                                                    ("utf-8", ";", "UTF-8, разделитель «;»"),
                                                    ("cp1251", ";", "Windows-1251, разделитель «;»"),
                                                    ("cp1251", ",", "Windows-1251, разделитель «,»")])
def test_a_csv_in_any_common_encoding_and_separator_reads_whole_and_says_how(tmp_path, encoding, delimiter, said):
    import csv as csv_module
    import io as io_module

    from analysis import load_program
    from data_sources import ExcelSource

    rows = [["Время создания", "Адрес электронной почты", "С какими темами нужна помощь наставника?"],
            ["05.09.2026 10:00:00", "a@s.ru", "Подготовка обучающихся к ОГЭ, ЕГЭ; Работа с родителями"],
            ["05.09.2026 11:00:00", "b@s.ru", "Работа с родителями"]]
    out = io_module.StringIO()
    csv_module.writer(out, delimiter=delimiter).writerows(rows)
    folder = tmp_path / "выгрузка"
    folder.mkdir()
    (folder / "Запросы наставляемых.csv").write_bytes(out.getvalue().encode(encoding))
    tab = ExcelSource(folder).read()["Запросы наставляемых"]
    assert [list(tab.columns), *tab.values.tolist()] == rows
    assert tab.attrs["read_as"] == f"CSV: кодировка {said}"
    program = load_program({"Запросы наставляемых": tab})
    assert any(p.tab == "Запросы наставляемых" and said in p.message for p in program.problems)
