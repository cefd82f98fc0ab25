"""The personalized mentoring program (ППН) of a pair/group as an A4 .docx, one per pair or all in one bundle.

In the one document style (`documents.style`: A4, Times New Roman 14, 12 in tables, page numbers, the school
as author), with the «УТВЕРЖДАЮ» block of the head and the curator named (`Signers`). The sections are those of
`analysis.plans` (goal, tasks, form and type, participants, difficulties and
strengths, plan of activities, expected results, how results are summed up), then the signatures.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd
from docx.document import Document as DocxDocument

from analysis.config import outside_default
from analysis.mentoring_forms import form_words
from analysis.plans import Plan
from analysis.program import Program

from .style import approved, centered, new_document, table, to_bytes
SECTION_TITLES = ("Цель", "Задачи", "Форма и вид наставничества", "Участники", "Направления наставнической деятельности",
                  "Затруднения наставляемого", "Сильные стороны", "План мероприятий", "Ожидаемые результаты",
                  "Подведение итогов")
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Signers:
    """Who signs: the head of the school ([school] head_position, head_name) and the year's curator
    ([mentoring] curator); an empty name leaves a line to sign by hand."""
    head_position: str = "Директор"
    head_name: str = ""
    curator: str = ""
    config: object = None                     # the year's config: which form each role model belongs to

    @classmethod
    def of(cls, config) -> "Signers":
        return cls(config.school.head_position, config.school.head_name, config.mentoring.curator, config)

    def form_of(self, role_model: str) -> str:
        """«педагог – педагог, ролевая модель «…»» for the plan's role model (the bundled rules without a config)."""
        return form_words(role_model, outside_default(self.config))


def _heading(doc: DocxDocument, number: int, text: str) -> None:
    doc.add_paragraph().add_run(f"{number}. {text}").bold = True


def _date(value: object) -> str:
    when = pd.to_datetime(value, errors="coerce")
    return when.strftime("%d.%m.%Y") if pd.notna(when) else ""


def write_plan(doc: DocxDocument, plan: Plan, program: Program, *, school: str, signers: Signers = Signers(),
               approve: bool = True) -> None:
    """One ППН into `doc` (the caller starts a new page between plans); `approve`: its own «УТВЕРЖДАЮ» block (not
    in an order's appendix: the order approves it)."""
    if approve:
        approved(doc, signers.head_position, signers.head_name, school)
    if school:
        centered(doc, school, bold=True)
    centered(doc, "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True)
    centered(doc, f"Пара/группа {plan.group}" + (f", {program.year} учебный год" if program.year else ""))
    if plan.topic:
        centered(doc, f"Тема: «{plan.topic}»")
    if plan.start is not None and plan.end is not None:
        centered(doc, f"Срок реализации: с {_date(plan.start)} по {_date(plan.end)}")
    people = [f"{role}: {name}" + (f" ({plan.about[name]})" if plan.about.get(name) else "")
              for role, name in plan.participants]
    people.append(f"Куратор программы наставничества: {signers.curator or '____________________'}")
    sections: list[tuple[str, list[str] | None]] = [
        (SECTION_TITLES[0], [plan.goal]),
        (SECTION_TITLES[1], [f"{i}) {t}" for i, t in enumerate(plan.tasks, start=1)]),
        (SECTION_TITLES[2], [f"Форма: {signers.form_of(plan.form)}"
                             + ("" if str(plan.form or "").strip() else ", ролевая модель определяется куратором")
                             + f"; вид: {plan.type or 'определяется куратором'}."]),
        (SECTION_TITLES[3], people),
        (SECTION_TITLES[4], [f"{i}) {t}" for i, t in enumerate(plan.directions, start=1)] or
         ["по затруднениям из запроса наставляемого"]),
        (SECTION_TITLES[5], plan.difficulties or ["уточняются на входной диагностике"]),
        (SECTION_TITLES[6], plan.strengths or ["уточняются на входной диагностике"]),
        (SECTION_TITLES[7], None),
        (SECTION_TITLES[8], [f"{i}) {t}" for i, t in enumerate(plan.expected, start=1)]),
        (SECTION_TITLES[9], [plan.summing_up or "итоговая встреча, рефлексия и итоговые анкеты"]),
    ]
    for number, (title, lines) in enumerate(sections, start=1):
        _heading(doc, number, title)
        if lines is None:
            items = plan.items.sort_values("due", kind="stable", na_position="last")
            aimed = items["addresses"] if "addresses" in items else pd.Series("", index=items.index)
            table(doc, ["№", "Мероприятие", "На какое затруднение направлено", "Срок", "Форма работы",
                         "Ответственный", "Отметка о выполнении"],
                   [[str(i), str(r.activity), str(a or ""), _date(r.due), str(r.format or ""),
                     str(r.responsible or ""), "выполнено" if r.done else ""]
                    for i, (r, a) in enumerate(zip(items.itertuples(index=False), aimed), start=1)],
                   [0.8, 4.2, 3.4, 2.2, 2.3, 2.2, 1.9])
            continue
        for line in lines:
            doc.add_paragraph(line)
    doc.add_paragraph()
    for role, name in plan.participants:
        doc.add_paragraph(f"{role}\t____________ / {name}")
    doc.add_paragraph(f"Куратор программы наставничества\t____________ / {signers.curator or '____________'}")


def plan_docx(plan: Plan, program: Program, *, school: str, signers: Signers = Signers()) -> bytes:
    """One pair's/group's ППН as an A4 .docx."""
    doc = new_document(school, title=f"ППН {plan.group}")
    write_plan(doc, plan, program, school=school, signers=signers)
    return to_bytes(doc)


def plans_bundle(plans: Iterable[Plan], program: Program, *, school: str, signers: Signers = Signers()) -> bytes:
    """Every plan in one A4 .docx, each from a new page."""
    doc = new_document(school, title="Персонализированные программы наставничества")
    for i, plan in enumerate(plans):
        if i:
            doc.add_page_break()
        write_plan(doc, plan, program, school=school, signers=signers)
    return to_bytes(doc)
