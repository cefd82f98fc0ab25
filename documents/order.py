"""The draft order «О закреплении наставнических пар/групп» (.docx), ready to sign (stage 1)."""
from __future__ import annotations

from datetime import date

import pandas as pd
from docx.enum.text import WD_ALIGN_PARAGRAPH

from analysis.duties import consented
from documents.plan import Signers, write_plan
from documents.style import centered, new_document, signature, table, to_bytes

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря")


def _date_words(d: date) -> str:
    return f"«{d.day:02d}» {MONTHS[d.month - 1]} {d.year} г."


APPENDIX = "Приложение {n} к приказу от «___» ____________ 20___ г. № ______"


def order_docx(pairs: pd.DataFrame, *, school: str, year: str, today: date, signers: Signers = Signers(),
               plans=(), program=None) -> bytes:
    """`pairs`: group, mentor_name, mentee_name, topic (one row per mentee); `plans`: ППН (analysis.plans.Plan) of
    `program`, each its own appendix (2, 3, …) as Russian orders number them. Returns the .docx bytes (A4, the one
    document style)."""
    doc = new_document(school, title="О закреплении наставнических пар/групп")

    centered(doc, school, bold=True)
    centered(doc, "ПРИКАЗ", bold=True, size=16)
    p = doc.add_paragraph(f"{_date_words(today)}\t\t\t\t\t\t№ ______")
    centered(doc, "О закреплении наставнических пар/групп", bold=True)
    doc.add_paragraph(
        "В соответствии с Положением о системе наставничества педагогических работников, "
        f"в целях реализации дорожной карты системы наставничества в {year} учебном году")
    doc.add_paragraph("ПРИКАЗЫВАЮ:").runs[0].bold = True
    plans = list(plans)
    listed = set(pairs.get("group", pd.Series(dtype=object)).dropna().astype(str))
    covered = listed <= {p.group for p in plans}
    first = "приложению 1" if plans else "приложению"
    numbers = "приложение 2" if len(plans) == 1 else f"приложения 2–{len(plans) + 1}"
    signed = consented(program) if program is not None else None
    items = [
        f"Закрепить наставнические пары/группы согласно {first} к настоящему приказу с письменного согласия их "
        "участников на возложение на них дополнительных обязанностей, связанных с наставнической деятельностью.",
        (f"Утвердить персонализированные программы наставничества пар/групп ({numbers}); наставникам совместно с "
         "наставляемыми реализовать их." if plans and covered else
         "Наставникам совместно с наставляемыми разработать персонализированные программы наставничества "
         "в течение месяца со дня издания приказа" + ("" if not plans else
                                                       f" (программы утверждённых ранее пар/групп — {numbers})") + "."),
        (f"Куратору программы наставничества {signers.curator}" if signers.curator else
         "Ответственным за организацию наставничества") + " обеспечить методическое сопровождение пар/групп "
        "и мониторинг реализации программ.",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
    ]
    for i, text in enumerate(items, start=1):
        doc.add_paragraph(f"{i}. {text}")
    signature(doc, signers.head_position, signers.head_name)
    doc.add_paragraph()
    doc.add_paragraph("С приказом ознакомлены:")
    people = list(dict.fromkeys([*pairs.get("mentor_name", pd.Series(dtype=object)).dropna().astype(str),
                                 *pairs.get("mentee_name", pd.Series(dtype=object)).dropna().astype(str)]))
    for name in people:
        doc.add_paragraph(f"{name}\t____________\t«___» ____________ 20___ г.")

    doc.add_page_break()
    p = doc.add_paragraph(APPENDIX.format(n=1) if plans else APPENDIX.replace(" {n}", ""))
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    centered(doc, f"Наставнические пары/группы на {year} учебный год", bold=True)
    header = ["№", "Пара/группа", "Наставник", "Наставляемый", "Тема программы"]
    if signed is not None:
        header.append("Письменное согласие на участие")

    def text(value) -> str:
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    rows = []
    ordered = pairs.sort_values(["group", "mentor_name", "mentee_name"], kind="stable")
    for i, r in enumerate(ordered.to_dict("records"), start=1):
        values = [str(i), *(text(r.get(k)) for k in ("group", "mentor_name", "mentee_name", "topic"))]
        if signed is not None:
            lacking = [word for role, word in (("mentor", "наставника"), ("mentee", "наставляемого"))
                       if str(r.get(f"{role}_id") or "") not in signed]
            values.append("получено" if not lacking else "нет согласия " + " и ".join(lacking))
        rows.append(values)
    table(doc, header, rows, [0.9, 1.8, 3.6, 3.6, 3.6, 3.0] if signed is not None else [0.9, 2.0, 4.3, 4.3, 5.0])
    for n, plan in enumerate(plans, start=2):
        doc.add_page_break()
        p = doc.add_paragraph(APPENDIX.format(n=n))
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        write_plan(doc, plan, program, school=school, signers=signers, approve=False)
    return to_bytes(doc)


def curator_order_docx(*, school: str, year: str, today: date, signers: Signers = Signers()) -> bytes:
    """The draft order «О назначении куратора программы наставничества педагогических работников» (.docx): the
    curator named in the year's settings ([mentoring] curator), a line to fill when unset; the duties as the
    school's Положение and Р-145 give them (monitoring in two stages, the curator's questionnaire, the SWOT)."""
    doc = new_document(school, title="О назначении куратора программы наставничества")
    centered(doc, school, bold=True)
    centered(doc, "ПРИКАЗ", bold=True, size=16)
    doc.add_paragraph(f"{_date_words(today)}\t\t\t\t\t\t№ ______")
    centered(doc, "О назначении куратора программы наставничества педагогических работников", bold=True)
    doc.add_paragraph("В соответствии с Положением о системе наставничества педагогических работников, в целях "
                      f"реализации дорожной карты системы наставничества в {year} учебном году")
    doc.add_paragraph("ПРИКАЗЫВАЮ:").runs[0].bold = True
    who = signers.curator or "____________________________"
    for i, text in enumerate([
        f"Назначить куратором программы наставничества педагогических работников на {year} учебный год {who}.",
        "Куратору: сформировать банки наставляемых и наставников; организовать подбор наставнических пар (групп) с "
        "письменного согласия участников и разработку персонализированных программ наставничества; провести "
        "мониторинг в два этапа, заполнить анкету куратора и провести SWOT-анализ программы (распоряжение "
        "Минпросвещения России от 25.12.2019 № Р-145, раздел о мониторинге); представить аналитическую справку по "
        "итогам года.",
        "Контроль за исполнением настоящего приказа оставляю за собой.",
    ], start=1):
        doc.add_paragraph(f"{i}. {text}")
    signature(doc, signers.head_position, signers.head_name)
    doc.add_paragraph()
    doc.add_paragraph("С приказом ознакомлен(а):")
    doc.add_paragraph(f"{signers.curator or '____________________'}\t____________\t«___» ____________ 20___ г.")
    return to_bytes(doc)
