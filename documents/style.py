"""The one style of every .docx the dashboard makes — the order, the ППН, the справка, the practices bank: A4
portrait; margins 3 cm left, 1.5 right, 2 top and bottom; Times New Roman 14 for text and headings (12 in tables);
the page number centred at the top of every page but the first; the school as the file's author (never
«python-docx»); the head of the school named in signature blocks."""
from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEXT_PT = 14
TABLE_PT = 12
FONT = "Times New Roman"
A4 = (Cm(21.0), Cm(29.7))
MARGINS_CM = {"left": 3.0, "right": 1.5, "top": 2.0, "bottom": 2.0}


def _font(style, size: int | None = None, bold: bool | None = None) -> None:
    style.font.name = FONT
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):     # Cyrillic text uses these, not only ascii
        fonts.set(qn(attr), FONT)


def _page_number(section) -> None:
    """The page number, centred in the header, from page 2 on (the first page of a document has none)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    run.font.name, run.font.size = FONT, Pt(TABLE_PT)


def new_document(school: str, *, title: str = "", landscape: bool = False) -> DocxDocument:
    """A document in the school's style; `school` is its author."""
    doc = Document()
    _font(doc.styles["Normal"], TEXT_PT)
    for name, size in (("Title", 16), ("Heading 1", TEXT_PT), ("Heading 2", TEXT_PT), ("Heading 3", TEXT_PT)):
        _font(doc.styles[name], size, bold=True)
    if "Table Grid" in [s.name for s in doc.styles]:
        _font(doc.styles["Table Grid"], TABLE_PT)
    for section in doc.sections:
        width, height = A4
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        section.left_margin, section.right_margin = Cm(MARGINS_CM["left"]), Cm(MARGINS_CM["right"])
        section.top_margin, section.bottom_margin = Cm(MARGINS_CM["top"]), Cm(MARGINS_CM["bottom"])
        _page_number(section)
    props = doc.core_properties
    props.author = props.last_modified_by = school or "Школа"
    props.title = title
    props.comments = ""
    return doc


def centered(doc: DocxDocument, text: str, *, bold: bool = False, size: int | None = None) -> None:
    """A centred line: the school, a title, a document's name."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def table(doc: DocxDocument, header: list[str], rows, widths=()):
    """A grid table: the header in bold, every cell in Times New Roman 12, column widths in cm (A4 portrait has
    16,5 cm between the margins). Cells are written as given (str)."""
    out = doc.add_table(rows=1, cols=len(header))
    out.style = "Table Grid"
    for cell, title in zip(out.rows[0].cells, header):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        for cell, value in zip(out.add_row().cells, values):
            cell.text = value
    table_text(out)
    for row in out.rows:
        for cell, width in zip(row.cells, widths or ()):
            cell.width = Cm(width)
    return out


def table_text(table, size: int = TABLE_PT) -> None:
    """Every cell of `table` in Times New Roman `size` (tables read at 12 pt)."""
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.name, run.font.size = FONT, Pt(size)


def signature(doc: DocxDocument, position: str, name: str) -> None:
    """«Директор ____________ И. О. Фамилия» — the name from the school's settings, a line to fill when unset."""
    doc.add_paragraph()
    doc.add_paragraph(f"{position or 'Директор'}\t\t____________\t{name or '____________________'}")


def approved(doc: DocxDocument, position: str, name: str, school: str) -> None:
    """The «УТВЕРЖДАЮ» block, top right."""
    for text in ("УТВЕРЖДАЮ", f"{position or 'Директор'} {school}".strip(), f"____________ {name or '______________'}",
                 "«____» ____________ 20___ г."):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
