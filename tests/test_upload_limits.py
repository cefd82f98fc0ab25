"""A hostile upload costs the server little: each shape below is small on disk and was, before, seconds to
minutes of CPU or gigabytes of memory. Now the reader's budget refuses it with a Russian message naming the
limit (or reads it as the little form it is), in a child process whose memory goes back when it ends."""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from data_sources.base import SourceError
from data_sources.excel import ExcelSource
from data_sources.upload_reader import LAST, MEMORY_MB, read_upload
from tests import hostile_books as hb
from tests.conftest import ROOT

REFUSED = {
    "wide_rows": "значение в столбце XFD (16 384-м) — дальше 200-го столбца",
    "empty_rows": "больше 100 000 строк вместе с пустыми",
    "row_gap": "больше 100 000 строк вместе с пустыми",
    "zip_bomb": "распаковывается в 500 МБ",
    "huge_shared_strings": "«xl/sharedStrings.xml» распаковывается в 51 МБ",
}
READ = ("wide_empty_cells", "claimed_dimension")          # harmless once their claims are not believed


def rss_mb() -> float:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.parametrize("shape", [*REFUSED, *READ])
def test_each_hostile_shape_is_refused_or_read_as_the_little_form_it_is(shape):
    data = getattr(hb, shape)()
    before = rss_mb()
    started = time.perf_counter()
    if shape in REFUSED:
        with pytest.raises(SourceError) as err:
            read_upload(data, f"{shape}.xlsx", 20_000)
        assert REFUSED[shape] in str(err.value) and err.value.kind == "too_big"
        assert "загрузите" in str(err.value).lower()                       # and what to do
    else:
        tabs = read_upload(data, f"{shape}.xlsx", 20_000)
        sheet = tabs["Лист1"]
        assert list(sheet.columns) == ["Отметка времени", "Адрес электронной почты"] and len(sheet) == 3
    grew = rss_mb() - before
    assert grew < 50, f"the server grew by {grew:.0f} MB"                  # the reading happened elsewhere
    assert LAST["peak_mb"] < 150 + MEMORY_MB
    print(f"{shape}: {len(data) / 1024:.0f} KB, {time.perf_counter() - started:.1f} s, child peak "
          f"{LAST['peak_mb']:.0f} MB, server +{grew:.0f} MB")


def test_a_child_that_runs_out_of_memory_is_said_in_russian(monkeypatch):
    import data_sources.upload_reader as reader

    monkeypatch.setattr(reader, "MEMORY_MB", 1)              # the child may not grow: the demo book cannot be read
    # the larger demo book: the smaller one (2026/27) sometimes fit into memory the child's imports had freed
    data = (ROOT / "demo" / "2025-26.xlsx").read_bytes()
    with pytest.raises(SourceError) as err:
        reader.read_upload(data, "анкеты.xlsx", 20_000)
    assert "слишком сложная для чтения" in str(err.value) and "память" in str(err.value)


def test_an_upload_reads_exactly_as_the_file_does():
    data = (ROOT / "demo" / "2025-26.xlsx").read_bytes()
    child = read_upload(data, "анкеты.xlsx", 20_000)
    here = ExcelSource(data, label="анкеты.xlsx", max_rows=20_000).read()
    assert child.keys() == here.keys() and all(child[k].equals(here[k]) for k in here)


def test_a_book_whose_sheet_is_broken_is_said_and_nothing_crashes():
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Отметка времени", "Адрес электронной почты"])
    wb.active.append(["01.10.2026 10:00:00", "a@school.ru"])
    good = io.BytesIO()
    wb.save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            out.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(SourceError) as err:
        ExcelSource(broken.getvalue(), label="анкеты.xlsx", max_rows=20_000).read()
    assert "Не удалось открыть «анкеты.xlsx» как книгу Excel" in str(err.value)


def test_the_xml_parser_running_out_of_memory_is_the_memory_limit_not_a_broken_file():
    from xml.etree.ElementTree import ParseError

    from data_sources.excel import EXPAT_NO_MEMORY, _unreadable

    no_memory = ParseError("out of memory: line 1, column 0")
    no_memory.code = EXPAT_NO_MEMORY
    assert isinstance(_unreadable(no_memory, "анкеты.xlsx"), MemoryError)
    broken = ParseError("not well-formed (invalid token): line 1, column 0")
    broken.code = 4
    assert isinstance(_unreadable(broken, "анкеты.xlsx"), SourceError)
