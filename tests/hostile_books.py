"""Hostile .xlsx shapes, written as XML by hand (the way an attacker would, not through openpyxl): each small on
disk, each costly for a reader that trusts it. Used by tests/test_upload_limits.py and scripts/bench_upload.py."""
from __future__ import annotations

import io
import zipfile

HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def book(sheet_xml, shared: list[str] | None = None, *, level: int = 9) -> bytes:
    """A one-sheet .xlsx («Лист1») from the sheet's XML (text, or pieces of it to stream) and shared strings."""
    types = (f'{HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.worksheet+xml"/>'
             + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
             + '</Types>')
    rels = (f'{HEADER}<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'{HEADER}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Лист1" sheetId="1" '
                'r:id="rId1"/></sheets></workbook>')
    wb_rels = (f'{HEADER}<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
               'Target="worksheets/sheet1.xml"/>'
               + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                  if shared is not None else "") + '</Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for piece in [sheet_xml] if isinstance(sheet_xml, str) else sheet_xml:
                part.write(piece.encode())
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", _shared(shared))
    return out.getvalue()


def _shared(strings: list[str]) -> str:
    return (f'{HEADER}<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")


def sheet(rows: str, dimension: str = "A1") -> str:
    return f'{HEADER}<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_rows(n: int = 3) -> str:
    """A real little form: a header and `n` answers."""
    rows = [f'<row r="1">{cell("A1", "Отметка времени")}{cell("B1", "Адрес электронной почты")}</row>']
    rows += [f'<row r="{i}">{cell(f"A{i}", "01.09.2026 10:00:00")}{cell(f"B{i}", f"t{i}@school.ru")}</row>'
             for i in range(2, n + 2)]
    return "".join(rows)


# -- the shapes -----------------------------------------------------------------------------------------
def wide_rows(rows: int = 20_000) -> bytes:
    """One value per row in the last column (XFD): a trusting reader makes each row 16 384 values."""
    return book(sheet("".join(f'<row r="{i}">{cell(f"XFD{i}", "x")}</row>' for i in range(1, rows + 1)),
                      f"A1:XFD{rows}"))


def wide_empty_cells(rows: int = 20_000) -> bytes:
    """A styled empty cell per row in column XFD, and real answers in A:B."""
    body = header_rows(3) + "".join(f'<row r="{i}"><c r="XFD{i}" s="0"/></row>' for i in range(5, rows + 5))
    return book(sheet(body, f"A1:XFD{rows + 4}"))


def empty_rows(rows: int = 2_200_000) -> bytes:
    """Millions of empty rows after a little form."""
    return book(sheet(header_rows(3) + "".join(f'<row r="{i}"/>' for i in range(5, rows + 5))))


def row_gap() -> bytes:
    """A form, then one value in the last row of the sheet: a million blank rows between."""
    return book(sheet(header_rows(3) + f'<row r="1048576">{cell("A1048576", "x")}</row>', "A1:B1048576"))


def claimed_dimension() -> bytes:
    """A little form whose sheet claims all 17 billion cells: harmless when the claim is not believed."""
    return book(sheet(header_rows(3), "A1:XFD1048576"))


def zip_bomb(megabytes: int = 500) -> bytes:
    """A sheet that unpacks to `megabytes` of whitespace inside its data."""
    start, end = sheet(header_rows(3) + "\x00").split("\x00")
    pad = " " * 2**20
    return book([start, *(pad for _ in range(megabytes)), end])


def huge_shared_strings(count: int = 3_000_000) -> bytes:
    """A shared strings table of millions of entries (read in full before any row)."""
    return book(sheet(header_rows(3)), [f"s{i % 10}" for i in range(count)])
