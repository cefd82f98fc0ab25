"""The practices bank («методическая копилка») as a .docx to print or send."""
from __future__ import annotations

import pandas as pd

from .style import new_document, to_bytes


def practices_docx(bank: pd.DataFrame, *, school: str, title: str = "Методическая копилка: практики наставничества") -> bytes:
    doc = new_document(school, title=title)              # A4, Times New Roman 14, page numbers
    doc.add_heading(title, level=1)
    doc.add_paragraph(school)
    for r in bank.itertuples(index=False):
        doc.add_heading(str(r.title or r.topic or "Практика"), level=2)
        meta = "; ".join(x for x in (f"учебный год {r.year}", f"тема: {r.topic}" if r.topic else "",
                                     f"предмет: {r.subject}" if r.subject else "", f"авторы: {r.authors}" if r.authors else "")
                         if x)
        doc.add_paragraph(meta).runs[0].italic = True
        if r.description:
            doc.add_paragraph(str(r.description))   # python-docx stores text as text: nothing is interpreted
    return to_bytes(doc)
